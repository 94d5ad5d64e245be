package cn.partybuilding.privacy;

import cn.partybuilding.shared.MemberEvent;

/** A member asked for a correction of their data; it waits at their organisation. */
public record CorrectionRequested(long correctionId, long memberId, long organizationId, String summary)
		implements MemberEvent {

	@Override
	public String action() {
		return "privacy.correction.request";
	}
}
