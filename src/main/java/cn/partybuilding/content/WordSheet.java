package cn.partybuilding.content;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The word list's spreadsheet layout, one word a row: 敏感词, 处理方式 (拦截 or 送审; BLOCK and REVIEW are read too).
 * An export writes it, an import reads it (the columns in any order, under the names offices also use).
 */
final class WordSheet {

	private WordSheet() {
	}

	static final String SHEET = "敏感词";

	static final String TEMPLATE_FILE = "敏感词导入模板.xlsx";

	static final String EXPORT_FILE = "敏感词.xlsx";

	static final String ERRORS_FILE = "敏感词导入错误清单.xlsx";

	/** The columns, in the template's order. */
	enum Column {
		WORD("敏感词"), ACTION("处理方式");

		final String header;

		Column(String header) {
			this.header = header;
		}

		/** The column a header cell names: 敏感词, 敏感词语, 关键词, 词语, word …; 处理方式, 处理, 动作, action …. */
		static Optional<Column> ofHeader(String text) {
			if (text == null) {
				return Optional.empty();
			}
			String t = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s*＊:：()（）]", "")
				.toLowerCase(Locale.ROOT);
			return Optional.ofNullable(switch (t) {
				case "敏感词", "敏感词语", "敏感字", "敏感词汇", "关键词", "关键字", "词语", "词汇", "词", "屏蔽词", "违禁词", "过滤词",
						"word", "words", "keyword" ->
					WORD;
				case "处理方式", "处理", "处置方式", "处置", "处理办法", "动作", "操作", "类型", "级别", "处理类型", "action", "type" ->
					ACTION;
				default -> null;
			});
		}
	}

	/** The columns of a header row (cell index by column), if it names both. */
	static Optional<Map<Column, Integer>> header(List<String> cells) {
		Map<Column, Integer> found = new EnumMap<>(Column.class);
		for (int i = 0; i < cells.size(); i++) {
			int index = i;
			Column.ofHeader(cells.get(i)).ifPresent(c -> found.putIfAbsent(c, index));
		}
		return found.size() == Column.values().length ? Optional.of(found) : Optional.empty();
	}

	/** A cell's text: stripped, and without the apostrophe an export puts before = + - @ (no formula). */
	static String cell(List<String> row, Integer index) {
		if (index == null || index >= row.size() || row.get(index) == null) {
			return "";
		}
		String value = row.get(index).strip();
		if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
			value = value.substring(1);
		}
		return value;
	}

	static List<String> headers() {
		return List.of(Column.WORD.header, Column.ACTION.header);
	}

	/** What the template's 说明 sheet says, one line a row. */
	static List<String> instructions(int maxRows) {
		return List.of("敏感词导入说明",
				"1. 一行一个词。表头必须包含：敏感词、处理方式；列的顺序可以调整。",
				"2. 处理方式：拦截（含有该词的稿件不能提交，也可写作 BLOCK）或 送审（提交后标记给审核人，也可写作 REVIEW）。",
				"3. 比对时忽略字间的空格、标点和符号，全角字母数字按半角、大写按小写、繁体按简体处理，因此“法 轮.功”与“法轮功”视为同一个词；"
						+ "每个词最多 50 个字，不能只有标点或空格。",
				"4. 已在词库中的词（按上述规则视为同一个词）将改为文件中的处理方式；同一文件中重复的词以最后一行为准。",
				"5. 一次最多导入 " + maxRows + " 行。任何一处有错时整份文件都不会导入，平台会列出每个出错的单元格（行、列、原因），改正后重新上传即可。");
	}
}
