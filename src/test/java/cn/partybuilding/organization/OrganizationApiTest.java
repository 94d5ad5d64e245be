package cn.partybuilding.organization;

import java.time.LocalDate;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import cn.partybuilding.shared.PlatformZone;

class OrganizationApiTest extends PlatformTest {

	@Autowired
	OrganizationScope scope;

	RequestPostProcessor admin;

	long school;

	@BeforeEach
	void signIn() throws Exception {
		admin = login("admin");
		school = orgId("SFDX");
	}

	long create(long parentId, String code, String name, String type) throws Exception {
		String body = mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"parentId": %d, "code": "%s", "name": "%s", "type": "%s"}""".formatted(parentId, code, name, type)))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.type").value(type))
			.andReturn().getResponse().getContentAsString();
		return orgId(code);
	}

	@Test
	void createsAnOrganizationThatThenAppearsInTheTree() throws Exception {
		String code = unique("T-");
		long college = create(school, code, "测试学院党委" + code, "GENERAL_BRANCH");
		long branch = create(college, code + "-1", "测试党支部", "BRANCH");

		mvc.perform(get("/api/v1/organizations/{id}", branch).with(admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parentId").value(college))
			// the school's administrator sees the path from the province's 教育工委 (not a link they may open)
			.andExpect(jsonPath("$.path[0].code").value("JYGW"))
			.andExpect(jsonPath("$.path[1].code").value("SFDX"));
		assertThat(scope.contains(school, branch)).isTrue();
		assertThat(scope.subtree(college)).containsExactlyInAnyOrder(college, branch);
		assertThat(auditCount("organization.create", "admin")).isPositive();
	}

	@Test
	void invalidInputAnswers400WithChineseMessagesPerField() throws Exception {
		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"parentId": %d, "code": "", "name": "x", "type": "BRANCH"}""".formatted(school)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"))
			.andExpect(jsonPath("$.errors[0].message").value("请填写组织编码"));

		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"parentId": %d, "code": "SFDX-JSJ", "name": "重复", "type": "GENERAL_BRANCH"}""".formatted(school)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"))
			.andExpect(jsonPath("$.errors[0].message").value("组织编码“SFDX-JSJ”已被使用（含已撤销的组织）"));

		// a group may only hang under a branch
		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"parentId": %d, "code": "%s", "name": "小组", "type": "GROUP"}""".formatted(school, unique("G-"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("type"));

		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"parentId": %d, "code": "X1", "name": "x", "type": "NOPE"}""".formatted(school)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("请求有误，请检查后重试"))
			.andExpect(jsonPath("$.errors[0].field").value("type"));
	}

	@Test
	void writeWithoutCsrfTokenIsRefused() throws Exception {
		String code = unique("C-");
		mvc.perform(post("/api/v1/organizations").with(admin)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"parentId": %d, "code": "%s", "name": "无令牌", "type": "GENERAL_BRANCH"}""".formatted(school, code)))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from organization where code = ?").param(code).query(Long.class).single())
			.isZero();
	}

	@Test
	void renamesReordersAndMovesASubtree() throws Exception {
		String code = unique("M-");
		long a = create(school, code + "A", "甲学院" + code, "GENERAL_BRANCH");
		long b = create(school, code + "B", "乙学院" + code, "GENERAL_BRANCH");
		long branch = create(a, code + "A1", "第一党支部", "BRANCH");
		long group = create(branch, code + "A1G", "第一党小组", "GROUP");

		mvc.perform(patch("/api/v1/organizations/{id}", branch).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"改名党支部\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("改名党支部"));

		mvc.perform(patch("/api/v1/organizations/{id}", branch).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"parentId\": %d}".formatted(b)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parentId").value(b));

		assertThat(scope.contains(b, group)).as("the group moved along with its branch").isTrue();
		assertThat(scope.contains(a, group)).isFalse();
		assertThat(scope.subtree(b)).containsExactlyInAnyOrder(b, branch, group);
		String groupPath = jdbc.sql("select path from organization where id = ?").param(group).query(String.class).single();
		assertThat(groupPath).isEqualTo("/" + orgId("JYGW") + "/" + school + "/" + b + "/" + branch + "/" + group + "/");

		// a node cannot move into its own subtree
		mvc.perform(patch("/api/v1/organizations/{id}", b).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"parentId\": %d}".formatted(branch)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("parentId"));

		mvc.perform(patch("/api/v1/organizations/{id}", a).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"sortOrder\": 1}"))
			.andExpect(status().isOk());
		assertThat(auditCount("organization.move", "admin")).isPositive();
		assertThat(auditCount("organization.rename", "admin")).isPositive();
	}

	@Test
	void dissolveIsRefusedWhileSomethingHangsThere() throws Exception {
		String code = unique("D-");
		long college = create(school, code, "待撤销学院" + code, "GENERAL_BRANCH");
		long branch = create(college, code + "-1", "待撤销党支部", "BRANCH");

		mvc.perform(delete("/api/v1/organizations/{id}", college).with(admin).with(csrf().asHeader()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("该组织还有 1 个下级组织，请先撤销或调整下级组织"));

		// a role granted at the branch also blocks it
		long secadmin = jdbc.sql("select id from account where username = 'secadmin'").query(Long.class).single();
		jdbc.sql("insert into account_grant (account_id, role, organization_id) values (?, 'AUDITOR', ?)")
			.params(List.of(secadmin, branch)).update();
		mvc.perform(delete("/api/v1/organizations/{id}", branch).with(admin).with(csrf().asHeader()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("账号角色")));
		jdbc.sql("delete from account_grant where organization_id = ?").param(branch).update();

		mvc.perform(delete("/api/v1/organizations/{id}", branch).with(admin).with(csrf().asHeader()))
			.andExpect(status().isNoContent());
		mvc.perform(delete("/api/v1/organizations/{id}", college).with(admin).with(csrf().asHeader()))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/organizations/{id}", college).with(admin)).andExpect(status().isNotFound());
		assertThat(auditCount("organization.dissolve", "admin")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void committeeTermWarningsAppearOnTheOrganization() throws Exception {
		long soon = create(orgId("SFDX-JSJ"), unique("W-"), "任期将满党支部", "BRANCH");
		String start = LocalDate.now(PlatformZone.ZONE).minusYears(3).plusDays(30).toString();
		mvc.perform(post("/api/v1/organizations/{id}/committee", soon).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"position": "SECRETARY", "holderName": "钱七", "termStart": "%s"}""".formatted(start)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.committee[0].termEnd").value(LocalDate.parse(start).plusYears(3).toString()))
			.andExpect(jsonPath("$.warnings", hasItem(Matchers.startsWith("支委会任期将于"))));

		long branch = create(orgId("SFDX-JSJ"), unique("W-"), "换届测试党支部", "BRANCH");
		mvc.perform(post("/api/v1/organizations/{id}/committee", branch).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"position": "SECRETARY", "holderName": "李四", "termStart": "2020-01-01", "termEnd": "2023-01-01"}"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.warnings[0]").value("支委会任期已于 2023-01-01 届满，请及时换届"));

		mvc.perform(post("/api/v1/organizations/{id}/committee", branch).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"position": "SECRETARY", "holderName": "王五", "termStart": "2022-01-01"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("该职务在这段任期内已有人担任"));

		mvc.perform(post("/api/v1/organizations/{id}/committee", branch).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"position": "ORGANIZATION", "holderName": "赵六", "termStart": "2026-01-01", "dualLeader": true}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("dualLeader"));
	}

	@Test
	void openApiDescriptionIsServed() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/organizations']").exists());
	}
}
