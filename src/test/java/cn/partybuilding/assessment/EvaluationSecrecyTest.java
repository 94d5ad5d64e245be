package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The secret ballot of the 民主评议 at the database level: after the votes no query over the tables links a voter to
 * what they voted; the tally writes counts only; the sweep closes an evaluation once; the grades reach the 纪实.
 */
class EvaluationSecrecyTest extends PlatformTest {

	private static final AtomicInteger YEARS = new AtomicInteger(2061);

	private static final List<String> CONTENTS = List.of("EXCELLENT", "QUALIFIED", "BASICALLY_QUALIFIED", "UNQUALIFIED",
			"ABSTAIN");

	@Autowired
	private DemocraticEvaluations evaluations;

	@Autowired
	private Evaluations internals;

	@Autowired
	private EvaluationCloser closer;

	private EvaluationFixture fixture;

	private long branch;

	private Caller branch1;

	@BeforeEach
	void setUp() {
		fixture = new EvaluationFixture(evaluations, jdbc);
		branch = orgId("SFDX-JSJ-01");
		branch1 = callerFor("branch1", Role.BRANCH_SECRETARY, branch);
	}

	private Caller callerFor(String username, Role role, long orgId) {
		long account = jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
		return new Caller(account, username, username, List.of(new Caller.Grant(role, orgId)));
	}

	private long open() {
		return evaluations.create(branch1, branch, YEARS.getAndIncrement(), Instant.now().minusSeconds(60),
				Instant.now().plus(Duration.ofDays(2)));
	}

	private List<String> columns(String table) {
		return jdbc.sql("select column_name from information_schema.columns where table_name = ?").param(table)
			.query(String.class).list();
	}

	@Test
	@DisplayName("民主评议无记名投票：no query over the tables links a voter to a ballot, nor tells whom a ballot leaves out")
	void noQueryLinksAVoterToTheirBallot() {
		long id = open();
		List<Long> voters = fixture.otherFullMembers(branch, -1, 12);
		assertThat(voters).hasSize(12);
		List<Long> voterAccounts = new ArrayList<>();
		// each voter grades the first of the others with a grade of their own pattern
		for (int v = 0; v < voters.size(); v++) {
			Map<Long, EvaluationGrade> grades = new HashMap<>();
			for (int o = 0; o < voters.size(); o++) {
				if (o != v && (o + v) % 5 != 0) {
					grades.put(voters.get(o), EvaluationGrade.values()[(o * v) % 4]);
				}
			}
			fixture.vote(voters.get(v), id, grades);
			voterAccounts.add(fixture.callerOf(voters.get(v)).accountId());
		}
		long evaluationBox = jdbc.sql("select box_id from assessment_evaluation where id = ?").param(id)
			.query(Long.class).single();
		List<Long> memberBoxes = jdbc.sql("select box_id from assessment_evaluation_box where evaluation_id = ?")
			.param(id).query(Long.class).list();

		// the assessment tables hold no voter: no account, no voter column anywhere; no grade beside a person before the close
		for (String table : List.of("assessment_evaluation", "assessment_evaluation_box", "assessment_evaluation_self",
				"assessment_evaluation_result")) {
			assertThat(columns(table)).as(table).noneMatch(c -> c.contains("account") || c.contains("voter"));
		}
		assertThat(jdbc.sql("select count(*) from assessment_evaluation_result where evaluation_id = ?").param(id)
			.query(Long.class).single()).isZero();
		// who voted is known to the evaluation's box alone, which holds no ballot at all
		assertThat(jdbc.sql("select count(*) from interaction_ballot_voter where box_id = ?").param(evaluationBox)
			.query(Long.class).single()).isEqualTo(12);
		assertThat(jdbc.sql("select count(*) from interaction_ballot where box_id = ?").param(evaluationBox)
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from interaction_ballot_pending where box_id = ?").param(evaluationBox)
			.query(Long.class).single()).isZero();

		evaluations.close(branch1, id);

		// a counted ballot is a grade and nothing else: no member id, no voter, so not even whom it leaves out
		List<String> contents = jdbc.sql("select content from interaction_ballot where box_id = any (?)")
			.param(memberBoxes.toArray(Long[]::new)).query(String.class).list();
		assertThat(contents).isNotEmpty().allMatch(CONTENTS::contains);
		// the only column a voter row and a ballot share is the box: within a box each voter matches every ballot alike
		assertThat(columns("interaction_ballot")).containsExactlyInAnyOrder("box_id", "content");
		for (Long box : memberBoxes) {
			Set<Long> links = new HashSet<>(jdbc.sql("""
					select count(*) from interaction_ballot_voter v join interaction_ballot b on b.box_id = v.box_id
					where v.box_id = ? group by v.account_id""").param(box).query(Long.class).list());
			long ballots = jdbc.sql("select count(*) from interaction_ballot where box_id = ?").param(box)
				.query(Long.class).single();
			assertThat(links).as("ballots each voter of box %d could have cast", box).containsExactly(ballots);
			assertThat(ballots).isGreaterThanOrEqualTo(11);
		}
		// no row of the assessment tables names a voter's account
		for (String table : List.of("assessment_evaluation", "assessment_evaluation_box", "assessment_evaluation_self",
				"assessment_evaluation_result")) {
			String text = String.join(" ", jdbc.sql("select t::text from " + table + " t").query(String.class).list());
			assertThat(text).doesNotContainPattern("member-\\d");
		}
		assertThat(jdbc.sql("select count(*) from interaction_ballot_pending where box_id = any (?)")
			.param(memberBoxes.toArray(Long[]::new)).query(Long.class).single()).isZero();

		// the counts add up: eleven ballots for each voter, counts only in the results
		assertThat(columns("assessment_evaluation_result")).containsExactlyInAnyOrder("evaluation_id", "member_id",
				"excellent", "qualified", "basically_qualified", "unqualified", "abstained", "proposed_grade", "step",
				"note", "approved_grade");
		for (Long voter : voters) {
			assertThat(jdbc.sql("""
					select excellent + qualified + basically_qualified + unqualified + abstained
					from assessment_evaluation_result where evaluation_id = ? and member_id = ?""").params(id, voter)
				.query(Integer.class).single()).isEqualTo(11);
		}
		// and the audit log says who voted, never what
		assertThat(jdbc.sql("""
				select count(*) from audit_event where action = 'assessment.evaluation.vote' and entity_id = ?
				  and (summary like '%EXCELLENT%' or summary like '%QUALIFIED%')""").param(Long.toString(id))
			.query(Long.class).single()).isZero();
		assertThat(voterAccounts).hasSize(12);
	}

