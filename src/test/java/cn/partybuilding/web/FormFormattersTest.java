package cn.partybuilding.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import java.math.BigDecimal;

class FormFormattersTest {

	private final FormFormatters.Days days = new FormFormatters.Days();

	private final FormFormatters.Months months = new FormFormatters.Months();

	private final FormFormatters.Moments moments = new FormFormatters.Moments();

	@Test
	void readsTheDatesOfficesType() throws ParseException {
		LocalDate first = LocalDate.of(2001, 9, 1);
		for (String typed : new String[] { "2001-09-01", "2001/9/1", "2001.9.1", "2001年9月1日", " 2001 年 9 月 1 日 ",
				"20010901", "2001-9-1" }) {
			assertThat(days.parse(typed, Locale.CHINA)).as(typed).isEqualTo(first);
		}
		assertThat(days.print(first, Locale.CHINA)).isEqualTo("2001-09-01");
	}

	@Test
	void refusesWhatIsNoDate() {
		for (String typed : new String[] { "2001-02-30", "2001-13-01", "yesterday", "2001-09", "01/09/2001" }) {
			assertThatThrownBy(() -> days.parse(typed, Locale.CHINA)).as(typed).isInstanceOf(ParseException.class);
		}
	}

	@Test
	void readsMonths() throws ParseException {
		YearMonth march = YearMonth.of(2026, 3);
		for (String typed : new String[] { "2026-03", "2026/3", "2026年3月", "202603", "2026.3" }) {
			assertThat(months.parse(typed, Locale.CHINA)).as(typed).isEqualTo(march);
		}
		assertThat(months.print(march, Locale.CHINA)).isEqualTo("2026-03");
		assertThatThrownBy(() -> months.parse("2026-13", Locale.CHINA)).isInstanceOf(ParseException.class);
	}

	@Test
	void readsADateAndATime() throws ParseException {
		LocalDateTime evening = LocalDateTime.of(2026, 12, 1, 19, 30);
		for (String typed : new String[] { "2026-12-01T19:30", "2026-12-01 19:30", "2026年12月1日 19:30", "2026/12/1 19:30:00" }) {
			assertThat(moments.parse(typed, Locale.CHINA)).as(typed).isEqualTo(evening);
		}
		assertThat(moments.print(evening, Locale.CHINA)).isEqualTo("2026-12-01T19:30");
		assertThatThrownBy(() -> moments.parse("2026-12-01 25:00", Locale.CHINA)).isInstanceOf(ParseException.class);
		assertThatThrownBy(() -> moments.parse("2026-12-01", Locale.CHINA)).isInstanceOf(ParseException.class);
	}

	@Test
	void readsAmountsWithTheirSeparators() throws ParseException {
		FormFormatters.Amounts amounts = new FormFormatters.Amounts();
		for (String typed : new String[] { "6800.50", "6,800.50", "6，800.50", " 6800.50元 " }) {
			assertThat(amounts.parse(typed, Locale.CHINA)).as(typed).isEqualByComparingTo("6800.50");
		}
		assertThat(amounts.print(new BigDecimal("1E+3"), Locale.CHINA)).isEqualTo("1000");
		assertThatThrownBy(() -> amounts.parse("六千", Locale.CHINA)).isInstanceOf(ParseException.class);
	}
}
