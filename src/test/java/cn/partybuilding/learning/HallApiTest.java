package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/**
 * Issue 16's hall contract: panoramas uploaded as materials and served in sizes for the screen, halls and their
 * scenes with validated hotspots, scope (404, audited) and readers as for materials, and the visit rule.
 */
class HallApiTest extends PlatformTest {

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
		jdbc.sql("delete from learning_points where account_id = ? and day = ? and rule = 'HALL_VISITED'")
			.params(memberAccount, LocalDate.now(PlatformZone.ZONE)).update();
	}

	static byte[] picture(int width, int height, String format) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0xB3121F));
		g.fillRect(0, 0, width, height / 2);
		g.setColor(new Color(0xF2E6D0));
		g.fillRect(0, height / 2, width, height / 2);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

	private ResultActions uploadPanorama(RequestPostProcessor who, String org, String audience, byte[] bytes)
			throws Exception {
		return mvc.perform(multipart("/api/v1/learning/materials")
			.file(new MockMultipartFile("file", "scene.jpg", "application/octet-stream", bytes))
			.param("kind", "PANORAMA").param("title", unique("全景")).param("orgId", Long.toString(orgId(org)))
			.param("audience", audience).with(csrf()).with(who));
	}

	private long panorama(RequestPostProcessor who, String org) throws Exception {
		return read(uploadPanorama(who, org, "SUBTREE", picture(2048, 1024, "jpg")).andExpect(status().isCreated()))
			.get("id").asLong();
	}

	private long hall(RequestPostProcessor who, String org) throws Exception {
		return read(send(who, "/api/v1/learning/halls",
				Map.of("title", unique("红色教育展馆"), "orgId", orgId(org), "audience", "SUBTREE"))
			.andExpect(status().isCreated())).get("id").asLong();
	}

	private ResultActions send(RequestPostProcessor who, String url, Object body) throws Exception {
		return mvc.perform(post(url).with(csrf())
			.with(who).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
	}

	private ResultActions addScene(RequestPostProcessor who, long hall, long material, List<Map<String, Object>> hotspots)
			throws Exception {
		return send(who, "/api/v1/learning/halls/" + hall + "/scenes", Map.of("materialId", material, "hotspots", hotspots));
	}

	private static Map<String, Object> hotspot(Object yaw, Object pitch, String title, Long materialId, Long sceneId) {
		Map<String, Object> h = new HashMap<>();
		h.put("yaw", yaw);
		h.put("pitch", pitch);
		h.put("title", title);
		h.put("materialId", materialId);
		h.put("sceneId", sceneId);
		return h;
	}

	private long article(String org) throws Exception {
		return read(send(branch, "/api/v1/learning/materials", Map.of("kind", "ARTICLE", "title", unique("展馆延伸阅读"),
				"body", "<p>一大会址。</p>", "orgId", orgId(org), "audience", "SUBTREE")).andExpect(status().isCreated()))
			.get("id").asLong();
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private static BufferedImage image(ResultActions result) throws Exception {
		return ImageIO.read(new ByteArrayInputStream(result.andReturn().getResponse().getContentAsByteArray()));
	}

	@Test
	void aPanoramaIsKeptAndServedInSizesForTheScreen() throws Exception {
		long small = panorama(branch, "SFDX-JSJ-01");
		JsonNode material = read(mvc.perform(get("/api/v1/learning/materials/{id}", small).with(member)).andExpect(status().isOk()));
		assertThat(material.get("kind").asText()).isEqualTo("PANORAMA");
		assertThat(material.get("contentType").asText()).isEqualTo("image/jpeg");

		ResultActions preview = mvc.perform(get("/api/v1/learning/materials/{id}/panorama/preview", small).with(member))
			.andExpect(status().isOk()).andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/jpeg"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, org.hamcrest.Matchers.containsString("max-age=")));
		assertThat(image(preview).getWidth()).isEqualTo(512);
		assertThat(image(preview).getHeight()).isEqualTo(256);
		BufferedImage phone = image(mvc.perform(get("/api/v1/learning/materials/{id}/panorama/phone", small).with(member))
			.andExpect(status().isOk()));
		assertThat(phone.getWidth()).isEqualTo(2048);
		assertThat(phone.getHeight()).isEqualTo(1024);
		// its reader page shows it flat, with no study clock (a panorama counts in a hall)
		String reader = mvc.perform(get("/study/materials/{id}", small).with(member)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(reader).contains("panorama-preview").doesNotContain("study-progress").doesNotContain("data-beat-url");
		// a 2048-wide original has no desktop size: the largest below is sent
		assertThat(image(mvc.perform(get("/api/v1/learning/materials/{id}/panorama/desktop", small).with(member))
			.andExpect(status().isOk())).getWidth()).isEqualTo(2048);

		// a large PNG gives the desktop size too, and every size is JPEG
		long large = read(uploadPanorama(branch, "SFDX-JSJ-01", "SUBTREE", picture(4400, 2200, "png"))
			.andExpect(status().isCreated())).get("id").asLong();
		ResultActions desktop = mvc.perform(get("/api/v1/learning/materials/{id}/panorama/desktop", large).with(member))
			.andExpect(status().isOk()).andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/jpeg"));
		assertThat(image(desktop).getWidth()).isEqualTo(4096);
		assertThat(image(desktop).getHeight()).isEqualTo(2048);
		assertThat(jdbc.sql("select count(*) from learning_panorama_size where material_id = ?").param(large)
			.query(Long.class).single()).isEqualTo(3);
		mvc.perform(get("/api/v1/learning/materials/{id}/panorama/huge", large).with(member)).andExpect(status().isNotFound());
		// another branch's member reads neither the material nor its sizes
		mvc.perform(get("/api/v1/learning/materials/{id}/panorama/phone", large).with(login("member2")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aPictureThatIsNoPanoramaIsRefusedWithAClearMessage() throws Exception {
		uploadPanorama(branch, "SFDX-JSJ-01", "SUBTREE", picture(1600, 1200, "jpg")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("1600×1200")));
		uploadPanorama(branch, "SFDX-JSJ-01", "SUBTREE", "不是图片".getBytes()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		uploadPanorama(branch, "SFDX-JSJ-01", "SUBTREE", picture(800, 400, "png")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
	}

	@Test
	void aHallIsMadeOfScenesJoinedByArrowsWithHotspotsToStudy() throws Exception {
		long first = panorama(branch, "SFDX-JSJ-01");
		long second = panorama(branch, "SFDX-JSJ-01");
		long article = article("SFDX-JSJ-01");
		long hall = hall(branch, "SFDX-JSJ-01");
		long entrance = read(addScene(branch, hall, first, List.of(hotspot(-30, 5, "延伸阅读", article, null)))
			.andExpect(status().isCreated())).get("id").asLong();
		JsonNode scene = read(addScene(branch, hall, second, List.of(hotspot(180, -4, "返回序厅", null, entrance)))
			.andExpect(status().isCreated()));
		long room = scene.get("id").asLong();
		assertThat(scene.get("hotspots").get(0).get("sceneId").asLong()).isEqualTo(entrance);
		mvc.perform(put("/api/v1/learning/halls/{id}/scenes/{scene}/hotspots", hall, entrance).with(csrf()).with(branch)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("hotspots",
					List.of(hotspot(25, -4, "前往展区", null, room), hotspot(-30, 5, "延伸阅读", article, null))))))
			.andExpect(status().isOk()).andExpect(jsonPath("$.hotspots.length()").value(2));

		JsonNode view = read(mvc.perform(get("/api/v1/learning/halls/{id}", hall).with(member)).andExpect(status().isOk()));
		assertThat(view.get("scenes")).hasSize(2);
		assertThat(view.get("scenes").get(0).get("id").asLong()).isEqualTo(entrance);
		assertThat(view.get("scenes").get(0).get("hotspots").get(0).get("sceneId").asLong()).isEqualTo(room);
		assertThat(view.get("scenes").get(0).get("images").get(0).get("size").asText()).isEqualTo("preview");
		assertThat(read(mvc.perform(get("/api/v1/learning/halls").with(member)).andExpect(status().isOk())).findValues("id")
			.stream().map(JsonNode::asLong).toList()).contains(hall);

		// the viewer page draws from data attributes and loads three.js from the WebJar
		String page = mvc.perform(get("/learning/halls/{id}", hall).with(member)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("/webjars/three.js/r88/three.min.js", "/js/hall-viewer.js", "data-to-scene=\"" + room + "\"",
				"/api/v1/learning/materials/" + first + "/panorama/preview");
		mvc.perform(get("/webjars/three.js/r88/three.min.js")).andExpect(status().isOk());
		assertThat(mvc.perform(get("/study/halls").with(member)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("/learning/halls/" + hall);
		assertThat(mvc.perform(get("/learning/halls").with(branch)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("/learning/halls/" + hall + "/manage");

		// withdrawn: gone for members, still there for its managers
		mvc.perform(post("/api/v1/learning/halls/{id}/withdraw", hall).with(csrf()).with(branch))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/learning/halls/{id}", hall).with(member)).andExpect(status().isNotFound());
		mvc.perform(get("/learning/halls/{id}", hall).with(branch)).andExpect(status().isOk());
	}

	@Test
	void scenesAndHotspotsAreValidated() throws Exception {
		long pano = panorama(branch, "SFDX-JSJ-01");
		long article = article("SFDX-JSJ-01");
		long hall = hall(branch, "SFDX-JSJ-01");
		long other = hall(branch, "SFDX-JSJ-01");
		long elsewhere = read(addScene(branch, other, pano, List.of()).andExpect(status().isCreated())).get("id").asLong();

		send(branch, "/api/v1/learning/halls", Map.of("title", " ", "orgId", orgId("SFDX-JSJ-01"), "audience", "SUBTREE"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("title"));
		send(branch, "/api/v1/learning/halls", Map.of("title", "全校展馆", "orgId", orgId("SFDX-JSJ-01"), "audience", "SCHOOL"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("audience"));
		// a scene's material must be a panorama
		addScene(branch, hall, article, List.of()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("materialId"));
		addScene(branch, hall, pano, List.of(hotspot(181, 0, "太偏", article, null))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("hotspots[0].yaw"));
		addScene(branch, hall, pano, List.of(hotspot(0, -91, "太低", article, null))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("hotspots[0].pitch"));
		addScene(branch, hall, pano, List.of(hotspot(0, 0, "两个目标", article, elsewhere))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("hotspots[0].materialId"));
		addScene(branch, hall, pano, List.of(hotspot(0, 0, "没有目标", null, null))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("hotspots[0].materialId"));
		// an arrow to a scene of another hall
		addScene(branch, hall, pano, List.of(hotspot(0, 0, "别的展馆", null, elsewhere))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("hotspots[0].sceneId"));
		addScene(branch, hall, pano, List.of(hotspot(0, 0, "", article, null))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("hotspots[0].title"));
		// a hotspot may not open a panorama, and nothing half-written stays
		addScene(branch, hall, pano, List.of(hotspot(0, 0, "全景", pano, null))).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from learning_hall_scene where hall_id = ?").param(hall).query(Long.class)
			.single()).isZero();
		// a branch's hall for the school's audience cannot show a branch's material to the whole school: the hall of
		// the college (above the branch) may not show the branch's article to the college's other branches
		long collegeHall = read(send(login("college1"), "/api/v1/learning/halls", Map.of("title", unique("学院展馆"),
				"orgId", orgId("SFDX-JSJ"), "audience", "SUBTREE")).andExpect(status().isCreated())).get("id").asLong();
		addScene(login("college1"), collegeHall, pano, List.of()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("materialId"));
	}

	@Test
	void anotherCollegesAdministratorAndOtherBranchesMembersGetNotFound() throws Exception {
		RequestPostProcessor branch2 = login("branch2");
		long pano = panorama(branch2, "SFDX-JX-01");
		long hall = hall(branch2, "SFDX-JX-01");
		addScene(branch2, hall, pano, List.of()).andExpect(status().isCreated());
		long sceneId = jdbc.sql("select id from learning_hall_scene where hall_id = ?").param(hall).query(Long.class).single();
		RequestPostProcessor college1 = login("college1");

		long before = auditCount("access.denied", "college1");
		mvc.perform(get("/api/v1/learning/halls/{id}", hall).with(college1)).andExpect(status().isNotFound());
		mvc.perform(get("/learning/halls/{id}", hall).with(college1)).andExpect(status().isNotFound());
		addScene(college1, hall, pano, List.of()).andExpect(status().isNotFound());
		mvc.perform(put("/api/v1/learning/halls/{id}/scenes/{scene}/hotspots", hall, sceneId).with(csrf()).with(college1)
			.contentType(MediaType.APPLICATION_JSON).content("{\"hotspots\":[]}")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/learning/halls/{id}/withdraw", hall).with(csrf()).with(college1))
			.andExpect(status().isNotFound());
		send(college1, "/api/v1/learning/halls", Map.of("title", "越权", "orgId", orgId("SFDX-JX-01"), "audience", "SUBTREE"))
			.andExpect(status().isNotFound());
		send(member, "/api/v1/learning/halls/" + hall + "/heartbeats", Map.of("sceneId", sceneId, "visible", true))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/learning/halls/{id}", hall).with(member)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "college1")).isGreaterThan(before);
		// a member may not open halls
		send(member, "/api/v1/learning/halls", Map.of("title", "党员", "orgId", orgId("SFDX-JSJ-01"), "audience", "SUBTREE"))
			.andExpect(status().isNotFound());
		// the committee sees it, and branch2's member visits it
		mvc.perform(get("/api/v1/learning/halls/{id}", hall).with(login("admin"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/learning/halls/{id}", hall).with(login("member2"))).andExpect(status().isOk());
	}

	/** As if the member's previous heartbeat came {@code seconds} ago. */
	private void lastBeatAgo(int seconds) {
		jdbc.sql("""
				insert into learning_clock (account_id, last_beat_at) values (?, now() - make_interval(secs => ?))
				on conflict (account_id) do update set last_beat_at = excluded.last_beat_at""")
			.params(memberAccount, seconds).update();
	}

	private JsonNode visit(long hall, long scene) throws Exception {
		return read(send(member, "/api/v1/learning/halls/" + hall + "/heartbeats", Map.of("sceneId", scene, "visible", true))
			.andExpect(status().isOk()));
	}

	@Test
	void aHallIsVisitedOnceItsTimeAndScenesAreMetAndCountsOnce() throws Exception {
		long hall = hall(branch, "SFDX-JSJ-01");
		List<Long> scenes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			scenes.add(read(addScene(branch, hall, panorama(branch, "SFDX-JSJ-01"), List.of())
				.andExpect(status().isCreated())).get("id").asLong());
		}
		long memberId = jdbc.sql("select id from member where account_id = ?").param(memberAccount).query(Long.class).single();

		// the first heartbeat starts the clock and earns nothing
		JsonNode v = visit(hall, scenes.get(0));
		assertThat(v.get("creditedSeconds").asInt()).isZero();
		assertThat(v.get("scenesToVisit").asInt()).isEqualTo(2);
		// enough time in one scene is not a visit: 0.6 of 3 scenes is 2
		for (int i = 0; i < 7; i++) {
			lastBeatAgo(20);
			v = visit(hall, scenes.get(0));
		}
		assertThat(v.get("effectiveSeconds").asInt()).isGreaterThanOrEqualTo(120);
		assertThat(v.get("visited").asBoolean()).isFalse();
		// a hidden page neither earns time nor sees a scene
		lastBeatAgo(20);
		v = read(send(member, "/api/v1/learning/halls/" + hall + "/heartbeats", Map.of("sceneId", scenes.get(1),
				"visible", false)).andExpect(status().isOk()));
		assertThat(v.get("creditedSeconds").asInt()).isZero();
		assertThat(v.get("scenesSeen").asInt()).isEqualTo(1);
		assertThat(v.get("visited").asBoolean()).isFalse();
		// a second scene seen: visited, with the rule's points and one 纪实 line
		v = visit(hall, scenes.get(1));
		assertThat(v.get("visited").asBoolean()).isTrue();
		for (int i = 0; i < 3; i++) {
			lastBeatAgo(20);
			v = visit(hall, scenes.get(2));
		}
		assertThat(v.get("scenesSeen").asInt()).isEqualTo(3);
		assertThat(jdbc.sql("select points from learning_points where account_id = ? and day = ? and rule = 'HALL_VISITED'")
			.params(memberAccount, LocalDate.now(PlatformZone.ZONE)).query(Integer.class).single()).isEqualTo(2);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
				select count(*) from record_entry where member_id = ? and kind = 'HALL_VISITED' and source_id = ?""")
			.params(memberId, Long.toString(hall)).query(Long.class).single()).isEqualTo(1));
		Thread.sleep(500);
		assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'HALL_VISITED' and source_id = ?")
			.params(memberId, Long.toString(hall)).query(Long.class).single()).isEqualTo(1);
		JsonNode mine = read(mvc.perform(get("/api/v1/me/halls/{id}", hall).with(member)).andExpect(status().isOk()));
		assertThat(mine.get("visited").asBoolean()).isTrue();
		// a scene of another hall is no scene of this visit
		send(member, "/api/v1/learning/halls/" + hall + "/heartbeats", Map.of("sceneId", 0, "visible", true))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aManagerPutsAHallTogetherOnThePages() throws Exception {
		long first = panorama(branch, "SFDX-JSJ-01");
		long second = panorama(branch, "SFDX-JSJ-01");
		long article = article("SFDX-JSJ-01");
		String title = unique("支部展馆");
		String location = mvc.perform(post("/learning/halls").with(csrf()).with(branch).param("title", title)
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long hall = jdbc.sql("select id from learning_hall where title = ?").param(title).query(Long.class).single();
		assertThat(location).isEqualTo("/learning/halls/" + hall + "/manage");
		// a form with no title comes back with the message beside the field
		assertThat(mvc.perform(post("/learning/halls").with(csrf()).with(branch).param("title", "")
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("is-invalid");
		for (long pano : List.of(first, second)) {
			mvc.perform(post("/learning/halls/{id}/scenes", hall).with(csrf()).with(branch).param("materialId",
					Long.toString(pano))).andExpect(status().is3xxRedirection());
		}
		List<Long> scenes = jdbc.sql("select id from learning_hall_scene where hall_id = ? order by position").param(hall)
			.query(Long.class).list();
		mvc.perform(post("/learning/halls/{id}/hotspots", hall).with(csrf()).with(branch)
			.param("sceneId", scenes.get(0).toString()).param("yaw", "30").param("pitch", "-5").param("title", "前往")
			.param("target", "s:" + scenes.get(1))).andExpect(status().is3xxRedirection());
		mvc.perform(post("/learning/halls/{id}/hotspots", hall).with(csrf()).with(branch)
			.param("sceneId", scenes.get(0).toString()).param("yaw", "-30").param("pitch", "5").param("title", "阅读")
			.param("target", "m:" + article)).andExpect(status().is3xxRedirection());
		// out of range: refused, with the message on the page
		mvc.perform(post("/learning/halls/{id}/hotspots", hall).with(csrf()).with(branch)
			.param("sceneId", scenes.get(0).toString()).param("yaw", "300").param("pitch", "0").param("title", "错")
			.param("target", "m:" + article)).andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("problem",
					"learning.hall.hotspot.yaw"));
		assertThat(jdbc.sql("select count(*) from learning_hall_hotspot where scene_id = ?").param(scenes.get(0))
			.query(Long.class).single()).isEqualTo(2);
		String manage = mvc.perform(get("/learning/halls/{id}/manage", hall).with(branch)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(manage).contains("前往", "阅读", "hotspot-form");
		// the manage page is for managers only
		mvc.perform(get("/learning/halls/{id}/manage", hall).with(member)).andExpect(status().isNotFound());
		mvc.perform(get("/learning/halls/{id}/manage", hall).with(login("branch2"))).andExpect(status().isNotFound());
	}

	@Test
	void theDemoHallHasThreeScenesJoinedByArrows() throws Exception {
		long hall = jdbc.sql("select id from learning_hall where title = '校史馆·红色记忆 VR 展厅'").query(Long.class).single();
		JsonNode view = read(mvc.perform(get("/api/v1/learning/halls/{id}", hall).with(member)).andExpect(status().isOk()));
		assertThat(view.get("scenes")).hasSize(3);
		assertThat(view.findValues("sceneId").stream().filter(n -> !n.isNull()).count()).isGreaterThanOrEqualTo(4);
		assertThat(view.findValues("materialId").stream().filter(n -> !n.isNull()).count()).isGreaterThan(3);
	}
}
