package cn.partybuilding;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The demo at province depth: the 教育工委 (JYGW) above 示范大学 (SFDX) and 示范学院 (SFXY). For every endpoint family
 * the province's administrator sees both schools' rows and figures; each school's administrator gets the audited 404
 * for the other school's organisations and resources and never finds its rows in a list, export or report.
 */
class ProvinceScopeTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String MAILBOX = "mailbox";

	/** Lists, reports and exports that take the organisation they cover ({@code %d}). */
	private static List<String> byOrganisation() {
		String month = YearMonth.now().minusMonths(1).toString();
		int year = LocalDate.now().getYear();
		return List.of("/api/v1/members?orgId=%d", "/api/v1/members/export?orgId=%d", "/api/v1/applicants?orgId=%d",
				"/api/v1/development/funnel?orgId=%d", "/api/v1/dues/collection?period=" + month + "&orgId=%d",
				"/api/v1/dues/arrears?orgId=%d", "/api/v1/transfers?orgId=%d", "/api/v1/meetings?orgId=%d",
				"/api/v1/orglife/compliance?period=" + month + "&orgId=%d", "/api/v1/content/items?orgId=%d",
				"/api/v1/volunteer/hours?year=" + year + "&orgId=%d", "/api/v1/training/hours?year=" + year + "&orgId=%d",
				"/api/v1/assessment/scores?year=" + year + "&orgId=%d",
				"/api/v1/assessment/scores/export?year=" + year + "&orgId=%d", "/api/v1/analytics/dashboard?orgId=%d",
				"/api/v1/analytics/reports?orgId=%d", "/api/v1/organizations/%d");
	}

	/** Resources of one school, by id: {@code %d} is filled from the query, which takes the school's path. */
	private record Resource(String family, String url, String query) {
	}

	private static final List<Resource> RESOURCES = List.of(
			new Resource("member", "/api/v1/members/%d",
					"select m.id from member m join organization o on o.id = m.organization_id where o.path like ? order by m.id limit 1"),
			new Resource("record/纪实", "/api/v1/members/%d/record",
					"select m.id from member m join organization o on o.id = m.organization_id where o.path like ? order by m.id limit 1"),
			new Resource("dues of a member", "/api/v1/members/%d/dues",
					"select m.id from member m join organization o on o.id = m.organization_id where o.path like ? order by m.id limit 1"),
			new Resource("applicant", "/api/v1/development/people/%d",
					"select a.id from applicant a join organization o on o.id = a.organization_id where o.path like ? order by a.id limit 1"),
			new Resource("meeting", "/api/v1/meetings/%d",
					"select x.id from meeting x join organization o on o.id = x.organization_id where o.path like ? order by x.id limit 1"));

	/** Resources only the university has in the demo (school2 must not reach them). */
	private static final List<Resource> UNIVERSITY_ONLY = List.of(
			new Resource("transfer", "/api/v1/transfers/%d",
					"select x.id from transfer x join organization o on o.id = x.from_org_id where o.path like ? order by x.id limit 1"),
			new Resource("exam", "/api/v1/exams/%d",
					"select x.id from exam x join organization o on o.id = x.org_id where o.path like ? order by x.id limit 1"),
			new Resource("content", "/api/v1/content/items/%d",
					"select x.id from content_item x join organization o on o.id = x.org_id where o.path like ? and x.state <> 'PUBLISHED' order by x.id limit 1"),
			new Resource("volunteer", "/api/v1/volunteer/activities/%d",
					"select x.id from volunteer_activity x join organization o on o.id = x.organization_id where o.path like ? order by x.id limit 1"),
			new Resource(MAILBOX, "/api/v1/mailbox/letters/%d",
					"select x.id from interaction_letter x join organization o on o.id = x.organization_id where o.path like ? order by x.id limit 1"),
			new Resource("survey results", "/api/v1/surveys/%d/results",
					"select x.id from interaction_survey x join organization o on o.id = x.org_id where o.path like ? order by x.id limit 1"),
			new Resource("learning material", "/api/v1/learning/materials/%d/progress",
					"select x.id from learning_material x join organization o on o.id = x.organization_id where o.path like ? order by x.id limit 1"));

	private int status(RequestPostProcessor who, String url) throws Exception {
		return mvc.perform(get(url).with(who)).andReturn().getResponse().getStatus();
	}

	private String pathOf(String code) {
		return jdbc.sql("select path from organization where code = ?").param(code).query(String.class).single();
	}

	private long idOf(Resource r, String schoolCode) {
		List<Long> ids = jdbc.sql(r.query()).param(pathOf(schoolCode) + "%").query(Long.class).list();
		assertThat(ids).as(r.family() + " of " + schoolCode).isNotEmpty();
		return ids.get(0);
	}

	private Set<Long> subtree(String code) {
		return Set.copyOf(jdbc.sql("select id from organization where path like ?").param(pathOf(code) + "%")
			.query(Long.class).list());
	}

	@Test
	void theProvinceAdministratorSeesBothSchoolsListsReportsAndExports() throws Exception {
		var province = login("province");
		List<String> failures = new ArrayList<>();
		for (String url : byOrganisation()) {
			for (String code : List.of("JYGW", "SFDX", "SFXY")) {
				int status = status(province, url.formatted(orgId(code)));
				if (status != 200) {
					failures.add(code + " " + url + " → " + status);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void theProvinceAdministratorOpensEitherSchoolsResources() throws Exception {
		var province = login("province");
		List<String> failures = new ArrayList<>();
		for (Resource r : RESOURCES) {
			for (String code : List.of("SFDX", "SFXY")) {
				int status = status(province, r.url().formatted(idOf(r, code)));
				if (status != 200) {
					failures.add(r.family() + " of " + code + " → " + status);
				}
			}
		}
		for (Resource r : UNIVERSITY_ONLY) {
			if (r.family().equals(MAILBOX)) {
				continue; // a letter is read where it was sent, never from above it (the 书记信箱's rule, at any depth)
			}
			int status = status(province, r.url().formatted(idOf(r, "SFDX")));
			if (status != 200) {
				failures.add(r.family() + " of SFDX → " + status);
			}
		}
		assertThat(failures).isEmpty();
	}

	@Autowired
	OrganizationScope scope;

	@Autowired
	AccountManagement accounts;

	@Test
	void onlyTheRootCoversTheWholeTreeSoOnlyItsListsGoUnfiltered() {
		var province = accounts.callerFor("province");
		var admin = accounts.callerFor("admin");
		assertThat(scope.coversWholeTree(province, null, Role.COMMITTEE_ADMIN)).isTrue();
		assertThat(scope.coversWholeTree(province, orgId("JYGW"), Role.COMMITTEE_ADMIN)).isTrue();
		assertThat(scope.coversWholeTree(province, orgId("SFDX"), Role.COMMITTEE_ADMIN)).isFalse();
		assertThat(scope.coversWholeTree(province, null, Role.BRANCH_SECRETARY)).as("a role not held").isFalse();
		assertThat(scope.coversWholeTree(admin, null, Role.COMMITTEE_ADMIN)).isFalse();
		assertThat(scope.coversWholeTree(admin, orgId("JYGW"), Role.COMMITTEE_ADMIN)).as("a root not reached").isFalse();
		// the same question of a set of organisations, with no caller (the home page's warning count)
		assertThat(scope.subtreesCoverWholeTree(List.of(orgId("JYGW")))).isTrue();
		assertThat(scope.subtreesCoverWholeTree(List.of(orgId("SFDX"), orgId("JYGW")))).isTrue();
		assertThat(scope.subtreesCoverWholeTree(List.of(orgId("SFDX"), orgId("SFXY")))).as("both schools, not the root")
			.isFalse();
		assertThat(scope.subtreesCoverWholeTree(List.of())).isFalse();
	}

	/**
	 * Within a request (one a servlet dispatches) the tree's version is read once and the active tree kept in memory
	 * answers: the answers for every caller stay the same.
	 */
	@Test
	void withinARequestTheActiveRootsAreReadOnceAndEveryAnswerStaysRight() {
		var province = accounts.callerFor("province");
		var admin = accounts.callerFor("admin");
		var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/");
		request.setAttribute(org.springframework.web.servlet.DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, new Object());
		org.springframework.web.context.request.RequestContextHolder
			.setRequestAttributes(new org.springframework.web.context.request.ServletRequestAttributes(request));
		try {
			assertThat(scope.coversWholeTree(province, null, Role.COMMITTEE_ADMIN)).isTrue();
			assertThat(java.util.Collections.list(request.getAttributeNames())).as("kept for the rest of the request")
				.anyMatch(name -> name.startsWith(OrganizationScope.class.getPackageName() + ".ActiveTree"));
			assertThat(scope.coversWholeTree(admin, null, Role.COMMITTEE_ADMIN)).isFalse();
			assertThat(scope.coversWholeTree(province, orgId("SFDX"), Role.COMMITTEE_ADMIN)).isFalse();
			assertThat(scope.visibleToOrAll(province, Role.COMMITTEE_ADMIN)).isNull();
			assertThat(scope.visibleToOrAll(admin, Role.COMMITTEE_ADMIN)).contains(orgId("SFDX"))
				.doesNotContain(orgId("JYGW"), orgId("SFXY"));
		}
		finally {
			org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
		}
	}

	@Test
	void theProvinceListsHoldBothSchoolsRows() throws Exception {
		var province = login("province");
		for (String list : List.of("/api/v1/members", "/api/v1/applicants")) {
			Set<Long> orgs = new HashSet<>();
			long total = json(province, list + "?size=200&orgId=" + orgId("JYGW")).get("totalElements").asLong();
			long university = json(province, list + "?orgId=" + orgId("SFDX")).get("totalElements").asLong();
			long college = json(province, list + "?orgId=" + orgId("SFXY")).get("totalElements").asLong();
			assertThat(university).as(list).isPositive();
			assertThat(college).as(list).isPositive();
			// the province's total (the whole tree: listed without a scope filter) is its schools' totals added up;
			// other tests may have placed more schools under the root (a generated province)
			long schools = 0;
			for (Long school : jdbc.sql("select id from organization where parent_id = ? and dissolved_at is null")
				.param(orgId("JYGW")).query(Long.class).list()) {
				schools += json(province, list + "?orgId=" + school).get("totalElements").asLong();
			}
			assertThat(total).as(list).isEqualTo(schools).isGreaterThanOrEqualTo(university + college);
			assertThat(json(province, list).get("totalElements").asLong()).as(list + " without orgId").isEqualTo(total);
			// the university's administrator counts the same rows for the university as the province does
			assertThat(json(login("admin"), list).get("totalElements").asLong()).as(list).isEqualTo(university);
			assertThat(json(login("school2"), list).get("totalElements").asLong()).as(list).isEqualTo(college);
			json(province, list + "?size=200&orgId=" + orgId("SFXY")).get("content")
				.forEach(row -> orgs.add(row.get("organizationId").asLong()));
			assertThat(subtree("SFXY")).containsAll(orgs);
		}
		JsonNode meetings = json(province, "/api/v1/meetings?orgId=" + orgId("JYGW"));
		Set<Long> orgs = new HashSet<>();
		meetings.forEach(m -> orgs.add(m.get("orgId").asLong()));
		assertThat(orgs).anyMatch(subtree("SFDX")::contains).anyMatch(subtree("SFXY")::contains);
	}

	@Test
	void eachSchoolsAdministratorIsKeptOutOfTheOtherSchoolAndAudited() throws Exception {
		checkKeptOut("school2", "SFXY", "SFDX", true);
		checkKeptOut("admin", "SFDX", "SFXY", false);
	}

	private void checkKeptOut(String user, String own, String other, boolean universityOnly) throws Exception {
		var who = login(user);
		List<String> failures = new ArrayList<>();
		long deniedBefore = auditCount("access.denied", user);
		int expectedDenials = 0;
		for (String url : byOrganisation()) {
			int status = status(who, url.formatted(orgId(other)));
			expectedDenials++;
			if (status != 404) {
				failures.add(other + " " + url + " → " + status);
			}
			if (status(who, url.formatted(orgId("JYGW"))) != 404) {
				failures.add("JYGW " + url + " → not 404");
			}
			expectedDenials++;
			if (status(who, url.formatted(orgId(own))) != 200) {
				failures.add(own + " " + url + " → not 200");
			}
		}
		List<Resource> resources = new ArrayList<>(RESOURCES);
		if (universityOnly) {
			resources.addAll(UNIVERSITY_ONLY);
		}
		for (Resource r : resources) {
			int status = status(who, r.url().formatted(idOf(r, other)));
			expectedDenials++;
			if (status != 404) {
				failures.add(r.family() + " of " + other + " → " + status);
			}
		}
		assertThat(failures).as(user).isEmpty();
		assertThat(auditCount("access.denied", user) - deniedBefore).as(user + " denials audited").isGreaterThanOrEqualTo(expectedDenials);

		// lists without an organisation hold only the caller's own school
		Set<Long> mine = subtree(own);
		for (String list : List.of("/api/v1/members?size=200", "/api/v1/applicants?size=200")) {
			json(who, list).get("content").forEach(row -> assertThat(mine).as(user + " " + list)
				.contains(row.get("organizationId").asLong()));
		}
		json(who, "/api/v1/meetings").forEach(m -> assertThat(mine).as(user + " meetings").contains(m.get("orgId").asLong()));
		json(who, "/api/v1/transfers").forEach(t -> assertThat(mine).as(user + " transfers").contains(t.get("fromOrgId").asLong()));
		// the tree shows the school at the top, never the province nor the other school
		JsonNode tree = json(who, "/api/v1/organizations");
		assertThat(tree).hasSize(1);
		assertThat(tree.get(0).get("code").asText()).isEqualTo(own);
	}

	@Test
	void theProvinceTreeHasBothSchoolsBelowTheCommittee() throws Exception {
		JsonNode tree = json(login("province"), "/api/v1/organizations");
		assertThat(tree).hasSize(1);
		assertThat(tree.get(0).get("code").asText()).isEqualTo("JYGW");
		List<String> schools = new ArrayList<>();
		tree.get(0).get("children").forEach(c -> schools.add(c.get("code").asText()));
		assertThat(schools).contains("SFDX", "SFXY");
	}

	private JsonNode json(RequestPostProcessor who, String url) throws Exception {
		MvcResult result = mvc.perform(get(url).with(who)).andReturn();
		assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
		return JSON.readTree(result.getResponse().getContentAsString());
	}
}
