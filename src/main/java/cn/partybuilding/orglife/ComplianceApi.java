package cn.partybuilding.orglife;

import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * Compliance per branch in the caller's scope: {@code ?orgId=…&period=2026-Q4} (or 2026-11, 2026); with
 * {@code groupBy=child} summed per organisation right below {@code orgId} (a province's schools, a school's colleges)
 * instead of 20 000 rows, each row's {@code orgId} the next level's {@code orgId}.
 */
@RestController
class ComplianceApi {

	private final Compliance compliance;

	ComplianceApi(Compliance compliance) {
		this.compliance = compliance;
	}

	@GetMapping("/api/v1/orglife/compliance")
	Object report(@RequestParam(required = false) Long orgId, @RequestParam @Size(max = 20) String period,
			@RequestParam(required = false) @Size(max = 10) String groupBy) {
		if (groupBy == null || groupBy.equals("branch")) {
			return compliance.report(Caller.require(), orgId, period);
		}
		if (groupBy.equals("child")) {
			return compliance.summary(Caller.require(), orgId, period);
		}
		throw new FieldProblem("groupBy", "orglife.compliance.groupBy");
	}
}
