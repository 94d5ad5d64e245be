package cn.partybuilding.assessment;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/**
 * JSON for the 民主评议党员: setting one, the list and detail, the self-assessment, the secret ballot, the close,
 * the results, the proposal, the approval or return, and the Excel.
 */
@RestController
class EvaluationApi {

	private final Evaluations evaluations;

	private final EvaluationExport export;

	EvaluationApi(Evaluations evaluations, EvaluationExport export) {
		this.evaluations = evaluations;
		this.export = export;
	}

	record Created(long id) {
	}

	/** An evaluation as the caller sees it: the window, how many voted, and what the caller may do. */
	record EvaluationView(long id, long branchId, String branchName, int year, Instant opensAt, Instant closesAt,
			String state, long voted, long voters, boolean manages, boolean approves, boolean mayVote, boolean votedByMe,
			String returnedReason) {
	}

	record SelfView(String text) {
	}

	@PostMapping("/api/v1/evaluations")
	ResponseEntity<Created> create(@Valid @RequestBody Evaluations.NewEvaluation form) {
		long id = evaluations.create(Caller.require(), form);
		return ResponseEntity.created(URI.create("/api/v1/evaluations/" + id)).body(new Created(id));
	}

	/** The evaluations the caller manages ({@code managing=true}) or of their own branch. */
	@GetMapping("/api/v1/evaluations")
	List<Evaluations.EvaluationLine> list(@RequestParam(defaultValue = "false") boolean managing,
			@RequestParam(required = false) Long orgId) {
		Caller caller = Caller.require();
		return managing ? evaluations.managedList(caller, orgId) : evaluations.mine(caller);
	}

	@GetMapping("/api/v1/evaluations/{id}")
	EvaluationView evaluation(@PathVariable long id) {
		Caller caller = Caller.require();
		Evaluations.Evaluation e = evaluations.visible(caller, id);
		return new EvaluationView(e.id(), e.branchId(), evaluations.branchName(e.branchId()), e.year(), e.opensAt(),
				e.end(), e.state(Instant.now()), evaluations.voted(e), evaluations.voterCount(e.branchId()),
				evaluations.manages(caller, e), evaluations.approves(caller, e), evaluations.mayVote(caller, e),
				evaluations.hasVoted(caller, e), e.returnedReason());
	}

	@GetMapping("/api/v1/evaluations/{id}/ballot")
	List<Evaluations.BallotEntry> ballot(@PathVariable long id) {
		return evaluations.ballotSheet(Caller.require(), id);
	}

	@GetMapping("/api/v1/evaluations/{id}/self-assessment")
	SelfView self(@PathVariable long id) {
		Caller caller = Caller.require();
		Evaluations.Evaluation e = evaluations.visible(caller, id);
		return new SelfView(evaluations.ownSelfAssessment(caller, e).orElse(null));
	}

	@PutMapping("/api/v1/evaluations/{id}/self-assessment")
	ResponseEntity<Void> selfAssess(@PathVariable long id, @Valid @RequestBody Evaluations.SelfAssessment request) {
		evaluations.selfAssess(Caller.require(), id, request);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/evaluations/{id}/ballots")
	ResponseEntity<Void> vote(@PathVariable long id, @Valid @RequestBody Evaluations.BallotRequest request) {
		evaluations.vote(Caller.require(), id, request);
		return ResponseEntity.status(201).build();
	}

	@PostMapping("/api/v1/evaluations/{id}/close")
	ResponseEntity<Void> close(@PathVariable long id) {
		evaluations.closeNow(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/evaluations/{id}/results")
	Evaluations.Results results(@PathVariable long id) {
		return evaluations.results(Caller.require(), id);
	}

	@PostMapping("/api/v1/evaluations/{id}/proposal")
	ResponseEntity<Void> propose(@PathVariable long id, @Valid @RequestBody Evaluations.ProposalRequest request) {
		evaluations.propose(Caller.require(), id, request);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/evaluations/{id}/approval")
	ResponseEntity<Void> approve(@PathVariable long id) {
		evaluations.approve(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/evaluations/{id}/return")
	ResponseEntity<Void> returnToBranch(@PathVariable long id, @Valid @RequestBody Evaluations.ReturnRequest request) {
		evaluations.returnToBranch(Caller.require(), id, request);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/evaluations/{id}/results.xlsx")
	ResponseEntity<byte[]> export(@PathVariable long id) {
		return export.export(Caller.require(), id);
	}
}
