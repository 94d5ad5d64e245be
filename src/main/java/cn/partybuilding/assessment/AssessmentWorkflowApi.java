package cn.partybuilding.assessment;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/** JSON for the levels of the assessment: claims with evidence, adjustments, appeals, review and approval. */
@RestController
class AssessmentWorkflowApi {

	record NewClaim(Integer year, Long orgId, @Size(max = 80) String code, @Size(max = 2000) String text,
			BigDecimal claimedScore) {
	}

	record ClaimEdit(@Size(max = 2000) String text, BigDecimal claimedScore) {
	}

	record Scored(BigDecimal score, @Size(max = 500) String reason) {
	}

	record NewAdjustment(Integer year, Long orgId, @Size(max = 80) String code, BigDecimal score,
			@Size(max = 500) String reason) {
	}

	record NewAppeal(Integer year, Long orgId, @Size(max = 80) String code, @Size(max = 1000) String reason) {
	}

	record Answer(Boolean upheld, BigDecimal score, @Size(max = 1000) String answer) {
	}

	record BulkApproval(Integer year, List<Long> orgIds) {
	}

	record FileView(long id, String fileName, String contentType, long sizeBytes, String href) {
	}

	record ClaimView(long id, int year, String code, String indicatorName, BigDecimal max, long orgId, String orgName,
			String text, BigDecimal claimedScore, String state, String claimedBy, Instant claimedAt, BigDecimal score,
			String scoreReason, String scoredBy, Instant scoredAt, List<FileView> files) {
	}

	record ResultView(long orgId, int year, BigDecimal total, Integer stars, BigDecimal previousTotal) {
	}

	private final Claims claims;

	private final ClaimEvidence evidence;

	private final Appeals appeals;

	private final Reviews reviews;

	AssessmentWorkflowApi(Claims claims, ClaimEvidence evidence, Appeals appeals, Reviews reviews) {
		this.claims = claims;
		this.evidence = evidence;
		this.appeals = appeals;
		this.reviews = reviews;
	}

	@GetMapping("/api/v1/assessment/claims")
	List<ClaimView> claims(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) String state) {
		return claims.list(Caller.require(), year, orgId, state).stream().map(AssessmentWorkflowApi::view).toList();
	}

	@GetMapping("/api/v1/assessment/claims/{id}")
	ClaimView claim(@PathVariable long id) {
		return view(claims.find(Caller.require(), id));
	}

	@PostMapping("/api/v1/assessment/claims")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Long> create(@Valid @RequestBody NewClaim body) {
		return Map.of("id", claims.claim(Caller.require(), WorkflowLevels.present("year", body.year()),
				WorkflowLevels.present("orgId", body.orgId()), WorkflowLevels.present("code", body.code()), body.text(),
				WorkflowLevels.present("claimedScore", body.claimedScore())));
	}

	@PutMapping("/api/v1/assessment/claims/{id}")
	ClaimView edit(@PathVariable long id, @Valid @RequestBody ClaimEdit body) {
		claims.edit(Caller.require(), id, body.text(), WorkflowLevels.present("claimedScore", body.claimedScore()));
		return view(claims.find(Caller.require(), id));
	}

	@PostMapping("/api/v1/assessment/claims/{id}/files")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> attach(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file)
			throws IOException {
		if (file == null || file.isEmpty()) {
			throw new FieldProblem("file", "assessment.claim.file-empty");
		}
		long fileId = evidence.attach(Caller.require(), id, file.getOriginalFilename(), file.getBytes());
		return Map.of("id", fileId, "href", href(id, fileId));
	}

	@GetMapping("/api/v1/assessment/claims/{id}/files/{fileId}")
	ResponseEntity<Resource> file(@PathVariable long id, @PathVariable long fileId) {
		return AssessmentWorkflowPages.download(claims, evidence, id, fileId);
	}

	@PostMapping("/api/v1/assessment/claims/{id}/score")
	ClaimView score(@PathVariable long id, @Valid @RequestBody Scored body) {
		claims.score(Caller.require(), id, WorkflowLevels.present("score", body.score()), body.reason());
		return view(claims.find(Caller.require(), id));
	}

	@PostMapping("/api/v1/assessment/adjustments")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Long> adjust(@Valid @RequestBody NewAdjustment body) {
		return Map.of("id", reviews.adjust(Caller.require(), WorkflowLevels.present("year", body.year()),
				WorkflowLevels.present("orgId", body.orgId()), WorkflowLevels.present("code", body.code()),
				WorkflowLevels.present("score", body.score()), body.reason()));
	}

	@GetMapping("/api/v1/assessment/appeals")
	List<Appeals.Appeal> appeals(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) String state) {
		return appeals.list(Caller.require(), year, orgId, state);
	}

	@GetMapping("/api/v1/assessment/appeals/{id}")
	Appeals.Appeal appeal(@PathVariable long id) {
		return appeals.find(Caller.require(), id);
	}

	@PostMapping("/api/v1/assessment/appeals")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Long> appeal(@Valid @RequestBody NewAppeal body) {
		return Map.of("id", appeals.appeal(Caller.require(), WorkflowLevels.present("year", body.year()),
				WorkflowLevels.present("orgId", body.orgId()), WorkflowLevels.present("code", body.code()), body.reason()));
	}

	@PostMapping("/api/v1/assessment/appeals/{id}/answer")
	Appeals.Appeal answer(@PathVariable long id, @Valid @RequestBody Answer body) {
		appeals.answer(Caller.require(), id, body.upheld(), body.score(), body.answer());
		return appeals.find(Caller.require(), id);
	}

	@PostMapping("/api/v1/assessment/results/{orgId}/review")
	ResultView review(@PathVariable long orgId, @RequestParam int year) {
		reviews.review(Caller.require(), year, orgId);
		return new ResultView(orgId, year, null, null, null);
	}

	@PostMapping("/api/v1/assessment/results/{orgId}/approve")
	ResultView approve(@PathVariable long orgId, @RequestParam int year) {
		return result(year, reviews.approve(Caller.require(), year, orgId));
	}

	@PostMapping("/api/v1/assessment/results/approve")
	List<ResultView> approveAll(@Valid @RequestBody BulkApproval body) {
		int year = WorkflowLevels.present("year", body.year());
		return reviews.approveAll(Caller.require(), year, body.orgIds()).stream().map(a -> result(year, a)).toList();
	}

	@PostMapping("/api/v1/assessment/results/{orgId}/accept")
	ResultView accept(@PathVariable long orgId, @RequestParam int year) {
		return result(year, reviews.accept(Caller.require(), year, orgId));
	}

	private static ResultView result(int year, Reviews.Approved a) {
		return new ResultView(a.orgId(), year, a.total(), a.stars(), a.previousTotal());
	}

	static String href(long claimId, long fileId) {
		return "/assessment/claims/" + claimId + "/files/" + fileId;
	}

	static ClaimView view(Claims.Claim c) {
		return new ClaimView(c.id(), c.year(), c.code(), c.indicatorName(), c.max(), c.orgId(), c.orgName(), c.text(),
				c.claimedScore(), c.state(), c.claimedBy(), c.claimedAt(), c.score(), c.scoreReason(), c.scoredBy(),
				c.scoredAt(), c.files().stream()
					.map(f -> new FileView(f.id(), f.fileName(), f.contentType(), f.sizeBytes(), href(c.id(), f.id()))).toList());
	}
}
