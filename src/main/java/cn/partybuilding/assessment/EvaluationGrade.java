package cn.partybuilding.assessment;

/**
 * The four grades of the 民主评议党员, from the best to the lowest: 优秀, 合格, 基本合格, 不合格.
 */
public enum EvaluationGrade {
	EXCELLENT, QUALIFIED, BASICALLY_QUALIFIED, UNQUALIFIED
}
