package cn.partybuilding.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PublicEndpoints;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The second factor switched on (the one extra context of these tests): an administrator signed in with the
 * password alone reaches no page and no API — every GET mapping of the platform is tried — until they enrol and
 * give a code; recovery codes work once; a code does not work twice; a remembered device passes until it expires;
 * wrong codes lock the account.
 */
@TestPropertySource(properties = "party.security.second-factor.required=true")
class SecondFactorTest extends PlatformTest {

	static final String PASSWORD = "Good#Pass2026";

	@Autowired
	AccountManagement accounts;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	List<PublicEndpoints> publicEndpoints;

	/** A 党委 administrator of the demo school, made for one test (no demo account is locked or enrolled). */
	String newAdministrator() {
		String username = unique("tfa").toLowerCase();
		long school = jdbc.sql("""
				select g.organization_id from account_grant g join account a on a.id = g.account_id
				where a.username = 'admin' and g.role = 'COMMITTEE_ADMIN'""").query(Long.class).single();
		accounts.openPrepared(username, "测试管理员", PASSWORD, false, List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, school)));
		return username;
	}

	long accountId(String username) {
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	String secret(String username) {
		return jdbc.sql("select secret from account_second_factor where account_id = ?").param(accountId(username))
			.query(String.class).single();
	}

	static long now() {
		return Totp.step(Instant.now().getEpochSecond());
	}

	static RequestPostProcessor with(RequestPostProcessor session, Cookie cookie) {
		return request -> {
			session.postProcessRequest(request);
			Cookie[] old = request.getCookies() == null ? new Cookie[0] : request.getCookies();
			Cookie[] all = java.util.Arrays.copyOf(old, old.length + 1);
			all[old.length] = cookie;
			request.setCookies(all);
			return request;
		};
	}

	/** Enrols the account: the page shows the secret, the first code confirms it; the recovery codes come back. */
	List<String> enrol(String username, RequestPostProcessor session) throws Exception {
		mvc.perform(get("/account/second-factor").with(session)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("second-factor-qr")));
		String secret = secret(username);
		MvcResult result = mvc.perform(post("/account/second-factor/enrol").with(session).with(csrf())
				.param("code", Totp.code(secret, now())))
			.andExpect(status().isOk())
			.andReturn();
		String page = result.getResponse().getContentAsString();
		List<String> codes = new ArrayList<>();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile(">([a-z2-9]{5}-[a-z2-9]{5})<").matcher(page);
		while (m.find()) {
			codes.add(m.group(1));
		}
		assertThat(codes).hasSize(10);
		assertThat(jdbc.sql("select count(*) from account_recovery_code where account_id = ? and code_hash not like '%-%'")
			.param(accountId(username)).query(Integer.class).single()).isEqualTo(10);
		assertThat(auditCount("second-factor.enrol", username)).isEqualTo(1);
		return codes;
	}

	@Test
	@DisplayName("等级保护: 仅凭密码的管理员访问任何页面或接口都被拦下（枚举全部 GET 映射）")
	void anAdministratorWithThePasswordAloneReachesNoPageAndNoApi() throws Exception {
		String username = newAdministrator();
		RequestPostProcessor session = login(username, PASSWORD);
		PathPatternParser parser = new PathPatternParser();
		var open = publicEndpoints.stream().flatMap(p -> p.paths().stream()).map(parser::parse).toList();
		Set<String> tried = new TreeSet<>();
		List<String> reached = new ArrayList<>();
		for (var info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (!methods.isEmpty() && !methods.contains(RequestMethod.GET) || info.getPathPatternsCondition() == null) {
				continue;
			}
			for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]*}", "1").replace("**", "x").replace("*", "x");
				boolean isOpen = path.equals("/login") || path.equals("/error") || path.startsWith("/account/second-factor")
						|| open.stream().anyMatch(p -> p.matches(org.springframework.http.server.PathContainer.parsePath(path)));
				if (isOpen || !tried.add(path)) {
					continue;
				}
				MvcResult result = mvc.perform(get(path).with(session)).andReturn();
				int status = result.getResponse().getStatus();
				boolean stopped = path.startsWith("/api/")
						? status == 401 && result.getResponse().getContentAsString().contains("第二因素")
						: status == 302 && "/account/second-factor".equals(result.getResponse().getRedirectedUrl());
				if (!stopped) {
					reached.add(path + " → " + status);
				}
			}
		}
		System.out.println("second factor: " + tried.size() + " GET paths tried, none reached");
		assertThat(reached).as("reached without the second factor").isEmpty();
		assertThat(tried).as("GET mappings tried").hasSizeGreaterThan(150)
			.contains("/", "/api/v1/me", "/me", "/accounts", "/api/v1/members");
		// writes too: the answer is the second factor, not the handler
		mvc.perform(post("/api/v1/me/sessions/sign-out-others").with(session).with(csrf()))
			.andExpect(status().isUnauthorized());
		// the page asks for enrolment; a member is not asked at all
		mvc.perform(get("/account/second-factor").with(session)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("second-factor-secret")));
		mvc.perform(get("/").with(login("member1"))).andExpect(status().isOk());
		mvc.perform(get("/login")).andExpect(content().string(org.hamcrest.Matchers.not(
				org.hamcrest.Matchers.containsString("second-factor-waived"))));
	}

	@Test
	@DisplayName("绑定动态口令后凭口令进入；同一口令不能再用；恢复码只能用一次")
	void enrolThenCodesRecoveryCodesOnceAndNoReplay() throws Exception {
		String username = newAdministrator();
		RequestPostProcessor session = login(username, PASSWORD);
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isUnauthorized());
		List<String> recovery = enrol(username, session);
		// the factor given, the session goes on under a new id: the old one is no more
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isUnauthorized());

		// a new sign-in: a code from the app lets in, the same code a second time does not
		String secret = secret(username);
		String next = Totp.code(secret, now() + 1);
		RequestPostProcessor second = login(username, PASSWORD);
		MvcResult passed = mvc.perform(post("/account/second-factor").with(second).with(csrf()).param("code", next))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		mvc.perform(get("/api/v1/me").with(sessionOf(passed))).andExpect(status().isOk());
		RequestPostProcessor third = login(username, PASSWORD);
		mvc.perform(post("/account/second-factor").with(third).with(csrf()).param("code", next))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("second-factor-error")));
		assertThat(jdbc.sql("select summary from audit_event where actor = ? and action = 'second-factor.failure' order by id desc limit 1")
			.param(username).query(String.class).single()).contains("重放");

		// a recovery code lets in once
		MvcResult byRecovery = mvc.perform(post("/account/second-factor").with(third).with(csrf())
				.param("code", recovery.get(3).toUpperCase()))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		mvc.perform(get("/me").with(sessionOf(byRecovery))).andExpect(status().isOk());
		assertThat(auditCount("second-factor.recovery-code", username)).isEqualTo(1);
		RequestPostProcessor fourth = login(username, PASSWORD);
		mvc.perform(post("/account/second-factor").with(fourth).with(csrf()).param("code", recovery.get(3)))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/me").with(fourth)).andExpect(status().isUnauthorized());
		// the wrong codes counted towards the lockout, a good code set the count back, a good password does not
		assertThat(jdbc.sql("select failures from account_second_factor where account_id = ?").param(accountId(username))
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	@DisplayName("记住此设备：签名的 cookie 免口令，过期或重置后失效")
	void aRememberedDevicePassesUntilItExpires() throws Exception {
		String username = newAdministrator();
		RequestPostProcessor session = login(username, PASSWORD);
		enrol(username, session);
		RequestPostProcessor second = login(username, PASSWORD);
		MvcResult passed = mvc.perform(post("/account/second-factor").with(second).with(csrf())
				.param("code", Totp.code(secret(username), now() + 1)).param("remember", "true"))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		Cookie device = passed.getResponse().getCookie(SecondFactorGate.DEVICE_COOKIE);
		assertThat(device).isNotNull();
		assertThat(device.isHttpOnly()).isTrue();
		assertThat(device.getMaxAge()).isEqualTo(30 * 24 * 3600);
		assertThat(jdbc.sql("select token_hash from account_remembered_device where account_id = ?")
			.param(accountId(username)).query(String.class).single()).doesNotContain(device.getValue().split("\\.")[1]);

		// the next sign-in on this device needs no code
		mvc.perform(get("/api/v1/me").with(with(login(username, PASSWORD), device))).andExpect(status().isOk());
		// a forged signature, or another account's cookie, is no device
		Cookie forged = new Cookie(SecondFactorGate.DEVICE_COOKIE, device.getValue().substring(0, device.getValue().length() - 2) + "AA");
		mvc.perform(get("/api/v1/me").with(with(login(username, PASSWORD), forged))).andExpect(status().isUnauthorized());
		// once expired it asks again
		jdbc.sql("update account_remembered_device set expires_at = now() - interval '1 second' where account_id = ?")
			.param(accountId(username)).update();
		mvc.perform(get("/api/v1/me").with(with(login(username, PASSWORD), device))).andExpect(status().isUnauthorized());
	}

	@Test
	@DisplayName("动态口令连续错误计入登录失败并锁定账号，会话结束")
	void wrongCodesLockTheAccount() throws Exception {
		String username = newAdministrator();
		enrol(username, login(username, PASSWORD));
		RequestPostProcessor session = login(username, PASSWORD);
		String secret = secret(username);
		Set<String> valid = Set.of(Totp.code(secret, now() - 1), Totp.code(secret, now()), Totp.code(secret, now() + 1),
				Totp.code(secret, now() + 2));
		String wrong = valid.contains("000000") ? "111111" : "000000";
		for (int i = 0; i < 4; i++) {
			// signing in again with the good password gives no fresh guesses
			session = i == 2 ? login(username, PASSWORD) : session;
			mvc.perform(post("/account/second-factor").with(session).with(csrf()).param("code", wrong))
				.andExpect(status().isOk());
		}
		mvc.perform(post("/account/second-factor").with(session).with(csrf()).param("code", wrong))
			.andExpect(redirectedUrl("/login?error"));
		assertThat(auditCount("login.lockout", username)).isEqualTo(1);
		assertThat(auditCount("second-factor.failure", username)).isEqualTo(5);
		mvc.perform(get("/api/v1/me").with(session)).andExpect(status().isUnauthorized());
		mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	@DisplayName("RFC 6238 附录 B 的测试向量（SHA-1，8 位）")
	void rfc6238KnownAnswers() {
		byte[] key = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		assertThat(Totp.code(key, 59 / 30, 8, "HmacSHA1")).isEqualTo("94287082");
		assertThat(Totp.code(key, 1111111109L / 30, 8, "HmacSHA1")).isEqualTo("07081804");
		assertThat(Totp.code(key, 1234567890L / 30, 8, "HmacSHA1")).isEqualTo("89005924");
		assertThat(Totp.code(key, 20000000000L / 30, 8, "HmacSHA1")).isEqualTo("65353130");
		assertThat(Totp.decode(Totp.base32(key))).isEqualTo(key);
	}
}
