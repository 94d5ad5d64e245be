package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * Taking an exam through the pages: my exams, the exam, the paper with saved answers filled in, the plain form's
 * submission, the result — with no key and no explanation in the HTML before the reveal, and 404 for someone the
 * exam is not for.
 */
class ExamTakingPagesTest extends PlatformTest {

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

	private long created(ResultActions result) throws Exception {
		return JSON.readTree(result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
			.get("id")
			.asLong();
	}

	private long question(String explanation, Map<String, Object> fields) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("score", 2, "explanation", explanation, "tags", List.of("党章"),
				"difficulty", 2, "orgId", orgId("SFDX-JSJ-01")));
		body.putAll(fields);
		return created(send(post("/api/v1/exam/questions"), body, branch));
	}

	private String html(RequestPostProcessor who, String path) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	@Test
	void aMemberTakesAnExamOnThePagesAndNoKeyNorExplanationIsInThePageBeforeTheReveal() throws Exception {
		String secret = unique("KEY");
		String explained = unique("EXPLAINED");
		String model = unique("MODEL");
		long single = question(explained + "1", Map.of("type", "SINGLE", "text", unique("党的最高领导机关是"), "options",
				List.of("全国代表大会和它所产生的中央委员会", "中央政治局", "中央书记处"), "answer", "A"));
		long multiple = question(explained + "2", Map.of("type", "MULTIPLE", "text", unique("党员的义务包括"), "options",
				List.of("认真学习", "贯彻执行党的基本路线", "享有特权"), "answer", List.of("A", "B")));
		long truth = question(explained + "3", Map.of("type", "TRUE_FALSE", "text", unique("预备期为一年"), "answer", true));
		long fill = question(explained + "4", Map.of("type", "FILL", "text", unique("党的根本组织原则是（　）"), "answer",
				List.of(List.of(secret, secret + "Z"))));
		long shortAnswer = question(explained + "5", Map.of("type", "SHORT", "text", unique("谈谈三会一课"), "answer", model));
		String title = unique("应知应会页面测试");
		long exam = created(send(post("/api/v1/exams"), Map.of("title", title, "orgId", orgId("SFDX-JSJ-01"), "audience",
				Map.of("scope", "BRANCH"), "questionIds", List.of(single, multiple, truth, fill, shortAnswer), "opensAt",
				Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.HOURS).toString(), "durationMinutes", 20, "attempts", 2, "passMark", 4,
				"shuffle", false), branch));

		// my exams, the menu entry and the home card
		String list = html(member, "/study/exams");
		assertThat(list).contains(title).contains("data-exam=\"" + exam + "\"").contains("/study/exams/" + exam)
			.contains("/study/exams\"");
		assertThat(html(member, "/")).contains("card-exams").contains(title);
		String page = html(member, "/study/exams/" + exam);
		assertThat(page).contains(title).contains("id=\"start-exam\"").contains("0 / 2");

		// someone the exam is not for: 404, on the page, the start and the list
		RequestPostProcessor other = login("member2");
		mvc.perform(get("/study/exams/" + exam).with(other)).andExpect(status().isNotFound());
		mvc.perform(post("/study/exams/" + exam).with(csrf()).with(other)).andExpect(status().isNotFound());
		assertThat(html(other, "/study/exams")).doesNotContain(title);
		// the start needs the form's token
		mvc.perform(post("/study/exams/" + exam).with(member)).andExpect(status().isForbidden());

		String location = mvc.perform(post("/study/exams/" + exam).with(csrf()).with(member))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).matches("/study/exam-attempts/\\d+");
		long attempt = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		// a second start resumes the same attempt
		mvc.perform(post("/study/exams/" + exam).with(csrf()).with(member)).andExpect(redirectedUrl(location));
		mvc.perform(get(location).with(other)).andExpect(status().isNotFound());
		mvc.perform(get(location).with(branch)).andExpect(status().isNotFound());

		String paper = html(member, location);
		assertThat(paper).contains("id=\"exam-paper\"").contains("/js/exam-take.js").contains("name=\"q-" + single + "\"")
			.contains("type=\"checkbox\"").contains("data-type=\"FILL\"").contains("<textarea");
		assertThat(paper).doesNotContain(explained).doesNotContain(secret).doesNotContain(model)
			.doesNotContain("correctAnswer");
		int remaining = Integer.parseInt(paper.replaceAll("(?s).*data-remaining=\"(\\d+)\".*", "$1"));
		assertThat(remaining).isBetween(19 * 60, 20 * 60);

		// answers saved through the API come back filled in (a refresh, another phone)
		send(put("/api/v1/exam-attempts/" + attempt + "/answers/" + single), Map.of("answer", "A"), member)
			.andExpect(status().isOk());
		send(put("/api/v1/exam-attempts/" + attempt + "/answers/" + multiple), Map.of("answer", List.of("A", "C")), member)
			.andExpect(status().isOk());
		send(put("/api/v1/exam-attempts/" + attempt + "/answers/" + fill), Map.of("answer", List.of("我的填空")), member)
			.andExpect(status().isOk());
		paper = html(member, location);
		assertThat(paper).containsPattern("name=\"q-" + single + "\" value=\"A\" checked")
			.containsPattern("name=\"q-" + multiple + "\" value=\"C\" checked")
			.doesNotContainPattern("name=\"q-" + multiple + "\" value=\"B\" checked")
			.contains("value=\"我的填空\"")
			.contains("已答 3/5");
		assertThat(paper).doesNotContain(explained).doesNotContain(secret).doesNotContain(model);

		// the plain form (no script): every answer on it is saved, then the paper is submitted
		mvc.perform(post(location).with(csrf()).with(member)
			.param("q-" + single, "A")
			.param("q-" + multiple, "A", "B")
			.param("q-" + truth, "false")
			.param("q-" + fill, secret)
			.param("q-" + shortAnswer, "三会一课是党的组织生活的基本制度"))
			.andExpect(redirectedUrl(location));
		String result = html(member, location);
		assertThat(result).contains("id=\"exam-result\"").contains("id=\"reveal-later\"").contains("id=\"score\"")
			.contains("1 道简答题待评分");
		assertThat(result.replaceAll("(?s).*<p class=\"display-5 fw-bold mb-1\" id=\"score\">([^<]*)</p>.*", "$1"))
			.isEqualTo("6");
		assertThat(result).doesNotContain(explained).doesNotContain(secret).doesNotContain(model)
			.doesNotContain("id=\"exam-paper\"");
		String exams = html(member, "/study/exams/" + exam);
		assertThat(exams).contains("1 / 2").contains("data-attempt=\"" + attempt + "\"");

		// after the reveal: each question with the person's answer, the key and the explanation
		jdbc.sql("update exam set closes_at = now() - interval '1 minute', reveal_at = now() - interval '1 minute' where id = ?")
			.param(exam)
			.update();
		String revealed = html(member, location);
		assertThat(revealed).doesNotContain("id=\"reveal-later\"").contains(explained + "1").contains(explained + "5")
			.contains(secret + "Z").contains(model).contains("三会一课是党的组织生活的基本制度");
		assertThat(revealed).contains("id=\"review-" + truth + "\" data-verdict=\"WRONG\"")
			.contains("id=\"review-" + single + "\" data-verdict=\"RIGHT\"")
			.contains("id=\"review-" + fill + "\" data-verdict=\"RIGHT\"")
			.contains("id=\"review-" + shortAnswer + "\" data-verdict=\"PENDING\"");
		// closed now: no start button any more
		assertThat(html(member, "/study/exams/" + exam)).doesNotContain("id=\"start-exam\"");
	}

	@Test
	void whenTheTimeIsUpThePageShowsTheResultTheServerSubmittedWithWhatWasSaved() throws Exception {
		long single = question(unique("E"), Map.of("type", "SINGLE", "text", unique("题"), "options", List.of("甲", "乙"),
				"answer", "A"));
		long other = question(unique("E"), Map.of("type", "TRUE_FALSE", "text", unique("判断"), "answer", true));
		long exam = created(send(post("/api/v1/exams"), Map.of("title", unique("限时测试"), "orgId", orgId("SFDX-JSJ-01"),
				"audience", Map.of("scope", "BRANCH"), "questionIds", List.of(single, other), "opensAt",
				Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.HOURS).toString(), "durationMinutes", 10, "passMark", 2, "shuffle",
				false), branch));
		String location = mvc.perform(post("/study/exams/" + exam).with(csrf()).with(member))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long attempt = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		send(put("/api/v1/exam-attempts/" + attempt + "/answers/" + single), Map.of("answer", "A"), member)
			.andExpect(status().isOk());
		jdbc.sql("update exam_attempt set deadline = now() - interval '1 minute' where id = ?").param(attempt).update();
		String result = html(member, location);
		assertThat(result).contains("id=\"exam-result\"").contains("系统于").contains("id=\"verdict\"");
		assertThat(result.replaceAll("(?s).*id=\"score\">([^<]*)</p>.*", "$1")).isEqualTo("2");
		// the plain form after the time: nothing more is saved, the result stands
		mvc.perform(post(location).with(csrf()).with(member).param("q-" + other, "true"))
			.andExpect(redirectedUrl(location));
		assertThat(html(member, location).replaceAll("(?s).*id=\"score\">([^<]*)</p>.*", "$1")).isEqualTo("2");
	}

	@Test
	void noExamsShowsAnEmptyStateAndTheMenuHasNoEntryForManagersAlone() throws Exception {
		String page = html(login("admin"), "/study/exams");
		assertThat(page).contains("id=\"no-exams\"").doesNotContain("href=\"/study/exams\"");
	}

	@Test
	void theDemoExamsAndAttemptsRenderForAMemberAndAnApplicant() throws Exception {
		for (String who : List.of("member1", "applicant1")) {
			RequestPostProcessor person = login(who);
			String list = html(person, "/study/exams");
			assertThat(list).contains("href=\"/study/exams\"");
			java.util.regex.Matcher exams = java.util.regex.Pattern.compile("href=\"(/study/exams/\\d+)\"").matcher(list);
			while (exams.find()) {
				String exam = html(person, exams.group(1));
				java.util.regex.Matcher attempts = java.util.regex.Pattern
					.compile("href=\"(/study/exam-attempts/\\d+)\"")
					.matcher(exam);
				while (attempts.find()) {
					assertThat(html(person, attempts.group(1))).contains("data-attempt=");
				}
			}
		}
	}
}
