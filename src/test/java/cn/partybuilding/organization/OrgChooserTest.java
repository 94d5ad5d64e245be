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

		// the meetings page's plan form drills the same way (the filter's organisation opens it) and the branch is planned at
		assertThat(options(page("/meetings?orgId=" + jsj, province), "orgId")).contains(branch);
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
