package cn.partybuilding.transfer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The home page's transfer 待办, counted in SQL by kind, stage and the two sides (issue 23, eighth round), answers what
 * the per-transfer rule of the waiting list answers: for every kind of caller, every stage of every kind of transfer.
 */
class TransferToDosTest extends TransferTestBase {

	@Autowired
	TransferToDos toDos;

	@Autowired
	TransferPermissions permissions;

	@Autowired
	Transfers transfers;

	@Autowired
	OrganizationScope scope;

	@Test
	void theCountsAreThoseOfTheWaitingListAtEveryStage() throws Exception {
		List<String> callers = List.of("admin", "college1", "branch1", "branch2", "school2");
		Map<String, Map<String, Long>> before = new TreeMap<>();
		callers.forEach(c -> before.put(c, counts(toDos.dueFor(callerOf(c)))));

		// one open transfer of each route's stage, from the demo's 计算机学院 branch (branch1's) and into 机械工程学院
		pending("INTERNAL", "SENDING_BRANCH", "SFDX-JSJ-01", "SFDX-JSJ-02");
		pending("INTERNAL", "SENDING_BRANCH", "SFDX-JSJ-01", "SFDX-JX-01");
		pending("INTERNAL", "SENDING_GENERAL", "SFDX-JSJ-01", "SFDX-JX-01");
		pending("INTERNAL", "RECEIVING_GENERAL", "SFDX-JSJ-01", "SFDX-JX-01");
		pending("INTERNAL", "RECEIVING_BRANCH", "SFDX-JSJ-01", "SFDX-JX-01");
		pending("INTERNAL", "RECEIVING_BRANCH", "SFDX-JSJ-01", "SFDX-JSJ-02");
		pending("OUTGOING", "SENDING_BRANCH", "SFDX-JSJ-01", null);
		pending("OUTGOING", "SENDING_GENERAL", "SFDX-JSJ-01", null);
		pending("OUTGOING", "COMMITTEE_ISSUE", "SFDX-JSJ-01", null);
		jdbc.sql("""
				insert into transfer (kind, state, stage, from_org_id, to_org_id, from_org_name, incoming_letter_no, incoming_name,
				  crosses, reason, started_by, started_at)
				values ('INCOMING', 'PENDING', 'RECEIVING_BRANCH', ?, ?, '外省某党委', ?, '持信转入', false, '测试', 'test', now())""")
			.params(orgId("SFDX-JSJ-01"), orgId("SFDX-JSJ-01"), unique("L")).update();

		for (String c : callers) {
			Caller caller = callerOf(c);
			// the rule transfer by transfer (mayAct, as a transfer's own page applies it) over every pending one in scope
			List<TransferView> pending = transfers.list(caller, null, TransferState.PENDING);
			assertThat(pending).as(c).hasSizeLessThan(Transfers.LIMIT);
			List<TransferView> byRule = pending.stream().filter(t -> permissions.mayAct(caller, t)).toList();
			Map<Long, Long> byOrg = new TreeMap<>();
			byRule.forEach(t -> byOrg.merge(t.stage().sending() || t.toOrgId() == null ? t.fromOrgId() : t.toOrgId(), 1L, Long::sum));
			Map<Long, String> names = scope.qualifiedNames(byOrg.keySet());
			Map<String, Long> expected = new TreeMap<>();
			byOrg.forEach((org, n) -> expected.merge(names.getOrDefault(org, ""), n, Long::sum));
			assertThat(counts(toDos.dueFor(caller))).as(c).isEqualTo(expected);
			// the waiting list, and the page's newest few with its count, read by group: the same transfers, newest first
			List<Long> ids = byRule.stream().map(TransferView::id).toList();
			assertThat(permissions.waitingFor(caller)).as(c).map(TransferView::id).isEqualTo(ids);
			TransferPermissions.Waiting newest = permissions.waitingNewest(caller, 3);
			assertThat(newest.count()).as(c).isEqualTo(ids.size());
			assertThat(newest.newest()).as(c).map(TransferView::id).isEqualTo(ids.stream().limit(3).toList());
		}
		// and they moved: four wait for branch1 at its branch (two moves and the letter out at their first stage, the
		// arrival to register); the committee stands in for the general branches and issues the letter
		String jsj01 = scope.qualifiedNames(List.of(orgId("SFDX-JSJ-01"))).get(orgId("SFDX-JSJ-01"));
		assertThat(counts(toDos.dueFor(callerOf("branch1"))).getOrDefault(jsj01, 0L)
				- before.get("branch1").getOrDefault(jsj01, 0L)).isEqualTo(4);
		assertThat(total(toDos.dueFor(callerOf("admin"))) - total(before.get("admin"))).isGreaterThanOrEqualTo(3);
	}

