package cn.partybuilding.audit;

import java.time.LocalDate;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit log for the 审计员 (URL rules admit nobody else): a filtered page and the same as JSON. */
@Controller
class AuditPages {

	private final AuditLog log;

	private final ApplicationEventPublisher events;

	AuditPages(AuditLog log, ApplicationEventPublisher events) {
		this.log = log;
		this.events = events;
	}

	/** Reading the audit log is itself a sensitive read, and recorded. */
	private AuditLog.Page read(AuditLog.Filter filter, int page, int size) {
		events.publishEvent(new AuditLogRead(filter.describe(), page));
		return log.find(filter, page, size);
	}

	/** The action families the auditor filters by; the auditor's own reads show only when asked for. */
	static final List<String> ACTIONS = List.of("login.", "logout", "access.denied", "organization.",
			"account.", "member.", "audit.read");

	/** The page's filter: who, what, and the days from and to (typed as offices type dates). */
	record Search(String who, String what, LocalDate from, LocalDate to) {
	}

	@GetMapping("/audit")
	String page(@ModelAttribute("search") Search search, BindingResult binding,
			@RequestParam(defaultValue = "0") int page, Model model) {
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
		model.addAttribute("result", problem == null ? read(filter, page, 50) : new AuditLog.Page(List.of(), 0, 0, 50));
		return "audit/list";
	}

	@GetMapping("/api/v1/audit-events")
	@ResponseBody
	AuditLog.Page api(@RequestParam(required = false) String who, @RequestParam(required = false) String what,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return read(new AuditLog.Filter(who, what, from, to), page, Math.min(Math.max(size, 1), 500));
	}
}
