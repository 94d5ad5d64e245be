package cn.partybuilding.volunteer;

import java.time.Instant;
import java.util.List;

/**
 * The day before a shift, the people with a place on it (and an account) who were not reminded yet: each is
 * reminded once, whatever the number of nodes or runs.
 */
public record VolunteerShiftReminded(long activityId, long shiftId, String activityTitle, Instant startAt,
		String place, String contact, List<Long> accountIds) {

	public VolunteerShiftReminded {
		accountIds = List.copyOf(accountIds);
	}
}
