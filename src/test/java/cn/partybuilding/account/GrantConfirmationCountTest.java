package cn.partybuilding.account;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ToDo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The confirming administrator's 待办 counts in SQL (issue 23's fourth round: 2.3 s at a province's root before) what
 * the confirmation page lists: grants and hand-overs of accounts wholly in the caller's subtree, never another school's,
 * at a school (one array) and at the province's root (no filter).
 */
class GrantConfirmationCountTest extends PlatformTest {

	@Autowired
	GrantConfirmations confirmations;

	@Autowired
	AccountManagement management;

	long ownSchool;

	long otherSchool;

	long bothSchools;

	long handover;

	@BeforeEach
	void waiting() {
		ownSchool = account(false);
		grant(ownSchool, "SFDX-JSJ-01", true);
		otherSchool = account(false);
		grant(otherSchool, "SFXY", true);
		bothSchools = account(false);
		grant(bothSchools, "SFDX-JSJ-01", true);
		grant(bothSchools, "SFXY", false);
		handover = account(true);
		grant(handover, "SFDX-JSJ-01", false);
	}

	@Test
	void aSchoolCountsWhatItsPageListsAndNothingOfAnotherSchool() {
		Caller admin = callerOf("admin");
		var pending = confirmations.pending(admin);
		assertThat(pending.grants()).extracting(GrantConfirmations.PendingGrant::accountId)
			.contains(ownSchool).doesNotContain(otherSchool, bothSchools);
		assertThat(pending.handovers()).extracting(GrantConfirmations.PendingHandover::accountId).contains(handover);
		assertCountsEqualTheLists(admin);

		Caller school2 = callerOf("school2");
		assertThat(confirmations.pending(school2).grants()).extracting(GrantConfirmations.PendingGrant::accountId)
			.contains(otherSchool).doesNotContain(ownSchool, bothSchools);
		assertThat(confirmations.pending(school2).handovers()).extracting(GrantConfirmations.PendingHandover::accountId)
			.doesNotContain(handover);
		assertCountsEqualTheLists(school2);
	}

	@Test
	void theProvinceCountsEverySchoolsWithoutAFilter() {
		Caller province = callerOf("province");
		var pending = confirmations.pending(province);
		assertThat(pending.grants()).extracting(GrantConfirmations.PendingGrant::accountId)
			.contains(ownSchool, otherSchool, bothSchools);
		assertThat(pending.handovers()).extracting(GrantConfirmations.PendingHandover::accountId).contains(handover);
		assertCountsEqualTheLists(province);
	}

	@Test
	void nobodyCountsTheirOwnAccount() {
		Caller admin = callerOf("admin");
		jdbc.sql("update account set handover_requested_at = now(), handover_requested_by = 'secadmin' where id = ?")
			.param(admin.accountId()).update();
		try {
			assertThat(confirmations.pending(admin).handovers()).extracting(GrantConfirmations.PendingHandover::accountId)
				.doesNotContain(admin.accountId());
			assertCountsEqualTheLists(admin);
		}
		finally {
			jdbc.sql("update account set handover_requested_at = null, handover_requested_by = null where id = ?")
				.param(admin.accountId()).update();
		}
	}

	private void assertCountsEqualTheLists(Caller caller) {
		var pending = confirmations.pending(caller);
		List<ToDo> todos = confirmations.dueFor(caller);
		assertThat(count(todos, "todo.account.grantsToConfirm")).isEqualTo(pending.grants().size());
		assertThat(count(todos, "todo.account.passwordsToHandOver")).isEqualTo(pending.handovers().size());
	}

	private static long count(List<ToDo> todos, String key) {
		return todos.stream().filter(t -> t.messageKey().equals(key)).findFirst()
			.map(t -> ((Number) t.args().get(0)).longValue()).orElse(0L);
	}

	private long account(boolean handoverWaiting) {
		String username = unique("gc").toLowerCase();
		jdbc.sql("""
				insert into account (username, display_name, password_hash, must_change_password, handover_requested_at,
				    handover_requested_by)
				select ?, '待确认', password_hash, false, case when ? then now() end, case when ? then 'secadmin' end
				from account where username = 'admin'""").params(username, handoverWaiting, handoverWaiting).update();
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	private void grant(long account, String organization, boolean pending) {
		jdbc.sql("""
				insert into account_grant (account_id, role, organization_id, pending, requested_by)
				values (?, 'BRANCH_SECRETARY', ?, ?, 'secadmin')""").params(account, orgId(organization), pending).update();
	}

	private Caller callerOf(String username) {
		return management.callerFor(username);
	}
}
