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

	/** The outcome as the file keeps it (stored text, in Chinese like the documents). */
	String describe() {
		Outcome o = outcome();
		if (!o.quorate()) {
			return "到会有表决权的正式党员 " + present + " 人，未超过应到会 " + expected + " 人的半数，不能表决";
		}
		return (o.passed() ? "表决通过" : "表决未通过") + "：应到会有表决权的正式党员 " + expected + " 人，实到 " + present
				+ " 人；赞成 " + yes + " 票、反对 " + no + " 票、弃权 " + abstain + " 票，书面意见赞成 " + writtenYes + "、反对 "
				+ writtenNo + "；赞成共 " + o.yesCounted() + " 票，" + (o.passed() ? "" : "未") + "超过应到会人数的半数（须 "
				+ o.needed() + " 票）";
	}
}