	@Test
	@DisplayName("民主评议按期结束：the sweep closes and tallies an evaluation past its close once")
	void theSweepClosesOnce() {
		long id = open();
		List<Long> voters = fixture.otherFullMembers(branch, -1, 3);
		fixture.vote(voters.get(0), id, Map.of(voters.get(1), EvaluationGrade.EXCELLENT));
		jdbc.sql("update assessment_evaluation set opens_at = now() - interval '2 days', closes_at = now() - interval '1 second' where id = ?")
			.param(id).update();
		closer.sweep();
		Timestamp tallied = jdbc.sql("select tallied_at from assessment_evaluation where id = ?").param(id)
			.query(Timestamp.class).single();
		assertThat(tallied).isNotNull();
		assertThat(jdbc.sql("select excellent from assessment_evaluation_result where evaluation_id = ? and member_id = ?")
			.params(id, voters.get(1)).query(Integer.class).single()).isEqualTo(1);
		long rows = jdbc.sql("select count(*) from assessment_evaluation_result where evaluation_id = ?").param(id)
			.query(Long.class).single();
		closer.sweep();
		assertThat(internals.tally(id)).isFalse();
		assertThat(internals.due(1000)).doesNotContain(id);
		assertThat(jdbc.sql("select tallied_at from assessment_evaluation where id = ?").param(id)
			.query(Timestamp.class).single()).isEqualTo(tallied);
		assertThat(jdbc.sql("select count(*) from assessment_evaluation_result where evaluation_id = ?").param(id)
			.query(Long.class).single()).isEqualTo(rows);
	}

	@Test
	@DisplayName("记录一次：the proposed and the approved grade are lines of the member's 纪实, with the step for 不合格")
	void theGradesReachTheChronicle() {
		long id = open();
		evaluations.close(branch1, id);
		Map<Long, EvaluationGrade> suggested = evaluations.suggested(branch1, id);
		long first = suggested.keySet().iterator().next();
		List<EvaluationProposal> proposals = new ArrayList<>();
		suggested.keySet().forEach(m -> proposals.add(m == first
				? new EvaluationProposal(m, EvaluationGrade.UNQUALIFIED, EvaluationStep.RECTIFY, "限期三个月改正")
				: new EvaluationProposal(m, EvaluationGrade.EXCELLENT, null, null)));
		evaluations.propose(branch1, id, proposals);
		evaluations.approve(callerFor("college1", Role.GENERAL_BRANCH_ADMIN, orgId("SFDX-JSJ")), id);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(jdbc.sql("""
					select title || ' ' || detail from record_entry
					where member_id = ? and source_type = 'evaluation' and source_id = ? order by id""")
				.params(first, Long.toString(id)).query(String.class).list()).hasSize(2)
				.anyMatch(l -> l.contains("支部委员会建议评定为不合格") && l.contains("限期改正") && l.contains("限期三个月改正"))
				.anyMatch(l -> l.contains("审定为不合格"));
			assertThat(jdbc.sql("""
					select count(*) from record_entry where source_type = 'evaluation' and source_id = ?
					  and kind = 'EVALUATION_APPROVED'""").param(Long.toString(id)).query(Long.class).single())
				.isEqualTo(suggested.size());
		});
		// the audit files them under the member
		assertThat(jdbc.sql("""
				select count(*) from audit_event where action = 'assessment.evaluation.approve' and entity_type = 'member'
				  and entity_id = ?""").param(Long.toString(first)).query(Long.class).single()).isGreaterThanOrEqualTo(1);
	}
}
