package cn.partybuilding.audit;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 23: the audit log at province depth. Its entries name no school, so it is read only by a 审计员 at the top of
 * the tree (示范省委教育工委 in the demo; the school itself where the school is the top); a 审计员 grant at a school is
 * refused, and one made before the rule reads nothing.
 */
class AuditLogAtProvinceDepthTest extends PlatformTest {

	@Autowired
	AccountManagement accounts;

	private long fresh() {
		return accounts.openPrepared(unique("aud").toLowerCase(), "新审计员", DEMO_PASSWORD, false, List.of());
	}

	private int statusOf(RequestPostProcessor who, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(who).with(csrf())).andReturn().getResponse().getStatus();
	}

	@Test
	@DisplayName("审计员只能在最上级组织授予：学校党委授予被拒绝")
	void anAuditorIsGrantedAtTheTopOnly() throws Exception {
		var secadmin = login("secadmin");
		for (String school : List.of("SFDX", "SFXY")) {
			long account = fresh();
			mvc.perform(post("/accounts/{id}/grants", account).with(secadmin).with(csrf()).param("role", "AUDITOR")
					.param("organizationId", Long.toString(orgId(school))))
				.andExpect(content().string(Matchers.containsString("审计员只能在最上级组织授予")));
			assertThat(jdbc.sql("select count(*) from account_grant where account_id = ?").param(account)
				.query(Long.class).single()).as(school).isZero();
		}
		long account = fresh();
		assertThat(statusOf(secadmin, post("/accounts/{id}/grants", account).param("role", "AUDITOR")
			.param("organizationId", Long.toString(orgId("JYGW"))))).isEqualTo(302);
		assertThat(jdbc.sql("select count(*) from account_grant where account_id = ? and role = 'AUDITOR'").param(account)
			.query(Long.class).single()).isOne();
		// a school's 系统管理员 stays grantable: it sees its school's accounts' sign-in state, names masked
		assertThat(statusOf(secadmin, post("/accounts/{id}/grants", fresh()).param("role", "SYSTEM_ADMIN")
			.param("organizationId", Long.toString(orgId("SFXY"))))).isEqualTo(302);
	}

	@Test
	@DisplayName("学校一级的审计员（规则之前授予的）读不到审计日志，菜单也不显示")
	void aSchoolLevelAuditorReadsNothingOfAnySchool() throws Exception {
		// as granted before the rule: straight into the accounts, past the grant's checks
		String username = unique("saud").toLowerCase();
		accounts.openPrepared(username, "学校审计员", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.AUDITOR, orgId("SFDX"))));
		login("school2");
		var schoolAuditor = login(username);
		assertThat(statusOf(schoolAuditor, get("/audit"))).isEqualTo(403);
		assertThat(statusOf(schoolAuditor, get("/audit").param("who", "school2"))).isEqualTo(403);
		assertThat(statusOf(schoolAuditor, get("/api/v1/audit-events").param("who", "school2"))).isEqualTo(403);
		assertThat(statusOf(schoolAuditor, get("/api/v1/audit/verification"))).isEqualTo(403);
		assertThat(statusOf(schoolAuditor, get("/audit/verification"))).isEqualTo(403);
		assertThat(statusOf(schoolAuditor, post("/audit/verification"))).isEqualTo(403);
		mvc.perform(get("/").with(schoolAuditor))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.not(Matchers.containsString("href=\"/audit"))));
		assertThat(auditCount("access.denied", username)).isGreaterThanOrEqualTo(6);
		// nothing was read: no record of a read of the log by this account
		assertThat(auditCount("audit.read", username)).isZero();
	}

	@Test
	@DisplayName("最上级组织的审计员读全平台的审计日志：两所学校的条目都在")
	void theAuditorAtTheTopReadsEverySchool() throws Exception {
		login("school2");
		login("admin");
		var auditor = login("auditor");
		for (String who : List.of("school2", "admin")) {
			mvc.perform(get("/api/v1/audit-events").with(auditor).param("who", who).param("what", "login.success"))
				.andExpect(status().isOk())
				// who is matched as part of the username (admin finds secadmin too)
				.andExpect(jsonPath("$.content[*].actor", everyItem(Matchers.containsString(who))))
				.andExpect(jsonPath("$.content[*].actor", Matchers.hasItem(who)));
		}
		mvc.perform(get("/").with(auditor))
			.andExpect(content().string(Matchers.containsString("href=\"/audit\"")))
			.andExpect(content().string(Matchers.containsString("href=\"/audit/verification\"")));
		mvc.perform(get("/api/v1/audit/verification").with(auditor)).andExpect(status().isOk());
	}
}
