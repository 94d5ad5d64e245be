package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.ConflictProblem;

/**
 * The secret ballot at the database level (issue 19, for the 民主评议 of issue 20): after twenty votes no column, no
 * physical order, no writing transaction and no sequence of the tables lines a voter up with their ballot.
 */
class AnonymousBallotsTest extends PlatformTest {

	private static final int VOTERS = 20;

	@Autowired
	private AnonymousBallots ballots;

	@Test
	void noQueryOverTheTablesLinksAVoterToTheirBallot() {
		long box = ballots.open("test", UUID.randomUUID().toString());
		long firstVoter = 9_000_000_000L + (System.nanoTime() % 1_000_000) * 100;
		List<Long> voterXmins = new ArrayList<>();
		for (int i = 0; i < VOTERS; i++) {
			ballots.cast(box, firstVoter + i, null, "{\"grade\":\"ballot-" + i + "\"}");
			voterXmins.add(jdbc.sql("select xmin::text::bigint from interaction_ballot_voter where box_id = ? and account_id = ?")
				.params(box, firstVoter + i).query(Long.class).single());
			if (i == 4) {
				// a held ballot is sealed: a database reader cannot read it beside the voter row of its transaction
				assertThat(jdbc.sql("""
						select count(*) from interaction_ballot_pending
						where box_id = ? and position(convert_to('ballot-', 'UTF8') in sealed) > 0""").param(box)
					.query(Long.class).single()).isZero();
				assertThat(jdbc.sql("select count(*) from interaction_ballot where box_id = ?").param(box)
					.query(Long.class).single()).isZero();
			}
		}
		// twice the batch size held: one batch was counted, chosen at random from the twenty
		BallotBox half = ballots.box(box).orElseThrow();
		assertThat(half.voters()).isEqualTo(VOTERS);
		assertThat(half.counted()).isEqualTo(10);
		assertThat(half.held()).isEqualTo(10);
		ballots.close(box);
		assertThat(ballots.box(box).orElseThrow().counted()).isEqualTo(VOTERS);

		// the ballot table has no column but the box and the content: no id, no key, no time, no sequence
		assertThat(columns("interaction_ballot")).containsExactlyInAnyOrder("box_id", "content");
		assertThat(columns("interaction_ballot_voter")).containsExactlyInAnyOrder("box_id", "account_id", "org_id");
		assertThat(jdbc.sql("""
				select count(*) from information_schema.columns
				where table_name in ('interaction_ballot', 'interaction_ballot_voter')
				  and (data_type like 'timestamp%' or data_type in ('date', 'time', 'uuid') or column_default is not null)""")
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'interaction_ballot' and indexdef like '%UNIQUE%'")
			.query(Long.class).single()).isZero();

		// the physical order of the ballots is not the order of the votes
		List<Integer> byCtid = jdbc.sql("select content from interaction_ballot where box_id = ? order by ctid").param(box)
			.query(String.class).list().stream()
			.map(c -> Integer.valueOf(c.replaceAll("\\D", "")))
			.toList();
		assertThat(byCtid).containsExactlyInAnyOrderElementsOf(range());
		assertThat(byCtid).isNotEqualTo(range());
		int inPlace = 0;
		for (int i = 0; i < VOTERS; i++) {
			inPlace += byCtid.get(i) == i ? 1 : 0;
		}
		assertThat(inPlace).as("ballots where the physical order puts them at their voter's place").isLessThan(8);

		// nor do the writing transactions line them up: the twenty ballots were written by two statements
		Set<Long> ballotXmins = new HashSet<>(jdbc.sql("select xmin::text::bigint from interaction_ballot where box_id = ?")
			.param(box).query(Long.class).list());
		assertThat(ballotXmins).hasSizeLessThanOrEqualTo(2);
		Set<Long> shared = new HashSet<>(ballotXmins);
		shared.retainAll(voterXmins);
		assertThat(shared).as("the counting in the last voter's transaction is the only one a voter row shares")
			.hasSizeLessThanOrEqualTo(1);
		assertThat(jdbc.sql("select count(*) from interaction_ballot_pending where box_id = ?").param(box)
			.query(Long.class).single()).isZero();
	}

	@Test
	void aVoterVotesOnceAndNobodyVotesInAClosedBox() {
		long box = ballots.open("test", UUID.randomUUID().toString());
		long voter = 8_000_000_000L + System.nanoTime() % 1_000_000;
		ballots.cast(box, voter, null, "{\"grade\":\"EXCELLENT\"}");
		assertThat(ballots.hasVoted(box, voter)).isTrue();
		assertThatThrownBy(() -> ballots.cast(box, voter, null, "{\"grade\":\"QUALIFIED\"}"))
			.isInstanceOf(ConflictProblem.class);
		ballots.close(box);
		assertThat(ballots.counted(box)).containsExactly("{\"grade\":\"EXCELLENT\"}");
		assertThatThrownBy(() -> ballots.cast(box, voter + 1, null, "{\"grade\":\"QUALIFIED\"}"))
			.isInstanceOf(ConflictProblem.class);
		assertThat(ballots.box(box).orElseThrow().voters()).isEqualTo(1);
	}

	private List<String> columns(String table) {
		return jdbc.sql("select column_name from information_schema.columns where table_name = ?").param(table)
			.query(String.class).list();
	}

	private static List<Integer> range() {
		List<Integer> range = new ArrayList<>();
		for (int i = 0; i < VOTERS; i++) {
			range.add(i);
		}
		return range;
	}
}
