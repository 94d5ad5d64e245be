package cn.partybuilding.transfer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/** The home page's 待办: transfers waiting for the caller to approve, issue or accept, by the side they wait at. */
@Component
class TransferToDos implements ToDoList {

	private final TransferPermissions permissions;

	TransferToDos(TransferPermissions permissions) {
		this.permissions = permissions;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		if (!caller.has(TransferPermissions.MANAGE)) {
			return List.of();
		}
		Map<String, Long> byWhere = permissions.waitingFor(caller).stream()
			.collect(Collectors.groupingBy(t -> t.stage().sending() ? t.fromName() : t.toName(), TreeMap::new,
					Collectors.counting()));
		return byWhere.entrySet().stream()
			.map(e -> new ToDo(30, e.getKey(), "transfer.todo.waiting", List.of(e.getValue()), "/transfers"))
			.toList();
	}
}
