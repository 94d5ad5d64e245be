package cn.partybuilding.account;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 13, probe 1 — 三员分立 could be walked around: the security administrator created (or re-roled) an account
 * with a role that reads personal data, saw or set its password, signed in as it and read full ID-card numbers.
 * Now such a grant waits for a second person, who alone hands the password over.
 */
class GrantConfirmationTest extends PlatformTest {

	private static final String KNOWN = "Known#2026pw";

	@Autowired
	AccountManagement accounts;

	@Autowired
	PasswordEncoder encoder;

	long idOf(String username) {
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	long someMember() {
		return jdbc.sql("select min(id) from member").query(Long.class).single();
	}

	long pendingGrantOf(long accountId) {
		return jdbc.sql("select id from account_grant where account_id = ? and pending").param(accountId).query(Long.class).single();
	}

	/** What a security administrator who knew (or had set) the account's password could do with it. */
	void passwordKnownToTheSecurityAdministrator(long accountId) {
		jdbc.sql("update account set password_hash = ?, must_change_password = false where id = ?")
			.params(encoder.encode(KNOWN), accountId).update();
	}

	boolean signsIn(String username, String password) throws Exception {
		String to = mvc.perform(formLogin("/login").user(username).password(password)).andReturn().getResponse().getRedirectedUrl();
		return "/".equals(to);
	}

	int reveal(RequestPostProcessor who) throws Exception {
		return mvc.perform(post("/api/v1/members/{id}/reveal", someMember()).with(who).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"核对档案\"}"))
			.andReturn().getResponse().getStatus();
	}

	/** Signs in with a one-time password and sets an own one, as the person does at the first sign-in. */
	RequestPostProcessor activate(String username, String oneTime, String own) throws Exception {
		var session = login(username, oneTime);
		mvc.perform(post("/account/password").with(session).with(csrf())
				.param("currentPassword", oneTime).param("newPassword", own).param("confirmPassword", own))
			.andExpect(redirectedUrl("/"));
		return session;
	}

