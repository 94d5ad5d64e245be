package cn.partybuilding.development;

import java.io.IOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.exam.ExamResults;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;

/**
 * The pages of 发展党员: the branch's pipeline board and its Excel, one person's file with the next step's form
 * (a refusal comes back above the filled form, naming the rule and the first date it becomes possible), a paper
 * application, the 上级党委's approvals with the funnel, and the applicant's own page.
 */
@Controller
class DevelopmentPages {

	/** The next step's form: only the fields the step needs are shown; the rest stay empty. */
	record StepForm(Integer step, LocalDate date, @Size(max = 20000) String note, List<Long> memberIds, Integer days,
			Integer hours, Integer expected, Integer present, Integer yes, Integer no, Integer abstain,
			Integer writtenYes, Integer writtenNo, DevelopmentPath.Decision decision, @Size(max = 500) String reason,
			Integer extensionMonths, LocalDate noticeFrom, Boolean cancel, List<Long> presentMemberIds) {

		DevelopmentPeople.StepRequest request() {
			List<Long> chosen = memberIds == null ? null : memberIds.stream().filter(Objects::nonNull).toList();
			return new DevelopmentPeople.StepRequest(step, date, note, chosen == null || chosen.isEmpty() ? null : chosen,
					days, hours, expected, present, yes, no, abstain, writtenYes, writtenNo, decision, reason,
					extensionMonths, noticeFrom, cancel,
					presentMemberIds == null || presentMemberIds.isEmpty() ? null : presentMemberIds);
		}

		/** Whether a member was ticked as present at the 支部大会. */
		public boolean presentAt(long memberId) {
			return presentMemberIds != null && presentMemberIds.contains(memberId);
		}

		/** The i-th chosen member, for the selects (null when none). */
		public Long memberAt(int i) {
			return memberIds == null || memberIds.size() <= i ? null : memberIds.get(i);
		}
	}

	private final DevelopmentPeople people;

	private final DevelopmentBoard board;

	private final DevelopmentFunnel funnel;

	private final DevelopmentSheets sheets;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final DevelopmentEvidence evidence;

	private final ExamResults examResults;

	DevelopmentPages(DevelopmentPeople people, DevelopmentBoard board, DevelopmentFunnel funnel,
			DevelopmentSheets sheets, OrganizationTree tree, MessageSource messages, DevelopmentEvidence evidence,
			ExamResults examResults) {
		this.examResults = examResults;
		this.evidence = evidence;
		this.people = people;
		this.board = board;
		this.funnel = funnel;
		this.sheets = sheets;
		this.tree = tree;
		this.messages = messages;
	}

	/** The old list's address leads to the board, its filters kept. */
	@GetMapping("/applicants")
	String applicants(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Stage stage, RedirectAttributes redirect) {
		if (q != null) {
			redirect.addAttribute("q", q);
		}
		if (orgId != null) {
			redirect.addAttribute("orgId", orgId);
		}
		if (stage != null) {
			redirect.addAttribute("stage", stage);
		}
		return "redirect:/development";
	}

	/** The pipeline board: people by stage, each with the next step and its date or 已逾期. */
	@GetMapping("/development")
	String board(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Stage stage, @RequestParam(defaultValue = "0") int page, Model model,
			Locale locale, HttpServletRequest request) {
		Caller caller = Caller.require();
		DevelopmentPeople.Board read = people.board(caller, orgId, stage, q, page, 30);
		Page<DevelopmentPeople.PersonLine> result = read.page();
		Map<Stage, Long> byStage = read.counts().byStage();
		model.addAttribute("result", result);
		Map<Stage, List<DevelopmentPeople.PersonLine>> grouped = result.getContent().stream()
			.collect(Collectors.groupingBy(DevelopmentPeople.PersonLine::stage, () -> new EnumMap<>(Stage.class),
					Collectors.toList()));
		model.addAttribute("grouped", grouped);
		BoardRows rows = new BoardRows(messages, locale, board.today());
		Map<Stage, String> lines = new EnumMap<>(Stage.class);
		grouped.forEach((s, group) -> lines.put(s, rows.html(group, request.getContextPath())));
		model.addAttribute("lines", lines);
		model.addAttribute("byStage", byStage);
		model.addAttribute("allStages", byStage.values().stream().mapToLong(Long::longValue).sum());
		model.addAttribute("countsRecent", !read.counts().exact());
		model.addAttribute("q", q);
		model.addAttribute("orgId", orgId);
		model.addAttribute("stage", stage);
		model.addAttribute("stages", Stage.values());
		model.addAttribute("organizations", tree.chooser(caller, orgId));
		model.addAttribute("mayApply", DevelopmentBoard.worksInBranch(caller));
		model.addAttribute("mayImport", caller.has(DevelopmentImports.IMPORT));
		return "development/board";
	}

