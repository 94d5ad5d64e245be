package cn.partybuilding.orglife;

import java.time.Instant;

/** A member checked in to a meeting (by scanning, or by the organiser's hand): their 纪实 records it. */
public record MeetingAttended(long meetingId, long memberId, MeetingType type, String topic, boolean late,
		boolean manual, Instant at, String actor) {
}
