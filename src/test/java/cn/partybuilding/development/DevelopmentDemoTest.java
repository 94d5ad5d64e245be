package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;

/**
 * The demo's 发展党员 obeys the regulation: every file, replayed step by step through {@link DevelopmentPath},
 * breaks no rule; people stand at every step; branch1 has a 支部大会 vote waiting; applicant1 signs in as an
 * activist; the admitted are members with the vote's date.
 */
class DevelopmentDemoTest extends PlatformTest {

	@Autowired
	Applicants applicants;

	@Autowired
	RecordedSteps steps;

	@Autowired
	DevelopmentRules rules;

	@Autowired
	Clock clock;

	@Test
	void everyDemoFileObeysTheRulesWhenReplayed() {
		LocalDate today = LocalDate.now(clock);
		Set<Integer> lastDone = new HashSet<>();
		Set<Stage> stages = new HashSet<>();
		List<Applicant> demo = applicants.findAll().stream().filter(a -> !a.staffNumber().startsWith("S")).toList();
		assertThat(demo).hasSizeBetween(280, 320);
		for (Applicant person : demo) {
			List<RecordedStep> done = steps.findByApplicantIdOrderById(person.id());
			List<DevelopmentPath.Recorded> replayed = new ArrayList<>();
			for (RecordedStep s : done) {
				DevelopmentPath path = new DevelopmentPath(person.birthDate(), replayed, rules);
				var v = s.view();
				List<DevelopmentPath.Nominee> people = v.memberIds().isEmpty() ? null
						: v.memberIds().stream().map(id -> new DevelopmentPath.Nominee(id, true, false)).toList();
				var request = new DevelopmentPath.Request(s.step(), s.doneOn(), v.decision(), v.reason(), v.note(), people,
						v.days(), v.hours(), v.vote(), v.extensionMonths(), v.noticeFrom());
				assertThat(path.check(request, today)).as("%s step %d on %s", person.name(), v.step(), v.date()).isEmpty();
				replayed.add(s.recorded());
			}
			DevelopmentPath path = new DevelopmentPath(person.birthDate(), replayed, rules);
			if (person.closed() == null) {
				assertThat(person.stage()).as(person.name()).isEqualTo(path.stage());
				assertThat(person.nextStep()).isEqualTo(path.next() == null ? null : path.next().number());
			}
			stages.add(person.stage());
			lastDone.add(done.stream().filter(RecordedStep::approved).mapToInt(s -> s.step().number()).max().orElse(0));
			// who has been admitted is a member with the admitting vote's date, probationary until converted
			if (path.joinDate().isPresent()) {
				assertThat(person.memberId()).isNotNull();
				String member = jdbc.sql("select status || ' ' || join_date from member where id = ?").param(person.memberId())
					.query(String.class).single();
				String status = person.closed() != null ? "PROBATIONARY" : person.stage() == Stage.FULL ? "FULL" : "PROBATIONARY";
				assertThat(member).isEqualTo(status + " " + path.joinDate().get());
			}
		}
		assertThat(stages).containsExactlyInAnyOrder(Stage.values());
		for (int step = 1; step <= 25; step++) {
			assertThat(lastDone).as("someone's last step is %d", step).contains(step);
		}
		assertThat(demo.stream().filter(a -> DevelopmentPeople.overdue(a, today)).count()).isBetween(3L, 40L);
		// some next steps are possible today at each level, some wait
		for (Step.Level level : Step.Level.values()) {
			assertThat(demo.stream().filter(a -> a.nextStep() != null && Step.numbered(a.nextStep()).level() == level
					&& (a.nextPossible() == null || !a.nextPossible().isAfter(today)))).as(level.name()).isNotEmpty();
		}
		assertThat(demo.stream().filter(a -> a.nextPossible() != null && a.nextPossible().isAfter(today))).isNotEmpty();
		assertThat(jdbc.sql("select count(*) from development_step where extension_months = 6").query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from development_step where decision = 'RETURNED'").query(Long.class).single())
			.isPositive();
		assertThat(demo.stream().filter(a -> "CANCELLED".equals(a.closed()))).hasSize(1);
	}

	@Test
	void aVoteWaitsForBranch1AndApplicant1IsAnActivist() throws Exception {
		long jsj01 = orgId("SFDX-JSJ-01");
		Optional<Applicant> waiting = applicants.findAll().stream()
			.filter(a -> a.organizationId() == jsj01 && Integer.valueOf(15).equals(a.nextStep()) && a.nextPossible() == null
					&& a.staffNumber().startsWith("A")) // the demo's, not another test's
			.findFirst();
		assertThat(waiting).isPresent();
		mvc.perform(get("/api/v1/development/people/{id}", waiting.get().id()).with(login("branch1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stage").value("CANDIDATE"))
			.andExpect(jsonPath("$.steps.length()").value(14))
			.andExpect(jsonPath("$.next.step").value(15));

		mvc.perform(get("/api/v1/development/me").with(login("applicant1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stage").value("ACTIVIST"))
			.andExpect(jsonPath("$.organizationId").value(jsj01))
			.andExpect(jsonPath("$.steps[2].step").value(3))
			.andExpect(jsonPath("$.steps[4].step").value(5))
			.andExpect(jsonPath("$.steps[4].memberIds.length()").value(2))
			.andExpect(jsonPath("$.next.step").value(6));
		// applicant1 keeps up with the 思想汇报; other activists and candidates of the branch owe theirs
		mvc.perform(get("/api/v1/development/me/reports").with(login("applicant1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.periods[?(@.state == 'MISSING')]").isEmpty())
			.andExpect(jsonPath("$.periods[?(@.state == 'HANDED_IN')]").isNotEmpty());
	}
}
