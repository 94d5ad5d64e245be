package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.orglife.CheckinCodes;
import cn.partybuilding.orglife.CheckinSubject;
import cn.partybuilding.orglife.ShownCheckinCode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;

/**
 * On site: a person with a place checks in by scanning the shift's rotating code (orglife's), and out by scanning it
 * again later; or the organiser records them by hand. Afterwards the organiser confirms the hours — by default the
 * time between check-in and check-out within the shift, or the shift's length — and may change them with a reason;
 * each confirmation and change is one {@link VolunteerHoursConfirmed}.
 */
@Service
@Transactional
class VolunteerAttendance {

	static final BigDecimal MAX_HOURS = new BigDecimal("24");

	record Scanned(String state, Instant checkedInAt, Instant checkedOutAt) {
	}

	record HandAttendance(Instant checkedInAt, Instant checkedOutAt) {
	}

	record HoursChange(BigDecimal hours, @jakarta.validation.constraints.Size(max = 500) String reason) {
	}

	record Confirmed(long signupId, String name, BigDecimal hours, BigDecimal previousHours) {
	}

	private final JdbcClient jdbc;

	private final VolunteerActivities activities;

	private final CheckinCodes codes;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final VolunteerSettings settings;

	VolunteerAttendance(JdbcClient jdbc, VolunteerActivities activities, CheckinCodes codes, OrganizationScope scope,
			ApplicationEventPublisher events, Clock clock, VolunteerSettings settings) {
		this.jdbc = jdbc;
		this.activities = activities;
		this.codes = codes;
		this.scope = scope;
		this.events = events;
		this.clock = clock;
		this.settings = settings;
	}

	static CheckinSubject subject(long shiftId) {
		return new CheckinSubject("/volunteer/shifts/" + shiftId + "/checkin");
	}

	/** The shift for its organiser (404 out of sight, 403 for its audience). */
	VolunteerActivities.Shift organisedShift(Caller caller, long shiftId) {
		VolunteerActivities.Shift s = activities.shift(shiftId)
			.orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		activities.organised(caller, s.activityId());
		return s;
	}

	/** The current code for the organiser's screen. */
	@Transactional(readOnly = true)
	ShownCheckinCode code(Caller caller, long shiftId) {
		VolunteerActivities.live(organisedShift(caller, shiftId));
		return codes.issue(subject(shiftId));
	}

