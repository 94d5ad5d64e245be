package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * Exams on the web for those who set and follow them: the list of exams they manage, the form that sets one (a
 * fixed paper or rules to draw by), an exam's statistics with its chart and Excel, and the grading queue of short
 * answers.
 */
@Controller
class ExamPages {

	/** Rule rows the form offers; the script shows them one by one, without it all are there. */
	static final int FORM_RULES = 8;

	/** Members listed to pick from, at most; beyond that the form takes typed 学号 only. */
	static final int PICKABLE_MEMBERS = 600;

	/** Questions listed to pick from (newest first); others by their id. */
	static final int PICKABLE_QUESTIONS = 500;

	/** People shown on the statistics page; the Excel holds all. */
	static final int SHOWN_PEOPLE = 200;

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private final Exams exams;

	private final ExamStatistics statistics;

	private final Grading grading;

	private final QuestionBank bank;

	private final OrganizationTree tree;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final MessageSource messages;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final ExamSettings settings;

	ExamPages(Exams exams, ExamStatistics statistics, Grading grading, QuestionBank bank, OrganizationTree tree,
			OrganizationScope scope, MemberDirectory members, MessageSource messages,
			org.springframework.context.ApplicationEventPublisher events, ExamSettings settings) {
		this.settings = settings;
		this.exams = exams;
		this.statistics = statistics;
		this.grading = grading;
		this.bank = bank;
		this.tree = tree;
		this.scope = scope;
		this.members = members;
		this.messages = messages;
		this.events = events;
	}

	/** Scores as people write them: 100, 92.5 (not 100.0). */
	record Scores() {

		public String of(Double value) {
			return value == null ? "—" : number(value);
		}
	}

	private static final Scores SCORES = new Scores();

	@ModelAttribute("scores")
	Scores scores() {
		return SCORES;
	}

	// ---- the list ----

	@GetMapping("/exams")
	String list(Model model) {
		Caller caller = Caller.require();
		List<Exams.ExamLine> lines = exams.managedList(caller);
		Set<Long> own = scope.visibleTo(caller, QuestionBank.MANAGERS);
		model.addAttribute("exams", lines);
		model.addAttribute("takers", statistics.takers(caller, lines.stream().map(Exams.ExamLine::id).toList()));
		model.addAttribute("withdrawable", lines.stream()
			.filter(l -> own.contains(l.orgId()) && ("UPCOMING".equals(l.state()) || "OPEN".equals(l.state())))
			.map(Exams.ExamLine::id)
			.collect(Collectors.toSet()));
		model.addAttribute("maySet", !own.isEmpty());
		model.addAttribute("pending", grading.pendingCount(caller, null));
		return "exam/exams";
	}

	@PostMapping("/exams/{id}/withdraw")
	String withdraw(@PathVariable long id, RedirectAttributes redirect) {
		exams.withdraw(Caller.require(), id);
		redirect.addFlashAttribute("notice", "exampage.withdrawn");
		return "redirect:/exams";
	}

	// ---- the form ----

	/** A rule row of the form: blank rows are left out. */
	record RuleRow(QuestionType type, @Size(max = 200) String tags, Integer maxDifficulty, Integer count,
			BigDecimal score) {

		public boolean blank() {
			return type == null && (tags == null || tags.isBlank()) && maxDifficulty == null && count == null
					&& score == null;
		}
	}

