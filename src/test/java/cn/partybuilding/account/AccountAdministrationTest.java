package cn.partybuilding.account;

import java.util.List;
import java.util.concurrent.Executors;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Account administration under 三员分立, and the holes an attacker looked for. */
class AccountAdministrationTest extends PlatformTest {

	@Autowired
	AccountManagement accounts;

	long account(String username, Role role, String orgCode) {
		return accounts.openPrepared(username, "测试" + username, DEMO_PASSWORD, false, List.of(new Caller.Grant(role, orgId(orgCode))));
	}

	long idOf(String username) {
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	int statusOf(RequestPostProcessor who, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(who).with(csrf())).andReturn().getResponse().getStatus();
	}

	@Test
	void aCollegeAdministratorCannotTouchAnAccountThatReachesBeyondTheCollege() throws Exception {
		String collegeSec = unique("csec").toLowerCase();
		account(collegeSec, Role.SECURITY_ADMIN, "SFDX-JX");
		// a school-wide administrator who also happens to be a member in the college
		String schoolWide = unique("wide").toLowerCase();
		long wide = accounts.openPrepared(schoolWide, "全校管理员", DEMO_PASSWORD, false, List.of(
				new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX")), new Caller.Grant(Role.MEMBER, orgId("SFDX-JX-02"))));
		var sec = login(collegeSec);
		for (String action : List.of("reset-password", "unlock")) {
			assertThat(statusOf(sec, post("/accounts/{id}/" + action, wide))).as(action).isEqualTo(404);
		}
		assertThat(statusOf(sec, post("/accounts/{id}/enabled", wide).param("enabled", "false"))).isEqualTo(404);
		assertThat(statusOf(sec, post("/accounts/{id}/grants", wide).param("role", "MEMBER")
			.param("organizationId", Long.toString(orgId("SFDX-JX-03"))))).isEqualTo(404);
		assertThat(statusOf(sec, get("/api/v1/accounts/{id}", wide))).isEqualTo(404);
		login(schoolWide);
		// the college's own people it does reach
		String member = unique("m").toLowerCase();
		long inCollege = account(member, Role.MEMBER, "SFDX-JX-03");
		assertThat(statusOf(sec, post("/accounts/{id}/enabled", inCollege).param("enabled", "false"))).isEqualTo(302);
	}

	@Test
	void disablingOrChangingRolesEndsTheSessionsAtOnce() throws Exception {
		String user = unique("s").toLowerCase();
		long id = account(user, Role.GENERAL_BRANCH_ADMIN, "SFDX-WX");
		var session = login(user);
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isOk());
		var secadmin = login("secadmin");
		long grant = jdbc.sql("select id from account_grant where account_id = ?").param(id).query(Long.class).single();
		assertThat(statusOf(secadmin, post("/accounts/{id}/grants/{g}/revoke", id, grant))).isEqualTo(302);
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isUnauthorized());

		var again = login(user);
		assertThat(statusOf(login("sysadmin"), post("/accounts/{id}/enabled", id).param("enabled", "false"))).isEqualTo(302);
		mvc.perform(get("/api/v1/organizations").with(again)).andExpect(status().isUnauthorized());
	}

