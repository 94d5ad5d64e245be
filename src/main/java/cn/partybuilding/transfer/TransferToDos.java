package cn.partybuilding.transfer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/** The home page's 待办: transfers waiting for the caller to approve, issue or accept, by the side they wait at. */
@Component
class TransferToDos implements ToDoList {

	private final TransferPermissions permissions;

	private final OrganizationScope scope;

	TransferToDos(TransferPermissions permissions, OrganizationScope scope) {
		this.permissions = permissions;
		this.scope = scope;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		if (!caller.has(TransferPermissions.MANAGE)) {
			return List.of();
		}
		// counted in SQL by kind, stage and the two sides, each group checked once (not every transfer read and checked);
		// listed where each waits: the sending or the receiving organisation
		Map<Long, Long> counts = new TreeMap<>();
		for (Transfers.PendingGroup g : permissions.waitingGroupsFor(caller)) {
			counts.merge(g.stage().sending() || g.toOrgId() == null ? g.fromOrgId() : g.toOrgId(), g.count(), Long::sum);
		}
		// named as lists that mix colleges name them (a transfer waits at an active organisation: one with transfers
		// under way is not dissolved)
		Map<Long, String> names = scope.qualifiedNames(counts.keySet());
		return counts.entrySet().stream()
			.map(e -> new ToDo(30, names.getOrDefault(e.getKey(), ""), "transfer.todo.waiting", List.of(e.getValue()), "/transfers"))
			.toList();
	}
}
