package cn.partybuilding.development;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The applicant list as built for a province (issue 23): the keyset cursor, and totals and stages from the counters. */
class ApplicantListAtScaleTest extends PlatformTest {

	@Test
	void theCursorWalksTheListLikeThePages() throws Exception {
		var admin = login("admin");
		List<Long> byPages = new ArrayList<>();
		long total = 0;
		for (int page = 0;; page++) {
			String json = mvc.perform(get("/api/v1/applicants").with(admin).param("size", "23").param("page", Integer.toString(page)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			List<Integer> ids = JsonPath.read(json, "$.content[*].id");
			total = ((Number) JsonPath.read(json, "$.totalElements")).longValue();
			ids.forEach(id -> byPages.add(id.longValue()));
			if (ids.size() < 23) {
				break;
			}
		}
		List<Long> byCursor = new ArrayList<>();
		String after = null;
		do {
			var request = get("/api/v1/applicants").with(admin).param("size", "23");
			if (after != null) {
				request.param("after", after);
			}
			String json = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			List<Integer> ids = JsonPath.read(json, "$.content[*].id");
			ids.forEach(id -> byCursor.add(id.longValue()));
			after = JsonPath.read(json, "$.next");
		}
		while (after != null);
		assertThat(byPages).hasSizeGreaterThan(23).doesNotHaveDuplicates();
		assertThat(byCursor).containsExactlyElementsOf(byPages);
		assertThat(total).isEqualTo(byPages.size());
		mvc.perform(get("/api/v1/applicants").with(admin).param("after", "nonsense"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("after"));
	}

	@Test
	void theCountsByStageFromTheCountersAreTheFilesOfTheScope() throws Exception {
		long college = orgId("SFDX-JSJ");
		String json = mvc.perform(get("/api/v1/applicants").with(login("admin")).param("orgId", Long.toString(college)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Map<String, Integer> byStage = JsonPath.read(json, "$.byStage");
		List<Map<String, Object>> raw = jdbc.sql("""
				select stage, count(*) as n from applicant where organization_id in (select id from organization
				    where path like (select path from organization where id = ?) || '%' and dissolved_at is null) group by stage""")
			.param(college).query().listOfRows();
		assertThat(raw).isNotEmpty();
		for (Map<String, Object> row : raw) {
			assertThat(byStage.get((String) row.get("stage")).longValue()).as((String) row.get("stage"))
				.isEqualTo(((Number) row.get("n")).longValue());
		}
		long all = raw.stream().mapToLong(r -> ((Number) r.get("n")).longValue()).sum();
		assertThat(((Number) JsonPath.read(json, "$.totalElements")).longValue()).isEqualTo(all);
		assertThat((Boolean) JsonPath.read(json, "$.totalExact")).isTrue();
	}
}
