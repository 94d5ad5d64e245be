package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/** The surveys' API contract of issue 19: setting, answering once, the rules of an answer, results, rates, scope. */
class SurveyApiTest extends PlatformTest {

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

	private Map<String, Object> body(Map<String, Object> more) {
		Map<String, Object> body = new HashMap<>(Map.of("orgId", orgId("SFDX-JSJ-01"), "title", unique("支部工作满意度"),
				"anonymous", false, "opensAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.DAYS).toString(), "audience", Map.of("scope", "BRANCH"), "questions",
				List.of(Map.of("type", "SINGLE", "text", "您对本学期组织生活是否满意", "options", List.of("满意", "基本满意", "不满意")),
						Map.of("type", "TEXT", "text", "您的建议"),
						Map.of("type", "RATING", "text", "请为支部书记的工作评分"),
						Map.of("type", "MULTIPLE", "text", "您希望增加哪些活动", "options", List.of("志愿服务", "红色参观", "读书会"),
								"required", false))));
		body.putAll(more);
		return body;
	}

	private long survey(Map<String, Object> more) throws Exception {
		ResultActions created = send(post("/api/v1/surveys"), body(more), branch).andExpect(status().isCreated());
		JsonNode node = json(created);
		assertThat(node.size()).isEqualTo(1);
		return node.get("id").asLong();
	}

	private static Map<String, Object> answers(Object... entries) {
		List<Object> list = new ArrayList<>(List.of(entries));
		return Map.of("answers", list);
	}

	private static final Object[] GOOD = { Map.of("question", 0, "options", List.of(1)),
			Map.of("question", 1, "text", "多组织些实践活动"), Map.of("question", 2, "rating", 4) };

	@Test
	void aMemberAnswersOnceAndTheResultsCountTheAnswer() throws Exception {
		long id = survey(Map.of("resultsLive", true));
		send(post("/api/v1/surveys/" + id + "/answers"), answers(GOOD), member).andExpect(status().isCreated());
		JsonNode again = json(send(post("/api/v1/surveys/" + id + "/answers"), answers(GOOD), member)
			.andExpect(status().isConflict()));
		assertThat(again.get("errors").get(0).get("field").asText()).isEqualTo("answers");

		JsonNode mine = json(mvc.perform(get("/api/v1/surveys").with(member)).andExpect(status().isOk()));
		boolean listed = false;
		for (JsonNode line : mine) {
			if (line.get("id").asLong() == id) {
				listed = true;
				assertThat(line.get("answeredByMe").asBoolean()).isTrue();
			}
		}
		assertThat(listed).isTrue();

		JsonNode results = json(mvc.perform(get("/api/v1/surveys/" + id + "/results").with(branch))
			.andExpect(status().isOk()));
		assertThat(results.get("answered").asLong()).isEqualTo(1);
		JsonNode single = results.get("questions").get(0);
		assertThat(single.get("type").asText()).isEqualTo("SINGLE");
		assertThat(single.get("options").get(1).get("count").asLong()).isEqualTo(1);
		assertThat(single.get("options").get(0).get("count").asLong()).isZero();
		assertThat(results.get("questions").get(1).get("texts").get(0).asText()).isEqualTo("多组织些实践活动");
		assertThat(results.get("questions").get(2).get("average").asDouble()).isEqualTo(4.0);
		assertThat(results.get("questions").get(2).get("ratings").get(3).asLong()).isEqualTo(1);
		// the member of the audience reads them too (live)
		mvc.perform(get("/api/v1/surveys/" + id + "/results").with(member)).andExpect(status().isOk());

		JsonNode rates = json(mvc.perform(get("/api/v1/surveys/" + id + "/rates").with(branch))
			.andExpect(status().isOk()));
		assertThat(rates.get("answered").asLong()).isEqualTo(1);
		assertThat(rates.get("audience").asLong()).isGreaterThan(1);
		long branchId = orgId("SFDX-JSJ-01");
		boolean counted = false;
		for (JsonNode org : rates.get("organizations")) {
			if (org.get("orgId").asLong() == branchId) {
				counted = org.get("answered").asLong() == 1;
			}
		}
		assertThat(counted).isTrue();
	}

