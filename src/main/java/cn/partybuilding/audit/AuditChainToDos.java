package cn.partybuilding.audit;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * On the home page of the auditor (at the top of the tree) and the security administrator: the latest check found the
 * audit chain broken.
 */
@Component
class AuditChainToDos implements ToDoList {

	private final AuditChain chain;

	private final AuditReaders readers;

	AuditChainToDos(AuditChain chain, AuditReaders readers) {
		this.chain = chain;
		this.readers = readers;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		boolean auditor = readers.reads(caller);
		if (!auditor && !caller.has(Role.SECURITY_ADMIN)) {
			return List.of();
		}
		AuditChain.Verification latest = chain.latest();
		if (latest == null || latest.valid()) {
			return List.of();
		}
		return List.of(new ToDo(19, "", "audit.todo.chainBroken",
				List.of(latest.firstBroken() == null ? "-" : "#" + latest.firstBroken()),
				auditor ? "/audit/verification" : "/security/keys"));
	}
}
