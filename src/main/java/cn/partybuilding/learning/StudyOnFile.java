package cn.partybuilding.learning;

import java.time.Instant;

/**
 * One line of study history brought from elsewhere ({@link LearningRecords#recordHistory}): an account studied a
 * material, finishing it at {@code at} ({@code finished}), or having begun it by then and not yet finished.
 */
public record StudyOnFile(long accountId, long materialId, Instant at, boolean finished) {
}