	@Test
	@DisplayName("三员分立: 安全管理员新建可查看个人信息的账号，须另一人确认，且看不到其密码")
	void aSecurityAdministratorCannotGiveThemselvesAccessToPersonalDataThroughANewAccount() throws Exception {
		var secadmin = login("secadmin");
		String username = unique("ca").toLowerCase();
		// a password of the administrator's choosing is refused for such a role
		mvc.perform(post("/accounts").with(secadmin).with(csrf()).param("username", username).param("displayName", "新管理员")
				.param("initialPassword", KNOWN).param("role", "COMMITTEE_ADMIN").param("organizationId", Long.toString(orgId("SFDX"))))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("初始密码由确认人在确认时生成并交给本人")));
		MvcResult created = mvc.perform(post("/accounts").with(secadmin).with(csrf()).param("username", username)
				.param("displayName", "新管理员").param("initialPassword", "").param("role", "COMMITTEE_ADMIN")
				.param("organizationId", Long.toString(orgId("SFDX"))))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(created.getFlashMap().get("oneTimePassword")).as("no one-time password for the security administrator").isNull();
		long id = idOf(username);
		// resetting it shows none either
		MvcResult reset = mvc.perform(post("/accounts/{id}/reset-password", id).with(secadmin).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(reset.getFlashMap().get("oneTimePassword")).isNull();

		// even with a password in hand, the role is not in effect before a second person confirms it
		passwordKnownToTheSecurityAdministrator(id);
		var attacker = login(username, KNOWN);
		assertThat(reveal(attacker)).isNotEqualTo(200);
		mvc.perform(get("/api/v1/me").with(attacker)).andExpect(jsonPath("$.grants").isEmpty());

		// the committee's administrator sees it on the home page's 待办 and confirms it
		var admin = login("admin");
		mvc.perform(get("/").with(admin)).andExpect(content().string(Matchers.containsString("项角色授权待您确认")));
		mvc.perform(get("/api/v1/grant-confirmations").with(admin))
			.andExpect(jsonPath("$.grants[?(@.username == '" + username + "')].role").value("COMMITTEE_ADMIN"))
			.andExpect(jsonPath("$.grants[?(@.username == '" + username + "')].requestedBy").value("secadmin"));
		String answer = mvc.perform(post("/api/v1/grant-confirmations/grants/{g}/confirm", pendingGrantOf(id)).with(admin)
				.with(csrf().asHeader()))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		String oneTime = JsonPath.read(answer, "$.oneTimePassword");
		assertThat(oneTime).hasSizeGreaterThanOrEqualTo(8);
		assertThat((String) JsonPath.read(answer, "$.username")).isEqualTo(username);

		// the password the security administrator knew is gone, the session ended; the person activates with the code
		mvc.perform(get("/api/v1/me").with(attacker)).andExpect(status().isUnauthorized());
		assertThat(signsIn(username, KNOWN)).isFalse();
		var person = activate(username, oneTime, "Mine#2026pw");
		assertThat(reveal(person)).isEqualTo(200);

		assertThat(auditCount("account.grant.request", "secadmin")).isPositive();
		assertThat(auditCount("account.password.handover.request", "secadmin")).isPositive();
		assertThat(auditCount("account.grant.confirm", "admin")).isPositive();
	}

	@Test
	@DisplayName("三员分立: 给已有党员授予可查看个人信息的角色，须另一人确认，且安全管理员掌握的密码随之失效")
	void grantingAPersonalDataRoleToAnExistingMemberWaitsForASecondPerson() throws Exception {
		String username = unique("m").toLowerCase();
		long id = accounts.openPrepared(username, "老党员", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.MEMBER, orgId("SFDX-WX-01"))));
		var secadmin = login("secadmin");
		// while the account is a plain member's, a reset shows its one-time password: the administrator takes it over
		String taken = (String) mvc.perform(post("/accounts/{id}/reset-password", id).with(secadmin).with(csrf()))
			.andReturn().getFlashMap().get("oneTimePassword");
		assertThat(taken).isNotNull();
		activate(username, taken, KNOWN);
		// then grants it the committee's administrator role
		mvc.perform(post("/accounts/{id}/grants", id).with(secadmin).with(csrf()).param("role", "COMMITTEE_ADMIN")
				.param("organizationId", Long.toString(orgId("SFDX"))))
			.andExpect(status().is3xxRedirection());
		var attacker = login(username, KNOWN);
		assertThat(reveal(attacker)).as("the grant is not in effect").isNotEqualTo(200);
		mvc.perform(get("/accounts/{id}", id).with(secadmin)).andExpect(content().string(Matchers.containsString("待确认")));
		// and a reset now shows nothing
		assertThat(mvc.perform(post("/accounts/{id}/reset-password", id).with(secadmin).with(csrf()))
			.andReturn().getFlashMap().get("oneTimePassword")).isNull();

		// the confirming administrator confirms on the page and is shown the one-time password once
		var admin = login("admin");
		mvc.perform(get("/account-confirmations").with(admin)).andExpect(content().string(Matchers.containsString(username)));
		var issued = (GrantConfirmations.Issued) mvc.perform(post("/account-confirmations/grants/{g}/confirm", pendingGrantOf(id))
				.with(admin).with(csrf()))
			.andExpect(redirectedUrl("/account-confirmations"))
			.andReturn().getFlashMap().get("issued");
		assertThat(issued.username()).isEqualTo(username);
		String oneTime = issued.oneTimePassword();
		assertThat(oneTime).isNotNull();
		assertThat(signsIn(username, KNOWN)).as("the administrator's password no longer works").isFalse();
		assertThat(reveal(activate(username, oneTime, "Mine#2026pw"))).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from account where id = ? and handover_requested_at is null").param(id)
			.query(Long.class).single()).isOne();
	}

	@Test
	void aResetPasswordOfASecretaryIsHandedOverByTheConfirmingAdministrator() throws Exception {
		String username = unique("sec").toLowerCase();
		long id = accounts.openPrepared(username, "书记", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.BRANCH_SECRETARY, orgId("SFDX-WX-01"))));
		var secadmin = login("secadmin");
		MvcResult reset = mvc.perform(post("/accounts/{id}/reset-password", id).with(secadmin).with(csrf())).andReturn();
		assertThat(reset.getFlashMap().get("oneTimePassword")).isNull();
		assertThat(reset.getFlashMap().get("notice")).isEqualTo("notice.account.handoverRequested");
		assertThat(signsIn(username, DEMO_PASSWORD)).as("the old password stops working").isFalse();

		var admin = login("admin");
		mvc.perform(get("/").with(admin)).andExpect(content().string(Matchers.containsString("个账号待您发放一次性密码")));
		String answer = mvc.perform(post("/api/v1/grant-confirmations/handovers/{id}", id).with(admin).with(csrf().asHeader()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String oneTime = JsonPath.read(answer, "$.oneTimePassword");
		activate(username, oneTime, "Mine#2026pw");
		// handed over once
		mvc.perform(post("/api/v1/grant-confirmations/handovers/{id}", id).with(admin).with(csrf().asHeader()))
			.andExpect(status().isBadRequest());
		assertThat(auditCount("account.password.handover", "admin")).isPositive();
	}

	@Test
	void nobodyConfirmsTheirOwnGrantAndOnlyTheConfirmingAdministratorConfirms() throws Exception {
		// a second committee administrator, so the grant to admin has someone else to confirm it
		String other = unique("ca2").toLowerCase();
		accounts.openPrepared(other, "另一位管理员", DEMO_PASSWORD, false, List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX"))));
		long admin = idOf("admin");
		var secadmin = login("secadmin");
		mvc.perform(post("/accounts/{id}/grants", admin).with(secadmin).with(csrf()).param("role", "BRANCH_SECRETARY")
				.param("organizationId", Long.toString(orgId("SFDX-WX-01"))))
			.andExpect(status().is3xxRedirection());
		long grant = pendingGrantOf(admin);
		mvc.perform(post("/api/v1/grant-confirmations/grants/{g}/confirm", grant).with(login("admin")).with(csrf().asHeader()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("不能确认本人")));
		// a college administrator is not a confirming administrator (the default setting); nor is the security administrator
		mvc.perform(post("/api/v1/grant-confirmations/grants/{g}/confirm", grant).with(login("college1")).with(csrf().asHeader()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/grant-confirmations").with(secadmin)).andExpect(status().isForbidden());
		// someone else may; admin already reads personal data with their own password, so none is issued
		mvc.perform(post("/api/v1/grant-confirmations/grants/{g}/confirm", grant).with(login(other)).with(csrf().asHeader()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.oneTimePassword").value(Matchers.nullValue()));
		assertThat(signsIn("admin", DEMO_PASSWORD)).isTrue();
		assertThat(auditCount("account.grant.confirm", other)).isOne();
		// leave the demo account as it was
		mvc.perform(post("/accounts/{id}/grants/{g}/revoke", admin, grant).with(secadmin).with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void aRefusedGrantIsWithdrawnWithItsReasonInTheAuditLog() throws Exception {
		String username = unique("r").toLowerCase();
		long id = accounts.openPrepared(username, "候选人", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.MEMBER, orgId("SFDX-WX-01"))));
		mvc.perform(post("/accounts/{id}/grants", id).with(login("secadmin")).with(csrf()).param("role", "BRANCH_COMMITTEE")
				.param("organizationId", Long.toString(orgId("SFDX-WX-01"))))
			.andExpect(status().is3xxRedirection());
		long grant = pendingGrantOf(id);
		var admin = login("admin");
		mvc.perform(post("/api/v1/grant-confirmations/grants/{g}/refuse", grant).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/account-confirmations/grants/{g}/refuse", grant).with(admin).with(csrf()).param("reason", "未经支部研究"))
			.andExpect(redirectedUrl("/account-confirmations"));
		assertThat(jdbc.sql("select count(*) from account_grant where account_id = ?").param(id).query(Long.class).single())
			.as("only the member role is left").isOne();
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'account.grant.refuse' and summary like '%未经支部研究%'")
			.query(Long.class).single()).isOne();
		assertThat(signsIn(username, DEMO_PASSWORD)).as("the person keeps their own password").isTrue();
	}
}
