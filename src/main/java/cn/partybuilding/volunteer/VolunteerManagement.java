package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo) tell 志愿服务: an activity published, people signed up or put on a shift by its
 * organiser, attendance and hours confirmed, a certificate issued — through the same rules as the pages.
 */
@Facade("volunteer activities published, signed up for and confirmed by other modules, such as the demo, through the organiser's rules")
@Service
@Transactional
public class VolunteerManagement {

	private final VolunteerActivities activities;

	private final VolunteerAttendance attendance;

	private final VolunteerHours hours;

	VolunteerManagement(VolunteerActivities activities, VolunteerAttendance attendance, VolunteerHours hours) {
		this.activities = activities;
		this.attendance = attendance;
		this.hours = hours;
	}

	/** Publishes the activity; returns its shifts' ids in time order. */
	public List<Long> publish(Caller by, VolunteerPlan plan) {
		return activities.create(by, new VolunteerActivities.NewActivity(plan.orgId(), null, plan.title(), plan.place(),
				plan.description(), plan.requirements(), plan.contact(), plan.schoolWide() ? "SCHOOL" : "SUBTREE",
				plan.signUpUntil(), plan.shifts().stream()
					.map(s -> new VolunteerActivities.NewShift(s.startAt(), s.endAt(), s.places())).toList(),
				null)).shifts().stream().map(VolunteerActivities.ShiftRef::id).toList();
	}

	/** The person signs up (CONFIRMED or WAITING), within the deadline and the audience. */
	public String signUp(Caller who, long shiftId) {
		return activities.signUp(who, shiftId).state();
	}

	/** The organiser puts a member's account on the shift (also after the deadline: recorded afterwards). */
	public String enrol(Caller by, long shiftId, long accountId) {
		return activities.enrol(by, shiftId, accountId).state();
	}

	/** Everyone with a place not recorded yet is recorded as present by hand, and all present get their default hours. */
	public int confirmHours(Caller by, long shiftId) {
		for (VolunteerActivities.Signup g : activities.signups(by, shiftId)) {
			if (g.checkedInAt() == null && VolunteerActivities.CONFIRMED.equals(g.state())) {
				attendance.recordByHand(by, g.id(), null);
			}
		}
		return attendance.confirmAll(by, shiftId).size();
	}

	/** The organiser changes one account's confirmed hours on the shift, with the reason. */
	public void adjustHours(Caller by, long shiftId, long accountId, BigDecimal newHours, String reason) {
		activities.signups(by, shiftId).stream().filter(g -> g.accountId() != null && g.accountId() == accountId)
			.findFirst().ifPresent(g -> attendance.setHours(by, g.id(), new VolunteerAttendance.HoursChange(newHours, reason)));
	}

	/** The holder's certificate of hours between the two days: its verification code. */
	public String certificate(Caller holder, LocalDate from, LocalDate to) {
		return hours.certificate(holder, from, to).code();
	}
}
