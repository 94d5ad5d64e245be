package cn.partybuilding.member;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A member's standing as other modules need it for rules (dues, transfers): no personal data beyond
 * the name.
 */
public record MemberSummary(long id, String name, long organizationId, Category category, MemberStatus status,
		LocalDate joinDate, Integer graduationYear, Long accountId, Instant registeredAt) {
}
