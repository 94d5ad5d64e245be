package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.partybuilding.assessment.Indicator.AppliesTo;
import cn.partybuilding.shared.Figures.Direction;

/** How an indicator turns a figure's value into points, and totals into stars. */
class IndicatorScoringTest {

	private static Indicator indicator(double max, double target, Double penalty) {
		return new Indicator(1, 1, "g", "x", "x", true, BigDecimal.valueOf(max), BigDecimal.valueOf(target),
				penalty == null ? null : BigDecimal.valueOf(penalty), AppliesTo.BRANCH, "");
	}

	@Test
	@DisplayName("more is better: full marks at the target, proportionally below, never above the maximum")
	void higherIsBetter() {
		Indicator i = indicator(6, 0.9, null);
		assertThat(i.score(Direction.HIGHER_IS_BETTER, new BigDecimal("0.9"))).isEqualByComparingTo("6");
		assertThat(i.score(Direction.HIGHER_IS_BETTER, new BigDecimal("1"))).isEqualByComparingTo("6");
		assertThat(i.score(Direction.HIGHER_IS_BETTER, new BigDecimal("0.45"))).isEqualByComparingTo("3");
		assertThat(i.score(Direction.HIGHER_IS_BETTER, BigDecimal.ZERO)).isEqualByComparingTo("0");
	}

	@Test
	@DisplayName("less is better: nothing off up to the allowance, the penalty per unit above, never below zero")
	void lowerIsBetter() {
		Indicator i = indicator(6, 1, 2.0);
		assertThat(i.score(Direction.LOWER_IS_BETTER, BigDecimal.ONE)).isEqualByComparingTo("6");
		assertThat(i.score(Direction.LOWER_IS_BETTER, new BigDecimal("3"))).isEqualByComparingTo("2");
		assertThat(i.score(Direction.LOWER_IS_BETTER, new BigDecimal("10"))).isEqualByComparingTo("0");
	}

	@Test
	@DisplayName("stars follow the thresholds of the settings: 90 five, 80 four, 70 three, 60 two, below one")
	void stars() {
		AssessmentSettings s = new AssessmentSettings(BigDecimal.valueOf(90), BigDecimal.valueOf(80), BigDecimal.valueOf(70),
				BigDecimal.valueOf(60));
		assertThat(s.stars(new BigDecimal("90.0"))).isEqualTo(5);
		assertThat(s.stars(new BigDecimal("89.9"))).isEqualTo(4);
		assertThat(s.stars(new BigDecimal("70"))).isEqualTo(3);
		assertThat(s.stars(new BigDecimal("60"))).isEqualTo(2);
		assertThat(s.stars(new BigDecimal("59.9"))).isEqualTo(1);
	}
}
