package cn.partybuilding.orglife;

import java.time.Instant;

/**
 * A guest (an activist or 发展对象, not a member) checked in to a meeting, by the code or by the organiser's hand:
 * their development file counts the meeting as training ({@code startAt} to {@code endAt}).
 */
public record MeetingGuestAttended(long meetingId, long organizationId, long personId, Long accountId, MeetingType type, String topic,
		Instant startAt, Instant endAt, boolean manual, Instant at, String actor) {
}
