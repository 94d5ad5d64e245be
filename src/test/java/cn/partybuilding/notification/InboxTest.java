package cn.partybuilding.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.jayway.jsonpath.JsonPath;

import cn.partybuilding.PlatformTest;

/** Invitees hear of a meeting in their inbox by themselves; one's inbox is one's own. */
class InboxTest extends PlatformTest {

	@Test
	void inviteesAreToldOfAMeetingAndOpeningTheNoticeLeadsToIt() throws Exception {
		var branch1 = login("branch1");
		String topic = "通知测试" + unique("");
		Instant start = Instant.now().plusSeconds(86_400);
		String answer = mvc.perform(post("/api/v1/meetings").with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "BRANCH_ASSEMBLY", "topic": "%s", "startAt": "%s", "endAt": "%s", "place": "会议室",
					 "invitees": {"scope": "BRANCH"}}""".formatted(orgId("SFDX-JSJ-01"), topic, start, start.plusSeconds(3600))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long meeting = ((Number) JsonPath.read(answer, "$.id")).longValue();

		var member1 = login("member1");
		List<Integer> ids = List.of();
		for (int i = 0; i < 100 && ids.isEmpty(); i++) {
			String json = mvc.perform(get("/api/v1/me/notifications").with(member1)).andReturn().getResponse().getContentAsString();
			ids = JsonPath.read(json, "$[?(@.title =~ /.*" + topic + ".*/)].id");
			if (ids.isEmpty()) {
				Thread.sleep(100);
			}
		}
		assertThat(ids).hasSize(1);
		mvc.perform(post("/me/notifications/{id}", ids.get(0)).with(member1).with(csrf()))
			.andExpect(redirectedUrl("/meetings/" + meeting));
		mvc.perform(post("/api/v1/me/notifications/{id}/read", ids.get(0)).with(login("member2")).with(csrf().asHeader()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/me/notifications").with(member1)).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from notification n join account a on a.id = n.account_id where a.username = 'member2' and n.title like ?")
			.param("%" + topic + "%").query(Long.class).single()).isZero();
	}
}
