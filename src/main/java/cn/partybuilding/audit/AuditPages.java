package cn.partybuilding.audit;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for the 审计员 at the top of the tree (anybody else: 403): a filtered page ({@link AuditApi} has the same
 * as JSON).
 */
@Controller
class AuditPages {

	private final AuditLog log;

	private final AuditReaders readers;

	AuditPages(AuditLog log, AuditReaders readers) {
		this.log = log;
		this.readers = readers;
	}

	/** The action families the auditor filters by; the auditor's own reads show only when asked for. */
	static final List<String> ACTIONS = List.of("login.", "logout", "access.denied", "access.rate-limited", "organization.",
			"account.", "member.", "audit.read");

	/** The page's filter: who, what, and the days from and to (typed as offices type dates). */
	record Search(String who, String what, LocalDate from, LocalDate to) {
	}

	@GetMapping("/audit")
	String page(@ModelAttribute("search") Search search, BindingResult binding,
			@RequestParam(defaultValue = "0") int page, Model model) {
		readers.require("read");
		String problem = binding.hasErrors() ? "form.date.invalid"
				: search.from() != null && search.to() != null && search.from().isAfter(search.to()) ? "audit.fromAfterTo"
						: null;
		AuditLog.Filter filter = new AuditLog.Filter(search.who(), search.what(), search.from(), search.to());
		model.addAttribute("filter", filter);
		// the days as typed (an unreadable one included), for the filter form
		model.addAttribute("from", binding.getFieldValue("from"));
		model.addAttribute("to", binding.getFieldValue("to"));
		model.addAttribute("actions", ACTIONS);
		model.addAttribute("problem", problem);
		model.addAttribute("result", problem == null ? log.read(filter, page, 50) : new AuditLog.Page(List.of(), 0, 0, 50));
		return "audit/list";
	}
}
