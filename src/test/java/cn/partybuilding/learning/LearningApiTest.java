package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The API contract of issue 15: materials and their files, heartbeats that cannot be farmed, points, outlines. */
class LearningApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	StudyOutlines outlines;

	private RequestPostProcessor branch;

	private RequestPostProcessor member;

	private long memberAccount;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		member = login("member1");
		memberAccount = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		// this class counts member1's points of today from nothing; the demo's history of other days stays
		jdbc.sql("delete from learning_clock where account_id = ?").param(memberAccount).update();
		for (String table : List.of("learning_points", "learning_day")) {
			jdbc.sql("delete from " + table + " where account_id = ? and day = ?")
				.params(memberAccount, LocalDate.now(PlatformZone.ZONE)).update();
		}
	}

	private JsonNode publishArticle(RequestPostProcessor who, String title, String body, String orgCode,
			String audience) throws Exception {
		var form = Map.of("kind", "ARTICLE", "title", title, "body", body, "orgId", orgId(orgCode), "audience",
				audience, "tags", List.of("党章"));
		String json = mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(who)
				.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(form)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return JSON.readTree(json);
	}

	private JsonNode upload(String kind, String fileName, byte[] bytes) throws Exception {
		String json = mvc.perform(multipart("/api/v1/learning/materials").file(new MockMultipartFile("file", fileName,
				"application/octet-stream", bytes)).param("kind", kind).param("title", "上传的" + kind)
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE").with(csrf()).with(branch))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return JSON.readTree(json);
	}

	private ResultActions beat(long materialId, boolean visible, List<List<Double>> played) throws Exception {
		Map<String, Object> body = new HashMap<>();
		body.put("visible", visible);
		if (played != null) {
			body.put("played", played);
		}
		return mvc.perform(post("/api/v1/learning/materials/{id}/heartbeats", materialId).with(csrf()).with(member)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
	}

	/** As if the member's previous heartbeat came {@code seconds} ago (the page has been open that long). */
	private void lastBeatAgo(int seconds) {
		jdbc.sql("""
				insert into learning_clock (account_id, last_beat_at) values (?, now() - make_interval(secs => ?))
				on conflict (account_id) do update set last_beat_at = excluded.last_beat_at""")
			.params(memberAccount, seconds).update();
	}

	private JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private static byte[] pdf(String text) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document doc = new Document();
		PdfWriter.getInstance(doc, out);
		doc.open();
		doc.add(new Paragraph(text));
		doc.close();
		return out.toByteArray();
	}

	private static byte[] resource(String path) throws Exception {
		try (InputStream in = LearningApiTest.class.getResourceAsStream(path)) {
			return in.readAllBytes();
		}
	}

	@Test
	void anArticleIsStoredSanitisedAndReadByItsSubtreeOnly() throws Exception {
		JsonNode a = publishArticle(branch, "学习党章",
				"<p onclick=\"alert(1)\">认真学习党章<script>alert(1)</script></p><img src=x onerror=alert(1)>"
						+ "<a href=\"javascript:alert(1)\">链接</a>", "SFDX-JSJ-01", "SUBTREE");
		long id = a.get("id").asLong();
		assertThat(a.get("kind").asText()).isEqualTo("ARTICLE");
		JsonNode got = read(mvc.perform(get("/api/v1/learning/materials/{id}", id).with(member)));
		assertThat(got.get("body").asText()).contains("认真学习党章").doesNotContain("script", "onclick", "onerror",
				"javascript:");
		assertThat(got.get("title").asText()).isEqualTo("学习党章");
		// another college's member, and its branch secretary, do not see it; the attempt is audited
		long before = auditCount("learning-material.read", "member2");
		mvc.perform(get("/api/v1/learning/materials/{id}", id).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/learning/materials/{id}", id).with(login("branch2"))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'learning-material' and entity_id = ?")
			.param(Long.toString(id)).query(Long.class).single()).isGreaterThanOrEqualTo(2);
		// the college above manages it and the committee too
		mvc.perform(get("/api/v1/learning/materials/{id}", id).with(login("college1"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/learning/materials/{id}", id).with(login("admin"))).andExpect(status().isOk());
		assertThat(before).isGreaterThanOrEqualTo(0);
	}

	@Test
	void aBadMaterialIsRefusedWithItsReasonsAndNothingIsKept() throws Exception {
		long before = jdbc.sql("select count(*) from learning_material").query(Long.class).single();
		var noTitle = Map.of("kind", "ARTICLE", "title", " ", "body", "<script>x</script>", "orgId", orgId("SFDX-JSJ-01"),
				"audience", "SUBTREE");
		mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(noTitle)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'title')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'body')]").exists());
		var badLink = Map.of("kind", "LINK", "title", "链接", "url", "javascript:alert(1)", "orgId", orgId("SFDX-JSJ-01"),
				"audience", "SUBTREE");
		mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(badLink)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("url"));
		// a branch cannot speak to the whole school, nor publish for another college
		var school = Map.of("kind", "ARTICLE", "title", "全校", "body", "<p>正文</p>", "orgId", orgId("SFDX-JSJ-01"),
				"audience", "SCHOOL");
		mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(school)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("audience"));
		var elsewhere = Map.of("kind", "ARTICLE", "title", "别处", "body", "<p>正文</p>", "orgId", orgId("SFDX-JX-01"),
				"audience", "SUBTREE");
		mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(elsewhere))).andExpect(status().isNotFound());
		// a members cannot publish at all
		mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(member).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("kind", "ARTICLE", "title", "我的", "body", "<p>x</p>", "orgId",
					orgId("SFDX-JSJ-01"), "audience", "SUBTREE")))).andExpect(status().isNotFound());
		// a script renamed .pdf and .mp4
		for (String kind : List.of("PDF", "VIDEO", "AUDIO")) {
			mvc.perform(multipart("/api/v1/learning/materials").file(new MockMultipartFile("file", "x." + kind.toLowerCase(),
					"application/pdf", "<script>alert(1)</script>".getBytes())).param("kind", kind).param("title", "假文件")
				.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE").with(csrf()).with(branch))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		}
		// without CSRF nothing is written either
		mvc.perform(post("/api/v1/learning/materials").with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(school))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from learning_material where created_by = 'branch1' and title in ('全校', '别处', '假文件', ' ')")
			.query(Long.class).single()).isZero();
		assertThat(before).isNotNegative();
	}

	@Test
	void aPdfAndAVideoAreServedWithHttpRanges() throws Exception {
		byte[] pdf = pdf("Party constitution study");
		JsonNode doc = upload("PDF", "党章.pdf", pdf);
		String pdfUrl = doc.get("fileUrl").asText();
		assertThat(pdfUrl).isEqualTo("/api/v1/learning/materials/" + doc.get("id").asLong() + "/file");
		byte[] whole = mvc.perform(get(pdfUrl).with(member)).andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/pdf"))
			.andExpect(header().string(HttpHeaders.ACCEPT_RANGES, "bytes"))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(whole).isEqualTo(pdf);

		byte[] clip = resource("/demo/learning/demo-clip.mp4");
		JsonNode video = upload("VIDEO", "clip.mp4", clip);
		assertThat(video.get("durationSeconds").asInt()).isEqualTo(30);
		assertThat(video.get("contentType").asText()).isEqualTo("video/mp4");
		String url = video.get("fileUrl").asText();
		byte[] part = mvc.perform(get(url).with(member).header(HttpHeaders.RANGE, "bytes=1000-1999"))
			.andExpect(status().isPartialContent())
			.andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 1000-1999/" + clip.length))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(part).isEqualTo(Arrays.copyOfRange(clip, 1000, 2000));
		byte[] tail = mvc.perform(get(url).with(member).header(HttpHeaders.RANGE, "bytes=-100"))
			.andExpect(status().isPartialContent())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(tail).isEqualTo(Arrays.copyOfRange(clip, clip.length - 100, clip.length));
		mvc.perform(get(url).with(member).header(HttpHeaders.RANGE, "bytes=" + clip.length + "-"))
			.andExpect(status().isRequestedRangeNotSatisfiable());
		// out of scope: the file as well as the material
		mvc.perform(get(url).with(login("member2"))).andExpect(status().isNotFound());

		byte[] mp3 = resource("/demo/learning/demo-audio.mp3");
		JsonNode audio = upload("AUDIO", "audio.mp3", mp3);
		assertThat(audio.get("contentType").asText()).isEqualTo("audio/mpeg");
		assertThat(audio.get("durationSeconds").asInt()).isBetween(19, 21);
	}

	@Test
	void aHeartbeatFloodOrTwoTabsEarnNoMoreThanTheTimeThatPassed() throws Exception {
		long a = publishArticle(branch, "长文一", "<p>" + "不忘初心，牢记使命。".repeat(300) + "</p>", "SFDX-JSJ-01", "SUBTREE").get("id").asLong();
		long b = publishArticle(branch, "长文二", "<p>" + "坚定理想信念。".repeat(300) + "</p>", "SFDX-JSJ-01", "SUBTREE").get("id").asLong();
		long start = System.nanoTime();
		// the first heartbeat starts the clock and earns nothing
		assertThat(read(beat(a, true, null)).get("creditedSeconds").asInt()).isZero();
		for (int i = 0; i < 40; i++) {
			beat(i % 2 == 0 ? a : b, true, null).andExpect(status().isOk());
		}
		long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		int credited = jdbc.sql("""
				select coalesce(sum(effective_seconds), 0) from learning_progress where account_id = ? and material_id in (?, ?)""")
			.params(memberAccount, a, b).query(Integer.class).single();
		assertThat(credited).isLessThanOrEqualTo((int) elapsed + 1);
		// a page really open for 15 s earns 15 s; a hidden page nothing; a page silent for a minute only restarts
		lastBeatAgo(15);
		assertThat(read(beat(a, true, null)).get("creditedSeconds").asInt()).isBetween(15, 16);
		lastBeatAgo(15);
		assertThat(read(beat(a, false, null)).get("creditedSeconds").asInt()).isZero();
		lastBeatAgo(60);
		assertThat(read(beat(a, true, null)).get("creditedSeconds").asInt()).isZero();
	}

	@Test
	void seekingToTheEndOfAVideoIsNotWatchingIt() throws Exception {
		long v = upload("VIDEO", "clip.mp4", resource("/demo/learning/demo-clip.mp4")).get("id").asLong();
		beat(v, true, null).andExpect(status().isOk());
		lastBeatAgo(3);
		JsonNode p = read(beat(v, true, List.of(List.of(25.0, 30.0))));
		assertThat(p.get("playedSeconds").asInt()).isEqualTo(5);
		assertThat(p.get("finished").asBoolean()).isFalse();
		// a forged report of the whole video after 5 s adds no more than 5 s at double speed
		lastBeatAgo(5);
		p = read(beat(v, true, List.of(List.of(0.0, 30.0), List.of(-100.0, 1e9))));
		assertThat(p.get("playedSeconds").asInt()).isEqualTo(15);
		assertThat(p.get("finished").asBoolean()).isFalse();
		// watched for real, in 15 s heartbeats
		lastBeatAgo(15);
		beat(v, true, List.of(List.of(0.0, 10.0))).andExpect(status().isOk());
		lastBeatAgo(15);
		p = read(beat(v, true, List.of(List.of(10.0, 25.0))));
		assertThat(p.get("playedSeconds").asInt()).isEqualTo(30);
		assertThat(p.get("finished").asBoolean()).isTrue();
		assertThat(read(mvc.perform(get("/api/v1/me/points").with(member))).get("rules").findValues("rule").stream()
			.map(JsonNode::asText)).contains("VIDEO_WATCHED");
	}

	@Test
	void pointsNeverExceedTheDailyCapsWhateverTheClientSends() throws Exception {
		// twelve short articles read to the end: six points at most
		for (int i = 0; i < 12; i++) {
			long id = publishArticle(branch, "短文" + i, "<p>学习贯彻党的二十大精神。</p>", "SFDX-JSJ-01", "SUBTREE").get("id").asLong();
			beat(id, true, null).andExpect(status().isOk());
			for (int s = 0; s < 3; s++) {
				lastBeatAgo(20);
				beat(id, true, null).andExpect(status().isOk());
			}
		}
		// and 50 minutes of forged reading: 12 awards of 4 minutes, capped at 8
		long longOne = publishArticle(branch, "长文", "<p>" + "全面从严治党。".repeat(500) + "</p>", "SFDX-JSJ-01", "SUBTREE").get("id").asLong();
		for (int s = 0; s < 150; s++) {
			lastBeatAgo(20);
			beat(longOne, true, null).andExpect(status().isOk());
		}
		String today = LocalDate.now(PlatformZone.ZONE).toString();
		JsonNode points = read(mvc.perform(get("/api/v1/me/points").param("date", today).with(member)));
		assertThat(points.get("date").asText()).isEqualTo(today);
		Map<String, Integer> byRule = new HashMap<>();
		Map<String, Integer> caps = new HashMap<>();
		points.get("rules").forEach(r -> {
			byRule.put(r.get("rule").asText(), r.get("points").asInt());
			caps.put(r.get("rule").asText(), r.get("cap").asInt());
		});
		assertThat(byRule.get("ARTICLE_READ")).isEqualTo(6);
		assertThat(byRule.get("READING_TIME")).isEqualTo(8);
		assertThat(caps).containsEntry("ARTICLE_READ", 6).containsEntry("READING_TIME", 8);
		assertThat(points.get("total").asInt()).isEqualTo(byRule.values().stream().mapToInt(Integer::intValue).sum());
		// the rule table is public to members
		JsonNode rules = read(mvc.perform(get("/api/v1/learning/point-rules").with(member)));
		assertThat(rules.get("rules")).hasSize(PointRule.values().length);
		assertThat(rules.get("personalRanking").asBoolean()).isFalse();
	}

	@Test
	void anOutlineIsFinishedByStudyingItsRequiredMaterialsAndFlowsIntoTheChronicle() throws Exception {
		long required = publishArticle(branch, "必学：党章第一章", "<p>党员必须履行下列义务。</p>", "SFDX-JSJ-01", "SUBTREE").get("id").asLong();
		long optional = publishArticle(branch, "选学：党史故事", "<p>红船精神。</p>", "SFDX-JSJ-01", "SUBTREE").get("id").asLong();
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		String week = StudyPoints.isoWeek(today);
		var form = Map.of("orgId", orgId("SFDX-JSJ-01"), "week", week, "title", "接口测试纲要 " + week, "required",
				List.of(required), "optional", List.of(optional), "dueOn", today.plusDays(3).toString());
		JsonNode outline = JSON.readTree(mvc.perform(post("/api/v1/learning/outlines").with(csrf()).with(branch)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(form)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		long id = outline.get("id").asLong();
		JsonNode mine = read(mvc.perform(get("/api/v1/me/outlines/current").with(member)));
		JsonNode this1 = null;
		for (JsonNode o : mine) {
			if (o.get("id").asLong() == id) {
				this1 = o;
			}
		}
		assertThat(this1).isNotNull();
		assertThat(this1.get("finished").asBoolean()).isFalse();
		assertThat(this1.get("requiredLeft").asInt()).isEqualTo(1);
		assertThat(this1.get("materials").get(0).get("state").asText()).isEqualTo("NOT_STARTED");
		// members hear of it
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
				"select count(*) from notification where account_id = ? and link = ?").params(memberAccount, "/study/outlines/" + id)
			.query(Long.class).single()).isEqualTo(1));

		beat(required, true, null).andExpect(status().isOk());
		for (int s = 0; s < 3; s++) {
			lastBeatAgo(20);
			beat(required, true, null).andExpect(status().isOk());
		}
		mine = read(mvc.perform(get("/api/v1/me/outlines/current").with(member)));
		for (JsonNode o : mine) {
			if (o.get("id").asLong() == id) {
				assertThat(o.get("finished").asBoolean()).isTrue();
				assertThat(o.get("materials").get(0).get("state").asText()).isEqualTo("FINISHED");
			}
		}
		JsonNode completion = read(mvc.perform(get("/api/v1/learning/outlines/{id}/completion", id).with(branch)));
		assertThat(completion.get("finished").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(completion.get("members").asInt()).isGreaterThan(completion.get("finished").asInt());
		boolean listed = false;
		for (JsonNode p : completion.get("people")) {
			if (p.get("name").asText().equals("赵红梅")) {
				listed = p.get("finished").asBoolean() && p.get("onTime").asBoolean();
			}
		}
		assertThat(listed).isTrue();
		// the general branch sees the branch as a row; another college sees nothing
		JsonNode college = read(mvc.perform(get("/api/v1/learning/outlines/{id}/completion", id).with(login("college1"))));
		assertThat(college.get("orgId").asLong()).isEqualTo(orgId("SFDX-JSJ-01"));
		mvc.perform(get("/api/v1/learning/outlines/{id}/completion", id).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/learning/outlines/{id}", id).with(login("member2"))).andExpect(status().isNotFound());

		long memberId = jdbc.sql("select id from member where account_id = ?").param(memberAccount).query(Long.class).single();
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'STUDY_FINISHED' and source_id = ?")
				.params(memberId, Long.toString(required)).query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'OUTLINE_FINISHED' and source_id = ?")
				.params(memberId, Long.toString(id)).query(Long.class).single()).isEqualTo(1);
			// a finished lesson is contact for the 口袋党员 rule
			assertThat(jdbc.sql("select how from transfer_last_contact where member_id = ?").param(memberId)
				.query(String.class).single()).contains("必学：党章第一章");
		});
		JsonNode points = read(mvc.perform(get("/api/v1/me/points").with(member)));
		points.get("rules").forEach(r -> {
			if (r.get("rule").asText().equals("OUTLINE_ON_TIME")) {
				assertThat(r.get("points").asInt()).isEqualTo(2);
			}
		});

		// record once: an outline listing what member1 already studied is finished for them at once
		var again = new HashMap<String, Object>(form);
		again.put("title", "复习纲要");
		again.put("optional", List.of());
		long second = JSON.readTree(mvc.perform(post("/api/v1/learning/outlines").with(csrf()).with(branch)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(again)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		assertThat(jdbc.sql("select count(*) from learning_outline_done where outline_id = ? and account_id = ?")
			.params(second, memberAccount).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void anOutlineAsksOnlyForWhatItsReadersCanStudy() throws Exception {
		long elsewhere = JSON.readTree(mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(login("branch2"))
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("kind", "ARTICLE", "title", "机械学院资料",
					"body", "<p>x</p>", "orgId", orgId("SFDX-JX-01"), "audience", "SUBTREE"))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		long link = JSON.readTree(mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(branch)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("kind", "LINK", "title", "共产党员网",
					"url", "https://www.12371.cn/", "orgId", orgId("SFDX-JSJ-01"), "audience", "SUBTREE"))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		String week = StudyPoints.isoWeek(LocalDate.now(PlatformZone.ZONE));
		String due = LocalDate.now(PlatformZone.ZONE).plusDays(2).toString();
		for (var required : List.of(List.of(elsewhere), List.of(link), List.<Long>of())) {
			mvc.perform(post("/api/v1/learning/outlines").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("orgId", orgId("SFDX-JSJ-01"), "week", week, "title", "纲要",
						"required", required, "dueOn", due))))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("required"));
		}
		mvc.perform(post("/api/v1/learning/outlines").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("orgId", orgId("SFDX-JSJ-01"), "week", "2026-W60", "title", "纲要",
					"required", List.of(link), "dueOn", due))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[?(@.field == 'week')]").exists());
	}

	@Test
	void thoseWhoHaveNotFinishedAreRemindedOnceBeforeTheDueDate() throws Exception {
		long m = publishArticle(branch, "提醒测试资料", "<p>学习。</p>", "SFDX-JSJ-01", "SUBTREE").get("id").asLong();
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		var form = Map.of("orgId", orgId("SFDX-JSJ-01"), "week", StudyPoints.isoWeek(today), "title", "明天截止的纲要",
				"required", List.of(m), "dueOn", today.plusDays(1).toString());
		long id = JSON.readTree(mvc.perform(post("/api/v1/learning/outlines").with(csrf()).with(branch)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(form)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		assertThat(outlines.remindBeforeDue(1)).isGreaterThanOrEqualTo(1);
		assertThat(outlines.remindBeforeDue(1)).isZero();
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
				"select count(*) from notification where account_id = ? and link = ? and title like '学习提醒%'")
			.params(memberAccount, "/study/outlines/" + id).query(Long.class).single()).isEqualTo(1));
	}
}
