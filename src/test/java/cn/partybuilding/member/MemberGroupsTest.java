package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/** 编入党小组: a member is placed in a group of their own branch, by those who manage its members; audited. */
class MemberGroupsTest extends PlatformTest {

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Test
	@DisplayName("发展党员工作细则 step 19 编入党小组: only a group of the member's own branch, by the branch; audited")
	void aMemberIsPlacedOnlyInAGroupOfTheirOwnBranch() {
		var branch1 = accounts.callerFor("branch1");
		long jsj01 = orgId("SFDX-JSJ-01");
		long g1 = orgId("SFDX-JSJ-01-G1");
		long g2 = orgId("SFDX-JSJ-01-G2");
		long someone = members.membersIn(List.of(jsj01)).get(0).id();
		long before = auditCount("member.move", "branch1");

		members.placeInGroup(branch1, someone, g1);
		assertThat(members.refs(List.of(someone)).get(0).organizationId()).isEqualTo(g1);
		// from one group to the other, and back to the branch
		members.placeInGroup(branch1, someone, g2);
		members.placeInGroup(branch1, someone, jsj01);
		assertThat(members.refs(List.of(someone)).get(0).organizationId()).isEqualTo(jsj01);
		assertThat(auditCount("member.move", "branch1")).isEqualTo(before + 3);

		// never outside the branch: that is a transfer
		assertThatThrownBy(() -> members.placeInGroup(branch1, someone, orgId("SFDX-JSJ-02")))
			.isInstanceOf(FieldProblem.class);
		// and not by a branch elsewhere
		assertThatThrownBy(() -> members.placeInGroup(accounts.callerFor("branch2"), someone, g1))
			.isInstanceOf(OutOfScopeException.class);
	}
}
