package cn.partybuilding.development;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * 待办 of 思想汇报: for a 培养联系人, each person they cultivate who has not handed in the last ended period's
 * report; for the branch, how many of its people have not (one line per branch, linking to the list). Two
 * queries at most, each on indexes.
 */
@Component
class ThoughtReportToDos implements ToDoList {

	private static final int MAX_LINES = 5;

	private final ThoughtReports reports;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	ThoughtReportToDos(ThoughtReports reports, MemberDirectory members, OrganizationScope scope) {
		this.reports = reports;
		this.members = members;
		this.scope = scope;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ToDo> dueFor(Caller caller) {
		List<ToDo> list = new ArrayList<>();
		ReportPeriods.Period period = reports.lastEnded();
		if (caller.has(ThoughtReports.BRANCH)) {
			// null: the caller acts at the only root (no scope filter, not 25 000 ids sent)
			Set<Long> branches = scope.visibleToOrAll(caller, ThoughtReports.BRANCH);
			List<ThoughtReports.MissingCount> counts = reports.missingByBranch(branches);
			Map<Long, String> names = reports.names(counts.stream().limit(MAX_LINES)
				.map(ThoughtReports.MissingCount::organizationId).toList());
			counts.stream().limit(MAX_LINES).forEach(c -> list.add(new ToDo(45,
					names.getOrDefault(c.organizationId(), "#" + c.organizationId()), "development.report.todo.branch",
					List.of(c.count(), period.start().toString(), period.end().toString()),
					"/development/reports/missing?orgId=" + c.organizationId())));
		}
		if (caller.has(Role.MEMBER)) {
			Optional<Long> member = members.memberOfAccount(caller.accountId());
			if (member.isPresent()) {
				List<ThoughtReports.MissingPerson> mine = reports.missingForContact(member.get());
				Map<Long, String> names = reports.names(mine.stream().limit(MAX_LINES)
					.map(ThoughtReports.MissingPerson::organizationId).distinct().toList());
				mine.stream().limit(MAX_LINES).forEach(p -> list.add(new ToDo(46,
						names.getOrDefault(p.organizationId(), ""), "development.report.todo.contact",
						List.of(p.name(), period.start().toString(), period.end().toString()),
						"/development/people/" + p.id() + "/reports")));
			}
		}
		return list;
	}
}
