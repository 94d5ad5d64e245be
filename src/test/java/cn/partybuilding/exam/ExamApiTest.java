package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/** The API contract of issue 17: the bank, an exam, an attempt timed by the server, grading, statistics, scope. */
class ExamApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private RequestPostProcessor branch;

	private RequestPostProcessor member;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		member = login("member1");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, Object body, RequestPostProcessor who)
			throws Exception {
		return mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body)));
	}

	private JsonNode json(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private long question(Map<String, Object> fields) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("score", 2, "explanation", "解析：" + unique("E"), "tags",
				List.of("党章"), "difficulty", 2, "orgId", orgId("SFDX-JSJ-01")));
		body.putAll(fields);
		return json(send(post("/api/v1/exam/questions"), body, branch).andExpect(status().isCreated())).get("id").asLong();
	}

	private record Paper(long single, long multiple, long truth, long fill, long shortAnswer) {

		List<Long> ids() {
			return List.of(single, multiple, truth, fill, shortAnswer);
		}
	}

	private Paper paper() throws Exception {
		return new Paper(
				question(Map.of("type", "SINGLE", "text", unique("党的最高领导机关是"), "options",
						List.of("全国代表大会和它所产生的中央委员会", "中央政治局", "中央书记处", "中央军委"), "answer", "A")),
				question(Map.of("type", "MULTIPLE", "text", unique("党员的义务包括"), "options",
						List.of("认真学习", "贯彻执行党的基本路线", "享有特权", "密切联系群众"), "answer", List.of("A", "B", "D"),
						"score", 4)),
				question(Map.of("type", "TRUE_FALSE", "text", unique("预备党员的预备期为一年"), "answer", true, "score", 1)),
				question(Map.of("type", "FILL", "text", unique("党的根本组织原则是（　），党费按月交纳至（　）"), "answer",
						List.of(List.of("民主集中制"), List.of("党支部", "支部")))),
				question(Map.of("type", "SHORT", "text", unique("谈谈你对三会一课的认识"), "answer", "按时召开……", "score", 10)));
	}

	private long exam(Paper paper, Map<String, Object> more) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("title", unique("应知应会测试"), "orgId", orgId("SFDX-JSJ-01"),
				"audience", Map.of("scope", "BRANCH"), "questionIds", paper.ids(), "opensAt",
				Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.HOURS).toString(), "durationMinutes", 20, "attempts", 1, "passMark", 10));
		body.putAll(more);
		return json(send(post("/api/v1/exams"), body, branch).andExpect(status().isCreated())).get("id").asLong();
	}

	@Test
	void aMemberTakesAnExamWhoseKeysStayOnTheServerUntilTheRevealAndIsGradedAtOnce() throws Exception {
		Paper paper = paper();
		long exam = exam(paper, Map.of("shuffle", true));
		ResultActions started = mvc.perform(post("/api/v1/exams/" + exam + "/attempts").with(csrf()).with(member))
			.andExpect(status().isCreated());
		String body = started.andReturn().getResponse().getContentAsString();
		JsonNode attempt = JSON.readTree(body);
		long id = attempt.get("id").asLong();
		assertThat(attempt.get("deadline").asText()).isNotEmpty();
		assertThat(attempt.get("questions")).hasSize(5);
		// neither keys nor explanations leave the server before the reveal
		assertThat(body).doesNotContain("correctAnswer").doesNotContain("解析：").doesNotContain("民主集中制")
			.doesNotContain("按时召开");
		// a second start (a refresh, another device) gives the same attempt and the same deadline
		JsonNode again = json(mvc.perform(post("/api/v1/exams/" + exam + "/attempts").with(csrf()).with(member)));
		assertThat(again.get("id").asLong()).isEqualTo(id);
		assertThat(again.get("deadline").asText()).isEqualTo(attempt.get("deadline").asText());
		// answer right, in the letters shown to this person
		Map<Long, JsonNode> shown = new HashMap<>();
		attempt.get("questions").forEach(q -> shown.put(q.get("id").asLong(), q));
		String single = letterOf(shown.get(paper.single()), "全国代表大会和它所产生的中央委员会");
		List<String> multiple = new ArrayList<>();
		for (String o : List.of("认真学习", "贯彻执行党的基本路线", "密切联系群众")) {
			multiple.add(letterOf(shown.get(paper.multiple()), o));
		}
		answer(id, paper.single(), single).andExpect(status().isOk());
		answer(id, paper.multiple(), multiple).andExpect(status().isOk());
		answer(id, paper.truth(), "正确").andExpect(status().isOk());
		// full-width letters and spaces are forgiven in fill-in answers
		answer(id, paper.fill(), List.of("民主 集中制", "支部")).andExpect(status().isOk());
		answer(id, paper.shortAnswer(), "三会一课是党的组织生活的基本制度").andExpect(status().isOk());
		// a question not in this paper, an answer of the wrong shape, someone else's attempt
		answer(id, paper.single() + 100000, "A").andExpect(status().isBadRequest());
		answer(id, paper.single(), "Z").andExpect(status().isBadRequest());
		send(put("/api/v1/exam-attempts/" + id + "/answers/" + paper.single()), Map.of("answer", "A"), login("member2"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/exam-attempts/" + id).with(branch)).andExpect(status().isNotFound());

		JsonNode result = json(mvc.perform(post("/api/v1/exam-attempts/" + id + "/submit").with(csrf()).with(member))
			.andExpect(status().isOk()));
		assertThat(result.get("score").asDouble()).isEqualTo(9.0);
		assertThat(result.get("pendingManual").asInt()).isEqualTo(1);
		assertThat(result.get("passed").isNull()).isTrue();
		// submitted twice counts once; no answer changes after submission; no second attempt beyond the limit
		assertThat(json(mvc.perform(post("/api/v1/exam-attempts/" + id + "/submit").with(csrf()).with(member)))
			.get("score").asDouble()).isEqualTo(9.0);
		answer(id, paper.single(), single).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/exams/" + exam + "/attempts").with(csrf()).with(member))
			.andExpect(status().isConflict());
		String after = mvc.perform(get("/api/v1/exam-attempts/" + id).with(member)).andReturn().getResponse()
			.getContentAsString();
		assertThat(after).doesNotContain("correctAnswer").doesNotContain("解析：");

		// the branch grades the short answer; the result completes
		JsonNode queue = json(mvc.perform(get("/api/v1/exam-grading?examId=" + exam).with(branch)));
		assertThat(queue).hasSize(1);
		assertThat(json(mvc.perform(get("/api/v1/exam-grading?examId=" + exam).with(login("branch2"))))).isEmpty();
		send(put("/api/v1/exam-attempts/" + id + "/grades/" + paper.shortAnswer()), Map.of("score", 11), branch)
			.andExpect(status().isBadRequest());
		send(put("/api/v1/exam-attempts/" + id + "/grades/" + paper.shortAnswer()), Map.of("score", 8), login("branch2"))
			.andExpect(status().isNotFound());
		JsonNode graded = json(send(put("/api/v1/exam-attempts/" + id + "/grades/" + paper.shortAnswer()),
				Map.of("score", 8, "comment", "认识到位"), branch).andExpect(status().isOk()));
		assertThat(graded.get("score").asDouble()).isEqualTo(17.0);
		assertThat(graded.get("passed").asBoolean()).isTrue();

		// after the reveal the member sees the keys, in their letters, and the explanations
		jdbc.sql("update exam set closes_at = now() - interval '1 minute', reveal_at = now() - interval '1 minute' where id = ?")
			.param(exam).update();
		JsonNode revealed = json(mvc.perform(get("/api/v1/exam-attempts/" + id).with(member)));
		assertThat(revealed.get("revealed").asBoolean()).isTrue();
		revealed.get("questions").forEach(q -> assertThat(q.get("explanation").asText()).startsWith("解析："));
		JsonNode shownSingle = find(revealed, paper.single());
		assertThat(shownSingle.get("correctAnswer").asText()).isEqualTo(single);
		assertThat(find(revealed, paper.shortAnswer()).get("comment").asText()).isEqualTo("认识到位");

		JsonNode stats = json(mvc.perform(get("/api/v1/exams/" + exam + "/statistics").with(branch))
			.andExpect(status().isOk()));
		assertThat(stats.get("participants").asInt()).isEqualTo(1);
		assertThat(stats.get("passed").asInt()).isEqualTo(1);
		assertThat(stats.get("questions")).hasSize(5);
		mvc.perform(get("/api/v1/exams/" + exam + "/statistics").with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/exams/" + exam + "/statistics").with(member)).andExpect(status().isNotFound());
	}

	@Test
	void afterTheDeadlineAnAnswerIsRefusedAndTheAttemptIsSubmittedAsSaved() throws Exception {
		Paper paper = paper();
		long exam = exam(paper, Map.of("shuffle", false));
		long id = json(mvc.perform(post("/api/v1/exams/" + exam + "/attempts").with(csrf()).with(member))).get("id")
			.asLong();
		answer(id, paper.single(), "A").andExpect(status().isOk());
		jdbc.sql("update exam_attempt set deadline = now() - interval '1 minute' where id = ?").param(id).update();
		answer(id, paper.truth(), true).andExpect(status().isConflict());
		// the refusal itself submitted the attempt, as saved
		assertThat(jdbc.sql("select submitted_by from exam_attempt where id = ?").param(id).query(String.class).single())
			.isEqualTo("SERVER");
		JsonNode view = json(mvc.perform(get("/api/v1/exam-attempts/" + id).with(member)));
		assertThat(view.get("submitted").asBoolean()).isTrue();
		assertThat(view.get("submittedBy").asText()).isEqualTo("SERVER");
		assertThat(view.get("score").asDouble()).isEqualTo(2.0);
	}

	@Test
	void theBankIsForThoseWhoManageAndRefusesABadQuestionByField() throws Exception {
		long id = question(Map.of("type", "SINGLE", "text", unique("题"), "options", List.of("甲", "乙"), "answer", "B"));
		mvc.perform(get("/api/v1/exam/questions/" + id).with(member)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/exam/questions/" + id).with(login("branch2"))).andExpect(status().isNotFound());
		// the college above sees it; the branch sees the school's
		mvc.perform(get("/api/v1/exam/questions/" + id).with(login("college1"))).andExpect(status().isOk());
		JsonNode bad = json(send(post("/api/v1/exam/questions"), Map.of("type", "SINGLE", "text", "题", "options",
				List.of("甲", "乙"), "answer", "C", "score", 2, "orgId", orgId("SFDX-JSJ-01")), branch)
			.andExpect(status().isBadRequest()));
		assertThat(bad.toString()).contains("\"answer\"");
		send(post("/api/v1/exam/questions"), Map.of("type", "SINGLE", "text", "题", "options", List.of("甲", "乙"),
				"answer", "A", "score", 2, "orgId", orgId("SFDX-JX-01")), branch).andExpect(status().isNotFound());
	}

	@Test
	void aPaperDrawnByRulesIsEachPersonsOwnAndTheSameWhenDrawnAgain() throws Exception {
		String tag = unique("T");
		for (int i = 0; i < 12; i++) {
			question(Map.of("type", "TRUE_FALSE", "text", unique("判断" + i), "answer", i % 2 == 0, "tags", List.of(tag)));
		}
		Map<String, Object> body = new HashMap<>(Map.of("title", unique("抽题"), "orgId", orgId("SFDX-JSJ-01"),
				"rules", List.of(Map.of("type", "TRUE_FALSE", "tags", List.of(tag), "count", 5, "score", 2)),
				"opensAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.HOURS).toString(), "durationMinutes", 10, "seed", 42));
		long exam = json(send(post("/api/v1/exams"), body, branch).andExpect(status().isCreated())).get("id").asLong();
		body.put("rules", List.of(Map.of("type", "TRUE_FALSE", "tags", List.of(tag), "count", 13, "score", 2)));
		assertThat(json(send(post("/api/v1/exams"), body, branch).andExpect(status().isBadRequest())).toString())
			.contains("rules[0].count");
		JsonNode a = json(mvc.perform(post("/api/v1/exams/" + exam + "/attempts").with(csrf()).with(member)));
		assertThat(a.get("questions")).hasSize(5);
		long account = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		var drawn = Papers.draw(new Exams.Exam(exam, 0, "", null, Exams.Audience.SUBTREE, null, null, 10, 1, null, null,
				null, false, true, false, false, 42, null, null, null,
				jdbc.sql("select pool from exam_part where exam_id = ?").param(exam)
					.query((rs, n) -> new Exams.Part(0, QuestionType.TRUE_FALSE, List.of(), null, 5, null,
							List.of((Long[]) rs.getArray(1).getArray()), false)).list()), account, 1,
				questions(exam));
		List<Long> ids = new ArrayList<>();
		a.get("questions").forEach(q -> ids.add(q.get("id").asLong()));
		assertThat(drawn.stream().map(Papers.Item::questionId).toList()).isEqualTo(ids);
	}

	private Map<Long, QuestionBank.Stored> questions(long exam) {
		Map<Long, QuestionBank.Stored> out = new HashMap<>();
		jdbc.sql("select q.id, q.org_id from exam_question q join exam_part p on q.id = any (p.pool) where p.exam_id = ?")
			.param(exam)
			.query((rs, n) -> new QuestionBank.Stored(rs.getLong(1), rs.getLong(2), QuestionType.TRUE_FALSE, "", List.of(),
					null, java.math.BigDecimal.ONE, null, List.of(), 1, false))
			.list()
			.forEach(q -> out.put(q.id(), q));
		return out;
	}

	private static JsonNode find(JsonNode attempt, long questionId) {
		for (JsonNode q : attempt.get("questions")) {
			if (q.get("id").asLong() == questionId) {
				return q;
			}
		}
		throw new AssertionError("no question " + questionId);
	}

	private static String letterOf(JsonNode question, String option) {
		JsonNode options = question.get("options");
		for (int i = 0; i < options.size(); i++) {
			if (options.get(i).asText().equals(option)) {
				return String.valueOf((char) ('A' + i));
			}
		}
		throw new AssertionError(option);
	}

	private ResultActions answer(long attempt, long question, Object answer) throws Exception {
		Map<String, Object> body = new HashMap<>();
		body.put("answer", answer);
		return send(put("/api/v1/exam-attempts/" + attempt + "/answers/" + question), body, member);
	}
}
