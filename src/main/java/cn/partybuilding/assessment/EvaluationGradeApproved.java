package cn.partybuilding.assessment;

import cn.partybuilding.shared.MemberEvent;

/**
 * The general branch approved a member's grade in the year's 民主评议 (for 不合格 with the step the branch recorded).
 * Nothing about any ballot.
 */
public record EvaluationGradeApproved(long evaluationId, long memberId, long branchId, String branchName, int year,
		EvaluationGrade grade, EvaluationStep step, String approvedBy) implements MemberEvent {

	@Override
	public String action() {
		return "assessment.evaluation.approve";
	}

	@Override
	public String summary() {
		return branchName + " " + year + " 民主评议：" + grade.name() + (step == null ? "" : "，" + step.name());
	}
}
