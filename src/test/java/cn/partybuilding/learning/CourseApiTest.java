package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The API contract of issue 16 for courses: chapters with rules, enrolment, completion, assignment, progress. */
class CourseApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private RequestPostProcessor branch;

	private RequestPostProcessor member;

	private long memberAccount;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		member = login("member1");
		memberAccount = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		jdbc.sql("delete from learning_clock where account_id = ?").param(memberAccount).update();
	}

	private long article(String title) throws Exception {
		var form = Map.of("kind", "ARTICLE", "title", title, "body", "<p>" + "学习党章，".repeat(20) + "</p>", "orgId",
				orgId("SFDX-JSJ-01"), "audience", "SUBTREE");
		return created(post("/api/v1/learning/materials"), form, branch).get("id").asLong();
	}

	private long video() throws Exception {
		byte[] clip;
		try (InputStream in = getClass().getResourceAsStream("/demo/learning/demo-clip.mp4")) {
			clip = in.readAllBytes();
		}
		return JSON.readTree(mvc.perform(multipart("/api/v1/learning/materials")
				.file(new MockMultipartFile("file", "clip.mp4", "video/mp4", clip)).param("kind", "VIDEO")
				.param("title", "微课视频").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE")
				.with(csrf()).with(branch))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
	}

	private JsonNode created(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			Object body, RequestPostProcessor who) throws Exception {
		return JSON.readTree(mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(body))).andExpect(status().isCreated()).andReturn().getResponse()
			.getContentAsString());
	}

	private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			Object body, RequestPostProcessor who) throws Exception {
		return mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body)));
	}

	private static Map<String, Object> chapter(String title, List<Long> materials, String rule, int value) {
		return Map.of("title", title, "materialIds", materials, "rule", Map.of("kind", rule, "value", value));
	}

	private static Map<String, Object> course(String title, Object orgId, String audience,
			List<Map<String, Object>> chapters) {
		Map<String, Object> form = new HashMap<>();
		form.put("title", title);
		form.put("orgId", orgId);
		form.put("audience", audience);
		form.put("chapters", chapters);
		form.put("tags", List.of("党史"));
		return form;
	}

	private JsonNode twoChapterCourse(String title) throws Exception {
		long a = article(title + "·导读");
		long v = video();
		return created(post("/api/v1/learning/courses"), course(title, orgId("SFDX-JSJ-01"), "SUBTREE",
				List.of(chapter("第一章 导读", List.of(a), "READ_MINUTES", 1), chapter("第二章 微课", List.of(v), "WATCH_SHARE", 90))),
				branch);
	}

	private JsonNode mine(long courseId) throws Exception {
		return JSON.readTree(mvc.perform(get("/api/v1/me/courses/{id}", courseId).with(member)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	private void beat(long materialId, List<List<Double>> played) throws Exception {
		jdbc.sql("""
				insert into learning_clock (account_id, last_beat_at) values (?, now() - make_interval(secs => 20))
				on conflict (account_id) do update set last_beat_at = excluded.last_beat_at""").param(memberAccount).update();
		Map<String, Object> body = new HashMap<>();
		body.put("visible", true);
		if (played != null) {
			body.put("played", played);
		}
		send(post("/api/v1/learning/materials/{id}/heartbeats", materialId), body, member).andExpect(status().isOk());
	}

	private static List<String> states(JsonNode course) {
		List<String> states = new ArrayList<>();
		course.get("chapters").forEach(c -> states.add(c.get("state").asText()));
		return states;
	}

	@Test
	void aCourseIsFinishedChapterByChapterByWhatWasReallyStudied() throws Exception {
		JsonNode course = twoChapterCourse("党史微课");
		long id = course.get("id").asLong();
		assertThat(course.get("chapters")).hasSize(2);
		long first = course.get("chapters").get(0).get("id").asLong();
		long articleId = course.get("chapters").get(0).get("materials").get(0).get("id").asLong();
		long videoId = course.get("chapters").get(1).get("materials").get(0).get("id").asLong();

		JsonNode before = mine(id);
		assertThat(before.get("id").asLong()).isEqualTo(id);
		assertThat(before.get("completed").asBoolean()).isFalse();
		assertThat(states(before)).containsExactly("NOT_STARTED", "NOT_STARTED");
		assertThat(before.get("chapters").get(0).get("id").asLong()).isEqualTo(first);

		JsonNode enrolled = created(post("/api/v1/me/courses/{id}/enrolment", id), Map.of(), member);
		assertThat(enrolled.get("enrolled").asBoolean()).isTrue();
		// enrolling again is no error and changes nothing
		created(post("/api/v1/me/courses/{id}/enrolment", id), Map.of(), member);

		beat(articleId, null);
		assertThat(states(mine(id))).containsExactly("IN_PROGRESS", "NOT_STARTED");
		beat(articleId, null);
		beat(articleId, null);
		assertThat(states(mine(id))).containsExactly("DONE", "NOT_STARTED");

		beat(videoId, List.of(List.of(0.0, 20.0)));
		assertThat(states(mine(id))).containsExactly("DONE", "IN_PROGRESS");
		// the same seconds played again do not add to the share
		beat(videoId, List.of(List.of(0.0, 20.0)));
		assertThat(states(mine(id))).containsExactly("DONE", "IN_PROGRESS");
		beat(videoId, List.of(List.of(20.0, 30.0)));
		JsonNode done = mine(id);
		assertThat(states(done)).containsExactly("DONE", "DONE");
		assertThat(done.get("completed").asBoolean()).isTrue();
		String code = done.get("certificateCode").asText();
		assertThat(code).matches("[2-9A-Z]{12}");
		mvc.perform(get(done.get("certificateUrl").asText()).with(member)).andExpect(status().isOk());

		long memberId = jdbc.sql("select id from member where account_id = ?").param(memberAccount).query(Long.class).single();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
				"select count(*) from record_entry where member_id = ? and source_type = 'learning-course' and source_id = ?")
			.params(memberId, Long.toString(id)).query(Long.class).single() == 1);
		assertThat(jdbc.sql("select count(*) from learning_points where account_id = ? and day = ? and rule = 'COURSE_FINISHED'")
			.params(memberAccount, LocalDate.now(PlatformZone.ZONE)).query(Long.class).single()).isOne();
		// finished is finished: more study changes nothing, the 纪实 keeps one line
		beat(videoId, List.of(List.of(0.0, 30.0)));
		assertThat(mine(id).get("certificateCode").asText()).isEqualTo(code);
	}

	@Test
	void aWatchingChapterAlsoWantsItsArticleRead() throws Exception {
		long a = article("观看章节里的文章");
		long v = video();
		long id = created(post("/api/v1/learning/courses"), course("看与读", orgId("SFDX-JSJ-01"), "SUBTREE",
				List.of(chapter("看完也要读完", List.of(a, v), "WATCH_SHARE", 90))), branch).get("id").asLong();
		created(post("/api/v1/me/courses/{id}/enrolment", id), Map.of(), member);
		beat(v, List.of(List.of(0.0, 20.0)));
		beat(v, List.of(List.of(20.0, 30.0)));
		assertThat(states(mine(id))).containsExactly("IN_PROGRESS");
	}

	@Test
	void whatWasStudiedBeforeEnrollingCounts() throws Exception {
		long a = article("先学后报");
		for (int i = 0; i < 3; i++) {
			beat(a, null);
		}
		long id = created(post("/api/v1/learning/courses"), course("先学后报课程", orgId("SFDX-JSJ-01"), "SUBTREE",
				List.of(chapter("唯一一章", List.of(a), "READ_MINUTES", 1))), branch).get("id").asLong();
		JsonNode enrolled = created(post("/api/v1/me/courses/{id}/enrolment", id), Map.of(), member);
		assertThat(states(enrolled)).containsExactly("DONE");
		assertThat(enrolled.get("completed").asBoolean()).isTrue();
	}

	@Test
	void aBadCourseIsRefusedWithEachReasonAndNothingIsKept() throws Exception {
		long a = article("校验用资料");
		long before = jdbc.sql("select count(*) from learning_course").query(Long.class).single();
		JsonNode problems = JSON.readTree(send(post("/api/v1/learning/courses"), course(" ", orgId("SFDX-JSJ-01"),
				"SUBTREE", List.of(chapter("测验", List.of(a), "QUIZ", 1), chapter("", List.of(), "READ_MINUTES", 0))), branch)
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
		List<String> fields = new ArrayList<>();
		problems.get("errors").forEach(e -> fields.add(e.get("field").asText()));
		assertThat(fields).contains("title", "chapters[0].rule", "chapters[1].title", "chapters[1].materialIds",
				"chapters[1].rule.value");
		// a share of watching with no video in the chapter
		send(post("/api/v1/learning/courses"), course("无视频", orgId("SFDX-JSJ-01"), "SUBTREE",
				List.of(chapter("看", List.of(a), "WATCH_SHARE", 80))), branch).andExpect(status().isBadRequest());
		// a branch cannot offer the school, and a school course cannot hold a branch's material
		send(post("/api/v1/learning/courses"), course("全校", orgId("SFDX-JSJ-01"), "SCHOOL",
				List.of(chapter("一", List.of(a), "READ_MINUTES", 1))), branch).andExpect(status().isBadRequest());
		send(post("/api/v1/learning/courses"), course("全校", orgId("SFDX"), "SCHOOL",
				List.of(chapter("一", List.of(a), "READ_MINUTES", 1))), login("admin")).andExpect(status().isBadRequest());
		// no chapters at all
		send(post("/api/v1/learning/courses"), course("空课程", orgId("SFDX-JSJ-01"), "SUBTREE", List.of()), branch)
			.andExpect(status().isBadRequest());
		// another college's organisation
		send(post("/api/v1/learning/courses"), course("越权", orgId("SFDX-JX-01"), "SUBTREE",
				List.of(chapter("一", List.of(a), "READ_MINUTES", 1))), branch).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from learning_course").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void anotherCollegeNeitherSeesNorTakesNorFollowsTheCourse() throws Exception {
		long id = twoChapterCourse("本院课程").get("id").asLong();
		mvc.perform(get("/api/v1/learning/courses/{id}", id).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me/courses/{id}", id).with(login("member2"))).andExpect(status().isNotFound());
		send(post("/api/v1/me/courses/{id}/enrolment", id), Map.of(), login("member2")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/learning/courses/{id}/progress", id).with(login("branch2"))).andExpect(status().isNotFound());
		send(post("/api/v1/learning/courses/{id}/assignments", id), Map.of("orgId", orgId("SFDX-JX-01")), login("branch2"))
			.andExpect(status().isNotFound());
		send(post("/api/v1/learning/courses/{id}/withdraw", id), Map.of(), login("branch2")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/learning/courses/{id}/progress", id).with(member)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'access.denied' and entity_type = 'learning-course' and entity_id = ?")
			.param(Long.toString(id)).query(Long.class).single()).isGreaterThanOrEqualTo(6);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
				"select count(*) from audit_event where action = 'learning.course.publish' and entity_id = ? and actor = 'branch1'")
			.param(Long.toString(id)).query(Long.class).single() == 1);
		// the college above and the committee follow it
		mvc.perform(get("/api/v1/learning/courses/{id}/progress", id).with(login("college1"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/learning/courses/{id}/progress", id).with(login("admin"))).andExpect(status().isOk());
	}

	@Test
	void anAssignedCourseEnrolsTheBranchAndShowsWherePeopleStop() throws Exception {
		JsonNode course = twoChapterCourse("布置的课程");
		long id = course.get("id").asLong();
		long articleId = course.get("chapters").get(0).get("materials").get(0).get("id").asLong();
		LocalDate due = LocalDate.now(PlatformZone.ZONE).plusDays(14);
		JsonNode assigned = created(post("/api/v1/learning/courses/{id}/assignments", id),
				Map.of("orgId", orgId("SFDX-JSJ-01"), "dueOn", due.toString()), branch);
		long enrolled = assigned.get("enrolled").asLong();
		assertThat(enrolled).isGreaterThanOrEqualTo(1);
		assertThat(mine(id).get("dueOn").asText()).isEqualTo(due.toString());
		send(post("/api/v1/learning/courses/{id}/assignments", id), Map.of("orgId", orgId("SFDX-JSJ-01"), "dueOn",
				LocalDate.now(PlatformZone.ZONE).minusDays(1).toString()), branch).andExpect(status().isBadRequest());
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
				"select count(*) from notification where account_id = ? and link = ?")
			.params(memberAccount, "/study/courses/" + id).query(Long.class).single() == 1);

		for (int i = 0; i < 3; i++) {
			beat(articleId, null);
		}
		JsonNode progress = JSON.readTree(mvc.perform(get("/api/v1/learning/courses/{id}/progress", id).with(branch))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(progress.get("enrolled").asLong()).isEqualTo(enrolled);
		assertThat(progress.get("funnel").get(0).get("done").asLong()).isOne();
		// the others stopped before the first chapter, member1 before the second: the larger drop (the earlier on a tie)
		assertThat(progress.get("funnel").get(0).get("drop").asLong()).isEqualTo(enrolled - 1);
		assertThat(progress.get("funnel").get(1).get("drop").asLong()).isOne();
		assertThat(progress.get("dropChapterId").asLong())
			.isEqualTo(course.get("chapters").get(enrolled - 1 >= 1 ? 0 : 1).get("id").asLong());
		JsonNode started = JSON.readTree(mvc.perform(get("/api/v1/learning/courses/{id}/progress", id)
				.param("state", "IN_PROGRESS").with(branch)).andReturn().getResponse().getContentAsString());
		assertThat(started.get("matching").asLong()).isOne();
		assertThat(started.get("people").get(0).get("name").asText()).isEqualTo("赵红梅");
		mvc.perform(get("/api/v1/learning/courses/{id}/progress", id).param("state", "NONSENSE").with(branch))
			.andExpect(status().isBadRequest());
	}
}
