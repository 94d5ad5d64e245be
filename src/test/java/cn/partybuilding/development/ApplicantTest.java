package cn.partybuilding.development;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ApplicantTest extends PlatformTest {

	@Test
	void theDemoHasAboutThreeHundredApplicantsMostlyStudentsAtEveryStage() throws Exception {
		// the demo's files, not those other tests of this context added: recorded while the demo loaded
		String demo = """
				from applicant a where exists (select 1 from development_step s where s.applicant_id = a.id and s.step = 1
				  and s.recorded_at <= (select max(recorded_at) from development_step where actor = 'system'))""";
		long total = jdbc.sql("select count(*) " + demo).query(Long.class).single();
		assertThat(total).isBetween(280L, 320L);
		assertThat(jdbc.sql("select count(*) " + demo + " and category = 'STUDENT'").query(Long.class).single())
			.isGreaterThan(total * 3 / 4);
		assertThat(jdbc.sql("select count(distinct stage) " + demo).query(Long.class).single()).isEqualTo(5);
		assertThat(jdbc.sql("select count(*) from applicant where birth_date + interval '18 years' > applied_on")
			.query(Long.class).single()).isZero();
		long all = jdbc.sql("select count(*) from applicant").query(Long.class).single();

		// the province's administrator (at the root) lists every file there is
		mvc.perform(get("/api/v1/applicants").with(login("province")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value((int) all))
			.andExpect(jsonPath("$.byStage.APPLICANT").isNumber());
		mvc.perform(get("/development").param("stage", "ACTIVIST").with(login("college1")))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("入党积极分子")));
	}

	@Test
	void applicantsAreScopedLikeMembers() throws Exception {
		var branch2 = login("branch2");
		long jx01 = orgId("SFDX-JX-01");
		String json = mvc.perform(get("/api/v1/applicants").param("size", "200").with(branch2))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Integer> orgs = JsonPath.read(json, "$.content[*].organizationId");
		assertThat(orgs).allMatch(id -> id == jx01);
		mvc.perform(get("/api/v1/applicants").param("orgId", Long.toString(orgId("SFDX-JSJ-03"))).with(branch2))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/applicants").with(login("member1"))).andExpect(status().isForbidden());
	}
}
