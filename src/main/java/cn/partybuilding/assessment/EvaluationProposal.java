package cn.partybuilding.assessment;

/**
 * The grade the branch committee proposes for one member; for 不合格 the step of the regulation it records, with
 * a note (both null otherwise).
 */
public record EvaluationProposal(long memberId, EvaluationGrade grade, EvaluationStep step, String note) {
}
