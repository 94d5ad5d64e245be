package cn.partybuilding.dues;

import java.math.BigDecimal;

/**
 * What a member pays a month under one version of the rules: the amount, the rate applied (null for a
 * fixed amount) and a sentence saying why.
 */
record DuesStandard(DuesCategory category, BigDecimal base, BigDecimal monthlyAmount, BigDecimal rate,
		String explanation, long ruleVersionId) {
}