	/** The board's list as Excel, with the same filters and scope. */
	@GetMapping("/development/export.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Stage stage, Locale locale) {
		return sheets.people(people.list(Caller.require(), orgId, stage, q, 0, 20_000).getContent(), locale);
	}

	/** One person's file, and the next step's form where the caller does that step. */
	@GetMapping("/development/people/{id}")
	String person(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		DevelopmentPeople.PersonView person = people.find(caller, id);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new StepForm(person.next() == null ? null : person.next().step(), board.today(),
					null, null, null, null, null, null, null, null, null, null, null,
					DevelopmentPath.Decision.APPROVED, null, null, null, null, null));
		}
		return person(caller, person, model);
	}

	/** The next step posted from the file's form; a refusal or a mistake brings the form back filled. */
	@PostMapping("/development/people/{id}/steps")
	String record(@PathVariable long id, @Valid @ModelAttribute("form") StepForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				DevelopmentPeople.StepView done = people.record(caller, id, form.request());
				redirect.addFlashAttribute("notice", messages.getMessage(done.decision() == DevelopmentPath.Decision.APPROVED
						? "devpage.step.done" : "devpage.step.returned",
						new Object[] { done.step(), messages.getMessage("devpage.step." + done.step(), null, locale) },
						locale));
				return "redirect:/development/people/" + id;
			}
			catch (DevelopmentPeople.StepRefused refused) {
				DevelopmentPath.Refusal refusal = refused.refusal();
				binding.reject(refusal.rule(), refusal.args(), refusal.rule());
				if (refusal.possibleFrom() != null) {
					model.addAttribute("possibleFrom", refusal.possibleFrom());
				}
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return person(caller, people.find(caller, id), model);
	}

	private String person(Caller caller, DevelopmentPeople.PersonView person, Model model) {
		model.addAttribute("p", person);
		// record once: the tests they took (a training class's test) appear here by themselves
		model.addAttribute("examResults", people.accountOf(person.id()).map(examResults::of).orElse(List.of()));
		Step next = person.next() == null ? null : Step.numbered(person.next().step());
		boolean mayAct = next != null && board.mayDo(caller, person.organizationId(), next);
		model.addAttribute("nextNumber", next == null ? null : next.number());
		model.addAttribute("mayAct", mayAct);
		model.addAttribute("nextLevel", next == null ? null : next.level().name());
		if (mayAct && (next == Step.CONTACTS || next == Step.SPONSORS || next == Step.ADMISSION_VOTE
				|| next == Step.CONVERSION_VOTE)) {
			model.addAttribute("fullMembers", board.fullMembersOf(person.organizationId()));
		}
		if (next == Step.ADMISSION_APPROVAL || next == Step.CONVERSION_APPROVAL) {
			// the 上级党委's approval: within 3 months of the 支部大会, a warning after 2½
			int vote = next == Step.ADMISSION_APPROVAL ? Step.ADMISSION_VOTE.number() : Step.CONVERSION_VOTE.number();
			person.steps().stream()
				.filter(s -> s.step() == vote && s.decision() == DevelopmentPath.Decision.APPROVED)
				.reduce((a, b) -> b)
				.ifPresent(s -> {
					LocalDate today = board.today();
					model.addAttribute("deadline", s.date().plusMonths(DevelopmentPath.APPROVAL_MONTHS));
					model.addAttribute("deadlineWarn", !today.isBefore(s.date().plusMonths(2).plusDays(15)));
				});
		}
		model.addAttribute("decisions", DevelopmentPath.Decision.values());
		model.addAttribute("contacts", contacts(person));
		model.addAttribute("evidence", evidence.list(caller, person.id()));
		return "development/person";
	}

	/** A step's evidence uploaded from the file's page; a refused file is named on the page. */
	@PostMapping("/development/people/{id}/evidence")
	String addEvidence(@PathVariable long id, @RequestParam(required = false) Integer step,
			@RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect, Locale locale)
			throws IOException {
		Caller caller = Caller.require();
		try {
			DevelopmentEvidence.EvidenceView added = evidence.add(caller, id, step,
					file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes());
			redirect.addFlashAttribute("notice", messages.getMessage("devpage.evidence.added",
					new Object[] { added.fileName() }, locale));
			return "redirect:/development/people/" + id + "#evidence";
		}
		catch (FieldProblem problem) {
			model.addAttribute("evidenceError", String.join(" ", problem.messages(messages, locale).values()));
			return person(id, model);
		}
	}

	/** The 培养联系人 named at step 5 (the last approved record of it). */
	private static String contacts(DevelopmentPeople.PersonView person) {
		return person.steps().stream()
			.filter(s -> s.step() == Step.CONTACTS.number() && s.decision() == DevelopmentPath.Decision.APPROVED)
			.reduce((a, b) -> b)
			.map(DevelopmentPeople.StepView::people)
			.orElse(null);
	}

	/** A paper application recorded by the branch. */
	@GetMapping("/development/people/new")
	String newPerson(@RequestParam(required = false) Long branchId, Model model) {
		Caller caller = Caller.require();
		if (!DevelopmentBoard.worksInBranch(caller)) {
			throw new NotPermittedException("development-person", "new", "record applications");
		}
		OrgChooser branches = branches(caller, branchId);
		Long chosen = branchId != null ? branchId : branches.size() == 1 ? Long.valueOf(branches.options().get(0).id()) : null;
		model.addAttribute("form", new DevelopmentPeople.NewPerson(null, null, null, null, null, null, null, null, null,
				chosen, board.today()));
		return newPerson(caller, model);
	}

	@PostMapping("/development/people/new")
	String apply(@Valid @ModelAttribute("form") DevelopmentPeople.NewPerson form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		if (form.branchId() == null) {
			binding.rejectValue("branchId", "development.person.branchId");
		}
		if (!binding.hasErrors()) {
			try {
				DevelopmentPeople.Created created = people.apply(caller, form);
				redirect.addFlashAttribute("notice", messages.getMessage("devpage.new.done",
						new Object[] { created.username(), created.initialPassword() }, locale));
				return "redirect:/development/people/" + created.id();
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return newPerson(caller, model);
	}

	private String newPerson(Caller caller, Model model) {
		model.addAttribute("branches", branches(caller,
				model.getAttribute("form") instanceof DevelopmentPeople.NewPerson f ? f.branchId() : null));
		model.addAttribute("genders", Gender.values());
		model.addAttribute("categories", Category.values());
		model.addAttribute("educations", Education.values());
		return "development/new";
	}

	/** The branches where the caller records applications. */
	private OrgChooser branches(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, EnumSet.of(OrgType.BRANCH), DevelopmentBoard.BRANCH);
	}

	/** For the general branch and the committee: approvals waiting, overdue talks, the funnel of a year. */
	/** The same step for the people ticked on the approvals list; a refusal names the person, and nothing is kept. */
	@PostMapping("/development/approvals/batch")
	String batch(@RequestParam(required = false) List<Long> personIds, @RequestParam(required = false) Integer step,
			@RequestParam(required = false) LocalDate date, RedirectAttributes redirect, Locale locale) {
		try {
			List<DevelopmentPeople.StepView> done = people.recordForEach(Caller.require(), personIds,
					new DevelopmentPeople.StepRequest(step, date, null, null, null, null, null, null, null, null, null,
							null, null, DevelopmentPath.Decision.APPROVED, null, null, null, null));
			redirect.addFlashAttribute("notice", messages.getMessage("devpage.batch.done",
					new Object[] { done.size(), step }, locale));
		}
		catch (DevelopmentPeople.StepRefused refused) {
			DevelopmentPath.Refusal r = refused.refusal();
			redirect.addFlashAttribute("batchError", messages.getMessage("development.batch.refused",
					new Object[] { refused.personName(), messages.getMessage(r.rule(), r.args(), locale) }, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("batchError", String.join(" ", problem.messages(messages, locale).values()));
		}
		return "redirect:/development/approvals";
	}

	@GetMapping("/development/approvals")
	String approvals(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
			Model model) {
		Caller caller = Caller.require();
		if (!DevelopmentBoard.worksAbove(caller)) {
			throw new NotPermittedException("development-approvals", "list", "approve");
		}
		int shown = year == null ? board.today().getYear() : year;
		DevelopmentFunnel.Funnel f = funnel.of(caller, orgId, shown);
		List<DevelopmentBoard.Waiting> waiting = board.waitingAbove(caller, 500);
		model.addAttribute("waiting", waiting);
		model.addAttribute("batchSteps", waiting.stream().map(DevelopmentBoard.Waiting::nextStep).distinct().sorted().toList());
		model.addAttribute("today", board.today());
		model.addAttribute("overdue", board.overdueTalks(caller, 200));
		model.addAttribute("funnel", f);
		model.addAttribute("year", shown);
		model.addAttribute("orgId", orgId);
		model.addAttribute("years", years(board.today().getYear()));
		model.addAttribute("chart", chartData(f));
		model.addAttribute("organizations", tree.chooser(caller, orgId, DevelopmentBoard.HIGHER));
		return "development/approvals";
	}

	/** The funnel (total and per college) as Excel. */
	@GetMapping("/development/funnel.xlsx")
	ResponseEntity<byte[]> funnelSheet(@RequestParam(required = false) Integer year,
			@RequestParam(required = false) Long orgId) {
		Caller caller = Caller.require();
		int shown = year == null ? board.today().getYear() : year;
		return sheets.funnel(funnel.of(caller, orgId, shown));
	}

	private static List<Integer> years(int current) {
		List<Integer> years = new ArrayList<>();
		for (int y = current; y >= current - 5; y--) {
			years.add(y);
		}
		return years;
	}

	/** The chart's numbers as the static script reads them (comma-separated, one data- attribute each). */
	private static Map<String, String> chartData(DevelopmentFunnel.Funnel f) {
		DevelopmentFunnel.Line t = f.total();
		return Map.of("total", join(t.applications(), t.activists(), t.candidates(), t.admitted(), t.converted()),
				"colleges", f.byCollege().stream().map(DevelopmentFunnel.Line::organizationName)
					.map(n -> n.replace("|", " ")).collect(Collectors.joining("|")),
				"applications", f.byCollege().stream().map(l -> Long.toString(l.applications())).collect(Collectors.joining(",")),
				"activists", f.byCollege().stream().map(l -> Long.toString(l.activists())).collect(Collectors.joining(",")),
				"candidates", f.byCollege().stream().map(l -> Long.toString(l.candidates())).collect(Collectors.joining(",")),
				"admitted", f.byCollege().stream().map(l -> Long.toString(l.admitted())).collect(Collectors.joining(",")),
				"converted", f.byCollege().stream().map(l -> Long.toString(l.converted())).collect(Collectors.joining(",")));
	}

	private static String join(long... values) {
		return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(","));
	}

	/** The applicant's own page (phone first): stage, steps done, what comes next and from when, the 联系人. */
	@GetMapping("/development/me")
	String mine(Model model) {
		Caller caller = Caller.require();
		DevelopmentPeople.PersonView person = people.mine(caller).orElse(null);
		model.addAttribute("p", person);
		if (person != null) {
			model.addAttribute("contacts", contacts(person));
			model.addAttribute("nextLevel", person.next() == null ? null
					: Step.numbered(person.next().step()).level().name());
		}
		return "development/mine";
	}
}