	/** The form: times as the browser's datetime-local (Beijing time), the paper fixed or drawn by rules. */
	record ExamForm(@Size(max = 200) String title, @Size(max = 2000) String description, Long orgId,
			@Size(max = 20) String audience, @Size(max = 5000) List<Long> memberIds,
			@Size(max = 5000) String staffNumbers, @Size(max = 10) String paper,
			@Size(max = 500) List<Long> questionIds, @Size(max = 5000) String typedQuestionIds,
			@Size(max = FORM_RULES) List<@Valid RuleRow> rules, @Size(max = 40) String opensAt,
			@Size(max = 40) String closesAt, Integer durationMinutes, Integer attempts, BigDecimal passMark,
			@Size(max = 40) String revealAt, Boolean partialCredit, Boolean shuffle, Boolean feedsPoints,
			Boolean feedsRecord) {

		boolean drawn() {
			return "RULES".equals(paper);
		}

		public boolean picked(long questionId) {
			return questionIds != null && questionIds.contains(questionId);
		}

		public boolean pickedMember(long memberId) {
			return memberIds != null && memberIds.contains(memberId);
		}

		/** The indexes of the rule rows filled in, in order: the façade's {@code rules[k]} is the form's row. */
		List<Integer> filledRules() {
			List<Integer> filled = new ArrayList<>();
			if (rules != null) {
				for (int i = 0; i < rules.size(); i++) {
					if (rules.get(i) != null && !rules.get(i).blank()) {
						filled.add(i);
					}
				}
			}
			return filled;
		}

		/** The form with as many rule rows as it offers, those typed kept. */
		ExamForm padded() {
			List<RuleRow> rows = new ArrayList<>(rules == null ? List.of() : rules);
			rows.replaceAll(r -> r == null ? new RuleRow(null, null, null, null, null) : r);
			while (rows.size() < FORM_RULES) {
				rows.add(new RuleRow(null, null, null, null, null));
			}
			return new ExamForm(title, description, orgId, audience, memberIds, staffNumbers, paper, questionIds,
					typedQuestionIds, rows, opensAt, closesAt, durationMinutes, attempts, passMark, revealAt,
					partialCredit, shuffle, feedsPoints, feedsRecord);
		}
	}

	@GetMapping("/exams/new")
	String newExam(Model model) {
		Caller caller = Caller.require();
		List<TreeNode.Option> orgs = organizations(caller, null).options();
		LocalDateTime opens = LocalDateTime.now(PlatformZone.ZONE).truncatedTo(ChronoUnit.HOURS).plusHours(1);
		model.addAttribute("form", new ExamForm(null, null, orgs.isEmpty() ? null : orgs.get(0).id(), "SUBTREE",
				List.of(), null, "FIXED", List.of(), null, List.of(), LOCAL.format(opens),
				LOCAL.format(opens.plusDays(7)), 30, 1, null, null, false, true, true, true).padded());
		return form(caller, model);
	}

	@PostMapping("/exams/new")
	String set(@Valid @ModelAttribute("form") ExamForm form, BindingResult binding, Model model) {
		Caller caller = Caller.require();
		// the form comes back with all its rule rows, what was typed kept and each error beside its field
		BindingResult shown = new BeanPropertyBindingResult(form.padded(), "form");
		shown.addAllErrors(binding);
		if (!binding.hasErrors()) {
			try {
				long id = exams.set(caller, exam(caller, form));
				return "redirect:/exams/" + id;
			}
			catch (FieldProblem problem) {
				List<Integer> filled = form.filledRules();
				new FieldProblem(problem.problems().stream()
					.map(p -> new FieldProblem.Problem(field(p.field(), form, filled), p.messageKey(), p.args()))
					.toList()).rejectInto(shown);
			}
		}
		model.addAttribute("form", shown.getTarget());
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", shown);
		return form(caller, model);
	}

	private static final Pattern RULE = Pattern.compile("^rules\\[(\\d+)\\](.*)$");

	/** The façade's field as the form names it. */
	private static String field(String field, ExamForm form, List<Integer> filled) {
		if (field.equals("audience.scope")) {
			return "audience";
		}
		if (field.equals("audience.memberIds")) {
			return "memberIds";
		}
		if (field.equals("questionIds")) {
			return form.drawn() ? "rules" : "questionIds";
		}
		Matcher rule = RULE.matcher(field);
		if (rule.matches()) {
			int k = Integer.parseInt(rule.group(1));
			return "rules[" + (k < filled.size() ? filled.get(k) : k) + "]" + rule.group(2);
		}
		return field;
	}

