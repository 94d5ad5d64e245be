package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * 志愿服务 pages: the member's list (upcoming, past, mine), an activity with its shifts and the sign-up buttons, the
 * check-in page the QR opens, my hours and certificates, the college ranking; the organiser's list and teams, the
 * form, a shift's sign-ups with guests, attendance and hours, the screen with the rotating code, and the hours per
 * organisation with their Excel export.
 */
@Controller
class VolunteerPages {

	static final int FORM_SHIFTS = 5;

	record ShiftForm(LocalDateTime startAt, LocalDateTime endAt, Integer places) {

		boolean blank() {
			return startAt == null && endAt == null && places == null;
		}
	}

	record PlacesForm(Long shiftId, Integer places) {
	}

	record ActivityForm(Long orgId, Long teamId, @Size(max = 200) String title, @Size(max = 200) String place,
			@Size(max = 4000) String description, @Size(max = 1000) String requirements,
			@Size(max = 200) String contact, Audience audience, LocalDateTime signUpUntil,
			@Size(max = 20) List<@Valid ShiftForm> shifts, @Size(max = 10) String repeatEvery, Integer repeatTimes,
			@Size(max = 200) List<@Valid PlacesForm> places) {

		ActivityForm {
			List<ShiftForm> rows = new ArrayList<>(shifts == null ? List.of() : shifts);
			rows.replaceAll(s -> s == null ? new ShiftForm(null, null, null) : s);
			while (rows.size() < FORM_SHIFTS) {
				rows.add(new ShiftForm(null, null, null));
			}
			shifts = rows;
			places = places == null ? List.of() : places;
		}

		static ActivityForm blank() {
			return new ActivityForm(null, null, null, null, null, null, null, Audience.SUBTREE, null, null, null, null, null);
		}

		List<VolunteerActivities.NewShift> plannedShifts() {
			return shifts.stream().filter(s -> !s.blank())
				.map(s -> new VolunteerActivities.NewShift(instant(s.startAt()), instant(s.endAt()), s.places())).toList();
		}

		VolunteerActivities.Repeat repeat() {
			return repeatEvery == null || repeatEvery.isBlank() ? null
					: new VolunteerActivities.Repeat(repeatEvery, repeatTimes);
		}
	}

	record GuestForm(@Size(max = 100) String name, @Size(max = 30) String phone, @Size(max = 30) String schoolNumber) {
	}

	record CancelForm(@Size(max = 500) String reason) {
	}

	record TeamForm(Long orgId, @Size(max = 100) String name, @Size(max = 20) String kind, Long leaderMemberId) {
	}

	static Instant instant(LocalDateTime time) {
		return time == null ? null : time.atZone(PlatformZone.ZONE).toInstant();
	}

	static LocalDateTime local(Instant at) {
		return at == null ? null : LocalDateTime.ofInstant(at, PlatformZone.ZONE);
	}

	private final VolunteerActivities activities;

	private final VolunteerAttendance attendance;

	private final VolunteerHours hours;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd").withZone(PlatformZone.ZONE);

	VolunteerPages(VolunteerActivities activities, VolunteerAttendance attendance, VolunteerHours hours,
			OrganizationTree tree, MessageSource messages, Clock clock,
			org.springframework.context.ApplicationEventPublisher events) {
		this.clock = clock;
		this.events = events;
		this.activities = activities;
		this.attendance = attendance;
		this.hours = hours;
		this.tree = tree;
		this.messages = messages;
	}

	// ---- the member ----

	@GetMapping("/volunteer")
	String list(@RequestParam(required = false) VolunteerActivities.Filter filter, Model model) {
		VolunteerActivities.Filter f = filter == null ? VolunteerActivities.Filter.UPCOMING : filter;
		model.addAttribute("activities", activities.forMe(Caller.require(), f));
		model.addAttribute("filter", f);
		model.addAttribute("filters", VolunteerActivities.Filter.values());
		return "volunteer/list";
	}

	@GetMapping("/volunteer/activities/{id}")
	String activity(@PathVariable long id, Model model) {
		VolunteerActivities.ActivityView view = activities.view(Caller.require(), id);
		model.addAttribute("view", view);
		Instant now = clock.instant();
		model.addAttribute("cancellable", view.shifts().stream()
			.anyMatch(m -> !m.shift().cancelled() && now.isBefore(m.shift().startAt())));
		if (!model.containsAttribute("cancellation")) {
			model.addAttribute("cancellation", new CancelForm(null));
		}
		return "volunteer/activity";
	}

