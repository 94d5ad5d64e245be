package cn.partybuilding.orglife;

import java.time.Instant;
import java.util.List;

/**
 * The minutes of a meeting were signed off: those invited who did not come get their line in the 纪实
 * too (on leave, or absent); those who came have theirs from the check-in already.
 */
public record MeetingConcluded(long meetingId, MeetingType type, String topic, Instant startAt, List<MeetingAbsence> absences,
		String actor, Instant at) {
}
