package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import cn.partybuilding.shared.FieldProblem;

/**
 * Reading, checking and grading answers, as JSON by question type: {@code "B"}; {@code ["A","C"]}; {@code true};
 * one list of accepted variants per blank, {@code [["税","税收"]]} (a person answers one string per blank); a text.
 * Letters are read forgivingly (lower case, {@code "AC"} for {@code ["A","C"]}, 正确/错误 for true/false), fill-in
 * answers compare after folding full-width to half-width, case and every space away.
 */
final class Answers {

	static final int MAX_OPTIONS = 6;

	static final int MAX_BLANKS = 10;

	static final int MAX_TEXT = 5000;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Answers() {
	}

	/** The canonical key a question is stored with, or a {@link FieldProblem} on {@code field}. */
	static JsonNode key(QuestionType type, JsonNode given, int options, String field) {
		if (given == null || given.isNull() || given.isMissingNode()) {
			if (type == QuestionType.SHORT) {
				return NODES.stringNode("");
			}
			throw new FieldProblem(field, "exam.answer.required");
		}
		return switch (type) {
			case SINGLE -> NODES.stringNode(letters(given, options, field, "exam.answer.single").get(0).toString());
			case MULTIPLE -> array(letters(given, options, field, "exam.answer.multiple"));
			case TRUE_FALSE -> NODES.booleanNode(truth(given).orElseThrow(() -> new FieldProblem(field,
					"exam.answer.trueFalse")));
			case FILL -> blanksKey(given, field);
			case SHORT -> NODES.stringNode(text(given, field));
		};
	}

	/**
	 * What a person may save for a question as shown to them ({@code options} shown, {@code blanks} to fill); a
	 * {@link FieldProblem} on {@code answer} otherwise.
	 */
	static JsonNode response(QuestionType type, JsonNode given, int options, int blanks) {
		String field = "answer";
		return switch (type) {
			case SINGLE -> NODES.stringNode(letters(given, options, field, "exam.answer.single").get(0).toString());
			case MULTIPLE -> array(letters(given, options, field, "exam.answer.multipleGiven"));
			case TRUE_FALSE -> NODES.booleanNode(truth(given).orElseThrow(() -> new FieldProblem(field,
					"exam.answer.trueFalse")));
			case FILL -> {
				List<String> values = strings(given, field);
				if (values.size() > blanks) {
					throw new FieldProblem(field, "exam.answer.blanks", blanks);
				}
				ArrayNode out = NODES.arrayNode();
				for (int i = 0; i < blanks; i++) {
					out.add(i < values.size() ? values.get(i) : "");
				}
				yield out;
			}
			case SHORT -> NODES.stringNode(text(given, field));
		};
	}

	/** The number of blanks of a fill-in key. */
	static int blanks(JsonNode key) {
		return key.isArray() ? key.size() : 0;
	}

	/**
	 * The score a response earns: the whole score when right; for a multiple choice with partial credit, half of it
	 * when every letter chosen is right but some are missing; a fill-in earns its share per blank right. Short
	 * answers are graded by hand (null here).
	 */
	static BigDecimal grade(QuestionType type, JsonNode key, JsonNode response, BigDecimal score, boolean partialCredit) {
		if (type == QuestionType.SHORT) {
			return null;
		}
		if (response == null) {
			return BigDecimal.ZERO;
		}
		return switch (type) {
			case SINGLE, TRUE_FALSE -> key.equals(response) ? score : BigDecimal.ZERO;
			case MULTIPLE -> {
				TreeSet<String> right = set(key);
				TreeSet<String> chosen = set(response);
				if (right.equals(chosen)) {
					yield score;
				}
				yield partialCredit && !chosen.isEmpty() && right.containsAll(chosen) ? half(score) : BigDecimal.ZERO;
			}
			case FILL -> {
				int right = 0;
				for (int i = 0; i < key.size(); i++) {
					String given = i < response.size() ? fold(response.get(i).asString()) : "";
					for (JsonNode variant : key.get(i)) {
						if (!given.isEmpty() && given.equals(fold(variant.asString()))) {
							right++;
							break;
						}
					}
				}
				yield right == key.size() ? score
						: score.multiply(BigDecimal.valueOf(right))
							.divide(BigDecimal.valueOf(key.size()), 1, RoundingMode.DOWN);
			}
			case SHORT -> null;
		};
	}

	/** A response in the person's letters, mapped to the question's own letters through the shown order. */
	static JsonNode toOriginal(QuestionType type, JsonNode response, int[] order) {
		if (!type.hasOptions() || response == null || order.length == 0) {
			return response;
		}
		if (type == QuestionType.SINGLE) {
			return NODES.stringNode(letter(order[response.asString().charAt(0) - 'A']));
		}
		TreeSet<String> mapped = new TreeSet<>();
		response.forEach(l -> mapped.add(letter(order[l.asString().charAt(0) - 'A'])));
		return array(new ArrayList<>(mapped));
	}

	/** The key in the letters a person was shown. */
	static JsonNode toShown(QuestionType type, JsonNode key, int[] order) {
		if (!type.hasOptions() || order.length == 0) {
			return key;
		}
		int[] shownOf = new int[order.length];
		for (int shown = 0; shown < order.length; shown++) {
			shownOf[order[shown]] = shown;
		}
		if (type == QuestionType.SINGLE) {
			return NODES.stringNode(letter(shownOf[key.asString().charAt(0) - 'A']));
		}
		TreeSet<String> mapped = new TreeSet<>();
		key.forEach(l -> mapped.add(letter(shownOf[l.asString().charAt(0) - 'A'])));
		return array(new ArrayList<>(mapped));
	}

