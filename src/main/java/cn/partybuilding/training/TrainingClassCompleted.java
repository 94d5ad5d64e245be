package cn.partybuilding.training;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A member attended enough sessions of a training class to complete it (once per member and class): the 纪实
 * records it, and the class's certificate is issued. {@code accountId} is null for a member without an account.
 */
public record TrainingClassCompleted(long classId, String title, long organizationId, long memberId, Long accountId,
		String memberName, BigDecimal hours, BigDecimal requiredHours, Instant at) {
}
