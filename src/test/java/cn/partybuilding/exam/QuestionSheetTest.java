package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import cn.partybuilding.exam.QuestionSheet.Column;
import cn.partybuilding.shared.FieldProblem;

/** The question layout read without a database: header variants, cell formats, and the demo bank parsing clean. */
class QuestionSheetTest {

	private static QuestionImports imports() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		// check() is pure logic: the bank's rules without its database
		return new QuestionImports(new QuestionBank(null, null, null, null), null,
				Validation.buildDefaultValidatorFactory().getValidator(), messages, null, ExamSettings.defaults());
	}

	private static InputStream text(String tsv) {
		return new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theDemoBankParsesWithoutAWrongCell() throws Exception {
		QuestionImports imports = imports();
		long lines;
		try (InputStream in = getClass().getResourceAsStream("/demo/exam-questions.tsv")) {
			lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
		}
		QuestionImports.Rows rows;
		try (InputStream in = getClass().getResourceAsStream("/demo/exam-questions.tsv")) {
			rows = imports.readTsv(in, 1L);
		}
		QuestionImports.ImportResult result = imports.checkRows(rows);
		assertThat(result.errors()).as("wrong cells in the demo bank").isEmpty();
		assertThat(result.rows()).isEqualTo((int) lines - 1);
		Map<QuestionType, Long> byType = rows.rows().stream()
			.collect(Collectors.groupingBy(r -> r.question().type(), Collectors.counting()));
		assertThat(byType.keySet()).containsExactlyInAnyOrder(QuestionType.values());
	}

	@Test
	void headersAreFoundByNameWhateverTheSpacingOrCase() {
		assertThat(Column.ofHeader("选项 A")).contains(Column.OPTION_A);
		assertThat(Column.ofHeader("选项a")).contains(Column.OPTION_A);
		assertThat(Column.ofHeader("选项Ｆ")).contains(Column.OPTION_F);
		assertThat(Column.ofHeader(" 题 型 ")).contains(Column.TYPE);
		assertThat(Column.ofHeader("正确答案")).contains(Column.ANSWER);
		assertThat(Column.ofHeader("备注")).isEmpty();
	}

	@Test
	void typesAreReadInTheirUsualSpellings() {
		assertThat(QuestionSheet.type("单选题")).contains(QuestionType.SINGLE);
		assertThat(QuestionSheet.type("单选")).contains(QuestionType.SINGLE);
		assertThat(QuestionSheet.type("多选")).contains(QuestionType.MULTIPLE);
		assertThat(QuestionSheet.type("判断")).contains(QuestionType.TRUE_FALSE);
		assertThat(QuestionSheet.type("TRUE_FALSE")).contains(QuestionType.TRUE_FALSE);
		assertThat(QuestionSheet.type("填空题")).contains(QuestionType.FILL);
		assertThat(QuestionSheet.type("short")).contains(QuestionType.SHORT);
		assertThat(QuestionSheet.type("选择")).isEmpty();
	}

	@Test
	void cellsBecomeTheQuestionTheApiTakes() {
		Map<Column, String> cells = new EnumMap<>(Column.class);
		cells.put(Column.TYPE, "填空题");
		cells.put(Column.TEXT, "发展党员，必须把（　）放在首位，坚持（　）的原则。");
		cells.put(Column.ANSWER, "政治标准；个别吸收|个别吸收原则");
		cells.put(Column.SCORE, "2.0");
		cells.put(Column.TAGS, "党章、发展党员,条例，党史");
		QuestionSheet.Read read = QuestionSheet.fromCells(5, cells, 7L);
		assertThat(read.problems()).isEmpty();
		QuestionBank.Checked checked = new QuestionBank(null, null, null, null).check(read.question(), "");
		assertThat(checked.answer().toString()).isEqualTo("[[\"政治标准\"],[\"个别吸收\",\"个别吸收原则\"]]");
		assertThat(checked.tags()).containsExactly("党章", "发展党员", "条例", "党史");
		assertThat(checked.difficulty()).isEqualTo(3);
		assertThat(checked.orgId()).isEqualTo(7L);
		assertThat(QuestionSheet.answerText(QuestionType.FILL, checked.answer())).isEqualTo("政治标准；个别吸收|个别吸收原则");
	}

	@Test
	void aWrongCellIsNamedByRowAndColumn() {
		QuestionImports imports = imports();
		String tsv = String.join("\n", "题型\t题干\t选项A\t选项B\t选项C\t选项D\t答案\t分值\t难度",
				"单选题\t党的根本宗旨是\t甲\t乙\t丙\t丁\tE\t2\t3", // answer letter beyond D
				"多选题\t\t甲\t乙\t\t\tAB\t2\t3", // no 题干
				"判断题\t预备期一年\t\t\t\t\t正确\t2\t难", // 难度 not a number
				"多选题\t党员的义务\t甲\t\t丙\t\tAC\t2\t2"); // a gap in the options
		QuestionImports.ImportResult result = imports.checkRows(imports.readTsv(text(tsv), 1L));
		assertThat(result.status()).isEqualTo("FAILED");
		assertThat(result.errors()).extracting(QuestionImports.ImportError::cell, QuestionImports.ImportError::column)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("G2", "答案"),
					org.assertj.core.groups.Tuple.tuple("B3", "题干"), org.assertj.core.groups.Tuple.tuple("I4", "难度"),
					org.assertj.core.groups.Tuple.tuple("D5", "选项B"));
		assertThat(result.errors().get(0).message()).contains("A 至 D");
	}

	@Test
	void aFileWithoutTheRequiredColumnsIsRefusedAsAWhole() {
		QuestionImports imports = imports();
		assertThatThrownBy(() -> imports.readTsv(text("题型\t题干\t分值\n单选题\t题\t2"), 1L)).isInstanceOf(FieldProblem.class)
			.satisfies(e -> assertThat(((FieldProblem) e).problems().get(0).messageKey())
				.isEqualTo("exam.import.missingColumns"));
		assertThatThrownBy(() -> imports.readTsv(text("姓名\t学号\n张三\t1"), 1L)).isInstanceOf(FieldProblem.class);
	}
}
