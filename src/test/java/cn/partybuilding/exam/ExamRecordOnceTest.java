package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/**
 * Record once: a passed exam writes the 纪实 and 学习 points by itself (once per exam, full marks worth more), and
 * an activist's test appears in their development file.
 */
class ExamRecordOnceTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, Object body,
			RequestPostProcessor who, int expected) throws Exception {
		var builder = request.with(csrf()).with(who);
		if (body != null) {
			builder = builder.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
		}
		return JSON.readTree(mvc.perform(builder).andExpect(status().is(expected)).andReturn().getResponse()
			.getContentAsString());
	}

	/** An exam of one true/false question (true) at the branch, for its members or its activists. */
	private long exam(RequestPostProcessor branch, String audience, boolean feeds) throws Exception {
		long question = call(post("/api/v1/exam/questions"), Map.of("type", "TRUE_FALSE", "text", unique("入党积极分子"),
				"answer", true, "score", 10, "orgId", orgId("SFDX-JSJ-01")), branch, 201).get("id").asLong();
		Map<String, Object> body = new HashMap<>(Map.of("title", unique("培训测试"), "orgId", orgId("SFDX-JSJ-01"),
				"audience", Map.of("scope", audience), "questionIds", List.of(question), "opensAt",
				Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "closesAt",
				Instant.now().plus(1, ChronoUnit.HOURS).toString(), "passMark", 6, "attempts", 2, "feedsPoints", feeds,
				"feedsRecord", feeds));
		return call(post("/api/v1/exams"), body, branch, 201).get("id").asLong();
	}

	private void pass(long exam, RequestPostProcessor who) throws Exception {
		JsonNode attempt = call(post("/api/v1/exams/" + exam + "/attempts"), null, who, 201);
		long id = attempt.get("id").asLong();
		long question = attempt.get("questions").get(0).get("id").asLong();
		call(put("/api/v1/exam-attempts/" + id + "/answers/" + question), Map.of("answer", true), who, 200);
		assertThat(call(post("/api/v1/exam-attempts/" + id + "/submit"), null, who, 200).get("passed").asBoolean()).isTrue();
	}

	@Test
	void passingAnExamWritesTheChronicleAndFullMarksEarnTwoAwardsOfPointsOnce() throws Exception {
		RequestPostProcessor branch = login("branch1");
		RequestPostProcessor member = login("member1");
		long account = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		jdbc.sql("delete from learning_points where account_id = ? and day = ? and rule = 'EXAM_PASSED'").param(account)
			.param(today).update();
		long exam = exam(branch, "BRANCH", true);
		pass(exam, member);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(jdbc.sql("select count(*) from record_entry where kind = 'EXAM_PASSED' and source_id = ?")
				.param(Long.toString(exam)).query(Integer.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select points from learning_points where account_id = ? and day = ? and rule = 'EXAM_PASSED'")
				.param(account).param(today).query(Integer.class).single()).isEqualTo(10);
		});
		// a second pass of the same exam counts nowhere again
		pass(exam, member);
		Thread.sleep(1500);
		assertThat(jdbc.sql("select count(*) from record_entry where kind = 'EXAM_PASSED' and source_id = ?")
			.param(Long.toString(exam)).query(Integer.class).single()).isEqualTo(1);

		// an exam that does not feed them writes neither
		long quiet = exam(branch, "BRANCH", false);
		pass(quiet, member);
		Thread.sleep(1500);
		assertThat(jdbc.sql("select count(*) from record_entry where kind = 'EXAM_PASSED' and source_id = ?")
			.param(Long.toString(quiet)).query(Integer.class).single()).isZero();
	}

	@Test
	void anActivistsTrainingTestAppearsInTheirDevelopmentFile() throws Exception {
		RequestPostProcessor branch = login("branch1");
		long exam = exam(branch, "ACTIVISTS", false);
		// a member is no activist: the exam is not theirs
		call(post("/api/v1/exams/" + exam + "/attempts"), null, login("member1"), 404);
		pass(exam, login("applicant1"));
		long person = jdbc.sql("select a.id from applicant a join account c on c.id = a.account_id where c.username = 'applicant1'")
			.query(Long.class).single();
		String file = mvc.perform(get("/development/people/" + person).with(branch)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(file).contains("exam-results").contains("10 分");
	}
}
