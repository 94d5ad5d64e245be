package cn.partybuilding.dues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * The home page's 待办 from dues: relief proposals waiting at the organisations where the caller decides
 * them (general branch / committee administrators), and base declarations waiting at the caller's branch.
 */
@Component
class DuesToDos implements ToDoList {

	private final DuesReliefs reliefs;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final JdbcTemplate jdbc;

	DuesToDos(DuesReliefs reliefs, OrganizationScope scope, MemberDirectory members, JdbcTemplate jdbc) {
		this.reliefs = reliefs;
		this.scope = scope;
		this.members = members;
		this.jdbc = jdbc;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		List<ToDo> due = new ArrayList<>();
		Set<Long> deciding = caller.organizationsWith(DuesReliefs.APPROVE);
		Map<Long, Integer> waiting = reliefs.waitingAt(deciding);
		Map<Long, String> names = scope.qualifiedNames(waiting.keySet());
		waiting.forEach((org, count) -> due.add(new ToDo(30, names.getOrDefault(org, ""), "dues.todo.reliefs", List.of(count),
				"/dues/reliefs?orgId=" + org)));
		for (Long branch : caller.organizationsWith(Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)) {
			Long[] ids = members.summaries(scope.subtree(branch)).stream().map(MemberSummary::id).toArray(Long[]::new);
			Integer count = ids.length == 0 ? 0 : jdbc.queryForObject(
					"select count(*) from dues_base where state = 'PENDING' and member_id = any(?)", Integer.class, (Object) ids);
			if (count != null && count > 0) {
				due.add(new ToDo(31, scope.qualifiedNames(List.of(branch)).getOrDefault(branch, ""), "dues.todo.bases",
						List.of(count), "/dues?orgId=" + branch + "#pending"));
			}
		}
		return due;
	}
}
