package cn.partybuilding.orglife;

import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * Compliance per branch in the caller's scope: {@code ?orgId=…&period=2026-Q4} (or 2026-11, 2026); with
 * {@code groupBy=child} summed per organisation right below {@code orgId} (a province's schools, a school's colleges)
 * instead of 20 000 rows, each row's {@code orgId} the next level's {@code orgId}. Per branch a page at a time with
 * {@code size} (1 to 2 000) and {@code after} (the {@code next} of the page before, also in {@code X-Next-After}):
 * a province's year is 20 000 rows and 12 MB at once, a page of 500 the same at every level.
 */
@RestController
class ComplianceApi {

	/** The most branches a page holds. */
	static final int MAX_PAGE = 2000;

	private final Compliance compliance;

	ComplianceApi(Compliance compliance) {
		this.compliance = compliance;
	}

	@GetMapping("/api/v1/orglife/compliance")
	Object report(@RequestParam(required = false) Long orgId, @RequestParam @Size(max = 20) String period,
			@RequestParam(required = false) @Size(max = 10) String groupBy, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) @Size(max = 64) String after) {
		if (groupBy == null || groupBy.equals("branch")) {
			if (size == null && after == null) {
				return compliance.report(Caller.require(), orgId, period);
			}
			if (size != null && (size < 1 || size > MAX_PAGE)) {
				throw new FieldProblem("size", "orglife.compliance.size", MAX_PAGE);
			}
			Compliance.Report page = compliance.page(Caller.require(), orgId, period, after, size == null ? MAX_PAGE : size);
			return page.next() == null ? ResponseEntity.ok(page) : ResponseEntity.ok().header("X-Next-After", page.next())
				.header("Link", "<" + ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after", page.next())
					.build().encode().toUriString() + ">; rel=\"next\"")
				.body(page);
		}
		if (groupBy.equals("child")) {
			return compliance.summary(Caller.require(), orgId, period);
		}
		throw new FieldProblem("groupBy", "orglife.compliance.groupBy");
	}
}
