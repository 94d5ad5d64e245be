package cn.partybuilding.volunteer;

import java.time.Instant;
import java.util.List;

/** An activity another module (the demo) publishes: as the organiser's form has it; {@code schoolWide} for SCHOOL. */
public record VolunteerPlan(long orgId, String title, String place, String description, String requirements,
		String contact, boolean schoolWide, Instant signUpUntil, List<VolunteerShiftPlan> shifts) {

	public VolunteerPlan {
		shifts = List.copyOf(shifts);
	}
}
