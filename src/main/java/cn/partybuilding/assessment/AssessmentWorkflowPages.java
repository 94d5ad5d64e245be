package cn.partybuilding.assessment;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * The pages of the assessment's levels: 申报 (claims with evidence and their scoring), 申诉 (appeals and their
 * answers), 审核与审定 (the general branch reviews its branches, the committee approves and accepts differences).
 */
@Controller
class AssessmentWorkflowPages {

	record ClaimForm(Integer year, Long orgId, @Size(max = 80) String code, @Size(max = 2000) String text,
			BigDecimal claimedScore) {
	}

	record ScoreForm(Long claimId, BigDecimal score, @Size(max = 500) String reason) {
	}

	record AppealForm(Integer year, Long orgId, @Size(max = 80) String code, @Size(max = 1000) String reason) {
	}

	record AnswerForm(Long appealId, Boolean upheld, BigDecimal score, @Size(max = 1000) String answer) {
	}

	record AdjustForm(Integer year, Long orgId, @Size(max = 80) String code, BigDecimal score,
			@Size(max = 500) String reason) {
	}

	/**
	 * The filters' organisations: every kind but the 党小组, through the organisation chooser (level by level at a
	 * province, where the whole subtree is 24 000).
	 */
	private static final Set<OrgType> FILTERED = EnumSet.of(OrgType.COMMITTEE, OrgType.GENERAL_BRANCH, OrgType.BRANCH);

	/** An id with its label for the choices of a form. */
	record Option(Object id, String label) {
	}

	/** A claim row with what the caller may do with it. */
	record ClaimRow(Claims.Claim claim, boolean mayAttach, boolean mayScore) {
	}

	record AppealRow(Appeals.Appeal appeal, boolean mayAnswer) {
	}

	record StandingRow(Scoreboard.Standing standing, boolean mayReview, boolean mayApprove, boolean mayAccept,
			boolean fiveStars) {
	}

	private final Claims claims;

	private final ClaimEvidence evidence;

	private final Appeals appeals;

	private final Reviews reviews;

	private final Scoreboard scoreboard;

	private final IndicatorSystems systems;

	private final WorkflowLevels levels;

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final Clock clock;

	private final int reviewPageSize;

	AssessmentWorkflowPages(Claims claims, ClaimEvidence evidence, Appeals appeals, Reviews reviews,
			Scoreboard scoreboard, IndicatorSystems systems, WorkflowLevels levels, OrganizationScope scope,
			OrganizationTree tree, MessageSource messages, Clock clock,
			@Value("${party.assessment.review.page-size:50}") int reviewPageSize) {
		this.reviewPageSize = Math.max(1, reviewPageSize);
		this.tree = tree;
		this.claims = claims;
		this.evidence = evidence;
		this.appeals = appeals;
		this.reviews = reviews;
		this.scoreboard = scoreboard;
		this.systems = systems;
		this.levels = levels;
		this.scope = scope;
		this.messages = messages;
		this.clock = clock;
	}

	private int thisYear() {
		return LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear();
	}

	// ---- 申报 ----

	@GetMapping("/assessment/claims")
	String claims(@RequestParam(required = false) Integer year, @RequestParam(required = false) String state,
			@RequestParam(required = false) Long orgId, Model model) {
		int y = year == null ? thisYear() : year;
		if (!model.containsAttribute("claimForm")) {
			model.addAttribute("claimForm", new ClaimForm(y, null, null, null, null));
		}
		if (!model.containsAttribute("scoreForm")) {
			model.addAttribute("scoreForm", new ScoreForm(null, null, null));
		}
		return claimsPage(y, state, orgId, model);
	}