	@Test
	void anAnswerBreakingTheQuestionsIsRefusedWithTheFieldsAndNothingIsKept() throws Exception {
		long id = survey(Map.of());
		String path = "/api/v1/surveys/" + id + "/answers";
		assertThat(field(send(post(path), answers(Map.of("question", 9, "options", List.of(0)), GOOD[1], GOOD[2]), member)))
			.isEqualTo("answers[0].question");
		assertThat(field(send(post(path), answers(Map.of("question", 0, "options", List.of(3)), GOOD[1], GOOD[2]), member)))
			.isEqualTo("answers[0].options");
		assertThat(field(send(post(path), answers(Map.of("question", 0, "options", List.of(0, 1)), GOOD[1], GOOD[2]),
				member))).isEqualTo("answers[0].options");
		assertThat(field(send(post(path), answers(GOOD[0], GOOD[1], Map.of("question", 2, "rating", 6)), member)))
			.isEqualTo("answers[2].rating");
		assertThat(field(send(post(path), answers(GOOD[0], GOOD[2]), member))).isEqualTo("answers");
		JsonNode missing = json(send(post(path), answers(GOOD[0], GOOD[2]), member));
		assertThat(missing.get("message").asText()).contains("2");
		// none of those was kept: the proper answer is still the first
		send(post(path), answers(GOOD), member).andExpect(status().isCreated());
	}

	private String field(ResultActions result) throws Exception {
		return json(result.andExpect(status().isBadRequest())).get("errors").get(0).get("field").asText();
	}

	@Test
	void aSurveyIsAnsweredOnlyWithinItsWindow() throws Exception {
		long upcoming = survey(Map.of("opensAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
		JsonNode early = json(send(post("/api/v1/surveys/" + upcoming + "/answers"), answers(GOOD), member)
			.andExpect(status().isConflict()));
		assertThat(early.get("errors").get(0).get("field").asText()).isEqualTo("opensAt");

		long closed = survey(Map.of());
		mvc.perform(post("/api/v1/surveys/" + closed + "/close").with(csrf()).with(branch))
			.andExpect(status().isNoContent());
		JsonNode late = json(send(post("/api/v1/surveys/" + closed + "/answers"), answers(GOOD), member)
			.andExpect(status().isConflict()));
		assertThat(late.get("errors").get(0).get("field").asText()).isEqualTo("closesAt");
	}

	@Test
	void resultsWaitForTheCloseUnlessLive() throws Exception {
		long id = survey(Map.of("resultsLive", false));
		send(post("/api/v1/surveys/" + id + "/answers"), answers(GOOD), member).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/surveys/" + id + "/results").with(branch)).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/surveys/" + id + "/close").with(csrf()).with(branch))
			.andExpect(status().isNoContent());
		JsonNode results = json(mvc.perform(get("/api/v1/surveys/" + id + "/results").with(member))
			.andExpect(status().isOk()));
		assertThat(results.get("state").asText()).isEqualTo("CLOSED");
		assertThat(results.get("questions").get(0).get("options").get(1).get("count").asLong()).isEqualTo(1);
	}

