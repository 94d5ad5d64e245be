package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;

/**
 * The 正式党员 a 支委会 rests on come from counts the database keeps per organisation and status
 * (member_status_count, V129): they follow every write to the members at once — a conversion, a departure, a move to a
 * 党小组 of the branch, a row written by hand — and equal a recount.
 */
class ComplianceCommitteeCountTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	AccountManagement accounts;

	@Test
	@DisplayName("支委会 from ≥7 正式党员: the kept count follows conversions, departures and moves into a 党小组, and equals a recount")
	void theKeptFullMembersFollowEveryWrite() {
		Caller admin = accounts.callerFor("admin");
		long ltx = orgId("SFDX-LTX");
		String code = unique("SFDX-LTX-K");
		OrgRef branch = tree.create(admin, new NewOrganization(ltx, code, "计数测试党支部" + code, OrgType.BRANCH));
		OrgRef group = tree.create(admin, new NewOrganization(branch.id(), code + "-G1", "第一党小组", OrgType.GROUP));
		try {
			// six 正式 and one 预备 in the branch: below the threshold of 7
			for (int n = 0; n < 7; n++) {
				jdbc.sql("""
						insert into member (name, gender, ethnicity, birth_date, id_card_encrypted, id_card_hash, id_card_masked,
						  education, category, staff_number, organization_id, status, join_date)
						values (?, 'MALE', '汉族', date '1990-01-01', 'x', ?, '110101********0000', 'BACHELOR', 'FACULTY', ?, ?, ?, date '2015-07-01')""")
					.params("计数党员" + n, code + "-" + n, code + "-" + n, branch.id(), n < 6 ? "FULL" : "PROBATIONARY").update();
			}
			assertThat(tree.withBranchCommittee(List.of(branch.id()))).isEmpty();
			assertThat(kept(branch.id())).isEqualTo(recount(branch.id())).isEqualTo(6);

			// the 预备党员 converted: seven 正式党员, a 支委会 is required at once
			jdbc.sql("update member set status = 'FULL' where staff_number = ?").param(code + "-6").update();
			assertThat(tree.withBranchCommittee(List.of(branch.id()))).isEqualTo(Set.of(branch.id()));

			// two moved into the branch's 党小组: still the branch's (its groups count with it)
			jdbc.sql("update member set organization_id = ? where staff_number in (?, ?)").params(group.id(), code + "-0", code + "-1").update();
			assertThat(tree.withBranchCommittee(List.of(branch.id()))).isEqualTo(Set.of(branch.id()));
			assertThat(kept(group.id())).isEqualTo(recount(group.id())).isEqualTo(2);

			// one departed: six again, no 支委会 required
			jdbc.sql("update member set departed_on = current_date where staff_number = ?").param(code + "-0").update();
			assertThat(tree.withBranchCommittee(List.of(branch.id()))).isEmpty();
			assertThat(kept(branch.id()) + kept(group.id())).isEqualTo(recount(branch.id()) + recount(group.id())).isEqualTo(6);
		}
		finally {
			// deleted rows leave the count too (and no test after this one meets members whose ID card is no cipher text)
			jdbc.sql("delete from member where staff_number like ?").param(code + "-%").update();
		}
		assertThat(kept(branch.id()) + kept(group.id())).isZero();
	}

	long kept(long org) {
		return jdbc.sql("select coalesce(sum(members), 0) from member_status_count where organization_id = ? and status = 'FULL'")
			.param(org).query(Long.class).single();
	}

	long recount(long org) {
		return jdbc.sql("select count(*) from member where organization_id = ? and status = 'FULL' and departed_on is null")
			.param(org).query(Long.class).single();
	}
}