	@Test
	@DisplayName("等级保护 三员分立: 三员只担任本角色，不能兼任业务角色，也不能互相变更")
	void theThreeAdministratorsStayApart() throws Exception {
		var secadmin = login("secadmin");
		var sysadmin = login("sysadmin");
		long sys = idOf("sysadmin");
		long aud = idOf("auditor");
		long sec = idOf("secadmin");
		// no business role for a separated administrator
		assertThat(statusOf(secadmin, post("/accounts/{id}/grants", sys).param("role", "COMMITTEE_ADMIN")
			.param("organizationId", Long.toString(orgId("SFDX"))))).isEqualTo(200);
		assertThat(statusOf(secadmin, post("/accounts/{id}/grants", aud).param("role", "GENERAL_BRANCH_ADMIN")
			.param("organizationId", Long.toString(orgId("SFDX-JSJ"))))).isEqualTo(200);
		// nor the other way round
		long business = account(unique("b").toLowerCase(), Role.BRANCH_SECRETARY, "SFDX-WX-01");
		mvc.perform(post("/accounts/{id}/grants", business).with(secadmin).with(csrf()).param("role", "AUDITOR")
				.param("organizationId", Long.toString(orgId("JYGW"))))
			.andExpect(content().string(Matchers.containsString("三员分立")));
		// the administrators cannot disable or reset each other
		assertThat(statusOf(sysadmin, post("/accounts/{id}/enabled", sec).param("enabled", "false"))).isEqualTo(200);
		assertThat(statusOf(sysadmin, post("/accounts/{id}/enabled", aud).param("enabled", "false"))).isEqualTo(200);
		assertThat(statusOf(secadmin, post("/accounts/{id}/reset-password", sys))).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from account where username in ('secadmin','sysadmin','auditor') and enabled")
			.query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from account_grant where account_id in (?, ?)").params(sys, aud)
			.query(Long.class).single()).isEqualTo(2);
		// refusals are audited
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'secadmin' and action = 'account.grant' and outcome = 'DENIED'")
			.query(Long.class).single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void securityAdministratorsAreSetUpAtInstallationAndAuditorsActForTheWholePlatform() throws Exception {
		var secadmin = login("secadmin");
		long fresh = accounts.openPrepared(unique("f").toLowerCase(), "新人", DEMO_PASSWORD, false, List.of());
		mvc.perform(post("/accounts/{id}/grants", fresh).with(secadmin).with(csrf()).param("role", "SECURITY_ADMIN")
				.param("organizationId", Long.toString(orgId("SFDX"))))
			.andExpect(content().string(Matchers.containsString("安全管理员在系统部署时设置")));
		mvc.perform(post("/accounts/{id}/grants", fresh).with(secadmin).with(csrf()).param("role", "SYSTEM_ADMIN")
				.param("organizationId", Long.toString(orgId("SFDX-JSJ"))))
			.andExpect(content().string(Matchers.containsString("只能在学校党委（或其上级党委）授予")));
		// issue 23: the audit log is the platform's one record, so its reader sits at the top (not a school's 党委)
		for (String below : List.of("SFDX-JSJ", "SFDX")) {
			mvc.perform(post("/accounts/{id}/grants", fresh).with(secadmin).with(csrf()).param("role", "AUDITOR")
					.param("organizationId", Long.toString(orgId(below))))
				.andExpect(content().string(Matchers.containsString("审计员只能在最上级组织授予")));
		}
		assertThat(statusOf(secadmin, post("/accounts/{id}/grants", fresh).param("role", "AUDITOR")
			.param("organizationId", Long.toString(orgId("JYGW"))))).isEqualTo(302);
	}

