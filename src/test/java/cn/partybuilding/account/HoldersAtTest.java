package cn.partybuilding.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whom a notification about an organisation reaches: the enabled accounts holding one of the roles asked there,
 * confirmed, each once — read as ids, so that a listener telling thousands of branches loads no grants.
 */
class HoldersAtTest extends PlatformTest {

	@Autowired
	AccountManagement management;

	@Test
	void onlyEnabledAccountsWithAConfirmedGrantOfTheRolesAskedAtThatOrganisationEachOnce() {
		long branch = orgId("SFDX-JSJ-01");
		long secretary = account(true);
		grant(secretary, "BRANCH_SECRETARY", "SFDX-JSJ-01", false);
		grant(secretary, "BRANCH_COMMITTEE", "SFDX-JSJ-01", false);
		long waiting = account(true);
		grant(waiting, "BRANCH_SECRETARY", "SFDX-JSJ-01", true);
		long disabled = account(false);
		grant(disabled, "BRANCH_SECRETARY", "SFDX-JSJ-01", false);
		long member = account(true);
		grant(member, "MEMBER", "SFDX-JSJ-01", false);
		long elsewhere = account(true);
		grant(elsewhere, "BRANCH_SECRETARY", "SFDX-JX-01", false);

		var holders = management.holdersAt(branch, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE);
		assertThat(holders).contains(secretary).doesNotContain(waiting, disabled, member, elsewhere).doesNotHaveDuplicates();
		assertThat(management.holdersAt(branch, Role.MEMBER)).contains(member).doesNotContain(secretary);
		assertThat(management.holdersAt(branch, Role.GENERAL_BRANCH_ADMIN)).doesNotContain(secretary, member);
	}

	private long account(boolean enabled) {
		String username = unique("ha").toLowerCase();
		jdbc.sql("""
				insert into account (username, display_name, password_hash, must_change_password, enabled)
				select ?, '通知对象', password_hash, false, ? from account where username = 'admin'""").params(username, enabled).update();
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	private void grant(long account, String role, String organization, boolean pending) {
		jdbc.sql("""
				insert into account_grant (account_id, role, organization_id, pending, requested_by)
				values (?, ?, ?, ?, 'secadmin')""").params(account, role, orgId(organization), pending).update();
	}
}
