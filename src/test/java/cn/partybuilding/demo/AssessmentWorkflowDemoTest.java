package cn.partybuilding.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/**
 * The demo's levels of the assessment, seeded into a year of their own (2048) under a system of two manual
 * indicators: one appeal open and one claim with evidence waiting in branch1's branch, most branches scored, the
 * mechanical college's branches reviewed and two approved.
 */
class AssessmentWorkflowDemoTest extends PlatformTest {

	@Autowired
	AssessmentWorkflowDemo demo;

	@Test
	void theDemoHasOneAppealOneWaitingClaimWithEvidenceAndMostBranchesScored() {
		int year = 2048;
		long system = jdbc.sql("""
				insert into assessment_system (year, version, state, created_by, created_at, published_by, published_at)
				values (?, 1, 'PUBLISHED', 'test', now(), 'test', now()) returning id""").param(year).query(Long.class).single();
		jdbc.sql("""
				insert into assessment_indicator (system_id, position, group_name, code, name, automatic, max_score, applies_to)
				values (?, 1, '特色', 'manual.feature', '特色活动', false, 6, 'BOTH'), (?, 2, '特色', 'manual.awards', '获奖', false, 6, 'BOTH')""")
			.params(system, system).update();
		Map<String, Long> ids = new HashMap<>();
		jdbc.sql("select code, id from organization where code ~ '^SFDX-[A-Z]+(-[0-9]+)?$'").query(rs -> {
			String code = rs.getString(1).substring(5);
			ids.put(code.contains("-") ? code.substring(0, code.indexOf('-')) + "-" + Integer.parseInt(code.substring(code.indexOf('-') + 1))
					: code, rs.getLong(2));
		});
		ids.put("SFDX", orgId("SFDX"));
		demo.seed(ids, LocalDate.of(year, 11, 20).atStartOfDay(PlatformZone.ZONE).toInstant());

		long branch1 = orgId("SFDX-JSJ-01");
		assertThat(jdbc.sql("select count(*) from assessment_appeal where year = ? and organization_id = ? and state = 'OPEN'")
			.params(year, branch1).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from assessment_claim c join assessment_claim_file f on f.claim_id = c.id
				where c.year = ? and c.organization_id = ? and c.state = 'WAITING'""").params(year, branch1)
			.query(Long.class).single()).isEqualTo(1);
		long branches = ids.keySet().stream().filter(k -> k.matches("[A-Z]+-\\d+")).count();
		long scored = jdbc.sql("select count(distinct organization_id) from assessment_claim where year = ? and state = 'SCORED'")
			.param(year).query(Long.class).single();
		assertThat(scored).isGreaterThan(branches / 2);
		assertThat(jdbc.sql("select count(*) from assessment_result where year = ? and approved_at is not null").param(year)
			.query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from assessment_result where year = ? and reviewed_at is not null").param(year)
			.query(Long.class).single()).isGreaterThan(2);
	}
}
