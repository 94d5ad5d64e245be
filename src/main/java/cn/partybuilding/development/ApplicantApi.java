package cn.partybuilding.development;

import java.util.List;
import java.util.Map;

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

	record ApplicantPage(List<ApplicantRegistry.ApplicantView> content, long totalElements, int page, int size,
			Map<Stage, Long> byStage) {
	}

	@GetMapping("/api/v1/applicants")
	ApplicantPage list(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Stage stage, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		Caller caller = Caller.require();
		Page<ApplicantRegistry.ApplicantView> found = registry.list(caller, q, orgId, stage, page, Math.min(Math.max(size, 1), 200));
		return new ApplicantPage(found.getContent(), found.getTotalElements(), found.getNumber(), found.getSize(),
				registry.countByStage(caller, orgId));
	}
}
