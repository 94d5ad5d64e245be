package cn.partybuilding.learning;

import java.time.Instant;

/** A person finished every required material of a weekly study outline ({@code onTime}: by its due date). */
public record OutlineFinished(long accountId, Long memberId, long outlineId, String week, String title,
		boolean onTime, Instant at) {
}
