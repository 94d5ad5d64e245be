package cn.partybuilding.learning;

import java.math.BigDecimal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.partybuilding.volunteer.VolunteerHoursConfirmed;

/**
 * Record once: volunteer hours the organiser confirmed earn 学习 points as the rule table gives
 * {@code VOLUNTEER_SERVICE} (points per unit of time, capped per day; 0 points switches it off). The day's points
 * follow the day's confirmed hours, so a correction of the hours corrects the points too.
 */
@Component
class VolunteerPoints {

	private final StudyPoints points;

	VolunteerPoints(StudyPoints points) {
		this.points = points;
	}

	@ApplicationModuleListener
	void on(VolunteerHoursConfirmed event) {
		long seconds = event.dayHours().max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(3600)).longValue();
		points.setFromTime(event.accountId(), event.day(), PointRule.VOLUNTEER_SERVICE, seconds);
	}
}
