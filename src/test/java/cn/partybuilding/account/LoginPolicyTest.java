package cn.partybuilding.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class LoginPolicyTest extends PlatformTest {

	static final String PASSWORD = "Good#Pass2026";

	@Autowired
	AccountManagement accounts;

	String newAccount(boolean mustChange) {
		String username = unique("u").toLowerCase();
		accounts.openPrepared(username, "测试用户", PASSWORD, mustChange,
				List.of(new Caller.Grant(Role.MEMBER, orgId("SFDX-JSJ-01"))));
		return username;
	}

	void failLogin(String username) throws Exception {
		mvc.perform(formLogin("/login").user(username).password("wrong-password")).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	@DisplayName("等级保护: 连续5次登录失败锁定账号15分钟，正确密码也不能登录")
	void fiveConsecutiveFailuresLockTheAccount() throws Exception {
		String username = newAccount(false);
		for (int i = 0; i < 4; i++) {
			failLogin(username);
		}
		mvc.perform(formLogin("/login").user(username).password("wrong-password")).andExpect(redirectedUrl("/login?error"));
		mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));

		var lockedFor = jdbc.sql("select extract(epoch from locked_until - now()) from account where username = ?")
			.param(username).query(Double.class).single();
		assertThat(lockedFor).isBetween(14 * 60.0, 15 * 60.0);
		assertThat(auditCount("login.lockout", username)).isEqualTo(1);
		assertThat(jdbc.sql("select summary from audit_event where actor = ? order by id desc limit 1").param(username)
			.query(String.class).single()).isEqualTo("账号已锁定");
		assertThat(auditCount("login.failure", username)).isEqualTo(6);
	}

	@Test
	@DisplayName("等级保护: 修改密码时输错当前密码同样计入连续失败并审计，达到5次即锁定")
	void wrongCurrentPasswordsCountTowardTheLockout() throws Exception {
		String username = newAccount(false);
		var session = login(username, PASSWORD);
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/account/password").with(session).with(csrf()).param("currentPassword", "wrong-" + i)
					.param("newPassword", "New#Pass2027").param("confirmPassword", "New#Pass2027"))
				.andExpect(status().isOk());
		}
		assertThat(auditCount("login.failure", username)).isEqualTo(5);
		assertThat(auditCount("login.lockout", username)).isEqualTo(1);
		mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	@DisplayName("等级保护: 并发猜测也只检查5次密码")
	void parallelGuessesCannotSlipUnderTheLimit() throws Exception {
		String username = newAccount(false);
		var pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				boolean right = i == 15;
				answers.add(pool.submit(() -> mvc.perform(formLogin("/login").user(username)
					.password(right ? PASSWORD : "wrong-password")).andReturn().getResponse().getRedirectedUrl()));
			}
			for (var answer : answers) {
				answer.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		long checked = jdbc.sql("""
				select coalesce(sum(occurrences), 0) from audit_event where actor = ? and action in ('login.success', 'login.failure')
				and summary <> '账号已锁定'""").param(username).query(Long.class).single();
		assertThat(checked).as("passwords actually checked").isLessThanOrEqualTo(5);
		assertThat(jdbc.sql("select locked_until > now() from account where username = ?").param(username)
			.query(Boolean.class).single()).isTrue();
		// and nobody else waited for a database connection meanwhile
		mvc.perform(get("/api/v1/me").with(login("admin"))).andExpect(status().isOk());
	}

	@Test
	void changingTheOwnPasswordEndsTheOtherSessions() throws Exception {
		String username = newAccount(false);
		var phone = login(username, PASSWORD);
		var desk = login(username, PASSWORD);
		mvc.perform(post("/account/password").with(desk).with(csrf())
				.param("currentPassword", PASSWORD).param("newPassword", "Another#2026").param("confirmPassword", "Another#2026"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/api/v1/me").with(desk)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/me").with(phone)).andExpect(status().isUnauthorized());
	}

	@Test
	void overlongPasswordsAreRefusedPolitely() throws Exception {
		String username = newAccount(true);
		var session = login(username, PASSWORD);
		mvc.perform(post("/account/password").with(session).with(csrf())
				.param("currentPassword", PASSWORD).param("newPassword", "Aa1@" + "x".repeat(80))
				.param("confirmPassword", "Aa1@" + "x".repeat(80)))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("密码过长")));
	}

	@Test
	@DisplayName("等级保护: 锁定期满后可以再次登录，失败计数清零")
	void theLockEndsAfterItsPeriod() throws Exception {
		String username = newAccount(false);
		for (int i = 0; i < 5; i++) {
			failLogin(username);
		}
		mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
		// the 15 minutes have passed
		jdbc.sql("update account set locked_until = now() - interval '1 second' where username = ?").param(username).update();
		login(username, PASSWORD);
		assertThat(jdbc.sql("select failed_attempts from account where username = ?").param(username)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aSuccessfulSignInResetsTheCount() throws Exception {
		String username = newAccount(false);
		for (int i = 0; i < 4; i++) {
			failLogin(username);
		}
		login(username, PASSWORD);
		for (int i = 0; i < 4; i++) {
			failLogin(username);
		}
		login(username, PASSWORD);
	}

	@Test
	void unknownUsersGetTheSameAnswerAndAreAudited() throws Exception {
		mvc.perform(formLogin("/login").user("nobody-here").password("x")).andExpect(redirectedUrl("/login?error"));
		assertThat(auditCount("login.failure", "nobody-here")).isPositive();
	}

	@Test
	@DisplayName("管理员创建的账号首次登录必须修改初始密码")
	void accountsCreatedByAnAdministratorMustChangeThePasswordFirst() throws Exception {
		var secadmin = login("secadmin");
		String username = unique("new").toLowerCase();
		var created = mvc.perform(post("/accounts").with(secadmin).with(csrf())
				.param("username", username).param("displayName", "新同志").param("initialPassword", "")
				.param("role", "MEMBER").param("organizationId", Long.toString(orgId("SFDX-JSJ-03"))))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String oneTime = (String) created.getFlashMap().get("oneTimePassword");
		assertThat(oneTime).hasSizeGreaterThanOrEqualTo(8);

		RequestPostProcessor session = login(username, oneTime);
		mvc.perform(get("/").with(session)).andExpect(redirectedUrl("/account/password"));
		mvc.perform(get("/organizations").with(session)).andExpect(redirectedUrl("/account/password"));
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isForbidden());

		mvc.perform(post("/account/password").with(session).with(csrf())
				.param("currentPassword", oneTime).param("newPassword", "Fresh#2026pw").param("confirmPassword", "Fresh#2026pw"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/").with(session)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isOk());
		login(username, "Fresh#2026pw");
		assertThat(auditCount("account.activate", username)).isEqualTo(1);
	}

	@Test
	@DisplayName("等级保护: 密码至少8位且包含大写、小写、数字、符号中的3类")
	void passwordPolicyIsExplainedBesideTheField() throws Exception {
		String username = newAccount(true);
		RequestPostProcessor session = login(username, PASSWORD);
		record Case(String next, String confirm, String message) {
		}
		for (Case c : List.of(new Case("Ab1!", "Ab1!", "密码至少需要 8 位"),
				new Case("abcdefgh12", "abcdefgh12", "密码需包含大写字母、小写字母、数字、符号中的至少 3 类"),
				new Case("Abcdefgh12", "Abcdefgh13", "两次输入的新密码不一致"),
				new Case(PASSWORD, PASSWORD, "新密码不能与当前密码相同"))) {
			mvc.perform(post("/account/password").with(session).with(csrf())
					.param("currentPassword", PASSWORD).param("newPassword", c.next()).param("confirmPassword", c.confirm()))
				.andExpect(status().isOk())
				.andExpect(content().string(Matchers.containsString(c.message())));
		}
		mvc.perform(post("/account/password").with(session).with(csrf())
				.param("currentPassword", "not-it").param("newPassword", "Abcdefgh12").param("confirmPassword", "Abcdefgh12"))
			.andExpect(content().string(Matchers.containsString("当前密码不正确")));
		// nothing changed: the old password still signs in
		login(username, PASSWORD);
	}

	@Test
	void requestsWithoutTheCsrfTokenAreRefused() throws Exception {
		mvc.perform(post("/login").param("username", "admin").param("password", DEMO_PASSWORD))
			.andExpect(status().isForbidden());
		var admin = login("admin");
		mvc.perform(post("/account/password").with(admin).param("currentPassword", DEMO_PASSWORD)
				.param("newPassword", "Whatever#2026").param("confirmPassword", "Whatever#2026"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/organizations").with(admin).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		login("admin");
	}

	@Test
	void sessionsExpireAfterThirtyIdleMinutesAndLogoutEndsThem() throws Exception {
		String username = newAccount(false);
		var session = login(username, PASSWORD);
		assertThat(jdbc.sql("select max(max_inactive_interval) from spring_session where principal_name = ?")
			.param(username).query(Integer.class).single()).isEqualTo(30 * 60);
		mvc.perform(post("/logout").with(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isUnauthorized());
	}

	@Test
	void pagesCarryTheCsrfMetaTagsAndStrictSecurityHeaders() throws Exception {
		var result = mvc.perform(get("/").with(login("admin"))).andExpect(status().isOk()).andReturn();
		String html = result.getResponse().getContentAsString();
		assertThat(html).containsPattern("<meta name=\"_csrf\" content=\"[^\"]+\">")
			.contains("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">")
			.doesNotContain("<script>")
			.doesNotContain(" style=\"");
		String csp = result.getResponse().getHeader("Content-Security-Policy");
		// no inline script or style element anywhere; only style attributes (sanitised articles keep their formatting)
		assertThat(csp).contains("script-src 'self'");
		assertThat(java.util.Arrays.stream(csp.split(";")).map(String::strip).filter(d -> d.contains("unsafe")))
			.containsExactly("style-src-attr 'unsafe-inline'");
		assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(result.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(result.getResponse().getHeader("Referrer-Policy")).isEqualTo("same-origin");
		mvc.perform(get("/login")).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("name=\"_csrf\"")));
	}
}
