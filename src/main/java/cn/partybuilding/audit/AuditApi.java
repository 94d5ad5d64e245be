package cn.partybuilding.audit;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log as JSON, for the 审计员 at the top of the tree (anybody else: 403); its errors are the API's JSON. */
@RestController
class AuditApi {

	private final AuditLog log;

	private final AuditReaders readers;

	AuditApi(AuditLog log, AuditReaders readers) {
		this.log = log;
		this.readers = readers;
	}

	@GetMapping("/api/v1/audit-events")
	AuditLog.Page events(@RequestParam(required = false) String who, @RequestParam(required = false) String what,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		readers.require("read");
		return log.read(new AuditLog.Filter(who, what, from, to), page, Math.min(Math.max(size, 1), 500));
	}
}
