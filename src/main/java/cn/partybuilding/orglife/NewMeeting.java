package cn.partybuilding.orglife;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Size;

/** A meeting to plan: the whole organisation invited when {@code inviteeMemberIds} is empty, else the people named. */
public record NewMeeting(long orgId, MeetingType type, @Size(max = 100) String topic, Instant startAt, Instant endAt,
		@Size(max = 200) String place, @Size(max = 50) String lecturer, List<Long> inviteeMemberIds) {
}
