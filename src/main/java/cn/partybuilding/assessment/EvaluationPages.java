package cn.partybuilding.assessment;

import java.time.LocalDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * The pages of the 民主评议党员: the managers' list with the form to set one; an evaluation's page (window, how
 * many voted, close early, the results with the proposal form, the approval at the general branch, the Excel); the
 * member's page on the phone (self-assessment, the ballot with a radio group per person, their own result). Every
 * form comes back filled on a mistake.
 */
@Controller
class EvaluationPages {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private static final Pattern INDEXED = Pattern.compile("^(votes|grades)\\[(\\d+)\\]\\.(\\w+)$");

	private final Evaluations evaluations;

	private final EvaluationExport export;

	private final OrganizationTree tree;

	EvaluationPages(Evaluations evaluations, EvaluationExport export, OrganizationTree tree) {
		this.evaluations = evaluations;
		this.export = export;
		this.tree = tree;
	}

	// ---- the managers' side ----

	record CreateForm(Long branchId, @Size(max = 10) String year, @Size(max = 40) String opensAt,
			@Size(max = 40) String closesAt) {
	}

	@GetMapping("/evaluations")
	String list(@RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		Long first = branches(caller, orgId).options().stream().filter(o -> o.type() == OrgType.BRANCH)
			.map(TreeNode.Option::id).findFirst().orElse(null);
		LocalDateTime opens = LocalDateTime.now(PlatformZone.ZONE).truncatedTo(ChronoUnit.HOURS);
		model.addAttribute("createForm", new CreateForm(first,
				Integer.toString(Year.now(PlatformZone.ZONE).getValue()), LOCAL.format(opens),
				LOCAL.format(opens.plusDays(7))));
		return listPage(caller, orgId, model);
	}

