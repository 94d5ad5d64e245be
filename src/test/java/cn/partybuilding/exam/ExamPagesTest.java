package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
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
import cn.partybuilding.shared.PlatformZone;

/** The pages of those who set and follow exams: the list, the form, statistics with Excel, the grading queue. */
class ExamPagesTest extends PlatformTest {

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
		Map<String, Object> body = new HashMap<>(Map.of("score", 2, "explanation", "解析", "tags", List.of("党章"),
				"difficulty", 2, "orgId", orgId("SFDX-JSJ-01")));
		body.putAll(fields);
		return json(send(post("/api/v1/exam/questions"), body, branch).andExpect(status().isCreated())).get("id").asLong();
	}

	/** A single choice and a short answer (10 points); an exam of them for JSJ-01, pass mark 6. */
	private long[] exam(String title) throws Exception {
		long single = question(Map.of("type", "SINGLE", "text", unique("党的最高领导机关是"), "options",
				List.of("全国代表大会和它所产生的中央委员会", "中央政治局"), "answer", "A"));
		long essay = question(Map.of("type", "SHORT", "text", unique("谈谈对三会一课的认识"), "answer", "按时召开", "score", 10));
		Map<String, Object> body = new HashMap<>(Map.of("title", title, "orgId", orgId("SFDX-JSJ-01"), "audience",
				Map.of("scope", "BRANCH"), "questionIds", List.of(single, essay), "opensAt",
				Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.HOURS).toString(), "durationMinutes", 20, "attempts", 1, "passMark", 6,
				"shuffle", false));
		long exam = json(send(post("/api/v1/exams"), body, branch).andExpect(status().isCreated())).get("id").asLong();
		return new long[] { exam, single, essay };
	}

	/** member1 answers the single choice right and writes the short answer, and submits: 2 points, 1 to grade. */
	private long taken(long[] exam, String essay) throws Exception {
		long attempt = json(mvc.perform(post("/api/v1/exams/" + exam[0] + "/attempts").with(csrf()).with(member))
			.andExpect(status().isCreated())).get("id").asLong();
		send(put("/api/v1/exam-attempts/" + attempt + "/answers/" + exam[1]), Map.of("answer", "A"), member)
			.andExpect(status().isOk());
		send(put("/api/v1/exam-attempts/" + attempt + "/answers/" + exam[2]), Map.of("answer", essay), member)
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/exam-attempts/" + attempt + "/submit").with(csrf()).with(member))
			.andExpect(status().isOk());
		return attempt;
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	@Test
	void theBranchAndTheCollegeFollowAnExamOnTheirPagesAndAnotherCollegeFindsNothing() throws Exception {
		String title = unique("页面测验");
		long[] exam = exam(title);
		taken(exam, "三会一课是基本制度");
		RequestPostProcessor college = login("college1");
		for (RequestPostProcessor who : List.of(branch, college)) {
			assertThat(page("/exams", who)).contains(title, "/exams/" + exam[0], "new-exam");
			assertThat(page("/exams/" + exam[0], who)).contains(title, "score-chart", "data-counts=", "per-branches",
					"per-colleges", "赵红梅", "hardest", "/exams/" + exam[0] + "/results.xlsx");
			assertThat(page("/exams/new", who)).contains("exam-form", "rules[7].type");
		}
		assertThat(page("/exams/" + exam[0] + "?orgId=" + orgId("SFDX-JSJ-01"), college)).contains("赵红梅");
		// one took part, none passed yet (the short answer waits for its grade)
		String list = page("/exams", branch);
		assertThat(list.substring(list.indexOf("data-exam=\"" + exam[0] + "\""))).contains("1 / 0");
		// the menu offers it to those who manage, not to members
		assertThat(page("/exams", branch)).contains("href=\"/exams\"");
		mvc.perform(get("/exams").with(member)).andExpect(result -> assertThat(result.getResponse()
			.getContentAsString()).doesNotContain(title));

		RequestPostProcessor other = login("branch2");
		long denied = auditCount("access.denied", "branch2");
		mvc.perform(get("/exams/" + exam[0]).with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/exams/" + exam[0] + "/results.xlsx").with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/exams/" + exam[0] + "/results.xlsx").with(member)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch2")).isGreaterThanOrEqualTo(denied + 2);
		assertThat(page("/exams", other)).doesNotContain(title);

		// withdrawn by its branch, not by another; the list then says so
		mvc.perform(post("/exams/" + exam[0] + "/withdraw").with(csrf()).with(other)).andExpect(status().isNotFound());
		mvc.perform(post("/exams/" + exam[0] + "/withdraw").with(csrf()).with(branch))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select withdrawn_at is not null from exam where id = ?").param(exam[0]).query(Boolean.class)
			.single()).isTrue();
		String after = page("/exams", branch);
		assertThat(after.substring(after.indexOf("data-exam=\"" + exam[0] + "\""))).contains("已撤销");
	}

	@Test
	void theResultsOpenInExcelWithThePeopleTheBranchesAndTheQuestions() throws Exception {
		String title = unique("导出测验");
		long[] exam = exam(title);
		taken(exam, "认识");
		byte[] xlsx = mvc.perform(get("/exams/" + exam[0] + "/results.xlsx").with(branch)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(cells(book.getSheet("成绩"))).contains("赵红梅", "待评分");
			assertThat(cells(book.getSheet("各支部")).toString()).contains("党支部");
			// a question counts once graded: the single choice now, the short answer when the branch has scored it
			assertThat(cells(book.getSheet("试题")).toString()).contains("单选题", "党的最高领导机关是")
				.doesNotContain("谈谈对三会一课的认识");
			assertThat(cells(book.getSheet("概况"))).contains(title);
		}
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'exam.results.export' and entity_id = ?")
			.param(Long.toString(exam[0])).query(Long.class).single()).isOne();
	}

	private static List<String> cells(Sheet sheet) {
		List<String> out = new ArrayList<>();
		for (Row row : sheet) {
			row.forEach(c -> out.add(c.toString()));
		}
		return out;
	}

	@Test
	void aFormWithAnErrorComesBackFilledAndNamesTheFieldAndAGoodOneSetsTheExam() throws Exception {
		long[] paper = exam(unique("题源"));
		String description = unique("说明文字");
		LocalDateTime opens = LocalDateTime.now(PlatformZone.ZONE).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
		String failed = mvc.perform(post("/exams/new").with(csrf()).with(branch)
				.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("title", "").param("description", description)
				.param("audience", "SUBTREE").param("paper", "FIXED").param("questionIds", Long.toString(paper[1]))
				.param("opensAt", opens.toString()).param("closesAt", opens.plusDays(1).toString())
				.param("durationMinutes", "25").param("attempts", "2").param("passMark", "abc")
				.param("shuffle", "true").param("feedsPoints", "true"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		// a type error first: nothing else is checked until the pass mark is a number, and what was typed stays
		assertThat(failed).contains(description, "及格分应为数字", "value=\"abc\"", "value=\"25\"");
		failed = mvc.perform(post("/exams/new").with(csrf()).with(branch)
				.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("title", "").param("description", description)
				.param("audience", "SUBTREE").param("paper", "RULES").param("rules[0].type", "TRUE_FALSE")
				.param("rules[0].count", "").param("rules[2].type", "SINGLE").param("rules[2].count", "100000")
				.param("rules[2].score", "2").param("opensAt", opens.toString())
				.param("closesAt", opens.minusHours(2).toString()).param("durationMinutes", "25"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(failed).contains(description, "请填写考试名称", "结束时间应晚于开始时间", "符合条件的试题只有",
				"请填写抽题数量", "id=\"rules2.count\"", "value=\"100000\"");
		// the second rule row typed is the form's row 2, and its problem stands beside it
		assertThat(failed.substring(failed.indexOf("id=\"rules2.count\""))).contains("符合条件的试题只有");
		assertThat(jdbc.sql("select count(*) from exam where description = ?").param(description).query(Long.class)
			.single()).isZero();

		String title = unique("表单考试");
		String location = mvc.perform(post("/exams/new").with(csrf()).with(branch)
				.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("title", title).param("description", description)
				.param("audience", "MEMBERS").param("staffNumbers", "")
				.param("memberIds", Long.toString(memberId("member1")))
				.param("paper", "FIXED").param("questionIds", Long.toString(paper[1])).param("typedQuestionIds", Long.toString(paper[2]))
				.param("opensAt", opens.toString()).param("closesAt", opens.plusDays(1).toString())
				.param("durationMinutes", "25").param("attempts", "2").param("passMark", "6")
				.param("shuffle", "true").param("_shuffle", "on").param("_feedsPoints", "on").param("feedsRecord", "true"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		Map<String, Object> row = jdbc.sql("select title, audience, opens_at, duration_minutes, attempts, feeds_points, shuffle, total_score from exam where id = ?")
			.param(id).query().singleRow();
		assertThat(row.get("title")).isEqualTo(title);
		assertThat(row.get("audience")).isEqualTo("MEMBERS");
		assertThat(((java.sql.Timestamp) row.get("opens_at")).toInstant()).isEqualTo(opens.atZone(PlatformZone.ZONE).toInstant());
		assertThat(row.get("feeds_points")).isEqualTo(false);
		assertThat(row.get("shuffle")).isEqualTo(true);
		assertThat(((java.math.BigDecimal) row.get("total_score")).intValue()).isEqualTo(12);
		assertThat(page(location, branch)).contains(title);
	}

	private long memberId(String username) {
		return jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = ?")
			.param(username).query(Long.class).single();
	}

	@Test
	void gradingOnThePageCompletesTheAttemptAndABadScoreStaysInPlace() throws Exception {
		long[] exam = exam(unique("阅卷测验"));
		String essay = unique("三会一课是党的组织生活的基本制度");
		long attempt = taken(exam, essay);
		String queue = page("/exams/grading?examId=" + exam[0], branch);
		assertThat(queue).contains(essay, "按时召开", "grade-" + attempt + "-" + exam[2]);
		assertThat(page("/exams/grading", login("branch2"))).doesNotContain(essay);

		String failed = mvc.perform(post("/exams/grading").with(csrf()).with(branch)
				.param("attemptId", Long.toString(attempt)).param("questionId", Long.toString(exam[2]))
				.param("score", "11").param("comment", "评语保留").param("examId", Long.toString(exam[0])))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String item = failed.substring(failed.indexOf("id=\"grade-" + attempt + "-" + exam[2] + "\""));
		assertThat(item).contains("得分应在 0 至 10 分之间", "value=\"11\"", "评语保留");
		mvc.perform(post("/exams/grading").with(branch).param("attemptId", Long.toString(attempt))
			.param("questionId", Long.toString(exam[2])).param("score", "8")).andExpect(status().isForbidden());

		mvc.perform(post("/exams/grading").with(csrf()).with(branch)
				.param("attemptId", Long.toString(attempt)).param("questionId", Long.toString(exam[2]))
				.param("score", "7.5").param("comment", "认识到位").param("examId", Long.toString(exam[0])))
			.andExpect(status().is3xxRedirection());
		Map<String, Object> row = jdbc.sql("select score, passed, completed_at, pending_manual from exam_attempt where id = ?")
			.param(attempt).query().singleRow();
		assertThat(((java.math.BigDecimal) row.get("score")).doubleValue()).isEqualTo(9.5);
		assertThat(row.get("passed")).isEqualTo(true);
		assertThat(row.get("completed_at")).isNotNull();
		assertThat(page("/exams/grading?examId=" + exam[0], branch)).doesNotContain(essay);
	}
}
