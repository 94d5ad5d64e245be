package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** 学习's member pages and a member's phone home: who sees them, what they show, how a PDF may be framed. */
class StudyPagesTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private RequestPostProcessor branch;

	private RequestPostProcessor member;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		member = login("member1");
	}

	private long publish(RequestPostProcessor who, String title, String orgCode) throws Exception {
		var form = Map.of("kind", "ARTICLE", "title", title, "body", "<p>" + title + "：党员必须履行下列义务。</p>",
				"orgId", orgId(orgCode), "audience", "SUBTREE", "tags", List.of("党章"));
		return JSON.readTree(mvc.perform(post("/api/v1/learning/materials").with(csrf()).with(who)
				.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(form)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
	}

	private long outline(String title, long required) throws Exception {
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		var form = Map.of("orgId", orgId("SFDX-JSJ-01"), "week", StudyPoints.isoWeek(today), "title", title,
				"topic", "学习党章，牢记义务", "required", List.of(required), "dueOn", today.plusDays(3).toString());
		return JSON.readTree(mvc.perform(post("/api/v1/learning/outlines").with(csrf()).with(branch)
				.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(form)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
	}

	@Test
	void anonymousVisitorsAreSentToTheSignIn() throws Exception {
		for (String page : List.of("/", "/study", "/study/materials/1", "/study/outlines/1", "/me")) {
			mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
		}
	}

	@Test
	void aMaterialOfAnotherCollegeIsNotFoundAndTheAttemptAudited() throws Exception {
		long elsewhere = publish(login("branch2"), unique("机械学院资料"), "SFDX-JX-01");
		long before = auditCount("access.denied", "member1");
		mvc.perform(get("/study/materials/{id}", elsewhere).with(member)).andExpect(status().isNotFound());
		mvc.perform(get("/study").with(member)).andExpect(content().string(not(containsString("机械学院资料"))));
		assertThat(auditCount("access.denied", "member1")).isGreaterThan(before);
	}

	@Test
	void aMemberSeesThisWeeksOutlineOnThePhoneHomeAndStudiesItsMaterial() throws Exception {
		String title = unique("本周纲要");
		String article = unique("党章第一章");
		long material = publish(branch, article, "SFDX-JSJ-01");
		long outline = outline(title, material);

		mvc.perform(get("/").with(member)).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"member-tabs\"")))
			.andExpect(content().string(containsString("id=\"card-outline\"")))
			.andExpect(content().string(containsString(title)))
			.andExpect(content().string(containsString("待学：" + article)))
			.andExpect(content().string(containsString("id=\"card-meetings\"")))
			.andExpect(content().string(containsString("id=\"card-dues\"")))
			.andExpect(content().string(containsString("id=\"card-notices\"")))
			.andExpect(content().string(containsString("id=\"card-points\"")));
		mvc.perform(get("/study").with(member)).andExpect(status().isOk())
			.andExpect(content().string(containsString(title)))
			.andExpect(content().string(containsString("/study/materials/" + material)))
			.andExpect(content().string(containsString("action=\"/study/search\"")));
		String videos = mvc.perform(get("/study").param("kind", "VIDEO").with(member)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(videos.substring(videos.indexOf("id=\"materials\""))).doesNotContain("/study/materials/" + material + "\"");
		mvc.perform(get("/study/materials/{id}", material).with(member)).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-beat-url=\"/api/v1/learning/materials/" + material + "/heartbeats\"")))
			.andExpect(content().string(containsString("data-beat-seconds=\"15\"")))
			.andExpect(content().string(containsString("党员必须履行下列义务")))
			.andExpect(content().string(containsString("/js/study.js")));
		mvc.perform(get("/study/outlines/{id}", outline).with(member)).andExpect(status().isOk())
			.andExpect(content().string(containsString(title)))
			.andExpect(content().string(containsString("id=\"outline-left\"")))
			.andExpect(content().string(containsString("data-state=\"NOT_STARTED\"")));
		mvc.perform(get("/me").with(member)).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"card-points\"")))
			.andExpect(content().string(containsString("href=\"/me/profile\"")))
			.andExpect(content().string(containsString("href=\"/me/record\"")))
			.andExpect(content().string(containsString("href=\"/me/dues\"")))
			.andExpect(content().string(containsString("id=\"me-logout\"")));
		mvc.perform(get("/me/profile").with(member)).andExpect(status().isOk())
			.andExpect(content().string(containsString("赵红梅")));
	}

	@Test
	void managersKeepTheirDesktopHome() throws Exception {
		mvc.perform(get("/").with(branch)).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"member-tabs\""))))
			.andExpect(content().string(containsString("我的角色与所在组织")));
	}

	@Test
	void aPdfMayBeFramedByThisSiteOnlyAndNothingElseMay() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document doc = new Document();
		PdfWriter.getInstance(doc, out);
		doc.open();
		doc.add(new Paragraph("Party constitution"));
		doc.close();
		long id = JSON.readTree(mvc.perform(multipart("/api/v1/learning/materials")
				.file(new MockMultipartFile("file", "党章.pdf", "application/pdf", out.toByteArray()))
				.param("kind", "PDF").param("title", "党章（PDF）").param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
				.param("audience", "SUBTREE").with(csrf()).with(branch))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		mvc.perform(get("/study/materials/{id}", id).with(member)).andExpect(status().isOk())
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(content().string(containsString("<iframe class=\"study-pdf\" id=\"pdf-frame\" src=\"/api/v1/learning/materials/" + id + "/file\"")));
		mvc.perform(get("/api/v1/learning/materials/{id}/file", id).with(member)).andExpect(status().isOk())
			.andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'self'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("'none'; frame"))));
	}
}
