package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.PlatformZone;

/**
 * Anonymous letters (issue 19): refused while the committee's switch is off; while it is on, the database keeps no
 * link to the writer — inspected row by row after one is written.
 */
class MailboxAnonymityTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	AccountManagement accounts;

	@Autowired
	AnonymousLetters batch;

	private ResultActions send(MockHttpServletRequestBuilder request, Object body, RequestPostProcessor who)
			throws Exception {
		return mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body)));
	}

	@Test
	@DisplayName("an anonymous letter: refused while the switch is off and to anyone but the committee; while on, nothing in the database links it to its writer")
	void anonymousLetters() throws Exception {
		RequestPostProcessor member = login("member1");
		RequestPostProcessor admin = login("admin");
		long root = orgId("SFDX");
		Map<String, Object> letter = Map.of("to", "COMMITTEE", "subject", unique("匿名"), "body", "匿名反映的问题", "anonymous", true);

		send(put("/api/v1/mailbox/anonymous/" + root), Map.of("allowed", false), admin).andExpect(status().isOk());
		send(post("/api/v1/mailbox/letters"), letter, member)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("anonymous"));
		try {
			send(put("/api/v1/mailbox/anonymous/" + root), Map.of("allowed", true), admin)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.allowed").value(true));
			assertThat(jdbc.sql("select count(*) from audit_event where action = 'mailbox.anonymous.switch' and actor = 'admin'")
				.query(Long.class).single()).isGreaterThanOrEqualTo(2);
			send(post("/api/v1/mailbox/letters"), Map.of("to", "BRANCH", "subject", "s", "body", "b", "anonymous", true), member)
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("anonymous"));

			long writer = accounts.callerFor("member1").accountId();
			long auditBefore = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
			long stepsBefore = jdbc.sql("select coalesce(max(id), 0) from interaction_letter_step").query(Long.class).single();
			ResultActions written = send(post("/api/v1/mailbox/letters"), letter, member)
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.anonymous").value(true))
				.andExpect(jsonPath("$.code").isString());
			JsonNode body = JSON.readTree(written.andReturn().getResponse().getContentAsString());
			long id = body.get("id").asLong();
			String code = body.get("code").asText();

			// nothing was written in the writer's request: the letter waits in memory for the next batch, and its
			// writer can already follow it
			assertThat(jdbc.sql("select count(*) from interaction_letter where id = ?").param(id).query(Long.class).single())
				.isZero();
			send(post("/api/v1/mailbox/follow"), Map.of("code", code), member)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.state").value("WAITING"))
				.andExpect(jsonPath("$.writerName").doesNotExist());
			assertThat(batch.flush()).isGreaterThanOrEqualTo(1);

			// the row: no account, name, branch or time of day; the code only as its hash
			Map<String, Object> row = jdbc.sql("select * from interaction_letter where id = ?").param(id).query().singleRow();
			assertThat(row.get("writer_account_id")).isNull();
			assertThat(row.get("writer_name")).isNull();
			assertThat(row.get("origin_branch_id")).isNull();
			assertThat(row.get("written_at")).isNull();
			assertThat((String) row.get("code_hash")).isEqualTo(Letters.hash(code)).doesNotContain(code);
			ZonedDateTime since = ((java.sql.Timestamp) row.get("waiting_since")).toInstant().atZone(PlatformZone.ZONE);
			assertThat(since.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
			assertThat(row.values()).noneMatch(v -> v != null && (v.toString().equals(String.valueOf(writer))
					|| v.toString().contains("member1") || v.toString().contains("赵红梅")));
			// no step, no audit entry, no event publication, no session attribute was written for it
			assertThat(jdbc.sql("select count(*) from interaction_letter_step where letter_id = ? or id > ?")
				.params(id, stepsBefore).query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from audit_event where id > ? and (actor = 'member1' or entity_id = ?)")
				.params(auditBefore, String.valueOf(id)).query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select (select count(*) from event_publication where serialized_event like ?)"
					+ " + (select count(*) from event_publication_archive where serialized_event like ?)")
				.params("%" + id + "%", "%" + id + "%").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from spring_session_attributes where position(convert_to(?, 'UTF8') in attribute_bytes) > 0")
				.param(code).query(Long.class).single()).isZero();
			// the id is no sequence's: nothing lines it up with the rows written around it
			assertThat(jdbc.sql("select count(*) from information_schema.columns where table_name = 'interaction_letter' and column_default like 'nextval%'")
				.query(Long.class).single()).isZero();

			// the writer does not find it among their letters, and trying its id is refused without naming it
			assertThat(mvc.perform(get("/api/v1/mailbox/letters").with(member)).andReturn().getResponse().getContentAsString())
				.doesNotContain(String.valueOf(id));
			mvc.perform(get("/api/v1/mailbox/letters/" + id).with(member)).andExpect(status().isNotFound());
			assertThat(jdbc.sql("select count(*) from audit_event where entity_id = ?").param(String.valueOf(id))
				.query(Long.class).single()).isZero();
			// the committee reads it with no writer; the writer follows it by the code alone
			mvc.perform(get("/api/v1/mailbox/letters/" + id).with(admin))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.anonymous").value(true))
				.andExpect(jsonPath("$.writerName").doesNotExist());
			send(post("/api/v1/mailbox/letters/" + id + "/answer"), Map.of("text", "党委已收到，正在核实。"), admin)
				.andExpect(status().isOk());
			send(post("/api/v1/mailbox/letters/" + id + "/forward"), Map.of("orgId", orgId("SFDX-JSJ")), admin)
				.andExpect(status().isConflict());
			send(post("/api/v1/mailbox/follow"), Map.of("code", code.toLowerCase()), member)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.state").value("ANSWERED"))
				.andExpect(jsonPath("$.steps[0].text").value("党委已收到，正在核实。"));
			send(post("/api/v1/mailbox/follow"), Map.of("code", "AAAA-BBBB-CCCC-DDDD"), member).andExpect(status().isNotFound());
			// the page shows the code in its answer, not through the session
			mvc.perform(post("/mailbox/letters").with(csrf()).with(member).param("to", "COMMITTEE")
				.param("subject", unique("页面匿名")).param("body", "页面").param("anonymous", "true"))
				.andExpect(status().isOk())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
					.string(org.hamcrest.Matchers.containsString("follow-code")));
		}
		finally {
			send(put("/api/v1/mailbox/anonymous/" + root), Map.of("allowed", false), admin).andExpect(status().isOk());
		}
	}
}
