package cn.partybuilding.orglife;

import java.time.Instant;
import java.util.List;

import cn.partybuilding.shared.AuditableEvent;

/**
 * A meeting was planned and these members invited: the audit log records it (its {@code summary}, in the
 * Chinese the log is kept in), the invitees are told.
 */
public record MeetingPlanned(long meetingId, String organizationName, MeetingType type, String topic, Instant startAt,
		String place, List<Long> inviteeMemberIds, String organiser, String summary) implements AuditableEvent {

	@Override
	public String action() {
		return "meeting.create";
	}

	@Override
	public String entityType() {
		return "meeting";
	}

	@Override
	public String entityId() {
		return Long.toString(meetingId);
	}
}
