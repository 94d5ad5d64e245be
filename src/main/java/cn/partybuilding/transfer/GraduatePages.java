package cn.partybuilding.transfer;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * 毕业生批量转出 on the page: the year's graduates with a destination each (one default for all, changed
 * per row where it differs), then the batch's progress and its downloads.
 */
@Controller
class GraduatePages {

	private final GraduateBatches batches;

	private final BranchChoices branches;

	private final MessageSource messages;

	GraduatePages(GraduateBatches batches, BranchChoices branches, MessageSource messages) {
		this.batches = batches;
		this.branches = branches;
		this.messages = messages;
	}

	@GetMapping("/transfers/graduates")
	String pick(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		int shown = year != null ? year : Year.now().getValue();
		model.addAttribute("year", shown);
		model.addAttribute("orgId", orgId);
		model.addAttribute("candidates", batches.candidates(caller, shown, orgId));
		model.addAttribute("branches", branches.receivingBranches(caller));
		model.addAttribute("colleges", branches.collegesFor(caller));
		model.addAttribute("destinations", Destination.values());
		model.addAttribute("batches", batches.list(caller));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Map.of());
		}
		return "transfer/graduates";
	}

	/** Rows ticked; each row's fields, or the defaults where a row leaves them empty. */
	@PostMapping("/transfers/graduates")
	String start(@RequestParam int year, @RequestParam(required = false) Long orgId,
			@RequestParam(name = "pick", required = false) List<Long> picked, @RequestParam Map<String, String> form,
			RedirectAttributes redirect, Locale locale) {
		List<Long> ids = picked == null ? List.of() : picked;
		List<GraduateBatches.Choice> rows = new ArrayList<>();
		for (long id : ids) {
			rows.add(new GraduateBatches.Choice(id, either(form, "dest-" + id, "defaultDest"), either(form, "name-" + id, "defaultName"),
					either(form, "addr-" + id, "defaultAddr"),
					parse(either(form, "stay-" + id, "defaultStay")), either(form, "contact-" + id, "defaultContact"),
					either(form, "phone-" + id, "defaultPhone")));
		}
		try {
			GraduateBatches.Batch batch = batches.start(Caller.require(), new GraduateBatches.BatchRequest(year, orgId, rows));
			return "redirect:/transfers/graduate-batches/" + batch.id();
		}
		catch (FieldProblem problem) {
			// graduates[3].toOrgName → the row of the fourth ticked member
			Map<String, String> errors = new LinkedHashMap<>();
			for (FieldProblem.Problem p : problem.problems()) {
				String field = p.field();
				Matcher m = Pattern.compile("graduates\\[(\\d+)]\\.(\\w+)").matcher(field);
				String key = m.matches() ? ids.get(Integer.parseInt(m.group(1))) + "." + m.group(2) : field;
				errors.putIfAbsent(key, messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale));
			}
			Map<String, String> kept = new HashMap<>(form);
			ids.forEach(id -> kept.put("pick-" + id, "on"));
			TransferPages.keepTyped(redirect, kept, errors);
			return "redirect:/transfers/graduates?year=" + year + (orgId == null ? "" : "&orgId=" + orgId);
		}
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

	private static String either(Map<String, String> form, String own, String fallback) {
		String value = form.get(own);
		return value == null || value.isBlank() ? form.get(fallback) : value;
	}

	private static Long parse(String text) {
		return text == null || !text.matches("\\d{1,18}") ? null : Long.valueOf(text);
	}
}