	/**
	 * The signed-in person with a place scans the code: the first scan checks in (from
	 * {@code party.volunteer.checkin-opens-before} ahead of the start), one at least
	 * {@code party.volunteer.checkout-after} later checks out (until {@code checkout-until} after the end).
	 */
	Scanned scan(Caller caller, long shiftId, String token, HttpSession session) {
		VolunteerActivities.Shift s = activities.shift(shiftId)
			.orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		VolunteerActivities.live(s);
		Instant at = codes.admit(subject(shiftId), token, session);
		if (at.isBefore(s.startAt().minus(settings.checkinOpensBefore()))
				|| at.isAfter(s.endAt().plus(settings.checkoutUntil()))) {
			throw new FieldProblem("token", "volunteer.checkin.closed", settings.checkinOpensBefore().toMinutes());
		}
		Optional<Object[]> row = jdbc.sql("""
				select id, state, checked_in_at, checked_out_at from volunteer_signup where shift_id = ? and account_id = ?
				for update""").params(shiftId, caller.accountId())
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), VolunteerActivities.instant(rs.getTimestamp(3)),
					VolunteerActivities.instant(rs.getTimestamp(4)) })
			.optional();
		if (row.isEmpty() || !VolunteerActivities.CONFIRMED.equals(row.get()[1])) {
			throw new FieldProblem("token", "volunteer.checkin.noPlace");
		}
		long id = (Long) row.get()[0];
		Instant in = (Instant) row.get()[2];
		Instant out = (Instant) row.get()[3];
		if (in == null) {
			if (at.isAfter(s.endAt())) {
				throw new FieldProblem("token", "volunteer.checkin.closed", settings.checkinOpensBefore().toMinutes());
			}
			jdbc.sql("update volunteer_signup set checked_in_at = ?, attendance_manual = false where id = ?")
				.params(Timestamp.from(at), id).update();
			return new Scanned("CHECKED_IN", at, null);
		}
		if (out == null && !at.isBefore(in.plus(settings.checkoutAfter()))) {
			jdbc.sql("update volunteer_signup set checked_out_at = ? where id = ?").params(Timestamp.from(at), id).update();
			return new Scanned("CHECKED_OUT", in, at);
		}
		return new Scanned("ALREADY", in, out);
	}

	/** The organiser records a person with a place as present (by default from the shift's start to its end). */
	Scanned recordByHand(Caller caller, long signupId, HandAttendance request) {
		VolunteerActivities.Signup g = activities.signup(signupId)
			.orElseThrow(() -> new OutOfScopeException("volunteer-signup", signupId));
		VolunteerActivities.Shift s = VolunteerActivities.live(organisedShift(caller, g.shiftId()));
		if (!VolunteerActivities.CONFIRMED.equals(g.state())) {
			throw new ConflictProblem("signup", "volunteer.attendance.waiting");
		}
		if (clock.instant().isBefore(s.startAt().minus(settings.checkinOpensBefore()))) {
			throw new ConflictProblem("signup", "volunteer.attendance.notYet");
		}
		Instant in = request == null || request.checkedInAt() == null ? s.startAt() : request.checkedInAt();
		Instant out = request == null || request.checkedOutAt() == null ? s.endAt() : request.checkedOutAt();
		if (!out.isAfter(in)) {
			throw new FieldProblem("checkedOutAt", "volunteer.attendance.outBeforeIn");
		}
		jdbc.sql("update volunteer_signup set checked_in_at = ?, checked_out_at = ?, attendance_manual = true where id = ?")
			.params(Timestamp.from(in), Timestamp.from(out), signupId).update();
		events.publishEvent(new VolunteerChanged("volunteer.attendance.manual", "volunteer-shift", s.id(),
				g.name() + " " + in + " - " + out));
		return new Scanned("CHECKED_OUT", in, out);
	}

	/** The hours the organiser is offered: check-in to check-out within the shift, else the shift's length. */
	static BigDecimal defaultHours(VolunteerActivities.Shift s, Instant in, Instant out) {
		Duration served = s.length();
		if (in != null && out != null) {
			Instant from = in.isBefore(s.startAt()) ? s.startAt() : in;
			Instant to = out.isAfter(s.endAt()) ? s.endAt() : out;
			served = to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
		}
		return BigDecimal.valueOf(served.toMinutes()).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
	}

	/** Confirms the default hours of everyone present on the shift whose hours are not confirmed yet. */
	List<Confirmed> confirmAll(Caller caller, long shiftId) {
		VolunteerActivities.Shift s = VolunteerActivities.live(organisedShift(caller, shiftId));
		if (clock.instant().isBefore(s.startAt())) {
			throw new ConflictProblem("shift", "volunteer.hours.notYet");
		}
		VolunteerActivities.Activity a = activities.activity(s.activityId()).orElseThrow();
		List<Confirmed> done = new ArrayList<>();
		for (VolunteerActivities.Signup g : activities.signups(caller, shiftId)) {
			if (g.checkedInAt() != null && g.hours() == null && VolunteerActivities.CONFIRMED.equals(g.state())) {
				done.add(write(caller, a, s, g, defaultHours(s, g.checkedInAt(), g.checkedOutAt()), null));
			}
		}
		return done;
	}

	/**
	 * The organiser sets one person's hours: a first confirmation of the default needs no reason; any other figure,
	 * and any change of confirmed hours, needs one. Someone not recorded as present is recorded by hand with it.
	 */
	Confirmed setHours(Caller caller, long signupId, HoursChange change) {
		VolunteerActivities.Signup g = activities.signup(signupId)
			.orElseThrow(() -> new OutOfScopeException("volunteer-signup", signupId));
		VolunteerActivities.Shift s = VolunteerActivities.live(organisedShift(caller, g.shiftId()));
		VolunteerActivities.Activity a = activities.activity(s.activityId()).orElseThrow();
		if (!VolunteerActivities.CONFIRMED.equals(g.state())) {
			throw new ConflictProblem("signup", "volunteer.attendance.waiting");
		}
		if (clock.instant().isBefore(s.startAt())) {
			throw new ConflictProblem("signup", "volunteer.hours.notYet");
		}
		BigDecimal hours = change == null ? null : change.hours();
		String reason = VolunteerActivities.strip(change == null ? null : change.reason());
		if (hours == null || hours.signum() < 0 || hours.compareTo(MAX_HOURS) > 0 || hours.stripTrailingZeros().scale() > 2) {
			throw new FieldProblem("hours", "volunteer.hours.invalid");
		}
		BigDecimal offered = defaultHours(s, g.checkedInAt(), g.checkedOutAt());
		boolean adjusting = g.hours() != null || hours.compareTo(offered) != 0;
		if (adjusting && reason.isEmpty()) {
			throw new FieldProblem("reason", "volunteer.hours.reason.required");
		}
		if (g.hours() != null && g.hours().compareTo(hours) == 0) {
			return new Confirmed(g.id(), g.name(), g.hours(), g.hours());
		}
		if (g.checkedInAt() == null) {
			jdbc.sql("update volunteer_signup set checked_in_at = ?, checked_out_at = ?, attendance_manual = true where id = ?")
				.params(Timestamp.from(s.startAt()), Timestamp.from(s.endAt()), g.id()).update();
			g = activities.signup(signupId).orElseThrow();
		}
		return write(caller, a, s, g, hours, reason.isEmpty() ? null : reason);
	}

	private Confirmed write(Caller caller, VolunteerActivities.Activity a, VolunteerActivities.Shift s,
			VolunteerActivities.Signup g, BigDecimal hours, String reason) {
		LocalDate day = LocalDate.ofInstant(s.startAt(), PlatformZone.ZONE);
		BigDecimal previous = g.hours();
		jdbc.sql("""
				update volunteer_signup set hours = ?, hours_day = ?, hours_confirmed_at = ?, hours_confirmed_by = ?,
				  hours_reason = ? where id = ?""")
			.params(hours, day, Timestamp.from(clock.instant()), caller.displayName(), reason, g.id()).update();
		events.publishEvent(new VolunteerChanged(previous == null ? "volunteer.hours.confirm" : "volunteer.hours.adjust",
				"volunteer-shift", s.id(), g.name() + ": " + (previous == null ? "" : previous.toPlainString() + " -> ")
						+ hours.toPlainString() + " h" + (reason == null ? "" : ", " + reason)));
		if (g.accountId() != null) {
			BigDecimal dayHours = jdbc.sql("select coalesce(sum(hours), 0) from volunteer_signup where account_id = ? and hours_day = ?")
				.params(g.accountId(), day).query(BigDecimal.class).single();
			String organiser = a.teamName() != null ? a.teamName()
					: scope.find(a.orgId()).map(o -> o.name()).orElse("");
			events.publishEvent(new VolunteerHoursConfirmed(a.id(), s.id(), a.title(), a.orgId(), organiser, g.accountId(),
					g.memberId(), day, hours, previous, dayHours, reason,
					g.checkedInAt() == null || g.manual() ? s.startAt() : g.checkedInAt(), caller.displayName()));
		}
		return new Confirmed(g.id(), g.name(), hours, previous);
	}
}
