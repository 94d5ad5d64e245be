package cn.partybuilding.account;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * 我的会话 (own sessions only, sign out one or the others), the previous sign-in shown, the administrators'
 * shorter idle timeout, the demo's sign-in page, and the second-person reset of a second factor (the demo's
 * default context: the requirement is off, so the demo's administrators sign in with the password alone).
 */
class SessionsAndFactorResetTest extends PlatformTest {

	static final String PASSWORD = "Good#Pass2026";

	@Autowired
	AccountManagement accounts;

	String newAccount(Role role, String orgCode) {
		String username = unique("ses").toLowerCase();
		accounts.openPrepared(username, "会话测试", PASSWORD, false, List.of(new Caller.Grant(role, orgId(orgCode))));
		return username;
	}

	long accountId(String username) {
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	@Test
	@DisplayName("示范环境：管理员仅凭密码登录，登录页说明第二因素已关闭")
	void theDemoSignsInWithThePasswordAloneAndSaysSo() throws Exception {
		mvc.perform(get("/login")).andExpect(content().string(containsString("second-factor-waived")))
			.andExpect(content().string(containsString("示范环境")));
		mvc.perform(get("/api/v1/me").with(login("secadmin"))).andExpect(status().isOk());
		mvc.perform(get("/account/second-factor").with(login("admin")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));
	}

	@Test
	@DisplayName("我的会话：只列本人会话，可退出其中一个或其他全部；他人的会话 404")
	void mySessionsListEndOneAndSignOutOthers() throws Exception {
		String username = newAccount(Role.MEMBER, "SFDX-JSJ-01");
		RequestPostProcessor first = login(username, PASSWORD);
		RequestPostProcessor second = login(username, PASSWORD);
		RequestPostProcessor third = login(username, PASSWORD);
		String body = mvc.perform(get("/api/v1/me/sessions").with(third))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[0].current").value(true))
			.andExpect(jsonPath("$[1].current").value(false))
			.andExpect(jsonPath("$[0].address").value("127.0.0.1"))
			.andReturn().getResponse().getContentAsString();
		String other = JsonPath.read(body, "$[1].id");
		assertThat(other).doesNotContain("-");

		// someone else's session cannot be named: 404 (and audited)
		String stranger = newAccount(Role.MEMBER, "SFDX-JX-01");
		mvc.perform(delete("/api/v1/me/sessions/" + other).with(login(stranger, PASSWORD)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me/sessions").with(third)).andExpect(jsonPath("$.length()").value(3));

		mvc.perform(delete("/api/v1/me/sessions/" + other).with(third).with(csrf())).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/me/sessions").with(third)).andExpect(jsonPath("$.length()").value(2));
		mvc.perform(post("/api/v1/me/sessions/sign-out-others").with(third).with(csrf()))
			.andExpect(jsonPath("$.ended").value(1));
		mvc.perform(get("/api/v1/me").with(first)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/me").with(second)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/me").with(third)).andExpect(status().isOk());
		assertThat(auditCount("account.session.end", username)).isEqualTo(1);
		assertThat(auditCount("account.session.end-others", username)).isEqualTo(1);

		assertThat(Devices.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36"))
			.isEqualTo("Chrome · Windows");
		assertThat(Devices.describe("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile MicroMessenger/8.0"))
			.isEqualTo("微信 · Android");

		// the page: the present session marked, the previous sign-in above
		mvc.perform(get("/me/sessions").with(third)).andExpect(status().isOk())
			.andExpect(content().string(containsString("上次登录")))
			.andExpect(content().string(containsString("127.0.0.1")));
	}

	@Test
	@DisplayName("登录后显示上次登录的时间与地址")
	void thePreviousSignInIsShownAfterSignIn() throws Exception {
		String username = newAccount(Role.BRANCH_COMMITTEE, "SFDX-JSJ-01");
		mvc.perform(get("/me").with(login(username, PASSWORD))).andExpect(status().isOk())
			.andExpect(content().string(containsString("这是您的首次登录")));
		jdbc.sql("update account set last_sign_in_from = '10.0.0.5' where username = ?").param(username).update();
		mvc.perform(get("/me").with(login(username, PASSWORD))).andExpect(status().isOk())
			.andExpect(content().string(containsString("来自 10.0.0.5")));
	}

	@Test
	@DisplayName("管理员会话的空闲超时更短（15 分钟），其他人 30 分钟")
	void administratorsSessionsIdleOutSooner() throws Exception {
		login("auditor");
		login("branch1");
		assertThat(jdbc.sql("select max(max_inactive_interval) from spring_session where principal_name = 'auditor'")
			.query(Integer.class).single()).isEqualTo(15 * 60);
		assertThat(jdbc.sql("select min(max_inactive_interval) from spring_session where principal_name = 'branch1'")
			.query(Integer.class).single()).isEqualTo(30 * 60);
	}

	@Test
	@DisplayName("第二因素重置：安全管理员申请，确认人确认后才生效；拒绝则不变；本人申请者不能确认")
	void aResetWaitsForTheSecondPerson() throws Exception {
		String username = newAccount(Role.GENERAL_BRANCH_ADMIN, "SFDX-JSJ");
		long id = accountId(username);
		jdbc.sql("insert into account_second_factor (account_id, secret, confirmed_at, last_step) values (?, ?, now(), 0)")
			.params(id, Totp.newSecret()).update();
		jdbc.sql("insert into account_remembered_device (account_id, token_hash, expires_at) values (?, 'x' || ?, now() + interval '1 day')")
			.params(id, unique("")).update();
		var secadmin = login("secadmin");

		// a reason is required; only the security administrator requests
		mvc.perform(post("/api/v1/accounts/" + id + "/second-factor/reset").with(secadmin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/accounts/" + id + "/second-factor/reset").with(login("sysadmin")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"手机丢失\"}"))
			.andExpect(status().isForbidden());
		MvcResult requested = mvc.perform(post("/api/v1/accounts/" + id + "/second-factor/reset").with(secadmin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"手机丢失\"}"))
			.andExpect(status().isOk()).andReturn();
		long resetId = ((Number) JsonPath.read(requested.getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounts/" + id + "/second-factor/reset").with(secadmin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"再次\"}"))
			.andExpect(status().isConflict());

		// nothing changes until confirmed; the secretary of a branch is no confirmer, the security administrator neither
		assertThat(jdbc.sql("select count(*) from account_second_factor where account_id = ?").param(id)
			.query(Integer.class).single()).isEqualTo(1);
		mvc.perform(post("/api/v1/second-factor-resets/" + resetId + "/confirm").with(login("branch1")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/second-factor-resets/" + resetId + "/confirm").with(secadmin).with(csrf()))
			.andExpect(status().isForbidden());

		var admin = login("admin");
		mvc.perform(get("/api/v1/second-factor-resets").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(containsString("\"username\":\"" + username + "\"")));
		mvc.perform(get("/account-confirmations").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(containsString("手机丢失")));
		mvc.perform(post("/api/v1/second-factor-resets/" + resetId + "/confirm").with(admin).with(csrf()))
			.andExpect(status().isNoContent());
		assertThat(jdbc.sql("select count(*) from account_second_factor where account_id = ?").param(id)
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from account_remembered_device where account_id = ?").param(id)
			.query(Integer.class).single()).isZero();
		mvc.perform(post("/api/v1/second-factor-resets/" + resetId + "/confirm").with(admin).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(auditCount("account.second-factor.reset-request", "secadmin")).isPositive();
		assertThat(auditCount("account.second-factor.reset-confirm", "admin")).isPositive();

		// an account without a factor cannot be reset; a refusal changes nothing
		mvc.perform(post("/api/v1/accounts/" + id + "/second-factor/reset").with(secadmin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"手机丢失\"}"))
			.andExpect(status().isBadRequest());
		jdbc.sql("insert into account_second_factor (account_id, secret, confirmed_at, last_step) values (?, ?, now(), 0)")
			.params(id, Totp.newSecret()).update();
		long second = ((Number) JsonPath.read(mvc.perform(post("/api/v1/accounts/" + id + "/second-factor/reset")
				.with(secadmin).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"误操作\"}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/second-factor-resets/" + second + "/refuse").with(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"本人仍持有手机\"}"))
			.andExpect(status().isNoContent());
		assertThat(jdbc.sql("select count(*) from account_second_factor where account_id = ?").param(id)
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(auditCount("account.second-factor.reset-refuse", "admin")).isPositive();
	}
}
