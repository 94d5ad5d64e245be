package cn.partybuilding;

import java.time.LocalDate;

import jakarta.servlet.http.Cookie;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The pages each role works with render, in Chinese by default and in English on request. */
class WebPagesTest extends PlatformTest {

	@Test
	void eachRoleSeesItsNavigation() throws Exception {
		mvc.perform(get("/").with(login("admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("组织架构")))
			.andExpect(content().string(not(containsString("审计日志"))))
			.andExpect(content().string(containsString("党委管理员")));
		mvc.perform(get("/").with(login("auditor")))
			.andExpect(content().string(containsString("审计日志")))
			.andExpect(content().string(not(containsString("组织架构"))));
		mvc.perform(get("/").with(login("sysadmin")))
			.andExpect(content().string(containsString("系统设置")))
			.andExpect(content().string(containsString("账号与授权")));
	}

	@Test
	void theSystemAdministratorReadsTheSettingsInForce() throws Exception {
		mvc.perform(get("/system/settings").with(login("sysadmin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("party.security.lockout.max-failures")))
			.andExpect(content().string(containsString("连续登录失败锁定次数")));
		mvc.perform(get("/system/settings").with(login("secadmin"))).andExpect(status().isForbidden());
		mvc.perform(get("/system/settings").with(login("admin"))).andExpect(status().isForbidden());
	}

	@Test
	void theBrowsersFaviconRequestFindsTheIcon() throws Exception {
		byte[] icon = mvc.perform(get("/favicon.ico"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		// an ICO file: reserved 0, type 1 (icon), one image
		assertThat(icon).startsWith(0, 0, 1, 0, 1, 0);
	}

	@Test
	void yearsAreShownAsYearsNotAsThousands() throws Exception {
		int year = LocalDate.now(PlatformZone.ZONE).getYear();
		mvc.perform(get("/me/attendance").with(login("member1")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(year + " 年参加组织生活")))
			.andExpect(content().string(Matchers.not(containsString(String.format("%,d", year)))));
	}

	@Test
	void theSettingsPageListsEveryModulesSettingsAndNoSecret() throws Exception {
		String page = mvc.perform(get("/system/settings").with(login("sysadmin")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("党费", "组织关系转接", "组织生活", "party.dues.rounding", "party.transfer.letter-validity-days",
				"party.orglife.frequency.THEME_DAY", "party.member.import.max-rows", "party.public-url",
				"party.dues.sandbox.secret", "party.orglife.checkin-key", "已设置（不显示）");
		// the tests' own secrets are set: their values never reach the page
		assertThat(page).doesNotContain("test-sandbox-secret", "dGVzdC1jaGVja2luLWtleS10ZXN0LWNoZWNraW4ta2V5MTI=");
	}

	@Test
	void organisationPageShowsTreeDetailsAndForms() throws Exception {
		var college1 = login("college1");
		mvc.perform(get("/organizations/{id}", orgId("SFDX-JSJ")).with(college1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("教工第一党支部")))
			.andExpect(content().string(containsString("新建下级组织")))
			.andExpect(content().string(not(containsString("机械工程学院党委"))));
		// an htmx request gets just the details fragment
		mvc.perform(get("/organizations/{id}", orgId("SFDX-JSJ-01")).with(college1).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("org-name")))
			.andExpect(content().string(not(containsString("<html"))));
	}

	@Test
	void aFailedFormComesBackFilledWithTheMessageBesideTheField() throws Exception {
		var admin = login("admin");
		mvc.perform(post("/organizations").with(admin).with(csrf())
				.param("parentId", Long.toString(orgId("SFDX-JSJ"))).param("code", "SFDX-JSJ-01")
				.param("name", "重复编码党支部").param("type", "BRANCH"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("组织编码“SFDX-JSJ-01”已被使用")))
			.andExpect(content().string(containsString("value=\"重复编码党支部\"")))
			.andExpect(content().string(containsString("is-invalid")));
		// and a successful one goes to the new organisation (htmx: a full reload so the tree updates)
		String code = unique("P-");
		mvc.perform(post("/organizations").with(admin).with(csrf()).header("HX-Request", "true")
				.param("parentId", Long.toString(orgId("SFDX-JSJ"))).param("code", code)
				.param("name", "页面新建党支部").param("type", "BRANCH"))
			.andExpect(header().string("HX-Redirect", "/organizations/" + orgId(code)));
		// the page htmx then loads says what happened
		mvc.perform(get("/organizations/{id}", orgId(code)).with(admin))
			.andExpect(content().string(containsString("已新建组织")));
		mvc.perform(get("/organizations/{id}", orgId(code)).with(admin))
			.andExpect(content().string(not(containsString("已新建组织"))));
	}

	@Test
	void englishOnRequestChineseByDefault() throws Exception {
		mvc.perform(get("/login")).andExpect(content().string(containsString("学号 / 工号")));
		var english = mvc.perform(get("/login").param("lang", "en"))
			.andExpect(content().string(containsString("Student / staff number")))
			.andReturn();
		Cookie lang = english.getResponse().getCookie("PARTY_LANG");
		mvc.perform(get("/login").cookie(lang)).andExpect(content().string(containsString("Sign in")));
	}

	@Test
	void accountAdministrationPagesWork() throws Exception {
		var secadmin = login("secadmin");
		mvc.perform(get("/accounts").with(secadmin).param("q", "branch"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("branch1")))
			.andExpect(content().string(not(containsString(">auditor<"))));
		mvc.perform(post("/accounts").with(secadmin).with(csrf())
				.param("username", "x").param("displayName", "").param("initialPassword", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("用户名应为 2–64 位")));
		long branch2 = jdbc.sql("select id from account where username = 'branch2'").query(Long.class).single();
		mvc.perform(get("/accounts/{id}", branch2).with(secadmin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("机械工程学院党委")));
	}

	@Test
	void aFormShowsAllItsMistakesAtOnce() throws Exception {
		mvc.perform(post("/organizations").with(login("admin")).with(csrf())
				.param("parentId", Long.toString(orgId("SFDX-JSJ"))).param("code", "").param("name", ""))
			.andExpect(content().string(containsString("请填写组织编码")))
			.andExpect(content().string(containsString("请填写组织名称")))
			.andExpect(content().string(containsString("请选择组织类别")));
	}

	@Test
	void theOrganisationPageTellsWhatIsPossibleAndWhy() throws Exception {
		var college1 = login("college1");
		String page = mvc.perform(get("/organizations/{id}", orgId("SFDX-JSJ-01")).with(college1))
			.andReturn().getResponse().getContentAsString();
		// the school is shown in the path but not offered as a link college1 cannot open
		assertThat(page).contains("<span>示范大学党委</span>")
			.doesNotContain("href=\"/organizations/" + orgId("SFDX") + "\"")
			// instead of a button that would fail, the page says why it cannot be dissolved
			.containsPattern("暂不能撤销：还有 \\d+ 个下级组织")
			.contains("支部委员会");
		// a role held there is named, with whom to ask
		mvc.perform(get("/organizations/{id}", orgId("SFDX-JX-01")).with(login("admin")))
			.andExpect(content().string(containsString("branch2")))
			.andExpect(content().string(containsString("请联系安全管理员")));
		long branch = orgId("SFDX-JSJ-06");
		mvc.perform(post("/api/v1/organizations/{id}/committee", branch).with(login("admin")).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"position\": \"ORGANIZATION\", \"holderName\": \"钱七\", \"termStart\": \"2099-06-01\"}"))
			.andExpect(status().isCreated())
			.andExpect(MockMvcResultMatchers.jsonPath("$.committee[0].status").value("UPCOMING"));
		mvc.perform(get("/organizations/{id}", branch).with(college1)).andExpect(content().string(containsString("待任")));
	}

	@Test
	void rolesAreGrantedOnlyAtTheirLevel() throws Exception {
		long branch2 = jdbc.sql("select id from account where username = 'branch2'").query(Long.class).single();
		mvc.perform(post("/accounts/{id}/grants", branch2).with(login("secadmin")).with(csrf())
				.param("role", "GENERAL_BRANCH_ADMIN").param("organizationId", Long.toString(orgId("SFDX-JX-02"))))
			.andExpect(content().string(containsString("该角色不适用于所选组织的层级")));
	}

	@Test
	void theAuditLogSpeaksChineseAndErrorPagesSayWhatHappened() throws Exception {
		mvc.perform(get("/audit").with(login("auditor")).param("what", "login."))
			.andExpect(content().string(containsString("登录成功")))
			.andExpect(content().string(not(containsString(">login.success<"))));
		mvc.perform(get("/audit").with(login("auditor")).param("from", "2026-02-01").param("to", "2026-01-01"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("起始日期晚于截止日期")));
		mvc.perform(get("/no-such-page").with(login("admin")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotFound());
	}

	@Test
	void theLanguageSwitchAfterAFailedFormLeadsBackToTheForm() throws Exception {
		long branch2 = jdbc.sql("select id from account where username = 'branch2'").query(Long.class).single();
		mvc.perform(post("/accounts/{id}/grants", branch2).with(login("secadmin")).with(csrf())
				.header("Referer", "http://localhost/accounts/" + branch2).param("role", ""))
			.andExpect(content().string(containsString("href=\"/accounts/" + branch2 + "?lang=en\"")));
	}

	@Test
	void theHomePageListsCommitteesDueForElection() throws Exception {
		var admin = login("admin");
		String code = unique("H-");
		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"parentId\": %d, \"code\": \"%s\", \"name\": \"换届提醒测试党支部\", \"type\": \"BRANCH\"}"
					.formatted(orgId("SFDX-HX"), code)))
			.andExpect(status().isCreated());
		String start = LocalDate.now(PlatformZone.ZONE).minusYears(3).plusDays(20).toString();
		mvc.perform(post("/api/v1/organizations/{id}/committee", orgId(code)).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"position\": \"SECRETARY\", \"holderName\": \"周八\", \"termStart\": \"%s\"}".formatted(start)))
			.andExpect(status().isCreated());
		mvc.perform(get("/").with(admin))
			.andExpect(content().string(containsString("待办提醒")))
			.andExpect(content().string(containsString("换届提醒测试党支部")));
		// a college administrator elsewhere is not bothered with it
		mvc.perform(get("/").with(login("college1")))
			.andExpect(content().string(not(containsString("换届提醒测试党支部"))));
	}
}
