package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The active tree kept in memory for the scope lookups ({@link ActiveTree}) is read again whenever any statement wrote
 * organisation rows — by this node's code or by another node (here: SQL written straight into the table, which this
 * node hears nothing of) — so names, reach and subtrees never lag the database.
 */
class ActiveTreeTest extends PlatformTest {

	@Autowired
	OrganizationScope scope;

	@Autowired
	ActiveTree tree;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aChangeWrittenByAnotherNodeIsSeenByTheNextLookup() {
		long branch = orgId("SFDX-JX-01");
		String name = scope.find(branch).orElseThrow().name();
		long before = tree.now().version();
		String renamed = unique("别处改名");
		jdbc.sql("update organization set name = ? where id = ?").params(renamed, branch).update();
		try {
			assertThat(tree.now().version()).isNotEqualTo(before);
			assertThat(scope.find(branch).orElseThrow().name()).isEqualTo(renamed);
			assertThat(scope.qualifiedNames(List.of(branch)).get(branch)).endsWith(renamed);
		}
		finally {
			jdbc.sql("update organization set name = ? where id = ?").params(name, branch).update();
		}
		assertThat(scope.find(branch).orElseThrow().name()).isEqualTo(name);
	}

	@Test
	void aQualifiedNameKeptWithTheTreeFollowsARenameAboveIt() {
		long branch = orgId("SFDX-JX-01");
		long college = scope.find(branch).orElseThrow().parentId();
		String collegeName = scope.find(college).orElseThrow().name();
		String kept = scope.qualifiedNames(List.of(branch)).get(branch);
		assertThat(kept).startsWith(collegeName + " › ");
		assertThat(tree.now().qualifiedNames()).containsEntry(branch, kept);
		assertThat(scope.qualifiedNames(List.of(branch, college))).as("asked again, kept or not: the same")
			.containsEntry(branch, kept).containsEntry(college, collegeName);
		String renamed = unique("学院改名");
		jdbc.sql("update organization set name = ? where id = ?").params(renamed, college).update();
		try {
			assertThat(scope.qualifiedNames(List.of(branch)).get(branch)).isEqualTo(renamed + kept.substring(collegeName.length()));
		}
		finally {
			jdbc.sql("update organization set name = ? where id = ?").params(collegeName, college).update();
		}
		assertThat(scope.qualifiedNames(List.of(branch)).get(branch)).isEqualTo(kept);
	}

	@Test
	void aMoveWrittenByAnotherNodeChangesReachAndSubtreesAtOnce() {
		long college = orgId("SFDX-JX");
		long otherSchool = orgId("SFXY");
		long branch = orgId("SFDX-JX-01");
		Caller school2 = new Caller(0, "school2", "school2", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, otherSchool)));
		assertThat(scope.reaches(school2, branch, Role.COMMITTEE_ADMIN)).isFalse();
		assertThat(scope.subtree(college)).contains(branch);
		String path = jdbc.sql("select path from organization where id = ?").param(branch).query(String.class).single();
		String otherPath = jdbc.sql("select path from organization where id = ?").param(otherSchool).query(String.class).single();
		Long parent = jdbc.sql("select parent_id from organization where id = ?").param(branch).query(Long.class).single();
		jdbc.sql("update organization set path = ?, parent_id = ? where id = ?").params(otherPath + branch + "/", otherSchool, branch).update();
		try {
			assertThat(scope.reaches(school2, branch, Role.COMMITTEE_ADMIN)).isTrue();
			assertThat(scope.subtree(college)).doesNotContain(branch);
			assertThat(scope.subtree(otherSchool)).contains(branch);
		}
		finally {
			jdbc.sql("update organization set path = ?, parent_id = ? where id = ?").params(path, parent, branch).update();
		}
		assertThat(scope.reaches(school2, branch, Role.COMMITTEE_ADMIN)).isFalse();
		assertThat(scope.subtree(college)).contains(branch);
	}

	@Test
	void manyOrganisationsAreReachedAsEachIsOneByOne() {
		Caller college1 = new Caller(0, "college1", "college1", List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, orgId("SFDX-JSJ")),
				new Caller.Grant(Role.BRANCH_SECRETARY, orgId("SFDX-JX-01"))));
		List<Long> asked = List.of(orgId("SFDX"), orgId("SFDX-JSJ"), orgId("SFDX-JSJ-01"), orgId("SFDX-JX"), orgId("SFDX-JX-01"),
				orgId("SFXY"), -1L);
		for (Role[] roles : List.of(new Role[] { Role.GENERAL_BRANCH_ADMIN }, new Role[] { Role.BRANCH_SECRETARY },
				new Role[] { Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY }, new Role[] { Role.COMMITTEE_ADMIN })) {
			Set<Long> oneByOne = asked.stream().filter(id -> scope.reaches(college1, id, roles)).collect(Collectors.toSet());
			assertThat(scope.reachable(college1, asked, roles)).as(Arrays.toString(roles)).isEqualTo(oneByOne);
		}
		assertThat(scope.reachable(college1, asked, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY))
			.containsExactlyInAnyOrder(orgId("SFDX-JSJ"), orgId("SFDX-JSJ-01"), orgId("SFDX-JX-01"));
	}

	@Test
	void aChangeRolledBackLeavesTheTreeAsTheDatabaseHasIt() {
		long branch = orgId("SFDX-JX-01");
		String name = scope.find(branch).orElseThrow().name();
		String renamed = unique("撤销改名");
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			jdbc.sql("update organization set name = ? where id = ?").params(renamed, branch).update();
			// read inside the transaction that wrote it: its own change
			assertThat(scope.find(branch).orElseThrow().name()).isEqualTo(renamed);
			status.setRollbackOnly();
		});
		assertThat(scope.find(branch).orElseThrow().name()).isEqualTo(name);
	}

	@Test
	void aPageShowsARenameAtOnce() throws Exception {
		RequestPostProcessor admin = login("admin");
		long school = orgId("SFDX");
		String name = scope.find(school).orElseThrow().name();
		assertThat(page("/dues/rules", admin)).contains(name);
		String renamed = unique("示范大学改名");
		jdbc.sql("update organization set name = ? where id = ?").params(renamed, school).update();
		try {
			// the layout shows where the caller acts
			assertThat(page("/dues/rules", admin)).contains(renamed);
		}
		finally {
			jdbc.sql("update organization set name = ? where id = ?").params(name, school).update();
		}
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}
