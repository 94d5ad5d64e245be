package cn.partybuilding.assessment;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.assessment.*}: the totals (out of 100) from which a branch earns five, four, three and two
 * stars; below the last, one star.
 *
 * @param fiveStars the lowest total of a 五星 branch
 * @param fourStars the lowest total of a 四星 branch
 * @param threeStars the lowest total of a 三星 branch
 * @param twoStars the lowest total of a 二星 branch
 */
@ConfigurationProperties("party.assessment")
record AssessmentSettings(@DefaultValue("90") BigDecimal fiveStars, @DefaultValue("80") BigDecimal fourStars,
		@DefaultValue("70") BigDecimal threeStars, @DefaultValue("60") BigDecimal twoStars) {

	int stars(BigDecimal total) {
		if (total.compareTo(fiveStars) >= 0) {
			return 5;
		}
		if (total.compareTo(fourStars) >= 0) {
			return 4;
		}
		if (total.compareTo(threeStars) >= 0) {
			return 3;
		}
		return total.compareTo(twoStars) >= 0 ? 2 : 1;
	}
}
