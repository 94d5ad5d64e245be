package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The pages' organisation drop-down is kept per version of the tree, grants, chosen organisation, types and roles, for
 * every page that shows one; a change to the tree made anywhere (this node, another node, SQL written by hand) and a
 * change of grants show at once.
 */
class OrganizationChoosersTest extends PlatformTest {

	private static final Role[] DUES = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	@Autowired
	OrganizationTree tree;

	@Autowired
	PlatformTransactionManager transactions;

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
		// a write to the tree moves its version: read again
		jdbc.sql("update organization set name = name where id = ?").param(orgId("SFDX-JSJ-01")).update();
		assertThat(tree.chooser(admin, null, DUES)).isNotSameAs(kept).isEqualTo(kept);
	}

	@Test
	void aChangeMadeOnAnotherNodeShowsAtOnce() {
		Caller admin = caller("admin", "SFDX");
		long branch = orgId("SFDX-JSJ-01");
		String before = jdbc.sql("select name from organization where id = ?").param(branch).query(String.class).single();
		assertThat(label(tree.chooser(admin, null, DUES), branch)).endsWith(before);
		// another node's change reaches this one only through the database: no event here
		String renamed = unique("别的节点改名");
		jdbc.sql("update organization set name = ? where id = ?").params(renamed, branch).update();
		try {
			assertThat(label(tree.chooser(admin, null, DUES), branch)).endsWith(renamed);
		}
		finally {
			jdbc.sql("update organization set name = ? where id = ?").params(before, branch).update();
		}
		assertThat(label(tree.chooser(admin, null, DUES), branch)).endsWith(before);
	}

	@Test
	void aChangeRolledBackLeavesTheDropDownKept() {
		Caller admin = caller("admin", "SFDX");
		long branch = orgId("SFDX-JSJ-01");
		// a drop-down read inside a change to the tree that is then rolled back: that version is never committed
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			jdbc.sql("update organization set name = name || '改' where id = ?").param(branch).update();
			assertThat(label(tree.chooser(admin, null, DUES), branch)).endsWith("改");
			status.setRollbackOnly();
		});
		OrgChooser kept = tree.chooser(admin, null, DUES);
		assertThat(label(kept, branch)).doesNotEndWith("改");
		assertThat(tree.chooser(admin, null, DUES)).isSameAs(kept);
	}

	private static String label(OrgChooser chooser, long id) {
		return chooser.options().stream().filter(o -> o.id() == id).findFirst().orElseThrow().label();
	}

	@Test
	void aChangeOfGrantsShowsAtOnceAndTheSameGrantsShareACopy() {
		long account = jdbc.sql("select id from account where username = 'admin'").query(Long.class).single();
		Caller atCollege = new Caller(account, "admin", "admin",
				List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, orgId("SFDX-JSJ"))));
		OrgChooser college = tree.chooser(atCollege, null, DUES);
		assertThat(college).extracting(TreeNode.Option::id).contains(orgId("SFDX-JSJ-01")).doesNotContain(orgId("SFDX-JX-01"));
		// the same person granted the school: the school's drop-down at once
		Caller atSchool = new Caller(account, "admin", "admin", List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN,
				orgId("SFDX-JSJ")), new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX"))));
		assertThat(tree.chooser(atSchool, null, DUES)).extracting(TreeNode.Option::id).contains(orgId("SFDX-JX-01"));
		// the college's grant taken away again: the college's drop-down
		assertThat(tree.chooser(atCollege, null, DUES)).isSameAs(college);
		// a grant the drop-down is not read through changes nothing; another person of the same grants shares the copy
		Caller alsoMember = new Caller(account, "admin", "admin", List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN,
				orgId("SFDX-JSJ")), new Caller.Grant(Role.MEMBER, orgId("SFDX-JX-01"))));
		assertThat(tree.chooser(alsoMember, null, DUES)).isSameAs(college);
		Caller another = new Caller(account + 100_000, "other", "other", atCollege.grants());
		assertThat(tree.chooser(another, null, DUES)).isSameAs(college);
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
