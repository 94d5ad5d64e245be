package cn.partybuilding.volunteer;

import java.time.Instant;
import java.util.List;

/**
 * The organiser cancelled one shift, or every shift not yet started of an activity ({@code wholeActivity}), with a
 * reason: everyone with an account signed up or waiting on them is told in 我的通知, once each
 * ({@code accountIds} holds no account twice). {@code startTimes} are the cancelled shifts' starts, soonest first.
 */
public record VolunteerShiftCancelled(long activityId, String activityTitle, String place, boolean wholeActivity,
		List<Long> shiftIds, List<Instant> startTimes, String reason, String cancelledBy, List<Long> accountIds) {
}
