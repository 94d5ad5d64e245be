package cn.partybuilding.assessment;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ToDo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessment's 待办 reads the organisations right below where the caller acts (issue 23's fourth round: not the
 * whole subtree): a claim counts for the level just above it only, never for another school nor two levels up; a
 * reviewed year waits at its school and the province (no filter at the only root).
 */
class AssessmentToDosScopeTest extends PlatformTest {

	@Autowired
	AssessmentWorkflowToDos toDos;

	@Autowired
	AccountManagement accounts;

	@Test
	void aClaimCountsOnlyForTheLevelRightAboveIt() {
		Caller college1 = accounts.callerFor("college1");
		Caller admin = accounts.callerFor("admin");
		Caller school2 = accounts.callerFor("school2");
		long branch = orgId("SFDX-JSJ-01");
		long otherSchoolsChild = jdbc.sql("""
				select id from organization where parent_id = ? and dissolved_at is null order by id limit 1""")
			.param(orgId("SFXY")).query(Long.class).single();
		long collegeBefore = claims(college1);
		long adminBefore = claims(admin);
		long school2Before = claims(school2);

		claim(branch);
		assertThat(claims(college1)).isEqualTo(collegeBefore + 1);
		assertThat(claims(admin)).as("two levels up").isEqualTo(adminBefore);
		assertThat(claims(school2)).as("another school").isEqualTo(school2Before);

		claim(otherSchoolsChild);
		assertThat(claims(school2)).isEqualTo(school2Before + 1);
		assertThat(claims(admin)).as("another school").isEqualTo(adminBefore);
		assertThat(claims(college1)).isEqualTo(collegeBefore + 1);
	}

	@Test
	void aReviewedYearWaitsForItsOwnSchoolAndTheProvinceOnly() {
		Caller admin = accounts.callerFor("admin");
		Caller school2 = accounts.callerFor("school2");
		Caller province = accounts.callerFor("province");
		long adminBefore = count(admin, "assessment.todo.approve");
		long school2Before = count(school2, "assessment.todo.approve");
		long provinceBefore = count(province, "assessment.todo.approve");
		jdbc.sql("""
				insert into assessment_result (year, organization_id, reviewed_by, reviewed_at)
				values (2062, ?, 'test', now())""").param(orgId("SFXY")).update();
		assertThat(count(school2, "assessment.todo.approve")).isEqualTo(school2Before + 1);
		assertThat(count(province, "assessment.todo.approve")).isEqualTo(provinceBefore + 1);
		assertThat(count(admin, "assessment.todo.approve")).as("another school").isEqualTo(adminBefore);
	}

	private long claims(Caller caller) {
		return count(caller, "assessment.todo.claims");
	}

	private long count(Caller caller, String key) {
		List<ToDo> todos = toDos.dueFor(caller);
		return todos.stream().filter(t -> t.messageKey().equals(key))
			.mapToLong(t -> ((Number) t.args().get(0)).longValue()).sum();
	}

	private void claim(long organization) {
		jdbc.sql("""
				insert into assessment_claim (year, code, organization_id, text, claimed_score, state, claimed_by, claimed_at)
				values (2061, ?, ?, '申报', 1, 'WAITING', 'test', now())""").params(unique("c"), organization).update();
	}
}
