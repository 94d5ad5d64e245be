package cn.partybuilding.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The screen's normal form of a text, tolerant of the tricks used to slip past a word list: compatibility forms
 * folded (NFKC: full-width letters and digits to half-width), lower case, traditional characters to simplified (a
 * small mapping in content/traditional-simplified.txt), and spaces, punctuation, symbols, marks and zero-width
 * characters dropped, so 法 轮 功, 法.轮.功, 法\u200b轮功 and 法輪功 all read 法轮功. Each character of the normal
 * form remembers where it stands in the original text, so a hit found in the normal form is shown in place.
 */
final class ScreenText {

	/** The normal form and, for each of its characters, the original range it came from (from inclusive, to exclusive). */
	record Folded(String text, int[] from, int[] to) {

		int length() {
			return text.length();
		}
	}

	/** For each BMP character: null when it stays as it is, else what it becomes (the empty string when dropped). */
	private static final String[] FOLD = new String[Character.MAX_VALUE + 1];

	static {
		Map<Character, Character> simplified = simplified();
		StringBuilder out = new StringBuilder(4);
		for (int c = 0; c <= Character.MAX_VALUE; c++) {
			if (Character.isSurrogate((char) c)) {
				continue;
			}
			if (c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF) {
				// unified ideographs: stable under NFKC and caseless; only the traditional ones change
				Character s = simplified.get((char) c);
				FOLD[c] = s == null ? null : String.valueOf(s);
				continue;
			}
			String one = String.valueOf((char) c);
			String folded = fold(one, simplified, out);
			if (!folded.equals(one)) {
				FOLD[c] = folded;
			}
		}
	}

	private ScreenText() {
	}

	private static String fold(String one, Map<Character, Character> simplified, StringBuilder out) {
		out.setLength(0);
		if (ignorable(one.codePointAt(0))) {
			return "";
		}
		String normal = Normalizer.normalize(one, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		for (int i = 0; i < normal.length(); i++) {
			char d = normal.charAt(i);
			if (Character.isSurrogate(d) || !ignorable(d)) {
				out.append(simplified.getOrDefault(d, d));
			}
		}
		return out.toString();
	}

	/** Spaces, controls, zero-width and other format characters, punctuation, symbols and combining marks. */
	static boolean ignorable(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.CONTROL, Character.FORMAT, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
					Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
					Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
					Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL,
					Character.NON_SPACING_MARK, Character.ENCLOSING_MARK ->
				true;
			// Hangul fillers look like nothing and are letters to Unicode
			default -> codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0;
		};
	}

	/** The normal form of a word on the list (empty when it is only punctuation or spaces). */
	static String normalise(String text) {
		return fold(text).text();
	}

	/** The normal form of a text with the way back to the original. */
	static Folded fold(String text) {
		int n = text.length();
		StringBuilder out = new StringBuilder(n);
		int[] from = new int[n + 8];
		int[] to = new int[n + 8];
		int k = 0;
		int i = 0;
		while (i < n) {
			char c = text.charAt(i);
			int width = 1;
			String replacement;
			if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
				width = 2;
				int cp = Character.toCodePoint(c, text.charAt(i + 1));
				replacement = ignorable(cp) ? "" : supplementary(text.substring(i, i + 2));
			}
			else {
				replacement = FOLD[c];
			}
			if (replacement == null) {
				if (k == from.length) {
					from = grow(from);
					to = grow(to);
				}
				out.append(c);
				from[k] = i;
				to[k] = i + 1;
				k++;
			}
			else {
				for (int j = 0; j < replacement.length(); j++) {
					if (k == from.length) {
						from = grow(from);
						to = grow(to);
					}
					out.append(replacement.charAt(j));
					from[k] = i;
					to[k] = i + width;
					k++;
				}
			}
			i += width;
		}
		return new Folded(out.toString(), from, to);
	}

	private static String supplementary(String pair) {
		String normal = Normalizer.normalize(pair, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		if (normal.equals(pair)) {
			return pair;
		}
		StringBuilder out = new StringBuilder();
		normal.codePoints().filter(cp -> !ignorable(cp)).forEach(cp -> {
			if (Character.isBmpCodePoint(cp) && FOLD[cp] != null) {
				out.append(FOLD[cp]);
			}
			else {
				out.appendCodePoint(cp);
			}
		});
		return out.toString();
	}

	private static int[] grow(int[] a) {
		return java.util.Arrays.copyOf(a, a.length * 2 + 8);
	}

	private static Map<Character, Character> simplified() {
		Map<Character, Character> map = new HashMap<>();
		try (InputStream in = ScreenText.class.getResourceAsStream("/content/traditional-simplified.txt")) {
			if (in == null) {
				throw new IllegalStateException("content/traditional-simplified.txt is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("#")) {
					continue;
				}
				for (String pair : line.trim().split("\\s+")) {
					if (pair.length() == 2 && pair.charAt(0) != pair.charAt(1)) {
						map.put(pair.charAt(0), pair.charAt(1));
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return map;
	}
}
