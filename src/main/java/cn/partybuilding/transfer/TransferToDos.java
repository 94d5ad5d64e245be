package cn.partybuilding.transfer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
		// where each waits: the sending or the receiving organisation, named as lists that mix colleges name it
		Map<Long, String> byOrg = new HashMap<>();
		Map<Long, Long> counts = permissions.waitingFor(caller).stream()
			.collect(Collectors.groupingBy(t -> {
				Long org = t.stage().sending() || t.toOrgId() == null ? t.fromOrgId() : t.toOrgId();
				byOrg.putIfAbsent(org, t.stage().sending() || t.toOrgId() == null ? t.fromName() : t.toName());
				return org;
			}, TreeMap::new, Collectors.counting()));
		byOrg.putAll(scope.qualifiedNames(counts.keySet()));
		return counts.entrySet().stream()
			.map(e -> new ToDo(30, byOrg.get(e.getKey()), "transfer.todo.waiting", List.of(e.getValue()), "/transfers"))
			.toList();
	}
}
