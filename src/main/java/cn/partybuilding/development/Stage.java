package cn.partybuilding.development;

/**
 * Where a person stands on the way to membership (发展党员工作细则): 入党申请人, 入党积极分子, 发展对象, then — once
 * the 上级党委 approves — 预备党员 and, after the 预备期, 正式党员. Labels come from the messages
 * ({@code applicant.stage.*}).
 */
public enum Stage {
	APPLICANT, ACTIVIST, CANDIDATE, PROBATIONARY, FULL
}
