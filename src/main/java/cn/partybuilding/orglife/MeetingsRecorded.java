package cn.partybuilding.orglife;

import java.time.Instant;
import java.util.List;

import cn.partybuilding.shared.AuditableEvent;

/**
 * Meetings held offline were recorded (补录) with their sign-in sheets: each attendee's 纪实 gets the meeting
 * (attended, late, on leave or absent); the audit log one line for the batch, by {@code actor} (the organiser who
 * recorded them).
 */
public record MeetingsRecorded(List<Recorded> meetings, String actor, Instant at, String summary) implements AuditableEvent {

	/** One meeting recorded and its sign-in sheet. */
	public record Recorded(long meetingId, MeetingType type, String topic, Instant startAt, List<Attendee> attendance) {
	}

	public MeetingsRecorded {
		meetings = List.copyOf(meetings);
	}

	@Override
	public String action() {
		return "meeting.record";
	}

	@Override
	public String entityType() {
		return "meeting";
	}

	@Override
	public String entityId() {
		return meetings.isEmpty() ? "" : Long.toString(meetings.get(0).meetingId());
	}
}
