package cn.partybuilding.orglife;

import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** 纪念日: the dates branches build 主题党日 around (七一, 国庆, 宪法日 …), a setting each school keeps. */
@Component
class KeyDates {

	record KeyDate(LocalDate date, String name) {
	}

	private final List<String> entries;

	private final Clock clock;

	KeyDates(@Value("${party.orglife.key-dates:}") List<String> entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	/** The key dates in the next {@code days} days, nearest first. */
	List<KeyDate> coming(int days) {
		LocalDate today = LocalDate.now(clock);
		List<KeyDate> coming = new ArrayList<>();
		for (String entry : entries) {
			String e = entry.strip();
			int space = e.indexOf(' ');
			if (space < 0) {
				continue;
			}
			try {
				MonthDay day = MonthDay.parse("--" + e.substring(0, space));
				LocalDate next = day.atYear(today.getYear());
				if (next.isBefore(today)) {
					next = day.atYear(today.getYear() + 1);
				}
				if (!next.isAfter(today.plusDays(days))) {
					coming.add(new KeyDate(next, e.substring(space + 1).strip()));
				}
			}
			catch (DateTimeParseException ignored) {
				// a malformed entry in the setting is left out rather than breaking the page
			}
		}
		coming.sort(Comparator.comparing(KeyDate::date));
		return coming;
	}
}
