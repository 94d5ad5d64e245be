package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/** A scope's ids go to PostgreSQL in ascending order (SortedIds): a subtree, and a caller's several subtrees. */
class ScopeOrderTest extends PlatformTest {

	@Autowired
	OrganizationScope scope;

	@Test
	void aSubtreeAndACallersUnionOfSubtreesComeAscending() {
		long school = orgId("SFDX");
		Set<Long> subtree = scope.subtree(school);
		assertThat(subtree).hasSizeGreaterThan(3);
		assertThat(new ArrayList<>(subtree)).isSorted();
		Caller twoColleges = new Caller(0, "two", "two", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX-JX")),
				new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX-JSJ"))));
		Set<Long> visible = scope.visibleTo(twoColleges, Role.COMMITTEE_ADMIN);
		assertThat(new ArrayList<>(visible)).isSorted();
		Set<Long> expected = new HashSet<>(scope.subtree(orgId("SFDX-JX")));
		expected.addAll(scope.subtree(orgId("SFDX-JSJ")));
		assertThat(visible).isEqualTo(expected);
	}
}
