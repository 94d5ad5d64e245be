package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The pages' organisation drop-down is kept per caller, chosen organisation, types and roles
 * ({@code party.organization.chooser-seconds}), for every page that shows one; a change to the tree made on this node
 * shows at once.
 */
class OrganizationChoosersTest extends PlatformTest {

	private static final Role[] DUES = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	@Autowired
	OrganizationTree tree;

	@Autowired
	ApplicationEventPublisher events;

	private Caller caller(String username, String org) {
		return new Caller(jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single(),
				username, username, List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId(org))));
	}

	@Test
	void theDropDownIsKeptPerCallerAndArgumentsAndReadAgainAfterAChangeToTheTree() {
		Caller admin = caller("admin", "SFDX");
		Caller school2 = caller("school2", "SFXY");
		OrgChooser kept = tree.chooser(admin, null, DUES);
		assertThat(tree.chooser(admin, null, DUES)).isSameAs(kept);
		assertThat(kept).extracting(TreeNode.Option::id).contains(orgId("SFDX-JSJ-01")).doesNotContain(orgId("SFXY"));
		// another caller, another organisation chosen, other types or roles: read for them, never another's copy
		assertThat(tree.chooser(school2, null, DUES)).extracting(TreeNode.Option::id).contains(orgId("SFXY"))
			.doesNotContain(orgId("SFDX-JSJ-01"));
		assertThat(tree.chooser(admin, orgId("SFDX-JSJ"), DUES)).isNotSameAs(kept);
		assertThat(tree.chooser(admin, null, Set.of(OrgType.BRANCH), DUES)).isNotSameAs(kept)
			.allMatch(o -> o.type() == OrgType.BRANCH);
		assertThat(tree.chooser(admin, null, Role.COMMITTEE_ADMIN)).isNotSameAs(kept);
		events.publishEvent(new OrganizationChanged("organization.update", orgId("SFDX-JSJ-01"), "test"));
		assertThat(tree.chooser(admin, null, DUES)).isNotSameAs(kept).isEqualTo(kept);
	}

	@Test
	void aRenamedOrganisationShowsAtOnceInTheDropDownsOfThePages() throws Exception {
		RequestPostProcessor admin = login("admin");
		long branch = orgId("SFDX-JX-01");
		String before = jdbc.sql("select name from organization where id = ?").param(branch).query(String.class).single();
		// the drop-downs of two modules' pages, read and kept
		assertThat(page("/dues", admin)).contains(before);
		assertThat(page("/members", admin)).contains(before);
		String renamed = unique("改名支部");
		tree.rename(caller("admin", "SFDX"), branch, renamed);
		try {
			assertThat(page("/dues", admin)).contains(renamed);
			assertThat(page("/members", admin)).contains(renamed);
		}
		finally {
			tree.rename(caller("admin", "SFDX"), branch, before);
		}
		assertThat(page("/dues", admin)).contains(before).doesNotContain(renamed);
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}