	/** The organiser cancels the activity's shifts not yet started; a missing reason comes back on the page. */
	@PostMapping("/volunteer/activities/{id}/cancellation")
	String cancelActivity(@PathVariable long id, @Valid @ModelAttribute("cancellation") CancelForm form,
			BindingResult binding, Model model, RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				VolunteerActivities.Cancelled done = activities.cancelActivity(Caller.require(), id,
						new VolunteerActivities.Cancellation(form.reason()));
				redirect.addFlashAttribute("notice",
						msg("volunteer.activity.cancelled.done", locale, done.shiftIds().size(), done.notified()));
				return "redirect:/volunteer/activities/" + id;
			}
			catch (ConflictProblem conflict) {
				model.addAttribute("problem", first(conflict, locale));
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return activity(id, model);
	}

	/** The organiser cancels one shift not yet started; a missing reason comes back on the shift page. */
	@PostMapping("/volunteer/shifts/{id}/cancellation")
	String cancelShift(@PathVariable long id, @Valid @ModelAttribute("cancellation") CancelForm form,
			BindingResult binding, Model model, RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				VolunteerActivities.Cancelled done = activities.cancelShift(Caller.require(), id,
						new VolunteerActivities.Cancellation(form.reason()));
				redirect.addFlashAttribute("notice", msg("volunteer.shift.cancelled.done", locale, done.notified()));
				return "redirect:/volunteer/shifts/" + id;
			}
			catch (ConflictProblem conflict) {
				model.addAttribute("problem", first(conflict, locale));
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return shift(id, model);
	}

	@PostMapping("/volunteer/shifts/{id}/signup")
	String signUp(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		long activityId = activityOf(id);
		try {
			VolunteerActivities.SignedUp done = activities.signUp(caller, id);
			redirect.addFlashAttribute("notice", done.state().equals(VolunteerActivities.CONFIRMED)
					? msg("volunteer.signup.confirmed", locale) : msg("volunteer.signup.waiting", locale, done.position()));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", first(problem, locale));
		}
		return "redirect:/volunteer/activities/" + activityId + "#shift-" + id;
	}

