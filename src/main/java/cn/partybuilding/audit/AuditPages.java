package cn.partybuilding.audit;

import java.time.LocalDate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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
		events.publishEvent(new AuditLogRead(filter.toString(), page));
		return log.find(filter, page, size);
	}

	@GetMapping("/audit")
	String page(@RequestParam(required = false) String who, @RequestParam(required = false) String what,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		AuditLog.Filter filter = new AuditLog.Filter(who, what, from, to);
		model.addAttribute("filter", filter);
		model.addAttribute("result", read(filter, page, 50));
		model.addAttribute("zone", AuditLog.ZONE);
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
