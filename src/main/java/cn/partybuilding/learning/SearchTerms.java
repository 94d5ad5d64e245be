package cn.partybuilding.learning;

import java.text.Normalizer;
import java.util.ArrayList;
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
 * of Chinese characters becomes its overlapping bigrams (不忘初心: 不忘 忘初 初心) plus its last character alone, so
 * that a one-character query finds every occurrence as a prefix (党 matches 党章 and the 党 that ends 入党); Latin
 * words and numbers are words. Text is NFKC-normalised (full-width letters and digits become half-width) and lower
 * case; punctuation separates. Documents become a tsvector literal with positions (title weight A, body B), queries
 * a tsquery literal of the same bigrams ANDed, so no user input ever reaches tsquery syntax.
 */
final class SearchTerms {

	/** PostgreSQL's largest position in a tsvector (larger ones are clamped to it). */
	static final int MAX_POSITION = 16_383;

	/** PostgreSQL keeps at most this many positions per lexeme. */
	static final int MAX_POSITIONS_PER_TERM = 256;

	/** Longer Latin words are cut (a lexeme may not exceed 2 KB; nobody searches for 64 letters at once). */
	static final int MAX_WORD = 64;

	private SearchTerms() {
	}

	/** A run of the text: Chinese characters (without separators) or one word of letters and digits. */
	record Run(String text, boolean chinese) {
	}

	static String normalize(String text) {
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

	/** The terms a document's run is indexed under, in order of position. */
	static List<String> documentTerms(Run run) {
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
	 * The tsvector literal of a document: the title's terms at weight A from position 1, the body's after them at
	 * weight B. Empty texts give an empty vector.
	 */
	static String vector(String title, String body) {
		Map<String, StringJoiner> positions = new LinkedHashMap<>();
		Map<String, Integer> counts = new LinkedHashMap<>();
		int position = add(positions, counts, title, 1, 'A');
		add(positions, counts, body, position + 1, 'B');
		StringJoiner literal = new StringJoiner(" ");
		positions.forEach((term, at) -> literal.add(quote(term) + ":" + at));
		return literal.toString();
	}

	private static int add(Map<String, StringJoiner> positions, Map<String, Integer> counts, String text, int from,
			char weight) {
		int position = from;
		for (Run run : runs(text)) {
			for (String term : documentTerms(run)) {
				int at = Math.min(position, MAX_POSITION);
				int seen = counts.merge(term, 1, Integer::sum);
				if (seen <= MAX_POSITIONS_PER_TERM) {
					positions.computeIfAbsent(term, t -> new StringJoiner(",")).add(at + String.valueOf(weight));
				}
				position++;
			}
		}
		return position;
	}

	/**
	 * The tsquery literal of what someone typed: every run's terms ANDed (a one-character run as a prefix), or empty
	 * when nothing searchable is left (only punctuation).
	 */
	static Optional<String> query(String typed) {
		Set<String> terms = new LinkedHashSet<>();
		for (Run run : runs(typed)) {
			if (!run.chinese()) {
				terms.add(quote(run.text()));
				continue;
			}
			int[] cps = run.text().codePoints().toArray();
			if (cps.length == 1) {
				terms.add(quote(run.text()) + ":*");
			}
			for (int i = 0; i + 1 < cps.length; i++) {
				terms.add(quote(new String(cps, i, 2)));
			}
		}
		return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" & ", terms));
	}

	/** What to look for in a text to place the snippet: each run of the query as typed, normalised. */
	static List<String> needles(String typed) {
		return runs(typed).stream().map(Run::text).distinct().toList();
	}

	private static String quote(String term) {
		return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'";
	}
}
