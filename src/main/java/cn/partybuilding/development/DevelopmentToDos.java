package cn.partybuilding.development;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * The home page's 待办 for 发展党员: for a branch, the talks overdue and the steps possible today; for the
 * 上级党委, the approvals waiting; for the applicant, the way to their own page.
 */
@Component
class DevelopmentToDos implements ToDoList {

	private final DevelopmentBoard board;

	private final OrganizationScope scope;

	DevelopmentToDos(DevelopmentBoard board, OrganizationScope scope) {
		this.board = board;
		this.scope = scope;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		List<ToDo> todos = new ArrayList<>();
		if (DevelopmentBoard.worksInBranch(caller)) {
			Map<Long, long[]> byOrg = board.branchToDos(caller);
			Map<Long, String> names = scope.qualifiedNames(byOrg.keySet());
			byOrg.forEach((org, counts) -> {
				if (counts[0] > 0) {
					todos.add(new ToDo(20, names.get(org), "devpage.todo.overdue", List.of(counts[0]),
							"/development?orgId=" + org + "&stage=APPLICANT"));
				}
				if (counts[1] > 0) {
					todos.add(new ToDo(21, names.get(org), "devpage.todo.possible", List.of(counts[1]),
							"/development?orgId=" + org));
				}
			});
		}
		if (DevelopmentBoard.worksAbove(caller)) {
			long waiting = board.approvalsWaiting(caller);
			if (waiting > 0) {
				todos.add(new ToDo(22, where(caller, DevelopmentBoard.HIGHER), "devpage.todo.approvals", List.of(waiting), "/development/approvals"));
			}
		}
		if (caller.has(Role.APPLICANT)) {
			todos.add(new ToDo(5, where(caller, Role.APPLICANT), "devpage.todo.mine", List.of(), "/development/me"));
		}
		return todos;
	}

	/** Where the caller acts in these roles, named as the other 待办 name it. */
	private String where(Caller caller, Role... roles) {
		return caller.organizationsWith(roles).stream().findFirst()
			.map(id -> scope.qualifiedNames(List.of(id)).getOrDefault(id, ""))
			.orElse("");
	}
}
