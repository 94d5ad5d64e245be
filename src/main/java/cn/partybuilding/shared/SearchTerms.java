package cn.partybuilding.shared;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The terms of Chinese search, built in Java so that the database needs no Chinese parser and no locale: each run
 * of Chinese characters becomes its overlapping bigrams and trigrams (不忘初心: 不忘 忘初 初心 不忘初 忘初心) plus
 * its last character alone, so that a one-character query finds every occurrence as a prefix (党 matches 党章 and
 * the 党 that ends 入党), a two-character word is one bigram and a longer word its trigrams; Latin words and
 * numbers are words. Text is NFKC-normalised (full-width letters and digits become half-width) and lower case;
 * punctuation separates. Documents become tsvector literals and queries tsquery literals built here from those
 * terms, so no user input ever reaches tsquery syntax.
 */
public final class SearchTerms {

	/** PostgreSQL's largest position in a tsvector (larger ones are clamped to it). */
	public static final int MAX_POSITION = 16_383;

	/** Longer Latin words are cut (a lexeme may not exceed 2 KB; nobody searches for 64 letters at once). */
	public static final int MAX_WORD = 64;

	private SearchTerms() {
	}

	/** A run of the text: Chinese characters (without separators) or one word of letters and digits. */
	record Run(String text, boolean chinese) {
	}

	public static String normalize(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	static boolean chinese(int codePoint) {
		return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
	}

	/** The runs of a text after normalisation; everything that is neither Chinese nor a letter or digit separates. */
	static List<Run> runs(String text) {
		List<Run> runs = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return runs;
		}
		String normal = normalize(text);
		StringBuilder current = new StringBuilder();
		boolean currentChinese = false;
		for (int i = 0; i < normal.length();) {
			int cp = normal.codePointAt(i);
			i += Character.charCount(cp);
			boolean isChinese = chinese(cp);
			boolean isWord = !isChinese && Character.isLetterOrDigit(cp);
			if (!isChinese && !isWord) {
				flush(runs, current, currentChinese);
				continue;
			}
			if (current.length() > 0 && isChinese != currentChinese) {
				flush(runs, current, currentChinese);
			}
			currentChinese = isChinese;
			current.appendCodePoint(cp);
		}
		flush(runs, current, currentChinese);
		return runs;
	}

	private static void flush(List<Run> runs, StringBuilder current, boolean chinese) {
		if (current.length() > 0) {
			String text = current.toString();
			if (!chinese && text.length() > MAX_WORD) {
				text = text.substring(0, MAX_WORD);
			}
			runs.add(new Run(text, chinese));
			current.setLength(0);
		}
	}

	/**
	 * The terms a document's run is found by: its bigrams and trigrams and its last character alone (不忘初心: 不忘
	 * 忘初 初心 不忘初 忘初心 心), or the word.
	 */
	static List<String> matchTerms(Run run) {
		if (!run.chinese()) {
			return List.of(run.text());
		}
		int[] cps = run.text().codePoints().toArray();
		List<String> terms = new ArrayList<>(cps.length * 2);
		for (int i = 0; i + 1 < cps.length; i++) {
			terms.add(new String(cps, i, 2));
			if (i + 2 < cps.length) {
				terms.add(new String(cps, i, 3));
			}
		}
		terms.add(new String(cps, cps.length - 1, 1));
		return terms;
	}

	/** The terms a document's run is ranked by, in order of position: its bigrams and its last character, or the word. */
	static List<String> rankTerms(Run run) {
		if (!run.chinese()) {
			return List.of(run.text());
		}
		int[] cps = run.text().codePoints().toArray();
		List<String> terms = new ArrayList<>(cps.length);
		for (int i = 0; i + 1 < cps.length; i++) {
			terms.add(new String(cps, i, 2));
		}
		terms.add(new String(cps, cps.length - 1, 1));
		return terms;
	}

	/**
	 * The tsvector literal a document is found by: every match term of its texts, without positions (so that the
	 * GIN index answers a query alone, with no recheck of the row, and a text of any length keeps all its terms).
	 */
	public static String lexemes(String... texts) {
		Set<String> terms = new LinkedHashSet<>();
		for (String text : texts) {
			runs(text).forEach(run -> terms.addAll(matchTerms(run)));
		}
		StringJoiner literal = new StringJoiner(" ");
		terms.forEach(term -> literal.add(quote(term)));
		return literal.toString();
	}

