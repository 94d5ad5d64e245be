package cn.partybuilding.member;

import java.time.Instant;

import cn.partybuilding.shared.AuditableEvent;

/** A member's profile was created, with their account; the summary never holds sensitive values. */
public record MemberRegistered(long memberId, long organizationId, String summary, String actor, Instant at)
		implements AuditableEvent {

	@Override
	public String action() {
		return "member.create";
	}

	@Override
	public String entityType() {
		return "member";
	}

	@Override
	public String entityId() {
		return Long.toString(memberId);
	}
}
