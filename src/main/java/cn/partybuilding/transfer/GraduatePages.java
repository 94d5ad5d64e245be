package cn.partybuilding.transfer;

import jakarta.validation.Valid;
import java.time.Year;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * 毕业生批量转出 on the page: the year's graduates with a destination each (one default for all, changed
 * per row where it differs), then the batch's progress and its downloads. A batch refused comes back as
 * ticked and typed, each row's problem beside it.
 */
@Controller
class GraduatePages {

	private static final Pattern ROW_FIELD = Pattern.compile("graduates\\[(\\d+)]\\.(\\w+)");

	private final GraduateBatches batches;

	private final BranchChoices branches;

	GraduatePages(GraduateBatches batches, BranchChoices branches) {
		this.batches = batches;
		this.branches = branches;
	}

	@GetMapping("/transfers/graduates")
	String pick(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		int shown = year != null ? year : Year.now().getValue();
		List<GraduateBatches.Candidate> candidates = batches.candidates(caller, shown, orgId);
		model.addAttribute("form", GraduatesForm.listing(shown, orgId, candidates));
		return page(caller, shown, orgId, candidates, model);
	}

	/** The ticked rows, each with its own fields or the defaults where it leaves them empty. */
	@PostMapping("/transfers/graduates")
	String start(@Valid @ModelAttribute("form") GraduatesForm form, BindingResult binding, Model model) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			List<Integer> picked = form.picked();
			try {
				GraduateBatches.Batch batch = batches.start(caller, new GraduateBatches.BatchRequest(form.year(), form.orgId(),
						picked.stream().map(i -> form.choice(form.rows().get(i))).toList()));
				return "redirect:/transfers/graduate-batches/" + batch.id();
			}
			catch (FieldProblem problem) {
				rejectInto(binding, problem, picked);
			}
		}
		int year = form.year() != null ? form.year() : Year.now().getValue();
		return page(caller, year, form.orgId(), batches.candidates(caller, year, form.orgId()), model);
	}

	/**
	 * The batch's problems beside the page's fields: graduates[3].toOrgName is the fourth ticked row's; the
	 * address and the phone are only the defaults'; the rest stand above the form.
	 */
	private static void rejectInto(BindingResult binding, FieldProblem problem, List<Integer> picked) {
		List<FieldProblem.Problem> besideFields = problem.problems().stream().map(p -> {
			Matcher m = ROW_FIELD.matcher(p.field());
			if (m.matches()) {
				String field = m.group(2);
				String at = field.equals("toOrgAddress") || field.equals("contactPhone") ? "defaults." + field
						: "rows[" + picked.get(Integer.parseInt(m.group(1))) + "]." + field;
				return new FieldProblem.Problem(at, p.messageKey(), p.args());
			}
			return p.field().equals("graduationYear") ? new FieldProblem.Problem("year", p.messageKey(), p.args()) : p;
		}).toList();
		besideFields.stream().filter(p -> !p.field().equals("year") && !p.field().contains("."))
			.forEach(p -> binding.reject(p.messageKey(), p.args(), p.messageKey()));
		List<FieldProblem.Problem> fields = besideFields.stream().filter(p -> p.field().equals("year") || p.field().contains("."))
			.toList();
		if (!fields.isEmpty()) {
			new FieldProblem(fields).rejectInto(binding);
		}
	}

	/** The page around the form in the model (a handler that bound it leaves it there with its BindingResult). */
	private String page(Caller caller, int year, Long orgId, List<GraduateBatches.Candidate> candidates, Model model) {
		model.addAttribute("year", year);
		model.addAttribute("orgId", orgId);
		model.addAttribute("candidates", candidates.stream()
			.collect(Collectors.toMap(GraduateBatches.Candidate::memberId, Function.identity())));
		model.addAttribute("branches", branches.receivingBranches(caller));
		model.addAttribute("colleges", branches.collegesFor(caller));
		model.addAttribute("destinations", Destination.values());
		model.addAttribute("batches", batches.list(caller));
		return "transfer/graduates";
	}

	@GetMapping("/transfers/graduate-batches/{id}")
	String batch(@PathVariable long id, Model model) {
		model.addAttribute("batch", batches.get(Caller.require(), id));
		return "transfer/batch";
	}

	/** The progress block alone, polled by the page while the batch runs. */
	@GetMapping("/transfers/graduate-batches/{id}/progress")
	String progress(@PathVariable long id, Model model) {
		model.addAttribute("batch", batches.get(Caller.require(), id));
		return "transfer/batch :: progress";
	}

	@PostMapping("/transfers/graduate-batches/{id}/retry")
	String retry(@PathVariable long id) {
		batches.retry(Caller.require(), id);
		return "redirect:/transfers/graduate-batches/" + id;
	}
}
