package cn.partybuilding.development;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON for the applicants of the caller's scope. */
@RestController
class ApplicantApi {

	private final ApplicantRegistry registry;

	ApplicantApi(ApplicantRegistry registry) {
		this.registry = registry;
	}

	/**
	 * {@code totalElements} is exact when {@code totalExact}, else the planner's estimate (a search matching more than
	 * a thousand) or, over more than a thousand organisations, the counters' sum a few seconds old, as {@code byStage}
	 * then is; {@code next} is the cursor of the page after this one ({@code after=}), null on the last page.
	 */
	record ApplicantPage(List<ApplicantRegistry.ApplicantView> content, long totalElements, int page, int size,
			Map<Stage, Long> byStage, boolean totalExact, String next) {
	}

	@GetMapping("/api/v1/applicants")
	ApplicantPage list(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Stage stage, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) @Size(max = 400) String after) {
		Caller caller = Caller.require();
		ApplicantRegistry.Listed listed = registry.list(caller, q, orgId, stage, page, Math.min(Math.max(size, 1), 200), after);
		Page<ApplicantRegistry.ApplicantView> found = listed.page();
		return new ApplicantPage(found.getContent(), found.getTotalElements(), found.getNumber(), found.getSize(),
				listed.byStage(), listed.totalExact(), listed.next());
	}
}
