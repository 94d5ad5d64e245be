package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/**
 * The question bank read without the province's ids (issue 23, fourth round): the administrator of the only root
 * sees every school's questions with no organisation filter; a school's administrator still sees their school's and
 * those above it, never another school's; one question out of reach is the audited 404. The owner filter marks the
 * organisations above the caller so that choosing level by level keeps them.
 */
class QuestionBankAtTheRootTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private long question(RequestPostProcessor who, long org, String text) throws Exception {
		String body = JSON.writeValueAsString(Map.of("type", "TRUE_FALSE", "text", text, "answer", true, "score", 5, "orgId", org));
		return JSON.readTree(mvc.perform(post("/api/v1/exam/questions").with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
	}

	private List<Long> listed(RequestPostProcessor who, String text) throws Exception {
		JsonNode page = JSON.readTree(mvc.perform(get("/api/v1/exam/questions").param("text", text).param("size", "200").with(who))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		List<Long> ids = new ArrayList<>();
		page.get("content").forEach(q -> ids.add(q.get("id").asLong()));
		assertThat(page.get("totalElements").asLong()).isEqualTo(ids.size());
		return ids;
	}

	@Test
	void theRootSeesEverySchoolAndASchoolOnlyItsOwnAndThoseAbove() throws Exception {
		String mark = unique("全省题库");
		RequestPostProcessor province = login("province");
		RequestPostProcessor admin = login("admin");
		RequestPostProcessor school2 = login("school2");
		long atProvince = question(province, orgId("JYGW"), mark + "省");
		long atSfdx = question(admin, orgId("SFDX-JSJ-01"), mark + "大学");
		long atSfxy = question(school2, orgId("SFXY"), mark + "学院");

		assertThat(listed(province, mark)).containsExactlyInAnyOrder(atProvince, atSfdx, atSfxy);
		assertThat(listed(admin, mark)).containsExactlyInAnyOrder(atProvince, atSfdx);
		assertThat(listed(school2, mark)).containsExactlyInAnyOrder(atProvince, atSfxy);
		// the owner filter: one school, or an organisation out of reach (nothing)
		assertThat(listed(province, mark + "学院")).containsExactly(atSfxy);
		mvc.perform(get("/api/v1/exam/questions").param("orgId", Long.toString(orgId("SFDX"))).param("text", mark).with(school2))
			.andExpect(status().isOk()).andExpect(r -> assertThat(JSON.readTree(r.getResponse().getContentAsString())
				.get("totalElements").asLong()).isZero());
		// one question: another school's is the audited 404, the one above is readable
		long before = auditCount("access.denied", "school2");
		mvc.perform(get("/api/v1/exam/questions/{id}", atSfdx).with(school2)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/exam/questions/{id}", atProvince).with(school2)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/exam/questions/{id}", atSfxy).with(province)).andExpect(status().isOk());
		assertThat(auditCount("access.denied", "school2")).isEqualTo(before + 1);
	}

	@Test
	void theOwnerFilterMarksTheOrganisationsAboveTheCallerToKeepWhenChoosingLevelByLevel() throws Exception {
		String html = mvc.perform(get("/exam/questions").with(login("school2"))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(option(html, orgId("JYGW"))).contains("data-chooser-keep=\"above\"");
		assertThat(option(html, orgId("SFXY"))).doesNotContain("data-chooser-keep");
	}

	private static String option(String html, long id) {
		Matcher m = Pattern.compile("<option[^>]*value=\"" + id + "\"[^>]*>").matcher(html);
		assertThat(m.find()).as("option " + id).isTrue();
		return m.group();
	}
}
