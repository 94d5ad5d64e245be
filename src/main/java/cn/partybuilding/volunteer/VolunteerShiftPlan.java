package cn.partybuilding.volunteer;

import java.time.Instant;

/** One shift of a {@link VolunteerPlan}. */
public record VolunteerShiftPlan(Instant startAt, Instant endAt, int places) {
}
