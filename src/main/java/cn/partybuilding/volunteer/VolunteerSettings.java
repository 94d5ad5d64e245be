package cn.partybuilding.volunteer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.volunteer.*}.
 *
 * @param checkinOpensBefore how long before a shift starts its code admits people
 * @param checkoutUntil how long after a shift ends people may still check out
 * @param checkoutAfter how long after checking in a second scan checks out (before: it is the same check-in again)
 * @param reminderCron when the reminders of the next day's shifts go out (Asia/Shanghai)
 * @param maxShifts the most shifts one activity may have (a repeat rule included)
 * @param maxPlaces the most places one shift may have
 */
@ConfigurationProperties("party.volunteer")
record VolunteerSettings(@DefaultValue("30m") Duration checkinOpensBefore, @DefaultValue("2h") Duration checkoutUntil,
		@DefaultValue("10m") Duration checkoutAfter, @DefaultValue("0 0 18 * * *") String reminderCron,
		@DefaultValue("100") int maxShifts, @DefaultValue("5000") int maxPlaces) {
}
