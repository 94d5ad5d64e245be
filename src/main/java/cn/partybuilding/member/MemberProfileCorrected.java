package cn.partybuilding.member;

import java.time.Instant;

import cn.partybuilding.shared.AuditableEvent;

/** A member's profile was corrected by an administrator (a change of branch included); names the fields only. */
public record MemberProfileCorrected(long memberId, long organizationBefore, long organizationAfter, String summary,
		String actor, Instant at)
		implements AuditableEvent {

	@Override
	public String action() {
		return organizationBefore == organizationAfter ? "member.update" : "member.move";
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
