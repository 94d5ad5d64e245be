package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The exam figures: participation and pass rate over the exams that closed in the period, by today. */
class ExamFiguresTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	ExamFigures figures;

	@Autowired
	OrganizationTree tree;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, Object body,
			RequestPostProcessor who, int expected) throws Exception {
		var builder = request.with(csrf()).with(who);
		if (body != null) {
			builder = builder.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
		}
		return JSON.readTree(mvc.perform(builder).andExpect(status().is(expected)).andReturn().getResponse()
			.getContentAsString());
	}

	/** An exam of one true/false question (true) for the members of the branch, open now for an hour. */
	private long exam(long branch, String title) throws Exception {
		RequestPostProcessor admin = login("admin");
		long question = call(post("/api/v1/exam/questions"), Map.of("type", "TRUE_FALSE", "text", unique("考核测试题"),
				"answer", true, "score", 10, "orgId", branch), admin, 201).get("id").asLong();
		Map<String, Object> body = new HashMap<>(Map.of("title", title, "orgId", branch, "audience", Map.of("scope", "BRANCH"),
				"questionIds", List.of(question), "opensAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "closesAt",
				Instant.now().plus(1, ChronoUnit.HOURS).toString(), "passMark", 6, "attempts", 1, "feedsPoints", false,
				"feedsRecord", false));
		return call(post("/api/v1/exams"), body, admin, 201).get("id").asLong();
	}

	private void take(long exam, FigureOrgs.Person who, boolean answer) throws Exception {
		RequestPostProcessor me = login(who.username());
		JsonNode attempt = call(post("/api/v1/exams/" + exam + "/attempts"), null, me, 201);
		long id = attempt.get("id").asLong();
		long question = attempt.get("questions").get(0).get("id").asLong();
		call(put("/api/v1/exam-attempts/" + id + "/answers/" + question), Map.of("answer", answer), me, 200);
		call(post("/api/v1/exam-attempts/" + id + "/submit"), null, me, 200);
	}

	/** Completed and expected (participation), passed and completed (pass) for the org, zeros when absent. */
	private int[] counts(long org, Period period) {
		Figures.Measured p = figures.measure("exam.participation", List.of(org), period).get(org);
		Figures.Measured q = figures.measure("exam.pass", List.of(org), period).get(org);
		return new int[] { p == null ? 0 : (Integer) p.sourceArgs().get(0), p == null ? 0 : (Integer) p.sourceArgs().get(1),
				q == null ? 0 : (Integer) q.sourceArgs().get(0), p == null ? 0 : (Integer) p.sourceArgs().get(2) };
	}

	@Test
	@DisplayName("Exam participation is completed ÷ expected and the pass rate passed ÷ completed, once the exam has closed")
	void participationAndPassCountOnceTheExamClosed() throws Exception {
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		long branch = orgs.branch(orgId("SFDX"), false);
		List<FigureOrgs.Person> people = orgs.members(branch, 3, LocalDate.of(2015, 1, 1));
		Period month = Period.parse(YearMonth.now(PlatformZone.ZONE).toString());
		String title = unique("考核测试考试");
		long exam = exam(branch, title);
		take(exam, people.get(0), true);
		take(exam, people.get(1), false);
		int[] before = counts(branch, month);

		// still open: not counted yet, whoever took it
		jdbc.sql("update exam set closes_at = now() - interval '1 second' where id = ?").param(exam).update();
		int[] after = counts(branch, month);
		assertThat(after[0] - before[0]).as("completed").isEqualTo(2);
		assertThat(after[1] - before[1]).as("expected").isEqualTo(3);
		assertThat(after[2] - before[2]).as("passed").isEqualTo(1);
		assertThat(after[3] - before[3]).as("exams").isEqualTo(1);

		List<Figures.Behind> behind = figures.behind("exam.participation", branch, month);
		assertThat(behind).filteredOn(b -> b.args().get(0).equals(title)).singleElement().satisfies(b -> {
			assertThat(b.args()).containsExactly(title, LocalDate.now(PlatformZone.ZONE).toString(), 3, 2, 1);
			assertThat(b.href()).isEqualTo("/exams/" + exam + "?orgId=" + branch);
			assertThat(b.ok()).isFalse();
		});
		assertThat(figures.behind("exam.pass", branch, month)).filteredOn(b -> b.args().get(0).equals(title))
			.singleElement().satisfies(b -> assertThat(b.ok()).isFalse());
	}

	@Test
	@DisplayName("An organisation no exam was for is absent from both figures")
	void noExamIsAbsent() {
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		long branch = orgs.branch(orgId("SFDX"), false);
		assertThat(figures.measure("exam.participation", List.of(branch), Period.parse("2021"))).isEmpty();
		assertThat(figures.measure("exam.pass", List.of(branch), Period.parse("2021"))).isEmpty();
	}
}
