package cn.partybuilding.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * A warning's message written from its pattern split once ({@link WarningCentre.Placeholders}) is MessageFormat's text
 * to the character: quotes, repeated and reordered placeholders, numbers in the locale, null and missing arguments.
 */
class WarningTextsTest {

	static final List<String> PATTERNS = List.of("{0} 已连续 {1} 个月未交党费，欠缴 {2} 元", "It''s {0}''s turn", "'{0}' is literal, {1} is not",
			"{1} before {0}", "{0}{0}{0}", "no placeholder at all", "'quoted ''text'' {2}' then {0}", "{2} only", "学习纲要《{0}》：{2} 人中还有 {1} 人未完成",
			"trailing {0}", "{0} leading");

	static final List<List<Object>> ARGUMENTS = List.of(Arrays.asList("张三", 3L, new BigDecimal("1234.50")),
			Arrays.asList(1234567L, new BigDecimal("-0.125"), 12345678901234L), Arrays.asList(null, "x", null),
			Arrays.asList("only one"), Arrays.asList("a{1}b", "'q'", "_x0041_"), Arrays.asList(0L, 1.5d, 2));

	@Test
	void theSplitPatternWritesWhatMessageFormatWrites() {
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH, Locale.GERMANY)) {
			NumberFormat numbers = NumberFormat.getInstance(locale);
			for (String pattern : PATTERNS) {
				WarningCentre.Placeholders split = WarningCentre.Placeholders.of(pattern, locale).orElseThrow();
				for (List<Object> args : ARGUMENTS) {
					assertThat(split.writes(args)).isTrue();
					assertThat(split.format(args, numbers)).as("%s %s %s", locale, pattern, args)
						.isEqualTo(new MessageFormat(pattern, locale).format(args.toArray()));
				}
			}
		}
	}

	@Test
	void aPatternWithAFormattedPlaceholderIsLeftToMessageFormat() {
		assertThat(WarningCentre.Placeholders.of("{0,number,#.##} 元", Locale.SIMPLIFIED_CHINESE)).isEmpty();
		assertThat(WarningCentre.Placeholders.of("{0} on {1,date}", Locale.SIMPLIFIED_CHINESE)).isEmpty();
		// a date argument is MessageFormat's to write
		assertThat(WarningCentre.Placeholders.of("{0}", Locale.ENGLISH).orElseThrow().writes(List.of(new java.util.Date())))
			.isFalse();
	}
}
