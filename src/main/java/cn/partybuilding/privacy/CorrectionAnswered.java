package cn.partybuilding.privacy;

import cn.partybuilding.shared.MemberEvent;

/** A member's correction request was accepted or refused, with the reason the member sees. */
public record CorrectionAnswered(long correctionId, long memberId, long organizationId, boolean accepted,
		String summary) implements MemberEvent {

	@Override
	public String action() {
		return "privacy.correction.answer";
	}
}
