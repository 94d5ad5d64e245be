package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.time.Instant;

/** One completed attempt of a person: what another module shows of their tests (a development file). */
public record ExamResult(long examId, String title, String organizationName, int attempt, BigDecimal score,
		BigDecimal totalScore, BigDecimal passMark, boolean passed, Instant completedAt) {
}
