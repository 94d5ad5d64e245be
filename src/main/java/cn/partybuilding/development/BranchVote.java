package cn.partybuilding.development;

import java.util.ArrayList;
import java.util.List;

/**
 * A 支部大会's vote on one person (steps 15 and 23; 细则 §21), as the branch enters it: {@code expected} 正式党员
 * with a vote who should attend (应到会), {@code present} of them at the meeting, their votes, and the written
 * opinions of those absent. The platform, not the branch, decides whether it passed, and says why.
 */
record BranchVote(int expected, int present, int yes, int no, int abstain, int writtenYes, int writtenNo) {

	/** What the counts mean: whether the meeting could decide, and whether the person was admitted. */
	record Outcome(boolean quorate, boolean passed, int yesCounted, int needed) {
	}

	/** Counts that cannot be (more votes than people): one message key per problem, empty when consistent. */
	List<String> inconsistencies() {
		List<String> problems = new ArrayList<>();
		if (expected < 1 || present < 0 || yes < 0 || no < 0 || abstain < 0 || writtenYes < 0 || writtenNo < 0) {
			problems.add("development.vote.negative");
			return problems;
		}
		if (present > expected) {
			problems.add("development.vote.presentOverExpected");
		}
		if (yes + no + abstain > present) {
			problems.add("development.vote.votesOverPresent");
		}
		if (writtenYes + writtenNo > Math.max(0, expected - present)) {
			problems.add("development.vote.writtenOverAbsent");
		}
		return problems;
	}

	/**
	 * 到会有表决权的正式党员 must exceed half of 应到会 (quorum); the resolution passes when the yes votes — the
	 * written yes of absentees counted — exceed half of 应到会 (not of those present).
	 */
	Outcome outcome() {
		int needed = expected / 2 + 1;
		boolean quorate = present >= needed;
		int counted = yes + writtenYes;
		return new Outcome(quorate, quorate && counted >= needed, counted, needed);
	}
}