	@Test
	void twoGrantsAtOnceCannotMakeAnAuditorAlsoAnAdministrator() throws Exception {
		var first = login("secadmin");
		var second = login("secadmin");
		var pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 6; round++) {
				long fresh = accounts.openPrepared(unique("race").toLowerCase(), "并发", DEMO_PASSWORD, false, List.of());
				var a = pool.submit(() -> statusOf(first, post("/accounts/{id}/grants", fresh).param("role", "AUDITOR")
					.param("organizationId", Long.toString(orgId("JYGW")))));
				var b = pool.submit(() -> statusOf(second, post("/accounts/{id}/grants", fresh).param("role", "COMMITTEE_ADMIN")
					.param("organizationId", Long.toString(orgId("SFDX")))));
				a.get();
				b.get();
				assertThat(jdbc.sql("select count(*) from account_grant where account_id = ?").param(fresh)
					.query(Long.class).single()).as("round %d", round).isOne();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void maskedNamesCannotBeFoundBySearchingForThem() throws Exception {
		mvc.perform(get("/api/v1/accounts").with(login("sysadmin")).param("q", "丽"))
			.andExpect(jsonPath("$.totalElements").value(0));
		// issue 13, probe 8: deliberately changed — the security administrator no longer finds people by name either
		mvc.perform(get("/api/v1/accounts").with(login("secadmin")).param("q", "孙丽"))
			.andExpect(jsonPath("$.totalElements").value(0));
		mvc.perform(get("/api/v1/accounts").with(login("secadmin")).param("q", "auditor"))
			.andExpect(jsonPath("$.content[0].username").value("auditor"))
			.andExpect(jsonPath("$.content[0].displayName").value("孙*"));
		mvc.perform(get("/api/v1/accounts").with(login("secadmin")).param("page", "2147483647").param("size", "200"))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/accounts").with(login("secadmin")).param("q", "a\u0000b"))
			.andExpect(status().isOk());
	}

	@Test
	@DisplayName("省级平台：学校的系统管理员只见本校账号（姓名遮蔽），看不到别校账号，也读不到审计日志")
	void aSchoolsSystemAdministratorSeesNoAccountOfAnotherSchool() throws Exception {
		String username = unique("ssys").toLowerCase();
		account(username, Role.SYSTEM_ADMIN, "SFXY");
		var sysadmin = login(username);
		mvc.perform(get("/api/v1/accounts/{id}", idOf("school2")).with(sysadmin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value(Matchers.endsWith("*")));
		for (String other : List.of("admin", "member1", "college1")) {
			assertThat(statusOf(sysadmin, get("/api/v1/accounts/{id}", idOf(other)))).as(other).isEqualTo(404);
			assertThat(statusOf(sysadmin, post("/accounts/{id}/enabled", idOf(other)).param("enabled", "false")))
				.as(other).isEqualTo(404);
			mvc.perform(get("/api/v1/accounts").with(sysadmin).param("q", other))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.content[*].username", Matchers.not(Matchers.hasItem(other))));
		}
		assertThat(jdbc.sql("select count(*) from account where username in ('admin', 'member1', 'college1') and enabled")
			.query(Long.class).single()).isEqualTo(3);
		assertThat(statusOf(sysadmin, get("/api/v1/audit-events"))).isEqualTo(403);
	}

	@Test
	void theSystemAdministratorSeesNoNames() throws Exception {
		mvc.perform(get("/api/v1/accounts/{id}", idOf("college1")).with(login("sysadmin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("college1"))
			.andExpect(jsonPath("$.displayName").value("李*"));
	}

	/** Issue 13, probe 8: the old assertion that the security administrator sees "李明" was changed deliberately. */
	@Test
	void theSecurityAdministratorSeesMembersNamesMaskedToo() throws Exception {
		var secadmin = login("secadmin");
		mvc.perform(get("/api/v1/accounts/{id}", idOf("college1")).with(secadmin))
			.andExpect(jsonPath("$.displayName").value("李*"));
		mvc.perform(get("/api/v1/accounts").with(secadmin).param("q", "college1"))
			.andExpect(jsonPath("$.content[0].displayName").value("李*"));
		mvc.perform(get("/accounts").with(secadmin).param("q", "college1"))
			.andExpect(content().string(Matchers.not(Matchers.containsString("李明"))));
	}

	@Test
	void accountsWithoutAnyRoleAreReachedOnlyFromTheTop() throws Exception {
		String collegeSec = unique("csec").toLowerCase();
		account(collegeSec, Role.SECURITY_ADMIN, "SFDX-HX");
		long orphan = accounts.openPrepared(unique("o").toLowerCase(), "无角色", DEMO_PASSWORD, false, List.of());
		assertThat(statusOf(login(collegeSec), get("/api/v1/accounts/{id}", orphan))).isEqualTo(404);
		assertThat(statusOf(login("secadmin"), get("/api/v1/accounts/{id}", orphan))).isEqualTo(200);
	}

	@Test
	void searchTreatsWildcardsAsText() throws Exception {
		mvc.perform(get("/api/v1/accounts").with(login("secadmin")).param("q", "%"))
			.andExpect(jsonPath("$.totalElements").value(0));
		mvc.perform(get("/api/v1/accounts").with(login("secadmin")).param("q", "branch"))
			.andExpect(jsonPath("$.content[*].username", Matchers.hasItems("branch1", "branch2")));
	}

	@Test
	void aNewAccountStartsWithARoleInsideTheCreatorsReach() throws Exception {
		var secadmin = login("secadmin");
		mvc.perform(post("/accounts").with(secadmin).with(csrf()).param("username", unique("n"))
				.param("displayName", "没选角色").param("initialPassword", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("请选择角色")))
			.andExpect(content().string(Matchers.containsString("value=\"没选角色\"")));
	}
}
