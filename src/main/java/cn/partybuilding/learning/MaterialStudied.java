package cn.partybuilding.learning;

import java.time.Instant;

/**
 * A person finished a study material by its kind's rule (read for the time its length asks, or played through).
 * {@code memberId} when the person is a member: the 纪实 records it, and it counts as contact with their branch.
 */
public record MaterialStudied(long accountId, Long memberId, long materialId, MaterialKind kind, String title,
		Instant at) {
}
