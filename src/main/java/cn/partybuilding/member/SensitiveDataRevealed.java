package cn.partybuilding.member;

import java.util.Collection;
import java.util.List;

import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.PersonalDataSeen;

/**
 * Someone permitted to saw a member's full ID-card number and phone, for the reason they gave: a sensitive read,
 * always audited, and shown to the member among who looked at their data.
 */
public record SensitiveDataRevealed(long memberId, String summary, String reason) implements AuditableEvent, PersonalDataSeen {

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

	@Override
	public Kind kind() {
		return Kind.REVEAL;
	}

	@Override
	public Collection<Long> memberIds() {
		return List.of(memberId);
	}
}
