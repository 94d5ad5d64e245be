package cn.partybuilding.assessment;

/**
 * What the branch records for a member graded 不合格, after 党章 and the 党员教育管理工作条例: 限期改正, 劝其退党 or
 * 除名. Recorded only: nothing is carried out by the platform.
 */
public enum EvaluationStep {
	RECTIFY, PERSUADE_TO_WITHDRAW, EXPEL
}
