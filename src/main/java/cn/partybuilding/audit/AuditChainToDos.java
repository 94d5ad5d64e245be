package cn.partybuilding.audit;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/** On the home page of the auditor and the security administrator: the latest check found the audit chain broken. */
@Component
class AuditChainToDos implements ToDoList {

	private final AuditChain chain;

	AuditChainToDos(AuditChain chain) {
		this.chain = chain;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		if (!caller.has(Role.AUDITOR, Role.SECURITY_ADMIN)) {
			return List.of();
		}
		AuditChain.Verification latest = chain.latest();
		if (latest == null || latest.valid()) {
			return List.of();
		}
		return List.of(new ToDo(19, "", "audit.todo.chainBroken",
				List.of(latest.firstBroken() == null ? "-" : "#" + latest.firstBroken()),
				caller.has(Role.AUDITOR) ? "/audit/verification" : "/security/keys"));
	}
}
