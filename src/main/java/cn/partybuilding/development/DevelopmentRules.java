package cn.partybuilding.development;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The waiting times of 发展党员 that local practice varies (settings {@code party.development.*}); the fixed ones
 * (≥18, 1 year as activist, 1 year's 预备期, approval within 3 months, extension 6–12 months) are the
 * regulation's and live in {@link DevelopmentPath}.
 *
 * @param activistAfterMonths how soon after applying someone may be confirmed as an activist (0: no minimum;
 * 3–6 is common)
 * @param noticeDays the 公示's length before the 预审
 * @param noticeInWorkingDays whether {@code noticeDays} counts working days (5 working days) or calendar days (7)
 * @param reportEveryMonths how often an activist or 发展对象 hands in a 思想汇报 (3: quarterly)
 */
@ConfigurationProperties("party.development")
record DevelopmentRules(@DefaultValue("0") int activistAfterMonths, @DefaultValue("7") int noticeDays,
		@DefaultValue("false") boolean noticeInWorkingDays, @DefaultValue("3") int reportEveryMonths) {

	static final DevelopmentRules DEFAULTS = new DevelopmentRules(0, 7, false, 3);

	/** The first day after a 公示 that began on {@code from}: the day 预审 becomes possible. */
	LocalDate noticeOver(LocalDate from) {
		if (!noticeInWorkingDays) {
			return from.plusDays(noticeDays);
		}
		LocalDate day = from;
		int counted = 0;
		while (true) {
			if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
				counted++;
			}
			day = day.plusDays(1);
			if (counted == noticeDays) {
				return day;
			}
		}
	}

	Period activistWait() {
		return Period.ofMonths(activistAfterMonths);
	}
}
