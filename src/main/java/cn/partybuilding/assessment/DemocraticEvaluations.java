package cn.partybuilding.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo university) ask of the 民主评议党员: set one for a branch and year, write a
 * self-assessment, vote once, close it, propose the grades and approve them. The same checks, scope and audit as
 * the pages and the API.
 */
@Facade("民主评议党员 set, voted, closed, proposed and approved by another module (the demo)")
@Service
@Transactional
public class DemocraticEvaluations {

	private final Evaluations evaluations;

	DemocraticEvaluations(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	/** Sets the branch's evaluation of the year with its voting window; returns its id. */
	public long create(Caller caller, long branchId, int year, Instant opensAt, Instant closesAt) {
		return evaluations.create(caller,
				new Evaluations.NewEvaluation(branchId, year, opensAt.toString(), closesAt.toString()));
	}

	/** The caller, a member of the branch, writes their self-assessment. */
	public void selfAssess(Caller caller, long evaluationId, String text) {
		evaluations.selfAssess(caller, evaluationId, new Evaluations.SelfAssessment(text));
	}

	/** The caller, a voter of the branch, casts their secret ballot (once): a grade per member, others abstained. */
	public void vote(Caller caller, long evaluationId, Map<Long, EvaluationGrade> grades) {
		evaluations.vote(caller, evaluationId, new Evaluations.BallotRequest(grades.entrySet().stream()
			.map(e -> new Evaluations.Vote(e.getKey(), e.getValue().name()))
			.toList()));
	}

	/** Closes the evaluation now and tallies the votes into counts per member. */
	public void close(Caller caller, long evaluationId) {
		evaluations.closeNow(caller, evaluationId);
	}

	/** The branch committee proposes a grade for every member evaluated. */
	public void propose(Caller caller, long evaluationId, List<EvaluationProposal> proposals) {
		evaluations.propose(caller, evaluationId, new Evaluations.ProposalRequest(proposals.stream()
			.map(p -> new Evaluations.ProposedGrade(p.memberId(), p.grade().name(),
					p.step() == null ? null : p.step().name(), p.note()))
			.toList()));
	}

	/** The general branch approves the proposed grades. */
	public void approve(Caller caller, long evaluationId) {
		evaluations.approve(caller, evaluationId);
	}

	/**
	 * The grade each member's counts suggest after the close (most votes, a tie to the lower grade), for the
	 * branch's managers: what the proposal form fills in.
	 */
	@Transactional(readOnly = true)
	public Map<Long, EvaluationGrade> suggested(Caller caller, long evaluationId) {
		Map<Long, EvaluationGrade> suggested = new java.util.LinkedHashMap<>();
		evaluations.managed(caller, evaluationId);
		evaluations.resultRows(evaluationId).forEach(r -> suggested.put(r.memberId(), r.suggested()));
		return suggested;
	}
}
