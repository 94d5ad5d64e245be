package cn.partybuilding;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The scope matrix of the four-level account system: for each demo role, what it can list, read and
 * change, and that everything outside its subtree answers 404 (and is audited), on the API and the pages.
 */
class ScopeMatrixTest extends PlatformTest {

	@Autowired
	AccountManagement accounts;

	private int statusOf(RequestPostProcessor who, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(who).with(csrf().asHeader())).andReturn().getResponse().getStatus();
	}

	private static MockHttpServletRequestBuilder createUnder(long parentId, String type) {
		return post("/api/v1/organizations").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"parentId": %d, "code": "%s", "name": "%s", "type": "%s"}""".formatted(parentId,
					unique("S-"), unique("范围测试"), type));
	}

	private static MockHttpServletRequestBuilder rename(long id) {
		return patch("/api/v1/organizations/{id}", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"%s\"}".formatted(unique("改名"))) ;
	}

	private static MockHttpServletRequestBuilder appoint(long id) {
		return post("/api/v1/organizations/{id}/committee", id).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"position": "DISCIPLINE", "holderName": "%s", "termStart": "2031-01-01"}""".formatted(unique("纪委")));
	}

	@Test
	void committeeAdminSeesAndChangesTheWholeSchool() throws Exception {
		var admin = login("admin");
		mvc.perform(get("/api/v1/organizations").with(admin))
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].code").value("SFDX"))
			.andExpect(jsonPath("$[0].children[*].code", Matchers.hasItems("SFDX-JSJ", "SFDX-JX", "SFDX-LTX", "SFDX-ZS01")));
		assertThat(statusOf(admin, get("/api/v1/organizations/{id}", orgId("SFDX-JX-03")))).isEqualTo(200);
		assertThat(statusOf(admin, createUnder(orgId("SFDX-JX"), "BRANCH"))).isEqualTo(201);
		assertThat(statusOf(admin, rename(orgId("SFDX-WY-02")))).isEqualTo(200);
	}

	@Test
	void generalBranchAdminIsConfinedToTheCollege() throws Exception {
		var college1 = login("college1");
		mvc.perform(get("/api/v1/organizations").with(college1))
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].code").value("SFDX-JSJ"));

		assertThat(statusOf(college1, get("/api/v1/organizations/{id}", orgId("SFDX-JSJ-01")))).isEqualTo(200);
		assertThat(statusOf(college1, createUnder(orgId("SFDX-JSJ"), "BRANCH"))).isEqualTo(201);
		assertThat(statusOf(college1, rename(orgId("SFDX-JSJ-04")))).isEqualTo(200);

		// outside the college: the school, a sibling college and its branches do not exist for college1
		for (String code : List.of("SFDX", "SFDX-JX", "SFDX-JX-01")) {
			long id = orgId(code);
			assertThat(statusOf(college1, get("/api/v1/organizations/{id}", id))).as(code).isEqualTo(404);
			assertThat(statusOf(college1, rename(id))).as(code).isEqualTo(404);
			assertThat(statusOf(college1, delete("/api/v1/organizations/{id}", id))).as(code).isEqualTo(404);
			assertThat(statusOf(college1, createUnder(id, "BRANCH"))).as(code).isEqualTo(404);
			assertThat(statusOf(college1, appoint(id))).as(code).isEqualTo(404);
			assertThat(statusOf(college1, get("/organizations/{id}", id))).as(code + " page").isEqualTo(404);
		}
		// moving a branch out of the college, or the college itself, is not theirs to do
		assertThat(statusOf(college1, patch("/api/v1/organizations/{id}", orgId("SFDX-JSJ-05"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"parentId\": %d}".formatted(orgId("SFDX-JX")))))
			.isEqualTo(404);
		assertThat(statusOf(college1, delete("/api/v1/organizations/{id}", orgId("SFDX-JSJ")))).isEqualTo(403);
		assertThat(statusOf(college1, get("/organizations/{id}", orgId("SFDX-JSJ-01")))).isEqualTo(200);

		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'college1' and action = 'access.denied' and entity_id = ?")
			.param(Long.toString(orgId("SFDX-JX-01"))).query(Long.class).single()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void branchSecretarySeesTheBranchAndKeepsItsCommittee() throws Exception {
		var branch1 = login("branch1");
		long own = orgId("SFDX-JSJ-01");
		mvc.perform(get("/api/v1/organizations").with(branch1))
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].code").value("SFDX-JSJ-01"))
			.andExpect(jsonPath("$[0].children[*].code", containsInAnyOrder("SFDX-JSJ-01-G1", "SFDX-JSJ-01-G2")));
		assertThat(statusOf(branch1, get("/api/v1/organizations/{id}", own))).isEqualTo(200);
		assertThat(statusOf(branch1, appoint(own))).isEqualTo(201);
		// the branch's 党小组 are the secretary's to keep; the rest of the tree is the college's to change
		assertThat(statusOf(branch1, createUnder(own, "GROUP"))).isEqualTo(201);
		assertThat(statusOf(branch1, rename(orgId("SFDX-JSJ-01-G2")))).isEqualTo(200);
		assertThat(statusOf(branch1, rename(own))).isEqualTo(403);
		assertThat(statusOf(branch1, delete("/api/v1/organizations/{id}", own))).isEqualTo(403);

		for (String code : List.of("SFDX-JSJ", "SFDX-JSJ-02", "SFDX-JX-01")) {
			assertThat(statusOf(branch1, get("/api/v1/organizations/{id}", orgId(code)))).as(code).isEqualTo(404);
			assertThat(statusOf(branch1, appoint(orgId(code)))).as(code).isEqualTo(404);
		}
	}

	@Test
	void aSecretaryOfAnotherCollegeCannotReachTheFirstBranch() throws Exception {
		var branch2 = login("branch2");
		assertThat(statusOf(branch2, get("/api/v1/organizations/{id}", orgId("SFDX-JX-01")))).isEqualTo(200);
		assertThat(statusOf(branch2, get("/api/v1/organizations/{id}", orgId("SFDX-JSJ-01")))).isEqualTo(404);
		assertThat(statusOf(branch2, get("/organizations/{id}", orgId("SFDX-JSJ-01")))).isEqualTo(404);
	}

	@Test
	void auditorReadsTheAuditLogAndNothingElse() throws Exception {
		var auditor = login("auditor");
		mvc.perform(get("/api/v1/organizations").with(auditor)).andExpect(jsonPath("$", hasSize(0)));
		assertThat(statusOf(auditor, get("/api/v1/organizations/{id}", orgId("SFDX")))).isEqualTo(404);
		assertThat(statusOf(auditor, get("/api/v1/accounts"))).isEqualTo(403);
		assertThat(statusOf(auditor, get("/audit"))).isEqualTo(200);
		assertThat(statusOf(auditor, get("/api/v1/audit-events"))).isEqualTo(200);
	}

	@Test
	void nobodyButTheAuditorReadsTheAuditLog() throws Exception {
		for (String user : List.of("admin", "college1", "branch1", "secadmin", "sysadmin")) {
			var who = login(user);
			assertThat(statusOf(who, get("/audit"))).as(user).isEqualTo(403);
			assertThat(statusOf(who, get("/api/v1/audit-events"))).as(user).isEqualTo(403);
		}
	}

	@Test
	void separatedAdministratorsDoOnlyTheirOwnWork() throws Exception {
		var secadmin = login("secadmin");
		var sysadmin = login("sysadmin");
		long branch1 = jdbc.sql("select id from account where username = 'branch1'").query(Long.class).single();
		// neither works with the organisation tree and what hangs on it (names of committee members …)
		for (var who : List.of(secadmin, sysadmin)) {
			mvc.perform(get("/api/v1/organizations").with(who)).andExpect(jsonPath("$", hasSize(0)));
			assertThat(statusOf(who, get("/api/v1/organizations/{id}", orgId("SFDX-JSJ-01")))).isEqualTo(404);
			assertThat(statusOf(who, createUnder(orgId("SFDX"), "GENERAL_BRANCH"))).isEqualTo(404);
		}
		// both see accounts; only the security administrator grants roles
		assertThat(statusOf(secadmin, get("/api/v1/accounts/{id}", branch1))).isEqualTo(200);
		assertThat(statusOf(sysadmin, get("/api/v1/accounts/{id}", branch1))).isEqualTo(200);
		assertThat(statusOf(sysadmin, post("/accounts/{id}/grants", branch1).param("role", "MEMBER")
			.param("organizationId", Long.toString(orgId("SFDX-JSJ-01"))))).isEqualTo(403);
		assertThat(statusOf(secadmin, post("/accounts/{id}/grants", branch1).param("role", "MEMBER")
			.param("organizationId", Long.toString(orgId("SFDX-JSJ-01"))))).isEqualTo(302);
		// managers of the tree do not manage accounts
		assertThat(statusOf(login("admin"), get("/accounts"))).isEqualTo(403);
	}

	@Test
	void aCollegeSecurityAdministratorSeesOnlyAccountsOfTheCollege() throws Exception {
		String username = unique("sec").toLowerCase();
		accounts.openPrepared(username, "学院安全员", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.SECURITY_ADMIN, orgId("SFDX-JX"))));
		var collegeSec = login(username);
		long branch1 = jdbc.sql("select id from account where username = 'branch1'").query(Long.class).single();
		long branch2 = jdbc.sql("select id from account where username = 'branch2'").query(Long.class).single();
		assertThat(statusOf(collegeSec, get("/api/v1/accounts/{id}", branch2))).isEqualTo(200);
		assertThat(statusOf(collegeSec, get("/api/v1/accounts/{id}", branch1))).isEqualTo(404);
		assertThat(statusOf(collegeSec, get("/accounts/{id}", branch1))).isEqualTo(404);
		assertThat(statusOf(collegeSec, post("/accounts/{id}/grants", branch2).param("role", "MEMBER")
			.param("organizationId", Long.toString(orgId("SFDX-JSJ-01"))))).isEqualTo(404);
		mvc.perform(get("/api/v1/accounts").with(collegeSec).param("q", "branch"))
			.andExpect(jsonPath("$.content[?(@.username == 'branch1')]").isEmpty())
			.andExpect(jsonPath("$.content[?(@.username == 'branch2')]").isNotEmpty());
	}

	@Test
	void committeeMembersMembersAndApplicantsOnlyReadTheirBranch() throws Exception {
		long own = orgId("SFDX-JSJ-02");
		for (Role role : List.of(Role.BRANCH_COMMITTEE, Role.MEMBER, Role.APPLICANT)) {
			String username = unique(role.name().toLowerCase().replace("_", "")).toLowerCase();
			accounts.openPrepared(username, "角色测试", DEMO_PASSWORD, false, List.of(new Caller.Grant(role, own)));
			var who = login(username);
			mvc.perform(get("/api/v1/organizations").with(who))
				.andExpect(jsonPath("$", hasSize(1)))
				.andExpect(jsonPath("$[0].code").value("SFDX-JSJ-02"));
			assertThat(statusOf(who, get("/api/v1/organizations/{id}", own))).as(role.name()).isEqualTo(200);
			assertThat(statusOf(who, rename(own))).as(role.name()).isEqualTo(403);
			assertThat(statusOf(who, appoint(own))).as(role.name()).isEqualTo(403);
			assertThat(statusOf(who, createUnder(own, "GROUP"))).as(role.name()).isEqualTo(403);
			assertThat(statusOf(who, get("/api/v1/organizations/{id}", orgId("SFDX-JSJ-01")))).as(role.name()).isEqualTo(404);
			assertThat(statusOf(who, get("/api/v1/organizations/{id}", orgId("SFDX-JSJ")))).as(role.name()).isEqualTo(404);
			assertThat(statusOf(who, get("/api/v1/accounts"))).as(role.name()).isEqualTo(403);
			assertThat(statusOf(who, get("/audit"))).as(role.name()).isEqualTo(403);
		}
	}

	@Test
	void anonymousCallersAreSentToTheLoginOrRefused() throws Exception {
		mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/organizations")).andExpect(status().isUnauthorized());
		mvc.perform(get("/organizations").accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/audit").accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void meDescribesTheCallerAndTheirGrants() throws Exception {
		mvc.perform(get("/api/v1/me").with(login("college1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("college1"))
			.andExpect(jsonPath("$.displayName").value("李明"))
			.andExpect(jsonPath("$.grants[0].role").value("GENERAL_BRANCH_ADMIN"))
			.andExpect(jsonPath("$.grants[0].organizationId").value(orgId("SFDX-JSJ")))
			.andExpect(jsonPath("$.grants[0].organizationName").value("计算机科学与技术学院党委"));
	}

	@Test
	void anotherCollegesMemberIsNotFoundThroughAnyMemberEndpoint() throws Exception {
		var branch2 = login("branch2");
		long member1 = jdbc.sql("select id from member where staff_number = 'member1'").query(Long.class).single();
		String jsj01 = Long.toString(orgId("SFDX-JSJ-01"));
		for (MockHttpServletRequestBuilder request : List.of(get("/api/v1/members/{id}", member1),
				get("/members/{id}", member1), get("/members/{id}/edit", member1),
				post("/api/v1/members/{id}/reveal", member1), post("/members/{id}/reveal", member1),
				get("/api/v1/members/{id}/record", member1), get("/members/{id}/record", member1),
				get("/api/v1/members/{id}/record.docx", member1), get("/api/v1/members").param("orgId", jsj01),
				get("/api/v1/members/export").param("orgId", jsj01), get("/api/v1/applicants").param("orgId", jsj01),
				get("/development").param("orgId", jsj01))) {
			assertThat(statusOf(branch2, request)).as(request.toString()).isEqualTo(404);
		}
		// and the same requests answer for the member's own secretary
		var branch1 = login("branch1");
		assertThat(statusOf(branch1, get("/api/v1/members/{id}/record.docx", member1))).isEqualTo(200);
		assertThat(statusOf(branch1, get("/api/v1/members/export").param("orgId", jsj01))).isEqualTo(200);
	}
}
