package cn.partybuilding.development;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.RecentTotals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The applicant list as built for a province (issue 23): the keyset cursor, and totals and stages from the counters. */
class ApplicantListAtScaleTest extends PlatformTest {

	@Autowired
	private Applicants applicants;

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

	@Test
	void overMoreThanAThousandOrganisationsTheCountsByStageAreACopyAFewSecondsOldSaidSo() {
		ApplicantListing listing = new ApplicantListing(jdbc, applicants, Clock.systemUTC(), Duration.ofMinutes(1));
		Set<Long> everyOrganization = new HashSet<>(
				jdbc.sql("select id from organization where dissolved_at is null").query(Long.class).list());
		// a scope the size of a province's school, whatever this database's tree holds (ids below zero have no files)
		for (long none = -1; everyOrganization.size() <= RecentTotals.ABOVE_ORGANIZATIONS; none--) {
			everyOrganization.add(none);
		}

		ApplicantListing.StageCounts copy = listing.stageCounts(everyOrganization);
		assertThat(copy.exact()).isFalse();
		assertThat(copy.byStage()).isEqualTo(listing.countByStage(everyOrganization));
		assertThat(listing.stageCounts(everyOrganization).byStage()).as("the same copy within its max age")
			.isSameAs(copy.byStage());

		Set<Long> college = Set.of(orgId("SFDX-JSJ"));
		ApplicantListing.StageCounts counted = listing.stageCounts(college);
		assertThat(counted.exact()).as("a small scope: summed, exact").isTrue();
		assertThat(counted.byStage()).isEqualTo(listing.countByStage(college));
	}
}
