package cn.partybuilding.audit;

import java.time.LocalDate;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AuditLogTest extends PlatformTest {

	Map<String, Object> latest(String action, String actor) {
		return jdbc.sql("select * from audit_event where action = ? and actor = ? order by id desc limit 1")
			.params(action, actor).query().singleRow();
	}

	@Test
	void aWriteIsRecordedWithWhoWhenWhereWhatAndTheChange() throws Exception {
		String code = unique("A-");
		mvc.perform(post("/api/v1/organizations").with(login("admin")).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"parentId": %d, "code": "%s", "name": "审计测试学院", "type": "GENERAL_BRANCH"}""".formatted(orgId("SFDX"), code)))
			.andExpect(status().isCreated());
		var entry = latest("organization.create", "admin");
		assertThat(entry.get("entity_type")).isEqualTo("organization");
		assertThat(entry.get("entity_id")).isEqualTo(Long.toString(orgId(code)));
		assertThat(entry.get("ip")).isEqualTo("127.0.0.1");
		assertThat(entry.get("outcome")).isEqualTo("SUCCESS");
		assertThat((String) entry.get("summary")).contains("审计测试学院", code, "示范大学党委");
		assertThat(entry.get("occurred_at")).isNotNull();
	}

	@Test
	void signInsAndDeniedAccessAreRecorded() throws Exception {
		mvc.perform(formLogin("/login").user("branch2").password("nope"));
		var session = login("branch2");
		mvc.perform(get("/api/v1/organizations/{id}", orgId("SFDX-JSJ-01")).with(session)).andExpect(status().isNotFound());

		assertThat(latest("login.failure", "branch2").get("outcome")).isEqualTo("FAILURE");
		assertThat(latest("login.success", "branch2").get("outcome")).isEqualTo("SUCCESS");
		var denied = latest("access.denied", "branch2");
		assertThat(denied.get("outcome")).isEqualTo("DENIED");
		assertThat(denied.get("entity_id")).isEqualTo(Long.toString(orgId("SFDX-JSJ-01")));
	}

	@Test
	void theDatabaseRefusesToUpdateOrDeleteAnEntry() {
		long id = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
		assertThatThrownBy(() -> jdbc.sql("update audit_event set summary = 'forged' where id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class)
			.hasStackTraceContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class)
			.hasStackTraceContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
			.isInstanceOf(DataAccessException.class)
			.hasStackTraceContaining("append-only");
		assertThat(jdbc.sql("select count(*) from audit_event where id = ?").param(id).query(Long.class).single()).isOne();
	}

	@Test
	void theAuditorFiltersByWhoWhatAndDate() throws Exception {
		login("college1");
		var auditor = login("auditor");
		String today = LocalDate.now(PlatformZone.ZONE).toString();
		mvc.perform(get("/api/v1/audit-events").with(auditor)
				.param("who", "college1").param("what", "login.").param("from", today).param("to", today))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].actor", everyItem(Matchers.is("college1"))))
			.andExpect(jsonPath("$.content[*].action", everyItem(startsWith("login."))))
			.andExpect(jsonPath("$.totalElements").value(Matchers.greaterThanOrEqualTo(1)));
		mvc.perform(get("/api/v1/audit-events").with(auditor).param("from", "2001-01-01").param("to", "2001-01-02"))
			.andExpect(jsonPath("$.totalElements").value(0));
		mvc.perform(get("/api/v1/audit-events").with(auditor).param("from", "not-a-date"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/audit").with(auditor).param("who", "college1"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("login.success")));
	}

	@Test
	void theAuditPageReadsTypedDaysAndKeepsAnUnreadableOne() throws Exception {
		var auditor = login("auditor");
		mvc.perform(get("/audit").with(auditor).param("from", "2001年1月1日").param("to", "2001/1/2"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("value=\"2001-01-01\"")))
			.andExpect(content().string(Matchers.not(Matchers.containsString("日期格式应为"))));
		mvc.perform(get("/audit").with(auditor).param("from", "上周"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("value=\"上周\"")))
			.andExpect(content().string(Matchers.containsString("日期格式应为")));
	}

	@Test
	void aBadDayOnTheApiIsAnsweredInTheApisJson() throws Exception {
		mvc.perform(get("/api/v1/audit-events").with(login("auditor")).param("from", "not-a-date"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		mvc.perform(get("/api/v1/me/attendance").with(login("member1")).param("year", "今年"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("year"));
	}
}
