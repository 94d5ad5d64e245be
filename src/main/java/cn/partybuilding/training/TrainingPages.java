package cn.partybuilding.training;

import java.math.BigDecimal;
import java.time.Instant;
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

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.orglife.ShownCheckinCode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * 培训班 pages: the organiser's list, form and class (sessions, attendance per session, check-in by hand, the screen
 * with the rotating code); the member's check-in page and their own classes; the committee's secretaries' hours and
 * the 双带头人 share among teacher branches.
 */
@Controller
class TrainingPages {

	static final int FORM_SESSIONS = 5;

	/** Who the class is for, on the form: the teacher-branch secretaries under the organisation, or all its members. */
	enum AudienceChoice {
		SECRETARIES, MEMBERS
	}

	record SessionForm(LocalDateTime startAt, LocalDateTime endAt, @Size(max = 200) String place, BigDecimal hours) {

		boolean blank() {
			return startAt == null && endAt == null && (place == null || place.isBlank()) && hours == null;
		}
	}

	record ClassForm(Long orgId, @Size(max = 200) String title, BigDecimal requiredHours, AudienceChoice audience,
			@Size(max = 20) List<@Valid SessionForm> sessions, @Size(max = 200) String materialIds,
			@Size(max = 200) String courseIds) {

		/** Always five session rows (the form's), however many came back filled. */
		ClassForm {
			List<SessionForm> rows = new ArrayList<>(sessions == null ? List.of() : sessions);
			rows.replaceAll(s -> s == null ? new SessionForm(null, null, null, null) : s);
			while (rows.size() < FORM_SESSIONS) {
				rows.add(new SessionForm(null, null, null, null));
			}
			sessions = rows;
		}

		static ClassForm blank() {
			return new ClassForm(null, null, null, AudienceChoice.SECRETARIES, null, null, null);
		}

		List<TrainingClasses.NewSession> plannedSessions() {
			return (sessions == null ? List.<SessionForm>of() : sessions).stream().filter(s -> s != null && !s.blank())
				.map(s -> new TrainingClasses.NewSession(instant(s.startAt()), instant(s.endAt()), s.place(), s.hours()))
				.toList();
		}

		List<Long> materials() {
			return numbers(materialIds, "materialIds", "training.material.unknown");
		}

		List<Long> courses() {
			return numbers(courseIds, "courseIds", "training.course.unknown");
		}

		/** Numbers typed with commas or spaces between them; anything else is named back on its field. */
		private static List<Long> numbers(String typed, String field, String key) {
			if (typed == null || typed.isBlank()) {
				return List.of();
			}
			List<Long> ids = new ArrayList<>();
			for (String part : typed.split("[,\\uFF0C\\s]+")) {
				if (!part.isBlank()) {
					try {
						ids.add(Long.parseLong(part.strip()));
					}
					catch (NumberFormatException e) {
						throw new FieldProblem(field, key, part.strip());
					}
				}
			}
			return ids;
		}

		private static Instant instant(LocalDateTime time) {
			return time == null ? null : time.atZone(PlatformZone.ZONE).toInstant();
		}
	}

	private final TrainingClasses classes;

	private final SecretaryHours hours;

	private final OrganizationTree tree;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final MessageSource messages;

	private final TrainingCertificates certificates;

	TrainingPages(TrainingClasses classes, SecretaryHours hours, OrganizationTree tree, OrganizationScope scope,
			MemberDirectory members, MessageSource messages, TrainingCertificates certificates) {
		this.certificates = certificates;
		this.classes = classes;
		this.hours = hours;
		this.tree = tree;
		this.scope = scope;
		this.members = members;
		this.messages = messages;
	}

	// ---- the organiser ----

