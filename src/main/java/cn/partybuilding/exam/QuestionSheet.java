package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The question layout offices use in their spreadsheets, one question a row: 题型, 题干, 选项A to 选项F, 答案, 解析,
 * 分值, 难度, 标签. Reading a row is the same for an Excel sheet and for tab-separated text (the demo bank): the cells
 * by column in, a {@link QuestionBank.NewQuestion} (or what is wrong with the cells) out. Writing is the reverse, so
 * an export imports again. Cell formats: 题型 单选题, 多选题, 判断题, 填空题, 简答题 (or 单选 … or SINGLE …); 答案 B, ACD,
 * 正确 or 错误, blanks separated by ； with accepted variants by |, or the model answer; 难度 1 to 5 (empty is 3);
 * 标签 separated by 、 or commas.
 */
final class QuestionSheet {

	private QuestionSheet() {
	}

	/** The columns, in the template's order; the header names them and an office may reorder them. */
	enum Column {
		TYPE("题型"), TEXT("题干"), OPTION_A("选项A"), OPTION_B("选项B"), OPTION_C("选项C"), OPTION_D("选项D"),
		OPTION_E("选项E"), OPTION_F("选项F"), ANSWER("答案"), EXPLANATION("解析"), SCORE("分值"), DIFFICULTY("难度"),
		TAGS("标签");

		final String header;

		Column(String header) {
			this.header = header;
		}

