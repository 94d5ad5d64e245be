package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.shared.Figures.Direction;

/**
 * One indicator of a year's system. An automatic one scores a module's figure (its code is the figure's code); a
 * manual one (特色活动, 获奖) is claimed by the organisation with evidence and scored by the level above.
 *
 * @param target for a figure where more is better, the value that earns full marks; where less is better, the
 *        allowance below which nothing is taken off
 * @param penalty where less is better, the points taken off per unit above the allowance
 */
record Indicator(long id, int position, String group, String code, String name, boolean automatic, BigDecimal max,
		BigDecimal target, BigDecimal penalty, AppliesTo appliesTo, String description) {

	/** Whose indicator it is: branches, general branches (their own work, scored when the system says so), or both. */
	enum AppliesTo {
		BRANCH, GENERAL_BRANCH, BOTH;

		boolean covers(OrgType type) {
			return switch (this) {
				case BRANCH -> type == OrgType.BRANCH;
				case GENERAL_BRANCH -> type == OrgType.GENERAL_BRANCH;
				case BOTH -> type == OrgType.BRANCH || type == OrgType.GENERAL_BRANCH;
			};
		}
	}

	/**
	 * The score a figure's value earns: more is better → max × min(1, value ÷ target); less is better → max − penalty
	 * × (value − target) when above the allowance, never below 0. Two decimals.
	 */
	BigDecimal score(Direction direction, BigDecimal value) {
		BigDecimal score;
		if (direction == Direction.HIGHER_IS_BETTER) {
			score = target.signum() <= 0 || value.compareTo(target) >= 0 ? max
					: max.multiply(value).divide(target, 6, RoundingMode.HALF_UP);
		}
		else {
			BigDecimal over = value.subtract(target).max(BigDecimal.ZERO);
			BigDecimal off = penalty == null ? BigDecimal.ZERO : penalty.multiply(over);
			score = max.subtract(off).max(BigDecimal.ZERO);
		}
		return score.min(max).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
	}
}