	@GetMapping("/training/classes")
	String list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) Integer year, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("classes", classes.list(caller, orgId, year));
		model.addAttribute("organizations", tree.chooser(caller, orgId, TrainingClasses.ORGANISERS));
		model.addAttribute("orgId", orgId);
		model.addAttribute("year", year);
		return "training/list";
	}

	@GetMapping("/training/classes/new")
	String form(Model model) {
		model.addAttribute("form", ClassForm.blank());
		return formPage(model);
	}

	private String formPage(Model model) {
		Caller caller = Caller.require();
		model.addAttribute("organizations", tree.chooser(caller,
				model.getAttribute("form") instanceof ClassForm f ? f.orgId() : null, TrainingClasses.ORGANISERS));
		model.addAttribute("audiences", AudienceChoice.values());
		return "training/new";
	}

	@PostMapping("/training/classes")
	String create(@Valid @ModelAttribute("form") ClassForm form, BindingResult binding, Model model) {
		if (!binding.hasErrors()) {
			Caller caller = Caller.require();
			try {
				TrainingClasses.Created created = classes.create(caller, new TrainingClasses.NewClass(form.orgId(),
						form.title(), form.requiredHours(), new TrainingClasses.Audience(audience(caller, form)),
						form.plannedSessions(), form.materials(), form.courses()));
				return "redirect:/training/classes/" + created.id();
			}
			catch (FieldProblem problem) {
				// the API's field names, as the form names them
				new FieldProblem(problem.problems().stream().map(p -> new FieldProblem.Problem(
						p.field().startsWith("audience") ? "audience" : p.field(), p.messageKey(), p.args())).toList())
					.rejectInto(binding);
			}
		}
		return formPage(model);
	}

	/** The people the form's choice names, under the chosen organisation (its reach checked by the class itself). */
	private List<Long> audience(Caller caller, ClassForm form) {
		if (form.orgId() == null || !scope.reaches(caller, form.orgId(), TrainingClasses.ORGANISERS)) {
			return List.of();
		}
		if (form.audience() == AudienceChoice.MEMBERS) {
			return members.membersIn(scope.subtree(form.orgId())).stream().map(MemberRef::id).toList();
		}
		return hours.teacherSecretaries(caller, hours.thisYear(), form.orgId()).stream()
			.map(SecretaryHours.HoursRow::memberId).toList();
	}

	@GetMapping("/training/classes/{id}")
	String detail(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		TrainingClasses.ClassView view = classes.find(caller, id);
		List<TrainingClasses.AttendanceRow> rows = classes.attendance(caller, id);
		model.addAttribute("view", view);
		model.addAttribute("rows", rows);
		return "training/detail";
	}

	@PostMapping("/training/sessions/{id}/attendance")
	String byHand(@PathVariable long id, @RequestParam(required = false) Long memberId, RedirectAttributes redirect,
			Locale locale) {
		Caller caller = Caller.require();
		long classId = classes.session(caller, id).classId();
		try {
			TrainingClasses.Attended done = classes.recordByHand(caller, id, memberId);
			redirect.addFlashAttribute("notice", messages.getMessage(done.already() ? "training.attendance.already"
					: "training.attendance.recorded", null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/training/classes/" + classId + "#session-" + id;
	}

	/** The screen in the room: the session's code, refreshed by the page itself before it runs out. */
	@GetMapping("/training/sessions/{id}/screen")
	String screen(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("course", classes.classOfSession(caller, id));
		model.addAttribute("trainingSession", classes.session(caller, id));
		showCode(caller, id, model);
		return "training/screen";
	}

	@GetMapping("/training/sessions/{id}/screen/code")
	String code(@PathVariable long id, Model model) {
		showCode(Caller.require(), id, model);
		return "training/screen :: code";
	}

	private void showCode(Caller caller, long id, Model model) {
		ShownCheckinCode code = classes.code(caller, id);
		model.addAttribute("sessionId", id);
		model.addAttribute("code", code);
	}

	// ---- the member ----

	/** Where the scanned code leads: the signed-in member is checked in, or told why not. */
	@GetMapping("/training/sessions/{id}/checkin")
	String checkIn(@PathVariable long id, @RequestParam(required = false) String token, Model model, Locale locale,
			HttpServletRequest request) {
		try {
			model.addAttribute("done", classes.checkIn(Caller.require(), id, token, request.getSession(false)));
		}
		catch (FieldProblem problem) {
			model.addAttribute("refusal", problem.messages(messages, locale).values().iterator().next());
		}
		return "training/checkin";
	}

	/** 我的培训: the member's classes, sessions attended, the year's hours. */
	@GetMapping("/me/training")
	String mine(Model model) {
		Caller caller = Caller.require();
		List<TrainingClasses.MyClass> mine = classes.mine(caller);
		model.addAttribute("classes", mine);
		model.addAttribute("certificates", certificates.pdfPaths(caller.accountId(),
				mine.stream().filter(TrainingClasses.MyClass::completed).map(c -> c.line().id()).toList()));
		int year = hours.thisYear();
		model.addAttribute("year", year);
		model.addAttribute("hours", members.memberOfAccount(caller.accountId()).flatMap(m -> hours.ofMember(m, year))
			.orElse(null));
		return "training/mine";
	}

	// ---- the committee ----

	/** Teacher-branch secretaries lacking the year's hours, and the 双带头人 share per college. */
	@GetMapping("/training/hours")
	String hoursPage(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
			Model model) {
		Caller caller = Caller.require();
		int y = year == null ? hours.thisYear() : year;
		List<SecretaryHours.HoursRow> secretaries = hours.teacherSecretaries(caller, y, orgId);
		List<SecretaryHours.DualLeaderShare> shares = hours.dualLeaderShares(caller, orgId);
		model.addAttribute("year", y);
		model.addAttribute("orgId", orgId);
		model.addAttribute("organizations", tree.chooser(caller, orgId, TrainingClasses.ORGANISERS));
		model.addAttribute("lacking", secretaries.stream().filter(SecretaryHours.HoursRow::lacking).toList());
		model.addAttribute("secretaries", secretaries);
		model.addAttribute("shares", shares);
		model.addAttribute("required", hours.secretaryRequired());
		model.addAttribute("chartColleges", shares.stream().map(SecretaryHours.DualLeaderShare::college)
			.map(c -> c.replace("|", " ")).collect(Collectors.joining("|")));
		model.addAttribute("chartDual", shares.stream().map(s -> Integer.toString(s.dualLeaders())).collect(Collectors.joining(",")));
		model.addAttribute("chartOthers", shares.stream().map(s -> Integer.toString(s.teacherBranches() - s.dualLeaders()))
			.collect(Collectors.joining(",")));
		return "training/hours";
	}

	@GetMapping("/training/hours.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
			Locale locale) {
		Caller caller = Caller.require();
		int y = year == null ? hours.thisYear() : year;
		List<List<?>> rows = new ArrayList<>();
		for (SecretaryHours.HoursRow r : hours.teacherSecretaries(caller, y, orgId)) {
			rows.add(List.of(r.organizationName(), r.name(), r.hours(), r.requiredHours(),
					msg(r.lacking() ? "training.hours.lacking" : "training.hours.enough", locale),
					msg(r.dualLeader() ? "common.yes" : "common.no", locale)));
		}
		return Downloads.sheet(msg("training.hours.file", locale, y) + ".xlsx", "training-hours-" + y + ".xlsx",
				msg("training.hours.sheet", locale),
				List.of(msg("member.organization", locale), msg("training.hours.name", locale),
						msg("training.hours.hours", locale), msg("training.hours.required", locale),
						msg("training.hours.state", locale), msg("training.dualLeader", locale)),
				rows);
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}
}
