package cn.partybuilding.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
		String where = at.stream().findFirst().map(id -> scope.qualifiedNames(List.of(id)).getOrDefault(id, "")).orElse("");
		boolean committee = caller.has(Role.COMMITTEE_ADMIN);
		// at the only root no filter on the results (a province's 25 000 ids neither loaded nor sent)
		Set<Long> reach = committee ? scope.visibleToOrAll(caller, Role.COMMITTEE_ADMIN) : null;
		// every count in one statement (three JPA and JDBC reads before): the claims and appeals of the active
		// organisations right below where the caller acts (not the whole subtree: a province's 25 000 read to find 100);
		// for the committee, the results waiting for approval and those changed since
		String results = !committee ? "select 0, 0" : """
				select count(*) filter (where r.reviewed_at is not null and r.approved_at is null),
				       count(*) filter (where r.approved_at is not null
				           and (exists (select 1 from assessment_adjustment a where a.year = r.year
				                        and a.organization_id = r.organization_id and a.adjusted_at > r.approved_at)
				                or exists (select 1 from assessment_claim c where c.year = r.year
				                        and c.organization_id = r.organization_id and c.scored_at > r.approved_at)))
				from assessment_result r""" + (reach == null ? "" : " where r.organization_id = any(:reach)");
		var query = jdbc.sql("""
				with below as (select id from organization where parent_id = any(:at) and dissolved_at is null)
				select (select count(*) from assessment_claim where state = 'WAITING' and organization_id in (select id from below)),
				       (select count(*) from assessment_appeal where state = 'OPEN' and organization_id in (select id from below)),
				       results.*
				from (""" + results + ") results").param("at", at.toArray(Long[]::new));
		if (reach != null) {
			query = query.param("reach", reach.toArray(Long[]::new));
		}
		long[] counts = query.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) })
			.single();
		if (counts[0] > 0) {
			todos.add(new ToDo(60, where, "assessment.todo.claims", List.of(counts[0]), "/assessment/claims?state=WAITING"));
		}
		if (counts[1] > 0) {
			todos.add(new ToDo(61, where, "assessment.todo.appeals", List.of(counts[1]), "/assessment/appeals?state=OPEN"));
		}
		if (counts[2] > 0) {
			todos.add(new ToDo(62, where, "assessment.todo.approve", List.of(counts[2]), "/assessment/review"));
		}
		if (counts[3] > 0) {
			todos.add(new ToDo(63, where, "assessment.todo.changed", List.of(counts[3]), "/assessment/review"));
		}
		return todos;
	}
}
