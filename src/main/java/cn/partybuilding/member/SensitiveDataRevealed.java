package cn.partybuilding.member;

import cn.partybuilding.shared.AuditableEvent;

/** Someone permitted to saw a member's full ID-card number and phone: a sensitive read, always audited. */
public record SensitiveDataRevealed(long memberId, String summary) implements AuditableEvent {

	@Override
	public String action() {
		return "member.reveal";
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
