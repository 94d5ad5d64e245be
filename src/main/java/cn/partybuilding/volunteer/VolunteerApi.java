package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.certificate.IssuedCertificate;
import cn.partybuilding.orglife.ShownCheckinCode;
import cn.partybuilding.shared.Caller;

/** JSON for 志愿服务: activities, sign-up and the waiting list, check-in, hours, certificates. */
@RestController
class VolunteerApi {

	record ScannedCode(@Size(max = 200) String token) {
	}

	record CodeView(String token, Instant expiresAt, String link) {
	}

	/** A sign-up as the organiser's list shows it; hours as numbers (null until confirmed). */
	record SignupView(long id, String name, boolean guest, String phone, String schoolNumber, String state,
			int position, Instant signedUpAt, Instant checkedInAt, Instant checkedOutAt, boolean manual, Double hours,
			String reason) {
	}

	record EntryView(long activityId, String title, long shiftId, LocalDate day, double hours, String reason) {
	}

	record MyHoursView(int year, double hours, double totalHours, List<EntryView> entries) {
	}

	record ConfirmedView(long signupId, String name, double hours, Double previousHours) {
	}

	record OrgHoursView(long orgId, String name, int people, int shifts, double hours) {
	}

	record Period(LocalDate from, LocalDate to) {
	}

	private final VolunteerActivities activities;

	private final VolunteerAttendance attendance;

	private final VolunteerHours hours;

	VolunteerApi(VolunteerActivities activities, VolunteerAttendance attendance, VolunteerHours hours) {
		this.activities = activities;
		this.attendance = attendance;
		this.hours = hours;
	}

	@PostMapping("/api/v1/volunteer/activities")
	@ResponseStatus(HttpStatus.CREATED)
	VolunteerActivities.Created create(@Valid @RequestBody VolunteerActivities.NewActivity request) {
		return activities.create(Caller.require(), request);
	}

	@GetMapping("/api/v1/volunteer/activities")
	List<VolunteerActivities.ActivityLine> list(@RequestParam(required = false) VolunteerActivities.Filter filter) {
		return activities.forMe(Caller.require(), filter);
	}

	@GetMapping("/api/v1/volunteer/activities/{id}")
	VolunteerActivities.ActivityView find(@PathVariable long id) {
		return activities.view(Caller.require(), id);
	}

	@PutMapping("/api/v1/volunteer/activities/{id}")
	VolunteerActivities.ActivityView edit(@PathVariable long id, @Valid @RequestBody VolunteerActivities.ActivityEdit request) {
		activities.edit(Caller.require(), id, request);
		return activities.view(Caller.require(), id);
	}

	/** The organiser cancels every shift of the activity not yet started, with a reason; its people are told once each. */
	@PostMapping("/api/v1/volunteer/activities/{id}/cancellation")
	VolunteerActivities.Cancelled cancelActivity(@PathVariable long id,
			@Valid @RequestBody(required = false) VolunteerActivities.Cancellation body) {
		return activities.cancelActivity(Caller.require(), id, body);
	}

	/** The organiser cancels one shift not yet started, with a reason; its people are told. */
	@PostMapping("/api/v1/volunteer/shifts/{id}/cancellation")
	VolunteerActivities.Cancelled cancelShift(@PathVariable long id,
			@Valid @RequestBody(required = false) VolunteerActivities.Cancellation body) {
		return activities.cancelShift(Caller.require(), id, body);
	}

	@PostMapping("/api/v1/volunteer/teams")
	@ResponseStatus(HttpStatus.CREATED)
	VolunteerActivities.Team createTeam(@Valid @RequestBody VolunteerActivities.NewTeam request) {
		return activities.createTeam(Caller.require(), request);
	}

	@GetMapping("/api/v1/volunteer/teams")
	List<VolunteerActivities.Team> teams() {
		return activities.teams(Caller.require());
	}

	@PostMapping("/api/v1/volunteer/shifts/{id}/signups")
	@ResponseStatus(HttpStatus.CREATED)
	VolunteerActivities.SignedUp signUp(@PathVariable long id) {
		return activities.signUp(Caller.require(), id);
	}