	/**
	 * The tsvector literal a document is ranked by: the rank terms of its title at weight A from position 1, then
	 * those of the beginning of its body ({@code lead}) at weight B. Kept small, so that ranking thousands of hits
	 * reads no large value.
	 */
	public static String ranked(String title, String lead) {
		Map<String, StringJoiner> positions = new LinkedHashMap<>();
		int position = add(positions, title, 1, 'A');
		add(positions, lead, position + 1, 'B');
		StringJoiner literal = new StringJoiner(" ");
		positions.forEach((term, at) -> literal.add(quote(term) + ":" + at));
		return literal.toString();
	}

	private static int add(Map<String, StringJoiner> positions, String text, int from, char weight) {
		int position = from;
		for (Run run : runs(text)) {
			for (String term : rankTerms(run)) {
				positions.computeIfAbsent(term, t -> new StringJoiner(",")).add(Math.min(position, MAX_POSITION) + String.valueOf(weight));
				position++;
			}
		}
		return position;
	}


	public static Optional<SearchQuery> query(String typed) {
		Set<String> match = new LinkedHashSet<>();
		Set<String> rank = new LinkedHashSet<>();
		for (Run run : runs(typed)) {
			if (!run.chinese()) {
				match.add(quote(run.text()));
				rank.add(quote(run.text()));
				continue;
			}
			int[] cps = run.text().codePoints().toArray();
			if (cps.length == 1) {
				match.add(quote(run.text()) + ":*");
				rank.add(quote(run.text()) + ":*");
				continue;
			}
			int width = cps.length == 2 ? 2 : 3;
			for (int i = 0; i + width <= cps.length; i++) {
				match.add(quote(new String(cps, i, width)));
			}
			for (int i = 0; i + 1 < cps.length; i++) {
				rank.add(quote(new String(cps, i, 2)));
			}
		}
		return match.isEmpty() ? Optional.empty()
				: Optional.of(new SearchQuery(String.join(" & ", match), String.join(" | ", rank)));
	}

	/** What to look for in a text to place the snippet: each run of the query as typed, normalised. */
	public static List<String> needles(String typed) {
		return runs(typed).stream().map(Run::text).distinct().toList();
	}

	private static String quote(String term) {
		return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	/** About {@value #SNIPPET_LENGTH} characters: what a result list shows of a body. */
	public static final int SNIPPET_LENGTH = 60;

	/**
	 * About {@value #SNIPPET_LENGTH} characters of the body around the first place a needle occurs (compared
	 * normalised, shown as written), or its beginning when only the title matched; an ellipsis marks a cut.
	 */
	public static String snippet(String body, List<String> needles) {
		if (body == null || body.isEmpty()) {
			return "";
		}
		String flat = body.replaceAll("\\s+", " ").strip();
		// normalised like the terms (full-width to half-width, lower case), each character remembering where it was
		StringBuilder normal = new StringBuilder(flat.length());
		int[] origin = new int[flat.length() + 16];
		for (int i = 0; i < flat.length();) {
			int cp = flat.codePointAt(i);
			int from = normal.length();
			if (cp < 0x80) {
				normal.append(Character.toLowerCase((char) cp));
			}
			else if (cp >= 0x4E00 && cp <= 0x9FFF) {
				normal.append((char) cp);
			}
			else {
				normal.append(normalize(new String(Character.toChars(cp))));
			}
			if (normal.length() > origin.length) {
				origin = Arrays.copyOf(origin, normal.length() * 2);
			}
			for (int k = from; k < normal.length(); k++) {
				origin[k] = i;
			}
			i += Character.charCount(cp);
		}
		int at = first(normal, needles);
		if (at < 0) {
			List<String> pieces = new ArrayList<>();
			for (String needle : needles) {
				int[] cps = needle.codePoints().toArray();
				for (int i = 0; i + 1 < cps.length; i++) {
					pieces.add(new String(cps, i, 2));
				}
			}
			at = first(normal, pieces);
		}
		int start = at < 0 ? 0 : Math.max(0, origin[at] - SNIPPET_LENGTH / 3);
		if (start > 0 && Character.isLowSurrogate(flat.charAt(start))) {
			start--;
		}
		int end = Math.min(flat.length(), start + SNIPPET_LENGTH);
		if (end < flat.length() && Character.isHighSurrogate(flat.charAt(end - 1))) {
			end++;
		}
		return (start > 0 ? "…" : "") + flat.substring(start, end).strip() + (end < flat.length() ? "…" : "");
	}

	private static int first(CharSequence text, List<String> needles) {
		String haystack = text.toString();
		int best = -1;
		for (String needle : needles) {
			int i = haystack.indexOf(needle);
			if (i >= 0 && (best < 0 || i < best)) {
				best = i;
			}
		}
		return best;
	}
}
