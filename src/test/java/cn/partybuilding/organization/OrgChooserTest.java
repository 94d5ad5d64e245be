package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * The organisation drop-down at province depth with {@code party.organization.chooser-limit} set to 5 (the demo's tree
 * is small; a province's is 24 000): above the limit a page lists only the way down to the organisation chosen, and
 * choosing level by level reaches a branch; at or below it (a branch's secretary) the whole tree as before.
 */
@TestPropertySource(properties = "party.organization.chooser-limit=5")
class OrgChooserTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String HINT = "组织较多：先选上级组织，再选其下级";

	private static final String ORGANISE = "COMMITTEE_ADMIN,GENERAL_BRANCH_ADMIN,BRANCH_SECRETARY";

	@Autowired
	OrganizationTree tree;

	@Test
	void aboveTheLimitThePageListsTheWayDownToTheChosenOrganisation() throws Exception {
		RequestPostProcessor province = login("province");
		long jygw = orgId("JYGW");
		long sfdx = orgId("SFDX");
		long sfxy = orgId("SFXY");
		long jsj = orgId("SFDX-JSJ");
		long jx = orgId("SFDX-JX");
		long branch = orgId("SFDX-JSJ-01");
		long otherBranch = orgId("SFDX-JX-01");

		// at the root: the 教育工委 and its schools, no college, no branch, and the hint
		String page = page("/members", province);
		Set<Long> top = options(page, "orgId");
		assertThat(top).contains(jygw, sfdx, sfxy).doesNotContain(jsj, jx, branch);
		assertThat(page).contains(HINT).contains("data-chooser=\"/organizations/chooser?through=");

		// a school chosen: its colleges too (labelled by their path below the root), still no branch
		String atSchool = page("/members?orgId=" + sfdx, province);
		assertThat(options(atSchool, "orgId")).contains(jygw, sfdx, sfxy, jsj, jx).doesNotContain(branch, otherBranch);
		assertThat(atSchool).contains("示范大学党委 › 计算机科学与技术学院党委");

		// a college chosen: its branches, not another college's
		assertThat(options(page("/members?orgId=" + jsj, province), "orgId")).contains(sfdx, jsj, jx, branch)
			.doesNotContain(otherBranch);

		// the same the page's script asks when a plan form's organisation is chosen: school → colleges → branches
		JsonNode drilled = chooser("?through=" + ORGANISE + "&chosen=" + sfdx, province);
		assertThat(drilled.get("bounded").asBoolean()).isTrue();
		assertThat(ids(drilled)).contains(jygw, sfdx, jsj).doesNotContain(branch);
		assertThat(ids(chooser("?through=" + ORGANISE + "&chosen=" + jsj, province))).contains(jsj, branch)
			.doesNotContain(otherBranch);

		// the plan form drills the same way (the list's organisation opens it) and the branch is planned at
		assertThat(options(page("/meetings/new?orgId=" + jsj, province), "orgId")).contains(branch);
		LocalDateTime start = LocalDateTime.now(PlatformZone.ZONE).plusDays(3).truncatedTo(ChronoUnit.HOURS);
		String location = mvc.perform(post("/meetings").with(province).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "PARTY_LECTURE").param("topic", "逐级选择组织后安排的党课").param("lecturer", "张伟")
			.param("startAt", start.toString()).param("endAt", start.plusHours(1).toString()))
			.andExpect(status().is3xxRedirection())
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/meetings/\\d+");

		// a form that takes only branches keeps the 党委 and 党总支 to go down through, and no 党小组
		JsonNode branches = chooser("?through=" + ORGANISE + "&types=BRANCH&chosen=" + branch, province);
		assertThat(ids(branches)).contains(jygw, sfdx, jsj, branch).doesNotContain(orgId("SFDX-JSJ-01-G1"));
	}

	@Test
	void atOrBelowTheLimitTheWholeTreeAsBefore() throws Exception {
		// a branch's secretary sees three organisations: the branch and its two 党小组, all listed, no hint
		String page = page("/meetings", login("branch1"));
		assertThat(options(page, "orgId")).contains(orgId("SFDX-JSJ-01"), orgId("SFDX-JSJ-01-G1"), orgId("SFDX-JSJ-01-G2"));
		assertThat(page).doesNotContain(HINT).doesNotContain("data-chooser");

		// the province's tree with a limit above its size: exactly the whole tree, labelled by path
		Caller province = new Caller(0, "t", "t", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("JYGW"))));
		OrgChooser whole = tree.chooser(province, null, Set.of(), Integer.MAX_VALUE - 1, Role.COMMITTEE_ADMIN);
		assertThat(whole.bounded()).isFalse();
		assertThat(whole.drill()).isNull();
		assertThat(whole.options()).isEqualTo(TreeNode.flattenWithPaths(tree.visibleTree(province, Role.COMMITTEE_ADMIN)));
		// and bounded, the same labels for what it lists, in the same order
		OrgChooser bounded = tree.chooser(province, orgId("SFDX-JSJ"), Set.of(), 5, Role.COMMITTEE_ADMIN);
		assertThat(bounded.bounded()).isTrue();
		assertThat(whole.options()).containsSubsequence(bounded.options());
		assertThat(bounded.size()).isLessThan(whole.size());
	}

	@Test
	void anOrganisationOutOfReachIsStillTheAuditedNotFound() throws Exception {
		RequestPostProcessor school2 = login("school2");
		long sfdx = orgId("SFDX");
		long before = auditCount("access.denied", "school2");
		mvc.perform(get("/members?orgId=" + sfdx).with(school2)).andExpect(status().isNotFound());
		mvc.perform(get("/meetings?orgId=" + sfdx).with(school2)).andExpect(status().isNotFound());
		mvc.perform(get("/organizations/chooser?through=" + ORGANISE + "&chosen=" + sfdx).with(school2))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "school2")).isGreaterThan(before);
		// school2's own drop-down never lists the other school
		assertThat(options(page("/members", school2), "orgId")).contains(orgId("SFXY")).doesNotContain(sfdx);
		mvc.perform(get("/organizations/chooser?through=NOPE").with(school2)).andExpect(status().isBadRequest());
	}

	@Test
	void aboveTheLimitTheTreePageListsTheWayDownAsLinksThatWorkWithoutJavaScript() throws Exception {
		RequestPostProcessor province = login("province");
		long jygw = orgId("JYGW");
		long sfdx = orgId("SFDX");
		long sfxy = orgId("SFXY");
		long jsj = orgId("SFDX-JSJ");
		long jx = orgId("SFDX-JX");
		long branch = orgId("SFDX-JSJ-01");

		mvc.perform(get("/organizations").with(province)).andExpect(status().is3xxRedirection())
			.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/organizations/" + jygw));
		// at the root: the 教育工委 and its schools as plain links (no htmx: a click loads the page, which opens the
		// level below), marked as having more below; no college, no branch; no inline script
		String root = page("/organizations/" + jygw, province);
		assertThat(treeLinks(root)).contains(jygw, sfdx, sfxy).doesNotContain(jsj, jx, branch);
		assertThat(root).contains("id=\"tree-lazy\"").contains("data-closed=\"true\"");
		assertThat(tree(root)).doesNotContain("hx-get");
		assertThat(root).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
		// following the links: a school opens its colleges, a college its branches — the rest stays closed
		String school = page("/organizations/" + sfdx, province);
		assertThat(treeLinks(school)).contains(jygw, sfdx, sfxy, jsj, jx).doesNotContain(branch);
		String college = page("/organizations/" + jsj, province);
		assertThat(treeLinks(college)).contains(jsj, jx, branch).doesNotContain(orgId("SFDX-JX-01"));
		// the move form's parent drop-down is the bounded chooser too
		assertThat(page("/organizations/" + branch, province)).contains("id=\"move-parent\"")
			.containsPattern("id=\"move-parent\"[^>]*data-chooser=\"/organizations/chooser");
	}

	@Test
	void theTreePageNeverListsAnotherSchoolAndRefusesItWithTheAuditedNotFound() throws Exception {
		RequestPostProcessor school2 = login("school2");
		long sfdx = orgId("SFDX");
		String own = page("/organizations/" + orgId("SFXY"), school2);
		assertThat(treeLinks(own)).contains(orgId("SFXY")).doesNotContain(sfdx, orgId("JYGW"), orgId("SFDX-JSJ"));
		long before = auditCount("access.denied", "school2");
		mvc.perform(get("/organizations/" + sfdx).with(school2)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "school2")).isGreaterThan(before);
	}

	@Test
	void theApiAnswersPagesAboveTheLimitAndTheWholeTreeAsBeforeBelowIt() throws Exception {
		RequestPostProcessor province = login("province");
		long jygw = orgId("JYGW");
		long sfdx = orgId("SFDX");
		Set<Long> subtree = new LinkedHashSet<>(jdbc.sql("""
				select o.id from organization o, organization r where r.id = ? and o.dissolved_at is null
				and o.path like r.path || '%'""").param(jygw).query(Long.class).list());

		// no parameters above the limit: a flat page, not the nested tree; truncated when a page does not hold it all
		JsonNode first = api("", province);
		assertThat(first.isObject()).isTrue();
		assertThat(first.get("items").get(0).get("id").asLong()).isEqualTo(jygw);
		assertThat(first.get("truncated").asBoolean()).isEqualTo(!first.get("next").isNull());

		// pages of three, followed to the end: every organisation once, each after its parent
		List<Long> seen = new java.util.ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			JsonNode page = api("?size=3" + (after == null ? "" : "&after=" + after), province);
			assertThat(page.get("truncated").asBoolean()).isFalse();
			for (JsonNode item : page.get("items")) {
				JsonNode parent = item.get("parentId");
				assertThat(parent.isNull() || seen.contains(parent.asLong()) || !subtree.contains(parent.asLong()))
					.as("parent before child").isTrue();
				seen.add(item.get("id").asLong());
			}
			after = page.get("next").isNull() ? null : page.get("next").asText();
			pages++;
		}
		while (after != null && pages < 1000);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(subtree);
		assertThat(pages).isGreaterThan(1);

		// the children of a school, by sort order, paged the same way
		List<Long> children = jdbc.sql("select id from organization where parent_id = ? and dissolved_at is null")
			.param(sfdx).query(Long.class).list();
		JsonNode below = api("?parentId=" + sfdx + "&size=1", province);
		assertThat(below.get("parentId").asLong()).isEqualTo(sfdx);
		assertThat(below.get("items")).hasSize(1);
		Set<Long> all = new LinkedHashSet<>();
		String next = null;
		do {
			JsonNode page = api("?parentId=" + sfdx + "&size=1" + (next == null ? "" : "&after=" + next), province);
			page.get("items").forEach(i -> all.add(i.get("id").asLong()));
			next = page.get("next").isNull() ? null : page.get("next").asText();
		}
		while (next != null && all.size() < 1000);
		assertThat(all).containsExactlyInAnyOrderElementsOf(children);
		// the 计算机学院 has branches below it, a branch has none but its 党小组 (other tests add organisations: ask by id)
		Map<Long, Boolean> hasChildren = new java.util.HashMap<>();
		api("?parentId=" + sfdx + "&size=1000", province).get("items")
			.forEach(i -> hasChildren.put(i.get("id").asLong(), i.get("hasChildren").asBoolean()));
		assertThat(hasChildren).containsEntry(orgId("SFDX-JSJ"), true);
		api("?parentId=" + orgId("SFDX-JSJ-01"), province).get("items")
			.forEach(i -> assertThat(i.get("hasChildren").asBoolean()).as("a 党小组").isFalse());

		// a cursor of the other order, or not one at all, is a 400 on after
		String childCursor = api("?parentId=" + sfdx + "&size=1", province).get("next").asText();
		mvc.perform(get("/api/v1/organizations?size=2&after=" + childCursor).with(province)).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/organizations?size=2&after=nonsense!").with(province)).andExpect(status().isBadRequest());

		// a branch's secretary sees three organisations: the nested tree as before
		JsonNode whole = JSON.readTree(mvc.perform(get("/api/v1/organizations").with(login("branch1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(whole.isArray()).isTrue();
		assertThat(whole.get(0).get("id").asLong()).isEqualTo(orgId("SFDX-JSJ-01"));
		Set<Long> groups = new LinkedHashSet<>();
		whole.get(0).get("children").forEach(c -> groups.add(c.get("id").asLong()));
		assertThat(groups).contains(orgId("SFDX-JSJ-01-G1"), orgId("SFDX-JSJ-01-G2"));
	}

	@Test
	void theApiNeverListsAnotherSchoolAndRefusesItsChildrenWithTheAuditedNotFound() throws Exception {
		RequestPostProcessor school2 = login("school2");
		long sfdx = orgId("SFDX");
		Set<Long> sfdxTree = new LinkedHashSet<>(jdbc.sql("""
				select o.id from organization o, organization r where r.id = ? and o.path like r.path || '%'""")
			.param(sfdx).query(Long.class).list());
		long before = auditCount("access.denied", "school2");
		mvc.perform(get("/api/v1/organizations?parentId=" + sfdx).with(school2)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/organizations?parentId=" + orgId("JYGW")).with(school2)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "school2")).isGreaterThan(before);
		Set<Long> seen = new LinkedHashSet<>();
		String after = null;
		do {
			JsonNode page = api("?size=2" + (after == null ? "" : "&after=" + after), school2);
			page.get("items").forEach(i -> seen.add(i.get("id").asLong()));
			after = page.get("next").isNull() ? null : page.get("next").asText();
		}
		while (after != null && seen.size() < 1000);
		assertThat(seen).contains(orgId("SFXY")).doesNotContainAnyElementsOf(sfdxTree).doesNotContain(orgId("JYGW"));
		// a cursor taken from the province's pages does not widen the scope
		String provinceCursor = api("?size=1", login("province")).get("next").asText();
		JsonNode resumed = api("?size=50&after=" + provinceCursor, school2);
		resumed.get("items").forEach(i -> assertThat(sfdxTree).doesNotContain(i.get("id").asLong()));
	}

	@Test
	void theAssessmentFiltersAndTheQuestionBankOwnerFilterChooseLevelByLevel() throws Exception {
		RequestPostProcessor province = login("province");
		long sfdx = orgId("SFDX");
		long branch = orgId("SFDX-JSJ-01");
		for (String url : List.of("/assessment/claims", "/assessment/appeals", "/assessment/review", "/exam/questions")) {
			String page = page(url, province);
			assertThat(options(page, "orgId")).as(url).contains(orgId("JYGW"), sfdx).doesNotContain(branch);
			assertThat(page).as(url).contains(HINT).contains("data-chooser=\"/organizations/chooser?through=");
		}
		// a college chosen: its branches are offered
		assertThat(options(page("/assessment/claims?orgId=" + orgId("SFDX-JSJ"), province), "orgId")).contains(branch);
		assertThat(options(page("/exam/questions?orgId=" + orgId("SFDX-JSJ"), province), "orgId")).contains(branch);
		// another school's administrator: never the other school, and the question bank offers the province above
		RequestPostProcessor school2 = login("school2");
		for (String url : List.of("/assessment/claims", "/assessment/appeals", "/exam/questions")) {
			assertThat(options(page(url, school2), "orgId")).as(url).contains(orgId("SFXY")).doesNotContain(sfdx, branch);
		}
		assertThat(options(page("/exam/questions", school2), "orgId")).contains(orgId("JYGW"));
	}

	private JsonNode api(String query, RequestPostProcessor who) throws Exception {
		return JSON.readTree(mvc.perform(get("/api/v1/organizations" + query).with(who)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	/** The tree panel of the organisation page (before the details). */
	private static String tree(String html) {
		int start = html.indexOf("tree-panel");
		int end = html.indexOf("id=\"details\"");
		assertThat(start).isPositive();
		return html.substring(start, end);
	}

	/** The organisations the tree panel links to. */
	private static Set<Long> treeLinks(String html) {
		Set<Long> ids = new LinkedHashSet<>();
		Matcher link = Pattern.compile("href=\"/organizations/(\\d+)\"").matcher(tree(html));
		while (link.find()) {
			ids.add(Long.valueOf(link.group(1)));
		}
		return ids;
	}

	private String page(String url, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private JsonNode chooser(String query, RequestPostProcessor who) throws Exception {
		return JSON.readTree(mvc.perform(get("/organizations/chooser" + query).with(who)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	private static Set<Long> ids(JsonNode chooser) {
		Set<Long> ids = new LinkedHashSet<>();
		chooser.get("options").forEach(o -> ids.add(o.get("id").asLong()));
		return ids;
	}

	/** The values offered by the page's drop-downs named {@code name}. */
	private static Set<Long> options(String html, String name) {
		Set<Long> values = new LinkedHashSet<>();
		Matcher select = Pattern.compile("<select[^>]*name=\"" + name + "\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(html);
		while (select.find()) {
			Matcher option = Pattern.compile("<option[^>]*value=\"(\\d+)\"").matcher(select.group(1));
			while (option.find()) {
				values.add(Long.valueOf(option.group(1)));
			}
		}
		assertThat(values).as("a drop-down named " + name).isNotEmpty();
		return values;
	}
}