	@Test
	void anonymousOrNamedIsFixedOnceTheFirstAnswerIsIn() throws Exception {
		long id = survey(Map.of());
		String path = "/api/v1/surveys/" + id;
		// before any answer the survey may still change
		send(put(path), body(Map.of("anonymous", true)), branch).andExpect(status().isNoContent());
		send(post(path + "/answers"), answers(GOOD), member).andExpect(status().isCreated());
		JsonNode refused = json(send(put(path), body(Map.of("anonymous", false)), branch).andExpect(status().isConflict()));
		assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("anonymous");
		// the title and the window may still change
		send(put(path), body(Map.of("anonymous", true, "title", unique("改名"))), branch).andExpect(status().isNoContent());
		assertThat(jdbc.sql("select anonymous from interaction_survey where id = ?").param(id).query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aSurveyBreakingTheRulesIsRefusedWithItsFields() throws Exception {
		JsonNode bad = json(send(post("/api/v1/surveys"), body(Map.of("title", " ", "audience", Map.of("scope", "MOON"),
				"questions", List.of(Map.of("type", "SINGLE", "text", "只有一个选项", "options", List.of("是")),
						Map.of("type", "ESSAY", "text", "?")))), branch)
			.andExpect(status().isBadRequest()));
		List<String> fields = new ArrayList<>();
		bad.get("errors").forEach(e -> fields.add(e.get("field").asText()));
		assertThat(fields).contains("title", "audience.scope", "questions[0].options", "questions[1].type");
		JsonNode window = json(send(post("/api/v1/surveys"), body(Map.of("closesAt",
				Instant.now().minus(2, ChronoUnit.HOURS).toString())), branch).andExpect(status().isBadRequest()));
		assertThat(window.get("errors").get(0).get("field").asText()).isEqualTo("closesAt");
		// the whole school only from the committee
		JsonNode school = json(send(post("/api/v1/surveys"), body(Map.of("audience", Map.of("scope", "SCHOOL"))), branch)
			.andExpect(status().isBadRequest()));
		assertThat(school.get("errors").get(0).get("field").asText()).isEqualTo("audience.scope");
	}

	@Test
	void outsideTheAudienceOrTheScopeASurveyDoesNotExist() throws Exception {
		long id = survey(Map.of("resultsLive", true));
		RequestPostProcessor stranger = login("member2");
		RequestPostProcessor otherBranch = login("branch2");
		long denied = auditCount("access.denied", "member2");
		mvc.perform(get("/api/v1/surveys/" + id).with(stranger)).andExpect(status().isNotFound());
		send(post("/api/v1/surveys/" + id + "/answers"), answers(GOOD), stranger).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/surveys/" + id + "/results").with(stranger)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "member2")).isGreaterThanOrEqualTo(denied + 3);
		mvc.perform(get("/api/v1/surveys/" + id + "/rates").with(otherBranch)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/surveys/" + id + "/export").with(otherBranch)).andExpect(status().isNotFound());
		send(put("/api/v1/surveys/" + id), body(Map.of()), otherBranch).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/surveys/" + id + "/close").with(csrf()).with(otherBranch))
			.andExpect(status().isNotFound());
		// a member of the audience reads the survey but not its rates or export
		mvc.perform(get("/api/v1/surveys/" + id).with(member)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/surveys/" + id + "/rates").with(member)).andExpect(status().isNotFound());
		// nobody sets a survey for an organisation out of their reach
		send(post("/api/v1/surveys"), body(Map.of("orgId", orgId("SFDX-JX-01"))), branch).andExpect(status().isNotFound());
		// not listed for them either
		assertThat(mvc.perform(get("/api/v1/surveys").with(stranger)).andReturn().getResponse().getContentAsString())
			.doesNotContain("\"id\":" + id + ",");
	}

	@Test
	void onlyANamedSurveysExportListsWhoAnsweredWhat() throws Exception {
		long named = survey(Map.of("resultsLive", true));
		long secret = survey(Map.of("resultsLive", true, "anonymous", true));
		for (long id : new long[] { named, secret }) {
			send(post("/api/v1/surveys/" + id + "/answers"), answers(GOOD), member).andExpect(status().isCreated());
		}
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(mvc.perform(get("/api/v1/surveys/" + named + "/export")
			.with(branch)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray()))) {
			var details = book.getSheet("作答明细");
			assertThat(details).isNotNull();
			assertThat(details.getRow(1).getCell(1).getStringCellValue()).isEqualTo("赵红梅");
		}
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(mvc.perform(get("/api/v1/surveys/" + secret + "/export")
			.with(branch)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray()))) {
			assertThat(book.getSheet("作答明细")).isNull();
			assertThat(book.getSheet("统计")).isNotNull();
		}
	}
}
