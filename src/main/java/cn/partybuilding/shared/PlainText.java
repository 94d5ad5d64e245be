package cn.partybuilding.shared;

import java.text.Normalizer;

import org.unbescape.html.HtmlEscape;

/**
 * Names typed by people: NFC-normalised, without control or invisible characters (NUL, zero-width
 * spaces, BOM), trimmed of every kind of space (ideographic and no-break spaces included), so that two
 * names that look the same are the same. Full-width punctuation such as （） is kept.
 */
public final class PlainText {

	private PlainText() {
	}

	public static String clean(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder sb = new StringBuilder(text.length());
		Normalizer.normalize(text, Normalizer.Form.NFC)
			.codePoints()
			.filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
			.forEach(sb::appendCodePoint);
		int start = 0;
		int end = sb.length();
		while (start < end && isSpace(sb.charAt(start))) {
			start++;
		}
		while (end > start && isSpace(sb.charAt(end - 1))) {
			end--;
		}
		return sb.substring(start, end);
	}

	/**
	 * A value as HTML text, as Thymeleaf's {@code th:text} writes it (unbescape's escaping, quotes included, so it may
	 * stand in an attribute too); empty for null. For rows a page writes in Java.
	 */
	public static String html(Object value) {
		return value == null ? "" : HtmlEscape.escapeHtml4Xml(value.toString());
	}

	/** Escapes LIKE's wildcards (with backslash, the queries' ESCAPE character) so typed text matches as text. */
	public static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** A LIKE pattern matching values that contain the cleaned, escaped text anywhere. */
	public static String containing(String text) {
		return "%" + escapeLike(clean(text)) + "%";
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}
}