	/** The façade's request: typed 学号 and question ids joined to those picked, blank rule rows left out. */
	private Exams.NewExam exam(Caller caller, ExamForm form) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Exams.AudienceRequest audience;
		if ("MEMBERS".equals(form.audience())) {
			Set<Long> ids = new LinkedHashSet<>(form.memberIds() == null ? List.of() : form.memberIds());
			ids.remove(null);
			for (String number : tokens(form.staffNumbers())) {
				members.findByStaffNumber(caller, number).ifPresentOrElse(ids::add,
						() -> problems.add(new FieldProblem.Problem("staffNumbers", "exampage.staffNumber.unknown",
								new Object[] { number })));
			}
			if (ids.isEmpty() && problems.isEmpty()) {
				problems.add(new FieldProblem.Problem("memberIds", "exampage.audience.nobody", new Object[0]));
			}
			audience = new Exams.AudienceRequest("MEMBERS", new ArrayList<>(ids));
		}
		else {
			audience = new Exams.AudienceRequest(form.audience(), null);
		}
		List<Long> questionIds = null;
		List<Exams.RuleRequest> rules = null;
		if (form.drawn()) {
			rules = form.filledRules().stream().map(i -> {
				RuleRow r = form.rules().get(i);
				return new Exams.RuleRequest(r.type(), r.tags() == null ? List.of() : List.of(r.tags()),
						r.maxDifficulty(), r.count(), r.score());
			}).toList();
		}
		else {
			Set<Long> ids = new LinkedHashSet<>(form.questionIds() == null ? List.of() : form.questionIds());
			ids.remove(null);
			for (String token : tokens(form.typedQuestionIds())) {
				try {
					ids.add(Long.parseLong(token));
				}
				catch (NumberFormatException notAnId) {
					problems.add(new FieldProblem.Problem("typedQuestionIds", "exampage.questionId.format",
							new Object[] { token }));
					break;
				}
			}
			questionIds = new ArrayList<>(ids);
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		return new Exams.NewExam(form.title(), form.description(), form.orgId(), audience, questionIds, rules,
				form.opensAt(), form.closesAt(), form.durationMinutes(), form.attempts(), form.passMark(),
				form.revealAt(), Boolean.TRUE.equals(form.partialCredit()), Boolean.TRUE.equals(form.shuffle()),
				Boolean.TRUE.equals(form.feedsPoints()), Boolean.TRUE.equals(form.feedsRecord()), null);
	}