	@PostMapping("/evaluations")
	String create(@Valid @ModelAttribute("createForm") CreateForm form, BindingResult binding, Model model) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				Integer year = null;
				try {
					year = form.year() == null ? null : Integer.valueOf(form.year().strip());
				}
				catch (NumberFormatException ex) {
					year = -1;
				}
				long id = evaluations.create(caller,
						new Evaluations.NewEvaluation(form.branchId(), year, form.opensAt(), form.closesAt()));
				return "redirect:/evaluations/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return listPage(caller, null, model);
	}

	private String listPage(Caller caller, Long orgId, Model model) {
		model.addAttribute("evaluations", evaluations.managedList(caller, orgId));
		model.addAttribute("branches", branches(caller,
				orgId != null ? orgId : model.getAttribute("createForm") instanceof CreateForm f ? f.branchId() : null));
		model.addAttribute("orgId", orgId);
		return "assessment/evaluations";
	}

	/** One row of the proposal: a member, the grade, for 不合格 the step and a note. */
	record ProposalRow(Long memberId, @Size(max = 30) String grade, @Size(max = 30) String step,
			@Size(max = 500) String note) {
	}

	record ProposalForm(@Size(max = 2000) List<@Valid ProposalRow> rows) {
	}

	record ReturnForm(@Size(max = 500) String reason) {
	}

	@GetMapping("/evaluations/{id}")
	String evaluation(@PathVariable long id, Model model) {
		return evaluationPage(Caller.require(), id, model);
	}

	private String evaluationPage(Caller caller, long id, Model model) {
		Evaluations.Evaluation evaluation = evaluations.managed(caller, id);
		Evaluations.Results results = evaluations.results(caller, id);
		model.addAttribute("evaluation", evaluation);
		model.addAttribute("results", results);
		model.addAttribute("approves", evaluations.approves(caller, evaluation));
		Map<Long, Evaluations.MemberResult> byMember = new HashMap<>();
		results.members().forEach(r -> byMember.put(r.memberId(), r));
		model.addAttribute("byMember", byMember);
		if (!model.containsAttribute("proposalForm")) {
			// the form is filled with the proposal so far, else with the grade of most votes (a tie to the lower)
			model.addAttribute("proposalForm", new ProposalForm(results.members().stream()
				.map(r -> new ProposalRow(r.memberId(),
						r.proposedGrade() != null ? r.proposedGrade().name()
								: r.suggested() == null ? null : r.suggested().name(),
						r.step() == null ? null : r.step().name(), r.note()))
				.toList()));
		}
		if (!model.containsAttribute("returnForm")) {
			model.addAttribute("returnForm", new ReturnForm(null));
		}
		model.addAttribute("grades", EvaluationGrade.values());
		model.addAttribute("steps", EvaluationStep.values());
		return "assessment/evaluation";
	}

	@PostMapping("/evaluations/{id}/close")
	String close(@PathVariable long id) {
		evaluations.closeNow(Caller.require(), id);
		return "redirect:/evaluations/" + id;
	}

	@PostMapping("/evaluations/{id}/proposal")
	String propose(@PathVariable long id, @Valid @ModelAttribute("proposalForm") ProposalForm form,
			BindingResult binding, Model model) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				List<ProposalRow> rows = form.rows() == null ? List.of() : form.rows();
				evaluations.propose(caller, id, new Evaluations.ProposalRequest(rows.stream()
					.map(r -> r == null ? null : new Evaluations.ProposedGrade(r.memberId(), r.grade(), r.step(), r.note()))
					.toList()));
				return "redirect:/evaluations/" + id + "?proposed";
			}
			catch (FieldProblem problem) {
				reject(problem, binding, null);
			}
		}
		return evaluationPage(caller, id, model);
	}

	@PostMapping("/evaluations/{id}/approval")
	String approve(@PathVariable long id) {
		evaluations.approve(Caller.require(), id);
		return "redirect:/evaluations/" + id + "?approved";
	}

	@PostMapping("/evaluations/{id}/return")
	String returnToBranch(@PathVariable long id, @Valid @ModelAttribute("returnForm") ReturnForm form,
			BindingResult binding, Model model) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				evaluations.returnToBranch(caller, id, new Evaluations.ReturnRequest(form.reason()));
				return "redirect:/evaluations/" + id + "?returned";
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return evaluationPage(caller, id, model);
	}

	@GetMapping("/evaluations/{id}/results.xlsx")
	ResponseEntity<byte[]> export(@PathVariable long id) {
		return export.export(Caller.require(), id);
	}

	// ---- the member's side ----

	record SelfForm(@Size(max = Evaluations.MAX_SELF) String text) {
	}

	record BallotRow(Long memberId, @Size(max = 30) String grade) {
	}

	record BallotForm(@Size(max = 2000) List<@Valid BallotRow> rows) {
	}

	@GetMapping("/evaluations/mine")
	String mine(@RequestParam(required = false) Long id, Model model) {
		return minePage(Caller.require(), id, model);
	}

	private String minePage(Caller caller, Long id, Model model) {
		List<Evaluations.EvaluationLine> lines = evaluations.mine(caller);
		model.addAttribute("lines", lines);
		Optional<Evaluations.EvaluationLine> shown = id == null ? lines.stream().findFirst()
				: lines.stream().filter(l -> l.id() == id).findFirst();
		if (id != null && shown.isEmpty()) {
			evaluations.visible(caller, id); // the audited 404
		}
		if (shown.isEmpty()) {
			return "assessment/evaluations-mine";
		}
		Evaluations.Evaluation evaluation = evaluations.visible(caller, shown.get().id());
		model.addAttribute("line", shown.get());
		model.addAttribute("evaluation", evaluation);
		model.addAttribute("mayVote", evaluations.mayVote(caller, evaluation));
		model.addAttribute("voted", evaluations.hasVoted(caller, evaluation));
		List<Evaluations.BallotEntry> sheet = evaluations.ballotSheet(caller, evaluation.id());
		model.addAttribute("sheet", sheet);
		Map<Long, Evaluations.BallotEntry> byMember = new HashMap<>();
		sheet.forEach(e -> byMember.put(e.memberId(), e));
		model.addAttribute("byMember", byMember);
		if (!model.containsAttribute("selfForm")) {
			model.addAttribute("selfForm", new SelfForm(evaluations.ownSelfAssessment(caller, evaluation).orElse(null)));
		}
		if (!model.containsAttribute("ballotForm")) {
			model.addAttribute("ballotForm",
					new BallotForm(sheet.stream().map(e -> new BallotRow(e.memberId(), null)).toList()));
		}
		Evaluations.Results results = evaluations.results(caller, evaluation.id());
		model.addAttribute("own", results.members().stream().findFirst().orElse(null));
		model.addAttribute("grades", EvaluationGrade.values());
		return "assessment/evaluations-mine";
	}

	@PostMapping("/evaluations/mine/{id}/self")
	String selfAssess(@PathVariable long id, @Valid @ModelAttribute("selfForm") SelfForm form, BindingResult binding,
			Model model) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				evaluations.selfAssess(caller, id, new Evaluations.SelfAssessment(form.text()));
				return "redirect:/evaluations/mine?id=" + id + "&saved";
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return minePage(caller, id, model);
	}

	@PostMapping("/evaluations/mine/{id}/ballot")
	String vote(@PathVariable long id, @Valid @ModelAttribute("ballotForm") BallotForm form, BindingResult binding,
			Model model) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			List<Integer> positions = new ArrayList<>();
			List<Evaluations.Vote> votes = new ArrayList<>();
			List<BallotRow> rows = form.rows() == null ? List.of() : form.rows();
			for (int i = 0; i < rows.size(); i++) {
				BallotRow r = rows.get(i);
				if (r != null && r.grade() != null && !r.grade().isBlank()) {
					positions.add(i);
					votes.add(new Evaluations.Vote(r.memberId(), r.grade()));
				}
			}
			try {
				evaluations.vote(caller, id, new Evaluations.BallotRequest(votes));
				return "redirect:/evaluations/mine?id=" + id + "&voted";
			}
			catch (FieldProblem problem) {
				reject(problem, binding, positions);
			}
		}
		return minePage(caller, id, model);
	}

	/** The façade's fields as the form names them: its k-th vote is the form's k-th filled row. */
	private static void reject(FieldProblem problem, BindingResult binding, List<Integer> positions) {
		List<FieldProblem.Problem> mapped = problem.problems().stream().map(p -> {
			Matcher m = INDEXED.matcher(p.field());
			if (m.matches()) {
				int k = Integer.parseInt(m.group(2));
				int row = positions == null ? k : k < positions.size() ? positions.get(k) : k;
				String field = m.group(3).equals("memberId") ? "grade" : m.group(3);
				return new FieldProblem.Problem("rows[" + row + "]." + field, p.messageKey(), p.args());
			}
			return new FieldProblem.Problem("rows", p.messageKey(), p.args());
		}).toList();
		new FieldProblem(mapped).rejectInto(binding);
	}

	private OrgChooser branches(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, EnumSet.of(OrgType.BRANCH), Evaluations.MANAGERS);
	}
}
