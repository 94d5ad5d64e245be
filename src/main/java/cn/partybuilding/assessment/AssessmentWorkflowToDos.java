package cn.partybuilding.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * The home page's 待办 of the assessment: claims waiting for their score and open appeals, for the level just
 * above the organisation (the general branch for its branches, the committee for its general branches and direct
 * branches); for the committee, reviewed years waiting for approval and approved years whose scores were corrected
 * since (a claim scored, an adjustment or an upheld appeal after the approval).
 */
@Component
class AssessmentWorkflowToDos implements ToDoList {

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	AssessmentWorkflowToDos(JdbcClient jdbc, OrganizationScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		List<ToDo> todos = new ArrayList<>();
		if (!caller.has(WorkflowLevels.ABOVE)) {
			return todos;
		}
		Set<Long> at = caller.organizationsWith(WorkflowLevels.ABOVE);
		// the organisations right below where the caller acts (not the whole subtree: a province's 25 000 read to find 100)
		Long[] below = at.stream().flatMap(id -> scope.childrenOf(id).stream()).map(OrgRef::id).distinct()
			.toArray(Long[]::new);
		String where = at.stream().findFirst().map(id -> scope.qualifiedNames(List.of(id)).getOrDefault(id, "")).orElse("");
		if (below.length > 0) {
			// both counts in one statement (a round trip less on every visit)
			long[] waiting = jdbc.sql("""
					select (select count(*) from assessment_claim where state = 'WAITING' and organization_id = any(:below)),
					       (select count(*) from assessment_appeal where state = 'OPEN' and organization_id = any(:below))""")
				.param("below", below).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
			long claims = waiting[0];
			if (claims > 0) {
				todos.add(new ToDo(60, where, "assessment.todo.claims", List.of(claims), "/assessment/claims?state=WAITING"));
			}
			long appeals = waiting[1];
			if (appeals > 0) {
				todos.add(new ToDo(61, where, "assessment.todo.appeals", List.of(appeals), "/assessment/appeals?state=OPEN"));
			}
		}
		if (caller.has(Role.COMMITTEE_ADMIN)) {
			// one reading for both counts; at the only root no filter (a province's 25 000 ids neither loaded nor sent)
			Set<Long> reach = scope.visibleToOrAll(caller, Role.COMMITTEE_ADMIN);
			String counting = """
					select count(*) filter (where r.reviewed_at is not null and r.approved_at is null),
					       count(*) filter (where r.approved_at is not null
					           and (exists (select 1 from assessment_adjustment a where a.year = r.year
					                        and a.organization_id = r.organization_id and a.adjusted_at > r.approved_at)
					                or exists (select 1 from assessment_claim c where c.year = r.year
					                        and c.organization_id = r.organization_id and c.scored_at > r.approved_at)))
					from assessment_result r""";
			var query = reach == null ? jdbc.sql(counting)
					: jdbc.sql(counting + " where r.organization_id = any(?)").param(reach.toArray(Long[]::new));
			long[] counts = query.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
			if (counts[0] > 0) {
				todos.add(new ToDo(62, where, "assessment.todo.approve", List.of(counts[0]), "/assessment/review"));
			}
			if (counts[1] > 0) {
				todos.add(new ToDo(63, where, "assessment.todo.changed", List.of(counts[1]), "/assessment/review"));
			}
		}
		return todos;
	}
}
