package cn.partybuilding.member;

import cn.partybuilding.shared.MemberEvent;

/** A departed member's ID-card number and phone were erased when the retention period ended: audited. */
public record MemberSensitiveDataErased(long memberId, String summary) implements MemberEvent {

	@Override
	public String action() {
		return "member.erase";
	}

	@Override
	public String actor() {
		return "system";
	}
}
