package cn.partybuilding.learning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A weekly study outline published through {@link LearningRecords#publish}: {@code week} such as 2026-W49, the
 * required and optional materials, the due date, and when it was published ({@code publishedAt}: an outline of a
 * week already over is published without notifying anyone).
 */
public record OutlineOnFile(long orgId, String week, String title, String topic, List<Long> required,
		List<Long> optional, LocalDate dueOn, Instant publishedAt) {
}