	@DeleteMapping("/api/v1/volunteer/shifts/{id}/signups/me")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@PathVariable long id) {
		activities.cancel(Caller.require(), id);
	}

	@GetMapping("/api/v1/volunteer/shifts/{id}/signups")
	List<SignupView> signups(@PathVariable long id) {
		return activities.signups(Caller.require(), id).stream().map(VolunteerApi::view).toList();
	}

	static SignupView view(VolunteerActivities.Signup g) {
		return new SignupView(g.id(), g.name(), g.guest(), g.phone(), g.schoolNumber(), g.state(), g.position(),
				g.signedUpAt(), g.checkedInAt(), g.checkedOutAt(), g.manual(),
				g.hours() == null ? null : g.hours().doubleValue(), g.reason());
	}

	@PostMapping("/api/v1/volunteer/shifts/{id}/guests")
	@ResponseStatus(HttpStatus.CREATED)
	VolunteerActivities.SignedUp guest(@PathVariable long id, @Valid @RequestBody(required = false) VolunteerActivities.NewGuest body) {
		return activities.addGuest(Caller.require(), id, body);
	}

	@DeleteMapping("/api/v1/volunteer/signups/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable long id) {
		activities.removeSignup(Caller.require(), id);
	}

	/** The current code of a shift, for the organiser's own screen. */
	@GetMapping("/api/v1/volunteer/shifts/{id}/checkin-token")
	CodeView token(@PathVariable long id) {
		ShownCheckinCode code = attendance.code(Caller.require(), id);
		return new CodeView(code.token(), code.expiresAt(), code.link());
	}

	/** A person with a place checks in (and later out) with the code they scanned. */
	@PostMapping("/api/v1/volunteer/shifts/{id}/checkins")
	@ResponseStatus(HttpStatus.CREATED)
	VolunteerAttendance.Scanned checkIn(@PathVariable long id, @Valid @RequestBody(required = false) ScannedCode body,
			HttpServletRequest request) {
		return attendance.scan(Caller.require(), id, body == null ? null : body.token(), request.getSession(false));
	}

	@PostMapping("/api/v1/volunteer/signups/{id}/attendance")
	@ResponseStatus(HttpStatus.CREATED)
	VolunteerAttendance.Scanned byHand(@PathVariable long id,
			@RequestBody(required = false) VolunteerAttendance.HandAttendance body) {
		return attendance.recordByHand(Caller.require(), id, body);
	}

	/** Confirms the default hours of everyone present on the shift not confirmed yet. */
	@PostMapping("/api/v1/volunteer/shifts/{id}/hours")
	List<ConfirmedView> confirmAll(@PathVariable long id) {
		return attendance.confirmAll(Caller.require(), id).stream().map(VolunteerApi::view).toList();
	}

	@PutMapping("/api/v1/volunteer/signups/{id}/hours")
	ConfirmedView setHours(@PathVariable long id, @Valid @RequestBody(required = false) VolunteerAttendance.HoursChange body) {
		return view(attendance.setHours(Caller.require(), id, body));
	}

	private static ConfirmedView view(VolunteerAttendance.Confirmed c) {
		return new ConfirmedView(c.signupId(), c.name(), c.hours().doubleValue(),
				c.previousHours() == null ? null : c.previousHours().doubleValue());
	}

	@GetMapping("/api/v1/me/volunteer-hours")
	MyHoursView myHours(@RequestParam(required = false) Integer year) {
		VolunteerHours.MyHours mine = hours.mine(Caller.require(), year);
		return new MyHoursView(mine.year(), mine.hours().doubleValue(), mine.totalHours().doubleValue(),
				mine.entries().stream().map(e -> new EntryView(e.activityId(), e.title(), e.shiftId(), e.day(),
						e.hours().doubleValue(), e.reason())).toList());
	}

	@PostMapping("/api/v1/me/volunteer-certificates")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedCertificate certificate(@RequestBody(required = false) Period period) {
		return hours.certificate(Caller.require(), period == null ? null : period.from(), period == null ? null : period.to());
	}

	@GetMapping("/api/v1/volunteer/hours")
	List<OrgHoursView> perOrganisation(@RequestParam(required = false) Long orgId, @RequestParam(required = false) Integer year) {
		int y = year == null ? hours.thisYear() : year;
		return hours.organisations(Caller.require(), orgId, y).stream()
			.map(r -> new OrgHoursView(r.orgId(), r.name(), r.people(), r.shifts(), r.hours().doubleValue())).toList();
	}

	static double number(BigDecimal value) {
		return value == null ? 0 : value.doubleValue();
	}
}
