package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.shared.FieldProblem;

/** Keys and answers by type, forgiving how people write them, and grading by the rules. */
class AnswersTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	private static final BigDecimal FOUR = new BigDecimal("4.0");

	@Test
	void keysAreReadForgivinglyAndStoredCanonically() {
		assertThat(Answers.key(QuestionType.SINGLE, json("\" b \""), 4, "answer")).isEqualTo(json("\"B\""));
		assertThat(Answers.key(QuestionType.MULTIPLE, json("\"CA\""), 4, "answer")).isEqualTo(json("[\"A\",\"C\"]"));
		assertThat(Answers.key(QuestionType.MULTIPLE, json("[\"c\",\"a\"]"), 4, "answer")).isEqualTo(json("[\"A\",\"C\"]"));
		assertThat(Answers.key(QuestionType.TRUE_FALSE, json("\"正确\""), 0, "answer")).isEqualTo(json("true"));
		assertThat(Answers.key(QuestionType.TRUE_FALSE, json("\"错误\""), 0, "answer")).isEqualTo(json("false"));
		assertThat(Answers.key(QuestionType.FILL, json("\"四|4；三|3\""), 0, "answer"))
			.isEqualTo(json("[[\"四\",\"4\"],[\"三\",\"3\"]]"));
		assertThat(Answers.key(QuestionType.FILL, json("[[\"税\",\"税收\"],[\"党支部\"]]"), 0, "answer")).hasSize(2);
	}

	@Test
	void aKeyOutsideTheOptionsOrOfTheWrongShapeNamesItsField() {
		assertThatThrownBy(() -> Answers.key(QuestionType.SINGLE, json("\"E\""), 4, "questions[2].answer"))
			.isInstanceOfSatisfying(FieldProblem.class,
					p -> assertThat(p.problems().get(0).field()).isEqualTo("questions[2].answer"));
		assertThatThrownBy(() -> Answers.key(QuestionType.SINGLE, json("\"AB\""), 4, "answer"))
			.isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> Answers.key(QuestionType.TRUE_FALSE, json("\"也许\""), 0, "answer"))
			.isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> Answers.key(QuestionType.FILL, json("[[]]"), 0, "answer"))
			.isInstanceOf(FieldProblem.class);
	}

	@Test
	void fillInAnswersForgiveFullWidthHalfWidthCaseAndSpaces() {
		JsonNode key = json("[[\"民主集中制\"],[\"2\",\"二\"],[\"CPC\"]]");
		assertThat(Answers.grade(QuestionType.FILL, key, json("[\" 民主 集中制 \",\"２\",\"ｃｐｃ\"]"), FOUR, false))
			.isEqualByComparingTo(FOUR);
		// each blank right earns its share
		assertThat(Answers.grade(QuestionType.FILL, key, json("[\"民主集中制\",\"三\",\"\"]"), new BigDecimal("3.0"), false))
			.isEqualByComparingTo("1.0");
	}

	@Test
	void multipleChoiceIsAllOrNothingUnlessThePaperGivesPartialCredit() {
		JsonNode key = json("[\"A\",\"B\",\"D\"]");
		assertThat(Answers.grade(QuestionType.MULTIPLE, key, json("[\"A\",\"B\",\"D\"]"), FOUR, false)).isEqualByComparingTo(FOUR);
		assertThat(Answers.grade(QuestionType.MULTIPLE, key, json("[\"A\",\"B\"]"), FOUR, false)).isEqualByComparingTo("0");
		assertThat(Answers.grade(QuestionType.MULTIPLE, key, json("[\"A\",\"B\"]"), FOUR, true)).isEqualByComparingTo("2.0");
		// a wrong letter earns nothing even with partial credit
		assertThat(Answers.grade(QuestionType.MULTIPLE, key, json("[\"A\",\"C\"]"), FOUR, true)).isEqualByComparingTo("0");
	}

	@Test
	void shuffledLettersMapBackToTheQuestionsOwn() {
		int[] order = { 2, 0, 3, 1 }; // shown A is original C, shown B is original A …
		assertThat(Answers.toOriginal(QuestionType.SINGLE, json("\"B\""), order)).isEqualTo(json("\"A\""));
		assertThat(Answers.toOriginal(QuestionType.MULTIPLE, json("[\"A\",\"D\"]"), order)).isEqualTo(json("[\"B\",\"C\"]"));
		assertThat(Answers.toShown(QuestionType.SINGLE, json("\"A\""), order)).isEqualTo(json("\"B\""));
		assertThat(Answers.toShown(QuestionType.MULTIPLE, json("[\"B\",\"C\"]"), order)).isEqualTo(json("[\"A\",\"D\"]"));
	}

	@Test
	void aPersonsAnswerMustFitTheQuestionAsShown() {
		assertThatThrownBy(() -> Answers.response(QuestionType.FILL, json("[\"a\",\"b\",\"c\"]"), 0, 2))
			.isInstanceOf(FieldProblem.class);
		assertThat(Answers.response(QuestionType.FILL, json("[\"a\"]"), 0, 2)).isEqualTo(json("[\"a\",\"\"]"));
		assertThatThrownBy(() -> Answers.response(QuestionType.SHORT, json("42"), 0, 0)).isInstanceOf(FieldProblem.class);
	}
}