	@PostMapping("/volunteer/shifts/{id}/cancel")
	String cancel(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		long activityId = activityOf(id);
		try {
			activities.cancel(Caller.require(), id);
			redirect.addFlashAttribute("notice", msg("volunteer.cancel.done", locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", first(problem, locale));
		}
		return "redirect:/volunteer/activities/" + activityId + "#shift-" + id;
	}

	private long activityOf(long shiftId) {
		return activities.shift(shiftId).map(VolunteerActivities.Shift::activityId)
			.orElseThrow(() -> new cn.partybuilding.shared.OutOfScopeException("volunteer-shift", shiftId));
	}

	/** Where the scanned code leads: the signed-in person is checked in (or out), or told why not. */
	@GetMapping("/volunteer/shifts/{id}/checkin")
	String checkIn(@PathVariable long id, @RequestParam(required = false) String token, Model model, Locale locale,
			HttpServletRequest request) {
		try {
			model.addAttribute("done", attendance.scan(Caller.require(), id, token, request.getSession(false)));
		}
		catch (FieldProblem problem) {
			model.addAttribute("refusal", first(problem, locale));
		}
		return "volunteer/checkin";
	}

	@GetMapping("/me/volunteer")
	String mine(@RequestParam(required = false) Integer year, Model model) {
		Caller caller = Caller.require();
		int y = year == null ? hours.thisYear() : year;
		model.addAttribute("mine", hours.mine(caller, y));
		model.addAttribute("certificates", hours.myCertificates(caller));
		model.addAttribute("hidden", hours.hidesName(caller));
		model.addAttribute("from", LocalDate.of(y, 1, 1));
		model.addAttribute("to", LocalDate.of(y, 12, 31));
		return "volunteer/mine";
	}

	@PostMapping("/me/volunteer/certificates")
	String certificate(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			RedirectAttributes redirect, Locale locale) {
		try {
			hours.certificate(Caller.require(), from, to);
			redirect.addFlashAttribute("notice", msg("volunteer.certificate.issued", locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", first(problem, locale));
		}
		return "redirect:/me/volunteer";
	}

	@PostMapping("/me/volunteer/privacy")
	String privacy(@RequestParam(defaultValue = "false") boolean hide, RedirectAttributes redirect, Locale locale) {
		hours.hideName(Caller.require(), hide);
		redirect.addFlashAttribute("notice", msg(hide ? "volunteer.privacy.hidden" : "volunteer.privacy.shown", locale));
		return "redirect:/me/volunteer";
	}

	@GetMapping("/volunteer/ranking")
	String ranking(@RequestParam(required = false) Integer year, Model model) {
		Caller caller = Caller.require();
		int y = year == null ? hours.thisYear() : year;
		List<VolunteerHours.CollegeHours> colleges = hours.colleges(caller, y);
		model.addAttribute("year", y);
		model.addAttribute("colleges", colleges);
		model.addAttribute("people", hours.inMyCollege(caller, y));
		model.addAttribute("chartNames", colleges.stream().map(c -> c.name().replace("|", " ")).collect(Collectors.joining("|")));
		model.addAttribute("chartHours", colleges.stream().map(c -> c.hours().toPlainString()).collect(Collectors.joining(",")));
		return "volunteer/ranking";
	}

	// ---- the organiser ----

	@GetMapping("/volunteer/manage")
	String manage(@RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("activities", activities.organisedBy(caller, orgId));
		model.addAttribute("teams", activities.teams(caller));
		model.addAttribute("orgId", orgId);
		model.addAttribute("organizations", organizations(caller,
				orgId != null ? orgId : model.getAttribute("team") instanceof TeamForm t ? t.orgId() : null));
		if (!model.containsAttribute("team")) {
			model.addAttribute("team", new TeamForm(null, null, "SERVICE_TEAM", null));
		}
		return "volunteer/manage";
	}

	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, VolunteerActivities.ORGANISERS);
	}

	@PostMapping("/volunteer/teams")
	String createTeam(@Valid @ModelAttribute("team") TeamForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				activities.createTeam(Caller.require(), new VolunteerActivities.NewTeam(form.orgId(), form.name(),
						form.kind(), form.leaderMemberId()));
				redirect.addFlashAttribute("notice", msg("volunteer.team.created", locale));
				return "redirect:/volunteer/manage";
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return manage(null, model);
	}

	@GetMapping("/volunteer/activities/new")
	String form(Model model) {
		model.addAttribute("form", ActivityForm.blank());
		return formPage(model, null);
	}

	private String formPage(Model model, Long id) {
		Caller caller = Caller.require();
		model.addAttribute("organizations", organizations(caller,
				model.getAttribute("form") instanceof ActivityForm f ? f.orgId() : null));
		model.addAttribute("teams", activities.teams(caller));
		model.addAttribute("audiences", Audience.values());
		model.addAttribute("activityId", id);
		if (id != null) {
			model.addAttribute("existing", activities.shifts(id));
		}
		return "volunteer/form";
	}

	@PostMapping("/volunteer/activities")
	String create(@Valid @ModelAttribute("form") ActivityForm form, BindingResult binding, Model model) {
		if (!binding.hasErrors()) {
			try {
				VolunteerActivities.Created created = activities.create(Caller.require(), new VolunteerActivities.NewActivity(
						form.teamId() == null ? form.orgId() : null, form.teamId(), form.title(), form.place(),
						form.description(), form.requirements(), form.contact(),
						form.audience() == null ? null : form.audience().name(), instant(form.signUpUntil()),
						form.plannedShifts(), form.repeat()));
				return "redirect:/volunteer/activities/" + created.id();
			}
			catch (FieldProblem problem) {
				formFields(problem).rejectInto(binding);
			}
		}
		return formPage(model, null);
	}

	/** The API's field names as the form names them (a repeat's fields sit flat on the form). */
	private static FieldProblem formFields(FieldProblem problem) {
		return new FieldProblem(problem.problems().stream().map(p -> new FieldProblem.Problem(switch (p.field()) {
			case "repeat.every" -> "repeatEvery";
			case "repeat.times" -> "repeatTimes";
			default -> p.field().startsWith("newShifts") ? p.field().replace("newShifts", "shifts") : p.field();
		}, p.messageKey(), p.args())).toList());
	}

	@GetMapping("/volunteer/activities/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		VolunteerActivities.Activity a = activities.organised(caller, id);
		List<PlacesForm> places = activities.shifts(id).stream().map(s -> new PlacesForm(s.id(), s.places())).toList();
		model.addAttribute("form", new ActivityForm(a.orgId(), a.teamId(), a.title(), a.place(), a.description(),
				a.requirements(), a.contact(), a.audience(), local(a.signUpUntil()), null, null, null, places));
		return formPage(model, id);
	}

	@PostMapping("/volunteer/activities/{id}/edit")
	String edit(@PathVariable long id, @Valid @ModelAttribute("form") ActivityForm form, BindingResult binding,
			Model model) {
		if (!binding.hasErrors()) {
			try {
				activities.edit(Caller.require(), id, new VolunteerActivities.ActivityEdit(form.title(), form.place(),
						form.description(), form.requirements(), form.contact(),
						form.audience() == null ? null : form.audience().name(), instant(form.signUpUntil()),
						form.places().stream().map(p -> new VolunteerActivities.ShiftPlaces(p.shiftId(), p.places())).toList(),
						form.plannedShifts()));
				return "redirect:/volunteer/activities/" + id;
			}
			catch (FieldProblem problem) {
				formFields(problem).rejectInto(binding);
			}
		}
		return formPage(model, id);
	}

	@GetMapping("/volunteer/shifts/{id}")
	String shift(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		VolunteerActivities.Shift s = attendance.organisedShift(caller, id);
		model.addAttribute("shift", s);
		model.addAttribute("activity", activities.activity(s.activityId()).orElseThrow());
		List<VolunteerActivities.Signup> signups = activities.signups(caller, id);
		model.addAttribute("cancellable", !s.cancelled() && clock.instant().isBefore(s.startAt()));
		model.addAttribute("signups", signups);
		model.addAttribute("offered", signups.stream().collect(Collectors.toMap(VolunteerActivities.Signup::id,
				g -> VolunteerAttendance.defaultHours(s, g.checkedInAt(), g.checkedOutAt()))));
		if (!model.containsAttribute("guest")) {
			model.addAttribute("guest", new GuestForm(null, null, null));
		}
		if (!model.containsAttribute("cancellation")) {
			model.addAttribute("cancellation", new CancelForm(null));
		}
		return "volunteer/shift";
	}

	@PostMapping("/volunteer/shifts/{id}/guests")
	String guest(@PathVariable long id, @Valid @ModelAttribute("guest") GuestForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				VolunteerActivities.SignedUp done = activities.addGuest(Caller.require(), id,
						new VolunteerActivities.NewGuest(form.name(), form.phone(), form.schoolNumber()));
				redirect.addFlashAttribute("notice", done.state().equals(VolunteerActivities.CONFIRMED)
						? msg("volunteer.guest.added", locale) : msg("volunteer.signup.waiting", locale, done.position()));
				return "redirect:/volunteer/shifts/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return shift(id, model);
	}

	@PostMapping("/volunteer/signups/{id}/attendance")
	String byHand(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		return onSignup(id, redirect, locale, () -> attendance.recordByHand(Caller.require(), id, null),
				"volunteer.attendance.recorded");
	}

	@PostMapping("/volunteer/signups/{id}/hours")
	String setHours(@PathVariable long id, @RequestParam(required = false) BigDecimal hours,
			@RequestParam(required = false) String reason, RedirectAttributes redirect, Locale locale) {
		return onSignup(id, redirect, locale, () -> attendance.setHours(Caller.require(), id,
				new VolunteerAttendance.HoursChange(hours, reason == null ? null : reason.substring(0, Math.min(500, reason.length())))),
				"volunteer.hours.saved");
	}

	@PostMapping("/volunteer/signups/{id}/remove")
	String remove(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		return onSignup(id, redirect, locale, () -> {
			activities.removeSignup(Caller.require(), id);
			return null;
		}, "volunteer.signup.removed");
	}

	private String onSignup(long id, RedirectAttributes redirect, Locale locale, java.util.function.Supplier<Object> action,
			String doneKey) {
		VolunteerActivities.Signup g = activities.signup(id)
			.orElseThrow(() -> new cn.partybuilding.shared.OutOfScopeException("volunteer-signup", id));
		attendance.organisedShift(Caller.require(), g.shiftId());
		try {
			action.get();
			redirect.addFlashAttribute("notice", msg(doneKey, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", first(problem, locale));
		}
		return "redirect:/volunteer/shifts/" + g.shiftId() + "#signup-" + id;
	}

	@PostMapping("/volunteer/shifts/{id}/hours")
	String confirmAll(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		try {
			int n = attendance.confirmAll(Caller.require(), id).size();
			redirect.addFlashAttribute("notice", msg("volunteer.hours.confirmedAll", locale, n));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", first(problem, locale));
		}
		return "redirect:/volunteer/shifts/" + id;
	}

	/** The screen on site: the shift's code, refreshed by the page itself before it runs out. */
	@GetMapping("/volunteer/shifts/{id}/screen")
	String screen(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		VolunteerActivities.Shift s = attendance.organisedShift(caller, id);
		model.addAttribute("shift", s);
		model.addAttribute("activity", activities.activity(s.activityId()).orElseThrow());
		model.addAttribute("shiftId", id);
		model.addAttribute("code", attendance.code(caller, id));
		return "volunteer/screen";
	}

	@GetMapping("/volunteer/shifts/{id}/screen/code")
	String code(@PathVariable long id, Model model) {
		model.addAttribute("shiftId", id);
		model.addAttribute("code", attendance.code(Caller.require(), id));
		return "volunteer/screen :: code";
	}

	@GetMapping("/volunteer/hours")
	String hoursPage(@RequestParam(required = false) Long orgId, @RequestParam(required = false) Integer year, Model model) {
		Caller caller = Caller.require();
		int y = year == null ? hours.thisYear() : year;
		model.addAttribute("year", y);
		model.addAttribute("orgId", orgId);
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("rows", hours.organisations(caller, orgId, y));
		model.addAttribute("people", hours.people(caller, orgId, y));
		return "volunteer/hours";
	}

	/** The shift's list for the organiser (to print, to call guests): audited, since it carries guests' phones. */
	@GetMapping("/volunteer/shifts/{id}/signups.xlsx")
	ResponseEntity<byte[]> exportSignups(@PathVariable long id, Locale locale) {
		Caller caller = Caller.require();
		VolunteerActivities.Shift s = attendance.organisedShift(caller, id);
		VolunteerActivities.Activity a = activities.activity(s.activityId()).orElseThrow();
		List<List<?>> rows = new ArrayList<>();
		for (VolunteerActivities.Signup g : activities.signups(caller, id)) {
			rows.add(List.of(g.name(), g.guest() ? msg("volunteer.guest", locale) : "", text(g.phone()), text(g.schoolNumber()),
					"WAITING".equals(g.state()) ? msg("volunteer.waitingAt", locale, g.position()) : msg("volunteer.state.CONFIRMED", locale),
					time(g.signedUpAt()), time(g.checkedInAt()), time(g.checkedOutAt()), g.hours() == null ? "" : g.hours(),
					text(g.reason())));
		}
		events.publishEvent(new VolunteerChanged("volunteer.signups.export", "volunteer-shift", id,
				a.title() + " " + time(s.startAt()) + " (" + rows.size() + ")"));
		return Downloads.sheet(msg("volunteer.signups.file", locale, a.title(), DAY.format(s.startAt())) + ".xlsx",
				"volunteer-signups-" + id + ".xlsx", msg("volunteer.signups", locale),
				List.of(msg("volunteer.name", locale), msg("volunteer.guest", locale), msg("volunteer.guest.phone", locale),
						msg("volunteer.guest.schoolNumber", locale), msg("volunteer.state", locale),
						msg("volunteer.signups.signedUpAt", locale), msg("volunteer.signups.checkedInAt", locale),
						msg("volunteer.signups.checkedOutAt", locale), msg("volunteer.hours", locale),
						msg("volunteer.hours.reason", locale)),
				rows);
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

	private static String time(java.time.Instant at) {
		return at == null ? "" : TIME.format(at);
	}

	@GetMapping("/volunteer/hours.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long orgId, @RequestParam(required = false) Integer year,
			Locale locale) {
		Caller caller = Caller.require();
		int y = year == null ? hours.thisYear() : year;
		List<List<?>> rows = new ArrayList<>();
		for (VolunteerHours.PersonHours p : hours.people(caller, orgId, y)) {
			rows.add(List.of(p.orgName(), p.name(), p.shifts(), p.hours()));
		}
		return Downloads.sheet(msg("volunteer.hours.file", locale, y) + ".xlsx", "volunteer-hours-" + y + ".xlsx",
				msg("volunteer.hours.sheet", locale), List.of(msg("volunteer.organization", locale),
						msg("volunteer.name", locale), msg("volunteer.shifts", locale), msg("volunteer.hours", locale)),
				rows);
	}

	private String first(FieldProblem problem, Locale locale) {
		return problem.messages(messages, locale).values().iterator().next();
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}
}