	static String letter(int index) {
		return String.valueOf((char) ('A' + index));
	}

	/** Full-width to half-width, lower case, and no spaces or invisible marks at all: what fill-in answers compare. */
	static String fold(String text) {
		if (text == null) {
			return "";
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		StringBuilder out = new StringBuilder(folded.length());
		folded.codePoints()
			.filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && Character.getType(c) != Character.FORMAT)
			.forEach(out::appendCodePoint);
		return out.toString();
	}

	/** True or false from {@code true}, "true", 正确, 对, √, T, Y, 是 (and their opposites). */
	static Optional<Boolean> truth(JsonNode given) {
		if (given.isBoolean()) {
			return Optional.of(given.booleanValue());
		}
		if (!given.isString()) {
			return Optional.empty();
		}
		return switch (fold(given.asString())) {
			case "true", "t", "y", "yes", "正确", "对", "是", "√", "✓", "✔" -> Optional.of(true);
			case "false", "f", "n", "no", "错误", "错", "否", "×", "x", "✗", "✘" -> Optional.of(false);
			default -> Optional.empty();
		};
	}

	private static List<Character> letters(JsonNode given, int options, String field, String problem) {
		List<String> parts = new ArrayList<>();
		if (given.isString()) {
			for (char c : fold(given.asString()).replaceAll("[,，、;；/|]", "").toCharArray()) {
				parts.add(String.valueOf(c));
			}
		}
		else if (given.isArray()) {
			given.forEach(p -> parts.add(p.isString() ? fold(p.asString()) : "?"));
		}
		else {
			throw new FieldProblem(field, problem, letter(Math.max(0, options - 1)));
		}
		TreeSet<Character> letters = new TreeSet<>();
		for (String part : parts) {
			if (part.length() != 1 || part.charAt(0) < 'a' || part.charAt(0) >= 'a' + options) {
				throw new FieldProblem(field, problem, letter(Math.max(0, options - 1)));
			}
			letters.add(Character.toUpperCase(part.charAt(0)));
		}
		boolean single = problem.equals("exam.answer.single");
		if (letters.isEmpty() || (single && letters.size() != 1)) {
			throw new FieldProblem(field, problem, letter(Math.max(0, options - 1)));
		}
		return new ArrayList<>(letters);
	}

	private static JsonNode blanksKey(JsonNode given, String field) {
		List<List<String>> blanks = new ArrayList<>();
		if (given.isString()) {
			for (String blank : given.asString().split("[;；]")) {
				blanks.add(List.of(blank.split("[|｜]")));
			}
		}
		else if (given.isArray()) {
			for (JsonNode blank : given) {
				if (blank.isArray()) {
					blanks.add(strings(blank, field));
				}
				else if (blank.isString()) {
					blanks.add(List.of(blank.asString().split("[|｜]")));
				}
				else {
					throw new FieldProblem(field, "exam.answer.fill");
				}
			}
		}
		else {
			throw new FieldProblem(field, "exam.answer.fill");
		}
		if (blanks.isEmpty() || blanks.size() > MAX_BLANKS) {
			throw new FieldProblem(field, "exam.answer.fillCount", MAX_BLANKS);
		}
		ArrayNode out = NODES.arrayNode();
		for (List<String> variants : blanks) {
			ArrayNode accepted = NODES.arrayNode();
			variants.stream().map(String::strip).filter(v -> !fold(v).isEmpty()).distinct().forEach(accepted::add);
			if (accepted.isEmpty()) {
				throw new FieldProblem(field, "exam.answer.fill");
			}
			if (accepted.toString().length() > 500) {
				throw new FieldProblem(field, "exam.answer.tooLong", 500);
			}
			out.add(accepted);
		}
		return out;
	}

	private static List<String> strings(JsonNode given, String field) {
		if (given.isString()) {
			return List.of(given.asString());
		}
		if (!given.isArray()) {
			throw new FieldProblem(field, "exam.answer.fill");
		}
		List<String> out = new ArrayList<>();
		for (JsonNode s : given) {
			if (!s.isString() && !s.isNumber()) {
				throw new FieldProblem(field, "exam.answer.fill");
			}
			String value = s.asString();
			if (value.length() > 200) {
				throw new FieldProblem(field, "exam.answer.tooLong", 200);
			}
			out.add(value);
		}
		return out;
	}

	private static String text(JsonNode given, String field) {
		if (!given.isString()) {
			throw new FieldProblem(field, "exam.answer.text");
		}
		String text = given.asString().strip();
		if (text.length() > MAX_TEXT) {
			throw new FieldProblem(field, "exam.answer.tooLong", MAX_TEXT);
		}
		return text;
	}

	private static ArrayNode array(List<?> values) {
		ArrayNode out = NODES.arrayNode();
		values.forEach(v -> out.add(v.toString()));
		return out;
	}

	private static TreeSet<String> set(JsonNode array) {
		TreeSet<String> out = new TreeSet<>();
		if (array != null && array.isArray()) {
			array.forEach(n -> out.add(n.asString()));
		}
		return out;
	}

	private static BigDecimal half(BigDecimal score) {
		return score.divide(BigDecimal.valueOf(2), 1, RoundingMode.DOWN);
	}
}