		/** The column a header cell names: 选项 A, 选项a, 选项Ａ and （正确）答案 alike; a few names offices also use. */
		static Optional<Column> ofHeader(String text) {
			if (text == null) {
				return Optional.empty();
			}
			String t = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s*＊:：]", "")
				.toUpperCase(Locale.ROOT);
			for (Column c : values()) {
				if (c.header.equals(t)) {
					return Optional.of(c);
				}
			}
			return Optional.ofNullable(switch (t) {
				case "类型", "试题类型", "题目类型" -> TYPE;
				case "题目", "试题", "题目内容", "试题内容" -> TEXT;
				case "正确答案", "参考答案", "标准答案" -> ANSWER;
				case "答案解析", "试题解析" -> EXPLANATION;
				case "分数", "分值(分)" -> SCORE;
				case "难易程度", "难度系数" -> DIFFICULTY;
				case "知识点", "标签(知识点)" -> TAGS;
				default -> null;
			});
		}
	}

	static final List<Column> OPTIONS = List.of(Column.OPTION_A, Column.OPTION_B, Column.OPTION_C, Column.OPTION_D,
			Column.OPTION_E, Column.OPTION_F);

	/** Columns a file must have; the option columns may be missing (a sheet of true/false questions). */
	static final List<Column> REQUIRED = List.of(Column.TYPE, Column.TEXT, Column.ANSWER, Column.SCORE);

	/** A wrong cell before it is put into words: the row as numbered in the file, its column, a message key. */
	record Problem(int row, Column column, String field, String key, Object[] args) {
	}

	/** A row read: the question it gives, or what is wrong with its cells (then the question is null). */
	record Read(int row, Map<Column, String> cells, QuestionBank.NewQuestion question, List<Problem> problems) {
	}

	/** The columns of a header row (cell index by column), if it names at least 题型 and 题干. */
	static Optional<Map<Column, Integer>> header(List<String> cells) {
		Map<Column, Integer> found = new EnumMap<>(Column.class);
		for (int i = 0; i < cells.size(); i++) {
			int index = i;
			Column.ofHeader(cells.get(i)).ifPresent(c -> found.putIfAbsent(c, index));
		}
		return found.containsKey(Column.TYPE) && found.containsKey(Column.TEXT) ? Optional.of(found) : Optional.empty();
	}

	/** The required columns a header lacks. */
	static List<Column> missing(Map<Column, Integer> columns) {
		return REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
	}

	/** The cells of a row by column, as text stripped; empty cells left out. */
	static Map<Column, String> cells(Map<Column, Integer> columns, List<String> row) {
		Map<Column, String> out = new EnumMap<>(Column.class);
		columns.forEach((column, index) -> {
			if (index < row.size()) {
				String value = cell(row.get(index));
				if (!value.isEmpty()) {
					out.put(column, value);
				}
			}
		});
		return out;
	}

	/** A cell's text: stripped, and without the apostrophe an export puts before = + - @ (no formula). */
	static String cell(String raw) {
		if (raw == null) {
			return "";
		}
		String value = raw.strip();
		if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
			value = value.substring(1);
		}
		return value;
	}

	/** The template's example rows (题干 beginning with 示例：) are left out of an import. */
	static boolean example(Map<Column, String> cells) {
		String text = cells.get(Column.TEXT);
		return text != null && (text.startsWith("示例：") || text.startsWith("示例:"));
	}

	/**
	 * A row of cells to the question it gives ({@code orgId} is the import's), or the cells that cannot be read. The
	 * rules of a question (options, answer by type, score, difficulty) are {@link QuestionBank#check}'s, not these.
	 */
	static Read fromCells(int row, Map<Column, String> cells, long orgId) {
		List<Problem> problems = new ArrayList<>();
		QuestionType type = null;
		String typeText = cells.get(Column.TYPE);
		if (typeText == null) {
			problems.add(new Problem(row, Column.TYPE, "type", "exam.question.type.required", new Object[0]));
		}
		else {
			type = type(typeText).orElse(null);
			if (type == null) {
				problems.add(new Problem(row, Column.TYPE, "type", "exam.import.type", new Object[] { typeText }));
			}
		}
		List<String> options = new ArrayList<>();
		for (Column c : OPTIONS) {
			options.add(cells.getOrDefault(c, ""));
		}
		String answer = cells.get(Column.ANSWER);
		BigDecimal score = null;
		String scoreText = cells.get(Column.SCORE);
		if (scoreText != null) {
			try {
				score = new BigDecimal(fold(scoreText).replaceAll("分$", "")).stripTrailingZeros();
				if (score.scale() < 0) {
					score = score.setScale(0);
				}
			}
			catch (NumberFormatException e) {
				problems.add(new Problem(row, Column.SCORE, "score", "exam.import.number", new Object[] { scoreText }));
			}
		}
		Integer difficulty = null;
		String difficultyText = cells.get(Column.DIFFICULTY);
		if (difficultyText != null) {
			try {
				difficulty = new BigDecimal(fold(difficultyText)).intValueExact();
			}
			catch (NumberFormatException | ArithmeticException e) {
				problems.add(new Problem(row, Column.DIFFICULTY, "difficulty", "exam.question.difficulty", new Object[0]));
			}
		}
		String tags = cells.get(Column.TAGS);
		if (!problems.isEmpty()) {
			return new Read(row, cells, null, problems);
		}
		JsonNode key = answer == null ? null : JsonNodeFactory.instance.stringNode(answer);
		return new Read(row, cells, new QuestionBank.NewQuestion(type, cells.get(Column.TEXT), options, key, score,
				cells.get(Column.EXPLANATION), QuestionBank.tags(tags == null ? List.of() : List.of(tags)), difficulty, orgId), List.of());
	}

	private static String fold(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s", "");
	}

	/** 单选题, 单选, 单项选择题, SINGLE (and so on for each type). */
	static Optional<QuestionType> type(String text) {
		String t = fold(text).toUpperCase(Locale.ROOT).replace('-', '_');
		for (QuestionType type : QuestionType.values()) {
			if (type.name().equals(t) || label(type).equals(t) || label(type).equals(t + "题")) {
				return Optional.of(type);
			}
		}
		return Optional.ofNullable(switch (t) {
			case "单项选择题", "单项选择", "单选择题" -> QuestionType.SINGLE;
			case "多项选择题", "多项选择", "不定项选择题", "不定项选择" -> QuestionType.MULTIPLE;
			case "是非题", "是非", "对错题", "TRUEFALSE", "JUDGE" -> QuestionType.TRUE_FALSE;
			case "填空题目", "BLANK" -> QuestionType.FILL;
			case "问答题", "问答", "论述题", "论述", "主观题" -> QuestionType.SHORT;
			default -> null;
		});
	}

	/** The type as the sheet writes it. */
	static String label(QuestionType type) {
		return switch (type) {
			case SINGLE -> "单选题";
			case MULTIPLE -> "多选题";
			case TRUE_FALSE -> "判断题";
			case FILL -> "填空题";
			case SHORT -> "简答题";
		};
	}

	/** A stored key as a cell: B; ACD; 正确 or 错误; 税|税收；党支部; the model answer. */
	static String answerText(QuestionType type, JsonNode key) {
		if (key == null || key.isNull()) {
			return "";
		}
		return switch (type) {
			case SINGLE, SHORT -> key.asString();
			case MULTIPLE -> {
				StringBuilder out = new StringBuilder();
				key.forEach(l -> out.append(l.asString()));
				yield out.toString();
			}
			case TRUE_FALSE -> key.asBoolean() ? "正确" : "错误";
			case FILL -> {
				List<String> blanks = new ArrayList<>();
				for (JsonNode blank : key) {
					List<String> variants = new ArrayList<>();
					blank.forEach(v -> variants.add(v.asString()));
					blanks.add(String.join("|", variants));
				}
				yield String.join("；", blanks);
			}
		};
	}

	/** A stored question as the cells of its row, for an export (and the edit form). */
	static Map<Column, Object> row(QuestionBank.QuestionView q) {
		Map<Column, Object> out = new EnumMap<>(Column.class);
		out.put(Column.TYPE, label(q.type()));
		out.put(Column.TEXT, q.text());
		for (int i = 0; i < q.options().size() && i < OPTIONS.size(); i++) {
			out.put(OPTIONS.get(i), q.options().get(i));
		}
		out.put(Column.ANSWER, answerText(q.type(), q.answer()));
		out.put(Column.EXPLANATION, q.explanation());
		out.put(Column.SCORE, q.score());
		out.put(Column.DIFFICULTY, q.difficulty());
		out.put(Column.TAGS, String.join("、", q.tags()));
		return out;
	}

	/** The template's examples, one per type (题干 beginning with 示例：, so an import leaves them out). */
	static List<Map<Column, Object>> examples() {
		List<Map<Column, Object>> out = new ArrayList<>();
		out.add(example("单选题", "示例：党的根本组织原则是（　）。", List.of("民主集中制", "集体领导制", "个人分工负责制", "少数服从多数"), "A",
				"《中国共产党章程》总纲：民主集中制是党的根本组织原则。", 2, 1, "党章"));
		out.add(example("多选题", "示例：党的纪律主要包括（　）。", List.of("政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"),
				"ABCDEF", "党章第七章：政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。", 3, 2, "党章、纪律"));
		out.add(example("判断题", "示例：预备党员的预备期为一年。", List.of(), "正确", "党章第七条。", 1, 1, "党章"));
		out.add(example("填空题", "示例：发展党员，必须把（　）放在首位，坚持（　）的原则。", List.of(), "政治标准；个别吸收|个别吸收原则",
				"每空之间用全角分号“；”分隔，同一空的几种可接受写法用“|”分隔。", 2, 3, "党章、发展党员"));
		out.add(example("简答题", "示例：简述“三会一课”的内容。", List.of(), "支部党员大会、支部委员会、党小组会和党课。",
				"简答题由支部人工评分，答案一栏填写参考答案。", 10, 2, "支部工作条例"));
		return out;
	}

	private static Map<Column, Object> example(String type, String text, List<String> options, String answer,
			String explanation, int score, int difficulty, String tags) {
		Map<Column, Object> out = new EnumMap<>(Column.class);
		out.put(Column.TYPE, type);
		out.put(Column.TEXT, text);
		for (int i = 0; i < options.size(); i++) {
			out.put(OPTIONS.get(i), options.get(i));
		}
		out.put(Column.ANSWER, answer);
		out.put(Column.EXPLANATION, explanation);
		out.put(Column.SCORE, score);
		out.put(Column.DIFFICULTY, difficulty);
		out.put(Column.TAGS, tags);
		return out;
	}

	/** What the template's 说明 sheet says, one line a row. */
	static List<String> instructions(int maxRows) {
		return List.of("试题导入说明",
				"1. 一行一道题。表头必须包含：题型、题干、答案、分值；选项A～选项F、解析、难度、标签可选。列的顺序可以调整。",
				"2. 题型：单选题、多选题、判断题、填空题、简答题（也可写作 单选、多选、判断、填空、简答）。",
				"3. 选择题的选项从选项A起依次填写，至少 2 个、最多 6 个，中间不能空缺；其他题型不填选项。",
				"4. 答案：单选题写一个字母，如 B；多选题写全部正确选项的字母，如 ACD；判断题写“正确”或“错误”；"
						+ "填空题每空之间用“；”分隔，同一空的多种可接受写法用“|”分隔，如 税|税收；党支部；简答题写参考答案（由支部人工评分）。",
				"5. 分值：大于 0、不超过 100 的数，最小单位 0.1 分。难度：1～5 的整数（1 最易），不填按 3。",
				"6. 标签：如 党章、党史、条例，多个标签用顿号或逗号分隔，最多 10 个。",
				"7. 题干以“示例：”开头的行是示例，导入时会跳过，可直接删除。",
				"8. 一次最多导入 " + maxRows + " 行。任何一处有错时整份文件都不会导入，平台会列出每个出错的单元格（行、列、原因），改正后重新上传即可。",
				"9. 导入时选择试题所属的党组织；试题在该组织及其下级组织中共享使用。");
	}
}
