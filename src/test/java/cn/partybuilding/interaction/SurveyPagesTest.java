package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The survey pages: a manager sets one with the question editor, a member answers on the phone, results with charts. */
class SurveyPagesTest extends PlatformTest {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private RequestPostProcessor branch;

	private RequestPostProcessor member;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		member = login("member1");
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void aManagerSetsASurveyAMemberAnswersItAndTheResultsShowWithCharts() throws Exception {
		assertThat(page("/surveys/manage/new", branch)).contains("id=\"survey-form\"").contains("/js/survey-editor.js")
			.doesNotContain("<script>");
		String title = unique("党员活动日安排意见");
		LocalDateTime now = LocalDateTime.now(PlatformZone.ZONE);
		// a mistake (a choice question with one option) comes back filled, the error beside the question
		String failed = mvc.perform(post("/surveys/manage/new").with(csrf()).with(branch).param("title", title)
			.param("orgId", String.valueOf(orgId("SFDX-JSJ-01"))).param("audience", "BRANCH")
			.param("opensAt", LOCAL.format(now.minusHours(1))).param("closesAt", LOCAL.format(now.plusDays(3)))
			.param("resultsLive", "true")
			.param("questions[0].type", "SINGLE").param("questions[0].text", "活动安排在周几").param("questions[0].options", "周三")
			.param("questions[0].required", "true")
			.param("questions[1].type", "RATING").param("questions[1].text", "上次活动的满意度").param("questions[1].required", "true"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(failed).contains(title).contains("活动安排在周几").contains("is-invalid").contains("至少需要两个选项");
		String location = mvc.perform(post("/surveys/manage/new").with(csrf()).with(branch).param("title", title)
			.param("orgId", String.valueOf(orgId("SFDX-JSJ-01"))).param("audience", "BRANCH")
			.param("opensAt", LOCAL.format(now.minusHours(1))).param("closesAt", LOCAL.format(now.plusDays(3)))
			.param("resultsLive", "true")
			.param("questions[0].type", "SINGLE").param("questions[0].text", "活动安排在周几").param("questions[0].options", "周三\n周五")
			.param("questions[0].required", "true")
			.param("questions[1].type", "RATING").param("questions[1].text", "上次活动的满意度").param("questions[1].required", "true"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.replaceAll("\\D", ""));
		assertThat(page("/surveys/manage", branch)).contains(title).contains("0 / ");

		String list = page("/surveys", member);
		assertThat(list.substring(list.indexOf("data-survey=\"" + id + "\""))).contains("待作答");
		assertThat(page("/surveys/" + id, member)).contains("id=\"answer-form\"").contains("活动安排在周几");
		// the rating left out: the form comes back with the choice kept and the error beside the question
		String back = mvc.perform(post("/surveys/" + id).with(csrf()).with(member).param("answers[0].option", "1"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(back).contains("question-error").contains("第 2 题为必答题");
		assertThat(back.substring(back.indexOf("id=\"q0o1\"") - 120, back.indexOf("id=\"q0o1\"") + 120)).contains("checked");
		mvc.perform(post("/surveys/" + id).with(csrf()).with(member).param("answers[0].option", "1")
			.param("answers[1].rating", "5")).andExpect(status().is3xxRedirection());
		String after = page("/surveys", member);
		assertThat(after.substring(after.indexOf("data-survey=\"" + id + "\""))).contains("已作答");

		String results = page("/surveys/" + id + "/results", branch);
		assertThat(results).contains("survey-chart").contains("data-counts=\"0,1\"").contains("/js/survey-results.js")
			.contains("id=\"rate-table\"").contains("results.xlsx");
		assertThat(page("/surveys/" + id + "/results", member)).contains("survey-chart").doesNotContain("id=\"rate-table\"");

		RequestPostProcessor other = login("branch2");
		mvc.perform(get("/surveys/" + id + "/results").with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/surveys/" + id).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(get("/surveys/manage/" + id + "/results.xlsx").with(other)).andExpect(status().isNotFound());
		assertThat(page("/surveys/manage", other)).doesNotContain(title);
	}
}