	private String claimsPage(int year, String state, Long orgId, Model model) {
		Caller caller = Caller.require();
		IndicatorSystems.checkYear(year);
		List<ClaimRow> rows = new ArrayList<>();
		for (Claims.Claim c : claims.list(caller, year, orgId, blank(state) ? null : state)) {
			OrgRef org = scope.find(c.orgId()).orElse(null);
			boolean waiting = Claims.WAITING.equals(c.state());
			rows.add(new ClaimRow(c,
					org != null && waiting && WorkflowLevels.speaksFor(caller, org),
					org != null && waiting && levels.above(caller, org)));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("year", year);
		model.addAttribute("years", years());
		model.addAttribute("state", blank(state) ? "" : state);
		model.addAttribute("orgId", orgId);
		model.addAttribute("organizations", tree.chooser(caller, orgId, FILTERED, Scoreboard.READERS));
		Optional<IndicatorSystem> system = systems.published(year);
		model.addAttribute("hasSystem", system.isPresent());
		model.addAttribute("ownOrganizations", own(caller, system));
		model.addAttribute("manualIndicators", system.map(s -> s.indicators().stream().filter(i -> !i.automatic())
			.map(i -> new Option(i.code(), i.name() + " (≤ " + Scoring.plain(i.max()) + ")")).toList()).orElse(List.of()));
		return "assessment/claims";
	}

	@PostMapping("/assessment/claims")
	String claim(@Valid @ModelAttribute("claimForm") ClaimForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		int year = form.year() == null ? thisYear() : form.year();
		if (!binding.hasErrors()) {
			try {
				claims.claim(Caller.require(), year, WorkflowLevels.present("orgId", form.orgId()),
						WorkflowLevels.present("code", blank(form.code()) ? null : form.code()), form.text(),
						WorkflowLevels.present("claimedScore", form.claimedScore()));
				redirect.addFlashAttribute("notice", msg(locale, "assessment.claim.done"));
				return "redirect:/assessment/claims?year=" + year;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		model.addAttribute("scoreForm", new ScoreForm(null, null, null));
		return claimsPage(year, null, null, model);
	}

	@PostMapping("/assessment/claims/{id}/files")
	String attach(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			RedirectAttributes redirect, Locale locale) throws IOException {
		Claims.Claim claim = claims.find(Caller.require(), id);
		try {
			if (file == null || file.isEmpty()) {
				throw new FieldProblem("file", "assessment.claim.file-empty");
			}
			evidence.attach(Caller.require(), id, file.getOriginalFilename(), file.getBytes());
			redirect.addFlashAttribute("notice", msg(locale, "assessment.claim.file-done"));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", first(problem, locale));
		}
		return "redirect:/assessment/claims?year=" + claim.year() + "#claim-" + id;
	}

	@GetMapping("/assessment/claims/{id}/files/{fileId}")
	ResponseEntity<Resource> file(@PathVariable long id, @PathVariable long fileId) {
		return download(claims, evidence, id, fileId);
	}

	static ResponseEntity<Resource> download(Claims claims, ClaimEvidence evidence, long id, long fileId) {
		Claims.StoredEvidence file = claims.file(Caller.require(), id, fileId);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(file.fileName(), "evidence"))
			.header("X-Content-Type-Options", "nosniff")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(evidence.open(file));
	}

	@PostMapping("/assessment/claims/{id}/score")
	String score(@PathVariable long id, @Valid @ModelAttribute("scoreForm") ScoreForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		Claims.Claim claim = claims.find(Caller.require(), id);
		if (!binding.hasErrors()) {
			try {
				claims.score(Caller.require(), id, WorkflowLevels.present("score", form.score()), form.reason());
				redirect.addFlashAttribute("notice", msg(locale, "assessment.claim.scored"));
				return "redirect:/assessment/claims?year=" + claim.year();
			}
			catch (ConflictProblem conflict) {
				model.addAttribute("problem", first(conflict, locale));
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		model.addAttribute("scoreForm", new ScoreForm(id, form.score(), form.reason()));
		model.addAttribute("claimForm", new ClaimForm(claim.year(), null, null, null, null));
		model.addAttribute("scoringId", id);
		return claimsPage(claim.year(), null, null, model);
	}

	// ---- 申诉 ----

	@GetMapping("/assessment/appeals")
	String appeals(@RequestParam(required = false) Integer year, @RequestParam(required = false) String state,
			@RequestParam(required = false) Long orgId, Model model) {
		int y = year == null ? thisYear() : year;
		if (!model.containsAttribute("appealForm")) {
			model.addAttribute("appealForm", new AppealForm(y, null, null, null));
		}
		if (!model.containsAttribute("answerForm")) {
			model.addAttribute("answerForm", new AnswerForm(null, null, null, null));
		}
		return appealsPage(y, state, orgId, model);
	}

	private String appealsPage(int year, String state, Long orgId, Model model) {
		Caller caller = Caller.require();
		IndicatorSystems.checkYear(year);
		List<AppealRow> rows = new ArrayList<>();
		for (Appeals.Appeal a : appeals.list(caller, year, orgId, blank(state) ? null : state)) {
			OrgRef org = scope.find(a.orgId()).orElse(null);
			rows.add(new AppealRow(a, org != null && Appeals.OPEN.equals(a.state()) && levels.above(caller, org)));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("year", year);
		model.addAttribute("years", years());
		model.addAttribute("state", blank(state) ? "" : state);
		model.addAttribute("orgId", orgId);
		model.addAttribute("organizations", tree.chooser(caller, orgId, FILTERED, Scoreboard.READERS));
		Optional<IndicatorSystem> system = systems.published(year);
		model.addAttribute("hasSystem", system.isPresent());
		model.addAttribute("ownOrganizations", own(caller, system));
		model.addAttribute("indicators", system.map(s -> s.indicators().stream()
			.map(i -> new Option(i.code(), i.group() + " · " + i.name())).toList()).orElse(List.of()));
		return "assessment/appeals";
	}

	@PostMapping("/assessment/appeals")
	String appeal(@Valid @ModelAttribute("appealForm") AppealForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		int year = form.year() == null ? thisYear() : form.year();
		if (!binding.hasErrors()) {
			try {
				appeals.appeal(Caller.require(), year, WorkflowLevels.present("orgId", form.orgId()),
						WorkflowLevels.present("code", blank(form.code()) ? null : form.code()), form.reason());
				redirect.addFlashAttribute("notice", msg(locale, "assessment.appeal.done"));
				return "redirect:/assessment/appeals?year=" + year;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		model.addAttribute("answerForm", new AnswerForm(null, null, null, null));
		return appealsPage(year, null, null, model);
	}

	@PostMapping("/assessment/appeals/{id}/answer")
	String answer(@PathVariable long id, @Valid @ModelAttribute("answerForm") AnswerForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		Appeals.Appeal appeal = appeals.find(Caller.require(), id);
		if (!binding.hasErrors()) {
			try {
				appeals.answer(Caller.require(), id, form.upheld(), form.score(), form.answer());
				redirect.addFlashAttribute("notice", msg(locale, "assessment.appeal.answer-done"));
				return "redirect:/assessment/appeals?year=" + appeal.year();
			}
			catch (ConflictProblem conflict) {
				model.addAttribute("problem", first(conflict, locale));
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		model.addAttribute("answerForm", new AnswerForm(id, form.upheld(), form.score(), form.answer()));
		model.addAttribute("appealForm", new AppealForm(appeal.year(), null, null, null));
		model.addAttribute("answeringId", id);
		return appealsPage(appeal.year(), null, null, model);
	}

	// ---- 审核与审定 ----

	/**
	 * The year's ranking with what the caller may do with each organisation, a page at a time
	 * ({@code party.assessment.review.page-size}, 50; {@code page} from 0): the whole ranking is scored and ordered as
	 * before, so the order and the rank numbers run on across pages, but only the page's rows are rendered (a
	 * province's root ranks 20 000 branches). What the caller may do is decided from their subtrees read once, not from
	 * three queries a row.
	 */
	@GetMapping("/assessment/review")
	String review(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
			@RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
		int y = year == null ? thisYear() : year;
		if (!model.containsAttribute("adjustForm")) {
			model.addAttribute("adjustForm", new AdjustForm(y, null, null, null, null));
		}
		return reviewPage(y, orgId, page, model, locale);
	}

	private String reviewPage(int year, Long orgId, int page, Model model, Locale locale) {
		Caller caller = Caller.require();
		if (!caller.has(WorkflowLevels.ABOVE)) {
			throw new NotPermittedException("assessment-result", "*", "review");
		}
		Scoreboard.Ranking kept = scoreboard.ranking(caller, year, orgId, locale);
		List<Scoreboard.Standing> ranking = kept.standings();
		WorkflowLevels.Reach reach = levels.reach(caller);
		int pages = Math.max(1, (ranking.size() + reviewPageSize - 1) / reviewPageSize);
		int shown = Math.min(Math.max(page, 0), pages - 1);
		List<StandingRow> rows = new ArrayList<>();
		List<Option> adjustable = new ArrayList<>();
		for (int i = 0; i < ranking.size(); i++) {
			Scoreboard.Standing s = ranking.get(i);
			long org = s.score().orgId();
			boolean above = reach.above(org);
			if (i / reviewPageSize == shown) {
				boolean approves = reach.approves(org);
				rows.add(new StandingRow(s, above && s.stage() == Scoreboard.Stage.LIVE,
						approves && s.stage() == Scoreboard.Stage.REVIEWED,
						approves && s.stage() == Scoreboard.Stage.APPROVED && s.changedSinceApproval(),
						s.stage() == Scoreboard.Stage.APPROVED && s.score().stars() == 5));
			}
			if (above) {
				adjustable.add(new Option(org, s.score().orgName()));
			}
		}
		model.addAttribute("rows", rows);
		model.addAttribute("page", shown);
		model.addAttribute("pages", pages);
		model.addAttribute("ranked", ranking.size());
		model.addAttribute("asOf", kept.asOf() == null ? null : kept.asOf().atZone(PlatformZone.ZONE).toLocalDateTime());
		model.addAttribute("year", year);
		model.addAttribute("years", years());
		model.addAttribute("orgId", orgId);
		model.addAttribute("committee", caller.has(Role.COMMITTEE_ADMIN));
		model.addAttribute("organizations", tree.chooser(caller, orgId, EnumSet.of(OrgType.COMMITTEE, OrgType.GENERAL_BRANCH),
				WorkflowLevels.ABOVE));
		model.addAttribute("adjustable", adjustable);
		// at a province every branch below is adjustable: the form then chooses level by level like the filter
		OrgChooser adjustChooser = adjustable.isEmpty() ? null
				: tree.chooser(caller, model.getAttribute("adjustForm") instanceof AdjustForm f ? f.orgId() : null,
						EnumSet.of(OrgType.GENERAL_BRANCH, OrgType.BRANCH), WorkflowLevels.ABOVE);
		model.addAttribute("adjustChooser", adjustChooser != null && adjustChooser.bounded() ? adjustChooser : null);
		model.addAttribute("manualIndicators", systems.published(year).map(s -> s.indicators().stream()
			.filter(i -> !i.automatic()).map(i -> new Option(i.code(), i.name())).toList()).orElse(List.of()));
		return "assessment/review";
	}

	@PostMapping("/assessment/review/{orgId}")
	String reviewOne(@PathVariable long orgId, @RequestParam int year, RedirectAttributes redirect, Locale locale) {
		return act(() -> reviews.review(Caller.require(), year, orgId), "assessment.review.done", year, redirect, locale);
	}

	@PostMapping("/assessment/review/{orgId}/approve")
	String approveOne(@PathVariable long orgId, @RequestParam int year, RedirectAttributes redirect, Locale locale) {
		return act(() -> reviews.approve(Caller.require(), year, orgId), "assessment.result.approve-done", year, redirect,
				locale);
	}

	@PostMapping("/assessment/review/approve")
	String approveAll(@RequestParam int year, @RequestParam(name = "orgIds", required = false) List<Long> orgIds,
			RedirectAttributes redirect, Locale locale) {
		if (orgIds == null || orgIds.isEmpty()) {
			redirect.addFlashAttribute("problem", msg(locale, "assessment.result.none-chosen"));
			return "redirect:/assessment/review?year=" + year;
		}
		return act(() -> reviews.approveAll(Caller.require(), year, orgIds), "assessment.result.approve-done", year,
				redirect, locale);
	}

	@PostMapping("/assessment/review/{orgId}/accept")
	String accept(@PathVariable long orgId, @RequestParam int year, RedirectAttributes redirect, Locale locale) {
		return act(() -> reviews.accept(Caller.require(), year, orgId), "assessment.result.accept-done", year, redirect,
				locale);
	}

	@PostMapping("/assessment/adjustments")
	String adjust(@Valid @ModelAttribute("adjustForm") AdjustForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		int year = form.year() == null ? thisYear() : form.year();
		if (!binding.hasErrors()) {
			try {
				reviews.adjust(Caller.require(), year, WorkflowLevels.present("orgId", form.orgId()),
						WorkflowLevels.present("code", blank(form.code()) ? null : form.code()),
						WorkflowLevels.present("score", form.score()), form.reason());
				redirect.addFlashAttribute("notice", msg(locale, "assessment.adjustment.done"));
				return "redirect:/assessment/review?year=" + year;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return reviewPage(year, null, 0, model, locale);
	}

	private String act(Runnable action, String done, int year, RedirectAttributes redirect, Locale locale) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", msg(locale, done));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", first(problem, locale));
		}
		return "redirect:/assessment/review?year=" + year;
	}

	// ---- helpers ----

	/** The organisations the caller speaks for that the year's system assesses. */
	private List<Option> own(Caller caller, Optional<IndicatorSystem> system) {
		List<Long> ids = new ArrayList<>(caller.organizationsWith(Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE,
				Role.GENERAL_BRANCH_ADMIN));
		return options(ids, o -> WorkflowLevels.speaksFor(caller, o)
				&& system.map(s -> s.assesses(o.type())).orElse(false));
	}

	private List<Option> options(java.util.Collection<Long> ids, java.util.function.Predicate<OrgRef> keep) {
		List<OrgRef> orgs = scope.findAll(ids).stream().filter(keep)
			.filter(o -> o.type() != OrgType.GROUP).toList();
		Map<Long, String> names = scope.qualifiedNames(orgs.stream().map(OrgRef::id).toList());
		return orgs.stream().map(o -> new Option(o.id(), names.getOrDefault(o.id(), o.name())))
			.sorted(Comparator.comparing(o -> o.label())).toList();
	}

	private List<Integer> years() {
		int now = thisYear();
		return List.of(now + 1, now, now - 1, now - 2);
	}

	private String msg(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private String first(FieldProblem problem, Locale locale) {
		return problem.messages(messages, locale).values().iterator().next();
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
