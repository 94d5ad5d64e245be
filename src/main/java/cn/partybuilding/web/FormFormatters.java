package cn.partybuilding.web;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;

/**
 * How forms and query strings read dates and months, registered once for every module: the ISO form a
 * browser's date field sends, and the forms offices type — {@code 2001/9/1}, {@code 2001.9.1},
 * {@code 2001年9月1日}, {@code 20010901}. Anything else is a binding error ({@code typeMismatch.*} in the
 * messages) shown beside its field; a blank field is no value.
 */
final class FormFormatters {

	private static final Pattern DAY = Pattern
		.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?|(\\d{4})(\\d{2})(\\d{2})");

	private static final Pattern MONTH = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*月?|(\\d{4})(\\d{2})");

	private static final Pattern TIME = Pattern.compile("(\\d{1,2})\\s*[:：时]\\s*(\\d{2})(?:\\s*[:：]\\s*(\\d{2}))?\\s*分?");

	private FormFormatters() {
	}

	static void registerWith(FormatterRegistry registry) {
		registry.addFormatterForFieldType(LocalDate.class, new Days());
		registry.addFormatterForFieldType(YearMonth.class, new Months());
		registry.addFormatterForFieldType(LocalDateTime.class, new Moments());
	}

	static LocalDate day(String text) throws ParseException {
		Matcher m = DAY.matcher(text.trim());
		if (!m.matches()) {
			throw new ParseException(text, 0);
		}
		int at = m.group(1) != null ? 1 : 4;
		try {
			return LocalDate.of(Integer.parseInt(m.group(at)), Integer.parseInt(m.group(at + 1)),
					Integer.parseInt(m.group(at + 2)));
		}
		catch (DateTimeException ex) {
			throw new ParseException(text, 0);
		}
	}

	/** A date: {@code 2001-09-01}, {@code 2001/9/1}, {@code 2001年9月1日}; printed as a date field wants it. */
	static final class Days implements Formatter<LocalDate> {

		@Override
		public LocalDate parse(String text, Locale locale) throws ParseException {
			return day(text);
		}

		@Override
		public String print(LocalDate day, Locale locale) {
			return day.toString();
		}
	}

	/** A month: {@code 2026-03}, {@code 2026/3}, {@code 2026年3月}, {@code 202603}; printed as a month field wants it. */
	static final class Months implements Formatter<YearMonth> {

		@Override
		public YearMonth parse(String text, Locale locale) throws ParseException {
			Matcher m = MONTH.matcher(text.trim());
			if (!m.matches()) {
				throw new ParseException(text, 0);
			}
			int at = m.group(1) != null ? 1 : 3;
			try {
				return YearMonth.of(Integer.parseInt(m.group(at)), Integer.parseInt(m.group(at + 1)));
			}
			catch (DateTimeException ex) {
				throw new ParseException(text, 0);
			}
		}

		@Override
		public String print(YearMonth month, Locale locale) {
			return month.toString();
		}
	}

	/**
	 * A date and time: what a {@code datetime-local} field sends ({@code 2026-12-01T19:30}), or a typed date
	 * followed by the time ({@code 2026年12月1日 19:30}); printed as the field wants it.
	 */
	static final class Moments implements Formatter<LocalDateTime> {

		private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

		@Override
		public LocalDateTime parse(String text, Locale locale) throws ParseException {
			String trimmed = text.trim();
			int split = Math.max(trimmed.indexOf('T'), trimmed.lastIndexOf(' '));
			if (split < 0) {
				throw new ParseException(text, 0);
			}
			Matcher time = TIME.matcher(trimmed.substring(split + 1).trim());
			if (!time.matches()) {
				throw new ParseException(text, 0);
			}
			try {
				return LocalDateTime.of(day(trimmed.substring(0, split)), LocalTime.of(Integer.parseInt(time.group(1)),
						Integer.parseInt(time.group(2)), time.group(3) == null ? 0 : Integer.parseInt(time.group(3))));
			}
			catch (DateTimeException ex) {
				throw new ParseException(text, 0);
			}
		}

		@Override
		public String print(LocalDateTime moment, Locale locale) {
			return moment.format(FIELD);
		}
	}
}
