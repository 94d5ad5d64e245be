package cn.partybuilding.assessment;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/** Voters of branch1's branch for the tests: demo members acting for themselves through the façade. */
record EvaluationFixture(DemocraticEvaluations evaluations, JdbcClient jdbc) {

	/** Full members with an account in the branch or its 党小组, other than the one given, by id. */
	List<Long> otherFullMembers(long branchId, long except, int n) {
		return jdbc.sql("""
				select m.id from member m join organization o on o.id = m.organization_id
				where (o.id = ? or o.parent_id = ?) and m.status = 'FULL' and m.account_id is not null
				  and m.departed_on is null and m.id <> ?
				order by m.id limit ?""").params(branchId, branchId, except, n).query(Long.class).list();
	}

	Caller callerOf(long memberId) {
		return jdbc.sql("select account_id, organization_id, name from member where id = ?").param(memberId)
			.query((rs, i) -> new Caller(rs.getLong(1), "member-" + memberId, rs.getString(3),
					List.of(new Caller.Grant(Role.MEMBER, rs.getLong(2)))))
			.single();
	}

	void vote(long memberId, long evaluationId, Map<Long, EvaluationGrade> grades) {
		evaluations.vote(callerOf(memberId), evaluationId, grades);
	}
}
