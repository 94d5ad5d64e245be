package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/** 问答 (issue 19): public within the audience, answered by the secretary or named answerers, screened, scoped. */
class QuestionsApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private RequestPostProcessor member1;

	private RequestPostProcessor branch1;

	@BeforeEach
	void signIn() throws Exception {
		member1 = login("member1");
		branch1 = login("branch1");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, Object body, RequestPostProcessor who)
			throws Exception {
		return mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body)));
	}

	private static JsonNode json(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private long ask(String audience, String title, String body) throws Exception {
		return json(send(post("/api/v1/questions"), Map.of("audience", audience, "title", title, "body", body), member1)
			.andExpect(status().isCreated())).get("id").asLong();
	}

	private static boolean listed(JsonNode page, long id) {
		for (JsonNode q : page.get("content")) {
			if (q.get("id").asLong() == id) {
				return true;
			}
		}
		return false;
	}

	@Test
	@DisplayName("asked in the branch: its people read it, another branch gets the audited 404; the secretary answers, the asker marks the best answer")
	void askAnswerBest() throws Exception {
		String title = unique("问题");
		long id = ask("BRANCH", title, "请问支部活动怎么报名？");
		RequestPostProcessor member2 = login("member2");
		long denied = auditCount("access.denied", "member2");
		mvc.perform(get("/api/v1/questions/" + id).with(member2)).andExpect(status().isNotFound());
		send(post("/api/v1/questions/" + id + "/answers"), Map.of("body", "x"), member2).andExpect(status().isNotFound());
		send(post("/api/v1/questions/" + id + "/best"), Map.of("answerId", 1), member2).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/questions/" + id + "/hide").with(csrf()).with(member2)).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/questions/" + id + "/release").with(csrf()).with(member2)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/questions?orgId=" + orgId("SFDX-JSJ-01")).with(member2)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "member2")).isEqualTo(denied + 6);
		mvc.perform(post("/api/v1/questions/" + id + "/hide").with(csrf()).with(member1)).andExpect(status().isForbidden());
		assertThat(listed(json(mvc.perform(get("/api/v1/questions?q=" + title).with(member2))), id)).isFalse();
		// the college's administrator reads below but is not the branch's secretary nor a named answerer
		RequestPostProcessor college1 = login("college1");
		mvc.perform(get("/api/v1/questions/" + id).with(college1)).andExpect(status().isOk());
		send(post("/api/v1/questions/" + id + "/answers"), Map.of("body", "学院答"), college1).andExpect(status().isForbidden());

		assertThat(listed(json(mvc.perform(get("/api/v1/questions?unanswered=true&q=" + title).with(member1))), id)).isTrue();
		long answer = json(send(post("/api/v1/questions/" + id + "/answers"), Map.of("body", "在活动页点报名即可。"), branch1)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("OPEN"))).get("id").asLong();
		assertThat(listed(json(mvc.perform(get("/api/v1/questions?unanswered=true&q=" + title).with(member1))), id)).isFalse();
		send(post("/api/v1/questions/" + id + "/best"), Map.of("answerId", answer), college1).andExpect(status().isForbidden());
		send(post("/api/v1/questions/" + id + "/best"), Map.of("answerId", answer), member1)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.bestAnswerId").value(answer))
			.andExpect(jsonPath("$.answers[0].best").value(true));
		assertThat(listed(json(mvc.perform(get("/api/v1/questions?mine=true&q=" + title).with(member1))), id)).isTrue();
		assertThat(listed(json(mvc.perform(get("/api/v1/questions?mine=true&q=" + title).with(branch1))), id)).isFalse();
		// asked at the school: member2 of another college reads it
		long school = ask("SCHOOL", unique("全校"), "全校都能看到吗？");
		mvc.perform(get("/api/v1/questions/" + school).with(member2)).andExpect(status().isOk());
	}

	@Test
	@DisplayName("screened by the content word list: a BLOCK word refuses naming it; a REVIEW word holds the text for the secretary")
	void screening() throws Exception {
		send(post("/api/v1/questions"), Map.of("audience", "BRANCH", "title", "哪里有网络赌博", "body", "正文"), member1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("title"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("网络赌博")));
		long held = json(send(post("/api/v1/questions"),
				Map.of("audience", "BRANCH", "title", unique("传闻"), "body", "听到一些小道消息，想问问真假"), member1)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("HELD"))).get("id").asLong();
		RequestPostProcessor college1 = login("college1");
		mvc.perform(get("/api/v1/questions/" + held).with(college1)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/questions/" + held).with(member1)).andExpect(status().isOk());
		assertThat(json(mvc.perform(get("/api/v1/questions/held").with(branch1))).toString()).contains(String.valueOf(held));
		send(post("/api/v1/questions/" + held + "/answers"), Map.of("body", "先审"), branch1).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/questions/" + held + "/release").with(csrf()).with(branch1)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/questions/" + held).with(college1)).andExpect(status().isOk());

		send(post("/api/v1/questions/" + held + "/answers"), Map.of("body", "这是内部资料，不便公开"), branch1)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("HELD"));
		mvc.perform(get("/api/v1/questions/" + held).with(college1)).andExpect(jsonPath("$.answers").isEmpty());
		send(post("/api/v1/questions/" + held + "/answers"), Map.of("body", "不要代写论文"), branch1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));
	}

	@Test
	@DisplayName("named answerers: the secretary names a member who then answers; others get 403 or the audited 404; bad input 400")
	void answerersAndInput() throws Exception {
		long branch = orgId("SFDX-JSJ-01");
		mvc.perform(get("/api/v1/questions/answerers?orgId=" + branch).with(branch1)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/questions/answerers?orgId=" + branch).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/questions/answerers?orgId=" + branch).with(login("college1"))).andExpect(status().isForbidden());
		send(post("/api/v1/questions/answerers"), Map.of("orgId", branch, "staffNumber", "NO-SUCH-1"), branch1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("staffNumber"));
		send(post("/api/v1/questions"), Map.of("audience", "GALAXY", "title", "", "body", ""), member1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'audience')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'title')]").exists());
		mvc.perform(get("/questions").with(member1)).andExpect(status().isOk());
		mvc.perform(get("/questions?q=" + unique("无此问题")).with(member1)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("no-questions")));
		mvc.perform(get("/questions/new").with(member1)).andExpect(status().isOk());
		mvc.perform(get("/questions/held").with(branch1)).andExpect(status().isOk());
		mvc.perform(get("/questions/answerers?orgId=" + branch).with(branch1)).andExpect(status().isOk());
		long id = ask("BRANCH", unique("页面"), "页面问题");
		mvc.perform(get("/questions/" + id).with(branch1)).andExpect(status().isOk());
	}
}
