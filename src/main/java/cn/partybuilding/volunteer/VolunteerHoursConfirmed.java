package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The organiser confirmed a person's hours on a shift, or changed hours confirmed before (then {@code previousHours}
 * is what they were, and {@code reason} says why; on a first confirmation both are null). Only people with an
 * account are told of; guests the organiser registered have hours in this module alone.
 *
 * @param day the shift's day (Asia/Shanghai), the day the service counts for
 * @param dayHours all the person's confirmed hours on that day, this shift included, after this change
 * @param attendedAt when the person checked in (the shift's start when the organiser recorded them by hand)
 * @param organiserOrgId the organisation that published the activity
 */
public record VolunteerHoursConfirmed(long activityId, long shiftId, String activityTitle, long organiserOrgId,
		String organiserName, long accountId, Long memberId, LocalDate day, BigDecimal hours, BigDecimal previousHours,
		BigDecimal dayHours, String reason, Instant attendedAt, String confirmedBy) {

	/** The first confirmation of these hours, not a later change. */
	public boolean first() {
		return previousHours == null;
	}
}
