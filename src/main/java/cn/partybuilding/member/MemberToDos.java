package cn.partybuilding.member;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * 待办 of the member database: 预备党员 whose 预备期 has run out (more than two years after joining — a year
 * and the longest extension) wait for the branch to discuss their 转正 or the cancellation. One line per
 * branch, linking to its probationary members, oldest first.
 */
@Component
class MemberToDos implements ToDoList {

	/** Branches listed at most; the rest are on the member list. */
	private static final int MAX_BRANCHES = 5;

	private final Members members;

	private final OrganizationScope scope;

	private final Clock clock;

	MemberToDos(Members members, OrganizationScope scope, Clock clock) {
		this.members = members;
		this.scope = scope;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ToDo> dueFor(Caller caller) {
		if (!caller.has(MemberRegistry.MANAGE)) {
			return List.of();
		}
		// null: the caller acts at the only root, no scope filter (not 25 000 ids loaded and sent back)
		Set<Long> orgs = scope.visibleToOrAll(caller, MemberRegistry.MANAGE);
		if (orgs != null && orgs.isEmpty()) {
			return List.of();
		}
		// the branches shown only: a province's root has thousands, counted and sorted in the database, never sent
		List<Object[]> overdue = members.probationOverdueByOrganization(orgs,
				ProbationOverdueCounts.overdueIfJoinedBefore(LocalDate.now(clock)), MAX_BRANCHES);
		if (overdue.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = scope.qualifiedNames(overdue.stream().map(r -> (Long) r[0]).toList());
		List<ToDo> list = new ArrayList<>();
		for (Object[] row : overdue) {
			long org = (Long) row[0];
			list.add(new ToDo(40, names.getOrDefault(org, "#" + org), "member.todo.probationOverdue",
					List.of(((Number) row[1]).longValue()), "/members?orgId=" + org + "&status=PROBATIONARY&sort=joinDate"));
		}
		return list;
	}
}
