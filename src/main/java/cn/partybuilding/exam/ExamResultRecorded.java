package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An attempt's result is complete: graded at submission, or when its last short answer was graded by hand.
 * {@code firstPass} is true for the first passing attempt of a person at an exam only, so the 纪实 and 学习 points
 * count a pass once; {@code feedsPoints} and {@code feedsRecord} say whether the exam's results go there at all.
 * {@code memberId} is null for someone who is not (yet) a member, such as an activist.
 */
public record ExamResultRecorded(long examId, String title, long organizationId, long attemptId, long accountId,
		Long memberId, String personName, BigDecimal score, BigDecimal totalScore, BigDecimal passMark, boolean passed,
		boolean firstPass, boolean feedsPoints, boolean feedsRecord, Instant at) {

	/** Full marks: worth more points than a bare pass. */
	public boolean fullMarks() {
		return score.compareTo(totalScore) >= 0;
	}
}
