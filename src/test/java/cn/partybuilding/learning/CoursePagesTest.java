package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/** The course pages: the form with its chapters (a failed one comes back filled), the owner's view, the member's. */
class CoursePagesTest extends PlatformTest {

	private long article(RequestPostProcessor branch, String title) throws Exception {
		var form = Map.of("kind", "ARTICLE", "title", title, "body", "<p>学习内容</p>", "orgId", orgId("SFDX-JSJ-01"),
				"audience", "SUBTREE");
		return new ObjectMapper().readTree(mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(branch)
				.contentType(MediaType.APPLICATION_JSON).content(new ObjectMapper().writeValueAsString(form)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
	}

	@Test
	void aSecretaryBuildsACourseInTheFormAndAMemberTakesItOnThePhone() throws Exception {
		RequestPostProcessor branch = login("branch1");
		long a = article(branch, "页面课程资料");
		assertThat(mvc.perform(get("/learning/courses/new").with(branch)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString()).contains("页面课程资料", "chapters[11].title");

		// a chapter without materials and a title left out: the form comes back as typed, each reason beside its field
		String failed = mvc.perform(multipart("/learning/courses/new").with(csrf()).with(branch)
				.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE").param("title", "我的页面课程")
				.param("chapters[0].title", "第一章").param("chapters[0].ruleKind", "READ_MINUTES").param("chapters[0].ruleValue", "5")
				.param("chapters[0].materialIds", Long.toString(a))
				.param("chapters[1].title", "").param("chapters[1].ruleKind", "READ_MINUTES").param("chapters[1].ruleValue", "5")
				.param("chapters[1].materialIds", Long.toString(a))
				.param("chapters[2].title", "空的第三章").param("chapters[2].ruleKind", "WATCH_SHARE").param("chapters[2].ruleValue", "90"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(failed).contains("我的页面课程", "空的第三章", "请填写章节名称", "每一章至少选一项学习资料");

		String location = mvc.perform(multipart("/learning/courses/new")
				.file(new MockMultipartFile("cover", "cover.png", "image/png", png())).with(csrf()).with(branch)
				.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE").param("title", "我的页面课程")
				.param("tags", "党史，微课")
				.param("chapters[0].title", "第一章").param("chapters[0].ruleKind", "READ_MINUTES").param("chapters[0].ruleValue", "5")
				.param("chapters[0].materialIds", Long.toString(a))
				.param("chapters[1].title", "").param("chapters[1].ruleKind", "READ_MINUTES").param("chapters[1].ruleValue", "10"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(jdbc.sql("select count(*) from learning_chapter where course_id = ?").param(id).query(Long.class).single()).isOne();
		assertThat(mvc.perform(get(location).with(branch)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("我的页面课程", "第一章", "course-funnel", "assign-form", "/learning/courses/" + id + "/cover");
		mvc.perform(get("/learning/courses/{id}/cover", id).with(branch)).andExpect(status().isOk());
		mvc.perform(get(location).with(login("branch2"))).andExpect(status().isNotFound());

		RequestPostProcessor member = login("member1");
		assertThat(mvc.perform(get("/study/courses").with(member)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("我的页面课程");
		assertThat(mvc.perform(get("/study/courses/{id}", id).with(member)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("参加学习", "页面课程资料");
		mvc.perform(post("/study/courses/{id}/enrolment", id).with(csrf()).with(member))
			.andExpect(status().is3xxRedirection());
		assertThat(mvc.perform(get("/study/courses/{id}", id).with(member)).andReturn().getResponse().getContentAsString())
			.doesNotContain("id=\"enrol\"");
		assertThat(mvc.perform(get("/learning/courses").with(branch)).andReturn().getResponse().getContentAsString())
			.contains("我的页面课程");
		assertThat(mvc.perform(get("/learning/courses/{id}/progress.xlsx", id).with(branch)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray()).isNotEmpty();
		mvc.perform(get("/study/courses/{id}", id).with(login("member2"))).andExpect(status().isNotFound());
	}

	@Test
	void theDemoHasACourseMember1FinishedAndOneHalfWay() throws Exception {
		RequestPostProcessor member = login("member1");
		var courses = new ObjectMapper().readTree(mvc.perform(get("/api/v1/me/courses").with(member)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		long finished = 0;
		long halfWay = 0;
		for (var c : courses) {
			if (c.get("title").asText().equals("党史学习教育微课：从红船到长征")) {
				finished = c.get("id").asLong();
			}
			if (c.get("title").asText().equals("学习贯彻党的二十大精神专题课程")) {
				halfWay = c.get("id").asLong();
			}
		}
		var done = new ObjectMapper().readTree(mvc.perform(get("/api/v1/me/courses/{id}", finished).with(member))
			.andReturn().getResponse().getContentAsString());
		assertThat(done.get("completed").asBoolean()).isTrue();
		assertThat(done.get("certificateCode").asText()).hasSize(12);
		var half = new ObjectMapper().readTree(mvc.perform(get("/api/v1/me/courses/{id}", halfWay).with(member))
			.andReturn().getResponse().getContentAsString());
		assertThat(half.get("completed").asBoolean()).isFalse();
		assertThat(half.get("dueOn").isNull()).isFalse();
		assertThat(half.findValuesAsText("state")).containsExactly("DONE", "IN_PROGRESS", "NOT_STARTED");
		// the video of chapter 2 was watched for the week's outline by many who never opened chapter 1: they count
		// as having done chapter 2, and as stopped at chapter 1 — where people stop is the first chapter not done
		var progress = new ObjectMapper().readTree(mvc.perform(get("/api/v1/learning/courses/{id}/progress", halfWay)
			.with(login("college1"))).andReturn().getResponse().getContentAsString());
		long enrolled = progress.get("enrolled").asLong();
		long stoppedAt = 0;
		for (var f : progress.get("funnel")) {
			stoppedAt += f.get("drop").asLong();
		}
		assertThat(stoppedAt).isEqualTo(enrolled - progress.get("completed").asLong());
		assertThat(progress.get("funnel").get(1).get("drop").asLong()).isGreaterThanOrEqualTo(1);
		// the assigned course stands on member1's phone home with its due date
		assertThat(mvc.perform(get("/").with(member)).andReturn().getResponse().getContentAsString())
			.contains("card-courses", "学习贯彻党的二十大精神专题课程", "还剩 2 章");
		assertThat(mvc.perform(get("/learning/courses/{id}", halfWay).param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
				.with(login("college1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("赵红梅");
	}

	private static byte[] png() throws Exception {
		var image = new java.awt.image.BufferedImage(64, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
		var out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}
}