	@Test
	void thePageListsTheNewestWaitingAndLinksToAllOfThem() throws Exception {
		for (int i = 0; i <= TransferPages.WAITING_SHOWN; i++) {
			pending("INTERNAL", "SENDING_BRANCH", "SFDX-JSJ-01", "SFDX-JSJ-02");
		}
		List<TransferView> waiting = permissions.waitingFor(callerOf("branch1"));
		var branch1 = login("branch1");
		String page = mvc.perform(get("/transfers").with(branch1)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("待我处理（" + waiting.size() + "）").contains("显示最新的 " + TransferPages.WAITING_SHOWN + " 项")
			.contains("显示全部 " + waiting.size() + " 项").contains("/transfers/" + waiting.get(0).id() + "\"");
		assertThat(page.split("list-group-item-action", -1)).hasSize(TransferPages.WAITING_SHOWN + 1);

		String all = mvc.perform(get("/transfers").param("waiting", "all").with(branch1)).andReturn().getResponse()
			.getContentAsString();
		assertThat(all.split("list-group-item-action", -1)).hasSize(waiting.size() + 1);
		assertThat(all).doesNotContain("id=\"waiting-more\"");
	}

	@Test
	void whatWaitsIsKeptUntilATransferOrAnOrganisationChangesOnAnyNode() {
		Caller branch1 = callerOf("branch1");
		pending("INTERNAL", "SENDING_BRANCH", "SFDX-JSJ-01", "SFDX-JSJ-02");
		long moved = pending("INTERNAL", "SENDING_BRANCH", "SFDX-JSJ-01", "SFDX-JSJ-02");
		List<Transfers.PendingGroup> first = permissions.waitingGroupsFor(branch1);
		assertThat(permissions.waitingGroupsFor(branch1)).isSameAs(first);

		// a statement on the table as another node's (or a hand's) would be: moved on, it no longer waits at the branch
		jdbc.sql("update transfer set stage = 'SENDING_GENERAL' where id = ?").param(moved).update();
		List<Transfers.PendingGroup> afterMove = permissions.waitingGroupsFor(branch1);
		assertThat(count(afterMove)).isEqualTo(count(first) - 1);

		// the tree's version moved: worked out again, to the same answer
		jdbc.sql("update organization set name = name where id = ?").param(orgId("SFDX-JSJ-01")).update();
		List<Transfers.PendingGroup> afterTree = permissions.waitingGroupsFor(branch1);
		assertThat(afterTree).isNotSameAs(afterMove).isEqualTo(afterMove);

		// the same account given another branch instead is another caller: none of its branch's waits for it
		Caller moves = new Caller(branch1.accountId(), branch1.username(), branch1.displayName(),
				List.of(new Caller.Grant(Role.BRANCH_SECRETARY, orgId("SFDX-JSJ-02"))));
		assertThat(afterTree).isNotEmpty();
		assertThat(permissions.waitingGroupsFor(moves)).doesNotContainAnyElementsOf(afterTree);
		assertThat(permissions.waitingGroupsFor(branch1)).isSameAs(afterTree);
	}

	private static long count(List<Transfers.PendingGroup> groups) {
		return groups.stream().mapToLong(Transfers.PendingGroup::count).sum();
	}

	private long pending(String kind, String stage, String from, String to) {
		Person person = member(from);
		return jdbc.sql("""
				insert into transfer (member_id, kind, state, stage, from_org_id, to_org_id, crosses, reason, started_by, started_at)
				values (?, ?, 'PENDING', ?, ?, ?, ?, '测试', 'test', now()) returning id""")
			.params(person.id(), kind, stage, orgId(from), to == null ? null : orgId(to), stage.endsWith("GENERAL"))
			.query(Long.class).single();
	}

	private static Map<String, Long> counts(List<ToDo> todos) {
		Map<String, Long> counts = new TreeMap<>();
		todos.forEach(t -> counts.merge(t.organizationName(), ((Number) t.args().get(0)).longValue(), Long::sum));
		return counts;
	}

	private static long total(List<ToDo> todos) {
		return counts(todos).values().stream().mapToLong(Long::longValue).sum();
	}

	private static long total(Map<String, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private Caller callerOf(String username) {
		long account = jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
		List<Caller.Grant> grants = jdbc.sql("select role, organization_id from account_grant where account_id = ? and not pending")
			.param(account).query((rs, n) -> new Caller.Grant(Role.valueOf(rs.getString(1)), rs.getLong(2))).list();
		return new Caller(account, username, username, grants);
	}
}
