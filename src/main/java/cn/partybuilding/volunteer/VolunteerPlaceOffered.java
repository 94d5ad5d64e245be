package cn.partybuilding.volunteer;

import java.time.Instant;

/**
 * A place on a shift freed and went to the first person waiting for it (who has an account): they are now on the
 * shift, and are told so in 我的通知.
 */
public record VolunteerPlaceOffered(long activityId, long shiftId, String activityTitle, Instant startAt, String place,
		long accountId) {
}
