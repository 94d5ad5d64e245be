package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods a 思想汇报 is due for: every {@code months} months counted from January (3: the quarters), the last
 * period of a year shorter when {@code months} does not divide 12. A period is due from a person once they were an
 * activist on its first day, and missing once it has ended without one.
 */
record ReportPeriods(int months) {

	record Period(LocalDate start, LocalDate end) {

		boolean endedBefore(LocalDate day) {
			return end.isBefore(day);
		}
	}

	ReportPeriods {
		if (months < 1 || months > 12) {
			throw new IllegalArgumentException("party.development.report-every-months must be 1 to 12, not " + months);
		}
	}

	/** The period a day falls in. */
	Period of(LocalDate day) {
		int firstMonth = (day.getMonthValue() - 1) / months * months + 1;
		LocalDate start = LocalDate.of(day.getYear(), firstMonth, 1);
		LocalDate end = start.plusMonths(months).minusDays(1);
		LocalDate lastOfYear = LocalDate.of(day.getYear(), 12, 31);
		return new Period(start, end.isAfter(lastOfYear) ? lastOfYear : end);
	}

	/** The period after this one. */
	Period after(Period period) {
		return of(period.end().plusDays(1));
	}

	/** The last period that has ended before {@code today}. */
	Period lastEnded(LocalDate today) {
		return of(of(today).start().minusDays(1));
	}

	/**
	 * The periods due from someone who became an activist on {@code activistOn}: the first one starting on or after
	 * that day, up to the one {@code today} falls in (which has not ended yet).
	 */
	List<Period> due(LocalDate activistOn, LocalDate today) {
		List<Period> due = new ArrayList<>();
		Period p = of(activistOn);
		if (!p.start().equals(activistOn)) {
			p = after(p);
		}
		while (!p.start().isAfter(today)) {
			due.add(p);
			p = after(p);
		}
		return due;
	}
}
