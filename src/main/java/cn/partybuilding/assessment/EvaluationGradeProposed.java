package cn.partybuilding.assessment;

import cn.partybuilding.shared.MemberEvent;

/**
 * The branch committee proposed a member's grade in the year's 民主评议 (for 不合格 with the step it records).
 * Nothing about any ballot: only the grade the committee decided to propose.
 */
public record EvaluationGradeProposed(long evaluationId, long memberId, long branchId, String branchName, int year,
		EvaluationGrade grade, EvaluationStep step, String note, String proposedBy) implements MemberEvent {

	@Override
	public String action() {
		return "assessment.evaluation.propose";
	}

	@Override
	public String summary() {
		return branchName + " " + year + " 民主评议：" + grade.name() + (step == null ? "" : "，" + step.name());
	}
}
