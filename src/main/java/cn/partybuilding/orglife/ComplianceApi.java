package cn.partybuilding.orglife;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** Compliance per branch in the caller's scope: {@code ?orgId=…&period=2026-Q4} (or 2026-11, 2026). */
@RestController
class ComplianceApi {

	private final Compliance compliance;

	ComplianceApi(Compliance compliance) {
		this.compliance = compliance;
	}

	@GetMapping("/api/v1/orglife/compliance")
	Compliance.Report report(@RequestParam(required = false) Long orgId, @RequestParam String period) {
		return compliance.report(Caller.require(), orgId, period);
	}
}
