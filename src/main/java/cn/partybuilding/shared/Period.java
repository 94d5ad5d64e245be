package cn.partybuilding.shared;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reporting period: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year ({@code 2026}); {@code until} exclusive. */
public record Period(String name, LocalDate from, LocalDate until) {

	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

	public static Period parse(String text) {
		String t = text == null ? "" : text.trim().toUpperCase();
		Matcher q = QUARTER.matcher(t);
		try {
			if (q.matches()) {
				LocalDate from = LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1);
				return new Period(t, from, from.plusMonths(3));
			}
			if (t.matches("\\d{4}-\\d{2}")) {
				LocalDate from = YearMonth.parse(t).atDay(1);
				return new Period(t, from, from.plusMonths(1));
			}
			if (t.matches("\\d{4}")) {
				LocalDate from = LocalDate.of(Integer.parseInt(t), 1, 1);
				return new Period(t, from, from.plusYears(1));
			}
		}
		catch (RuntimeException e) {
			// falls through to the message
		}
		throw new FieldProblem("period", "period.format");
	}

	public int months() {
		return (int) ChronoUnit.MONTHS.between(from, until);
	}
}