	private static List<String> tokens(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split("[,\\uFF0C\\u3001;\\uFF1B\\s]+")).map(String::strip).filter(t -> !t.isEmpty())
			.distinct().toList();
	}

	private String form(Caller caller, Model model) {
		model.addAttribute("organizations", organizations(caller, model.getAttribute("form") instanceof ExamForm f ? f.orgId() : null));
		model.addAttribute("types", QuestionType.values());
		model.addAttribute("passPercent", number(Math.round(settings.passShare() * 1000) / 10.0));
		model.addAttribute("tags", bank.tagsIn(caller));
		model.addAttribute("questions", bank.list(caller, QuestionBank.Filter.all(), 0, PICKABLE_QUESTIONS).getContent());
		Set<Long> orgs = scope.visibleTo(caller, QuestionBank.MANAGERS);
		List<MemberRef> people = members.countIn(orgs) <= PICKABLE_MEMBERS ? members.membersIn(orgs) : List.of();
		Map<Long, String> names = scope.qualifiedNames(people.stream().map(MemberRef::organizationId).distinct().toList());
		model.addAttribute("people", people.stream()
			.map(m -> new TreeNode.Option(m.id(), m.name() + " · " + names.getOrDefault(m.organizationId(), ""), null))
			.toList());
		return "exam/exam-new";
	}

	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, QuestionBank.MANAGERS);
	}

	// ---- one exam: statistics, Excel ----

	@GetMapping("/exams/{id}")
	String exam(@PathVariable long id, @RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		Exams.ExamLine line = statistics.line(caller, id);
		ExamStatistics.Statistics stats = statistics.of(caller, id, orgId);
		Set<Long> within = scope.subtree(line.orgId());
		model.addAttribute("exam", line);
		model.addAttribute("stats", stats);
		model.addAttribute("orgId", orgId);
		OrgChooser chooser = organizations(caller, orgId != null ? orgId : line.orgId());
		model.addAttribute("organizations", new OrgChooser(chooser.options().stream().filter(o -> within.contains(o.id())).toList(),
				chooser.bounded(), chooser.drill()));
		model.addAttribute("people", stats.people().stream().limit(SHOWN_PEOPLE).toList());
		model.addAttribute("hardest", stats.questions().stream().limit(20).toList());
		model.addAttribute("mayWithdraw", scope.reaches(caller, line.orgId(), QuestionBank.MANAGERS)
				&& ("UPCOMING".equals(line.state()) || "OPEN".equals(line.state())));
		model.addAttribute("pending", grading.pendingCount(caller, id));
		model.addAttribute("bandLabels", stats.distribution().stream()
			.map(b -> number(b.from()) + "-" + number(b.to()))
			.collect(Collectors.joining("|")));
		model.addAttribute("bandCounts", stats.distribution().stream()
			.map(b -> Integer.toString(b.count()))
			.collect(Collectors.joining(",")));
		return "exam/exam";
	}

	static String number(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}

	@GetMapping("/exams/{id}/results.xlsx")
	ResponseEntity<byte[]> results(@PathVariable long id, @RequestParam(required = false) Long orgId) {
		Caller caller = Caller.require();
		ExamStatistics.Statistics stats = statistics.of(caller, id, orgId);
		events.publishEvent(new ExamSheets.ResultsExported(id, stats.title(), stats.people().size()));
		return ExamSheets.results(stats);
	}

	// ---- grading ----

	/** One short answer's grade, as the queue's form posts it. */
	record GradeForm(Long attemptId, Long questionId, BigDecimal score, @Size(max = 1000) String comment,
			Long examId) {
	}

	/** What a grade that failed leaves beside its answer: the typed score and comment, and why. */
	record Failed(String key, String score, String comment, String message) {
	}

	@GetMapping("/exams/grading")
	String queue(@RequestParam(required = false) Long examId, Model model) {
		Caller caller = Caller.require();
		if (examId != null) {
			model.addAttribute("exam", statistics.line(caller, examId));
		}
		model.addAttribute("examId", examId);
		model.addAttribute("queue", grading.pending(caller, examId));
		return "exam/grading";
	}

	@PostMapping("/exams/grading")
	String grade(@Valid @ModelAttribute("grade") GradeForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		Caller caller = Caller.require();
		Locale locale = LocaleContextHolder.getLocale();
		String message = null;
		if (form.attemptId() == null || form.questionId() == null) {
			message = messages.getMessage("exampage.grade.which", null, locale);
		}
		else if (binding.hasErrors()) {
			FieldError error = binding.getFieldErrors().get(0);
			message = messages.getMessage(error, locale);
		}
		else {
			try {
				Attempts.Result result = grading.grade(caller, form.attemptId(), form.questionId(), form.score(),
						form.comment());
				redirect.addFlashAttribute("notice", result.pendingManual() == 0 ? "exampage.graded.complete"
						: "exampage.graded");
				redirect.addFlashAttribute("noticeArg", number(result.score() == null ? 0 : result.score()));
				return form.examId() == null ? "redirect:/exams/grading" : "redirect:/exams/grading?examId=" + form.examId();
			}
			catch (FieldProblem problem) {
				message = problem.messages(messages, locale).values().iterator().next();
			}
		}
		Object typed = binding.getFieldValue("score");
		model.addAttribute("failed", new Failed(form.attemptId() + "-" + form.questionId(),
				typed == null ? "" : typed.toString(), form.comment(), message));
		return queue(form.examId(), model);
	}
}
