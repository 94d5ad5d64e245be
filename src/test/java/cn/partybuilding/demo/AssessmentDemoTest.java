package cn.partybuilding.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The demo university's assessment: this year's system published, every branch scored live, with reasons shown. */
class AssessmentDemoTest extends PlatformTest {

	@Autowired
	Clock clock;

	@Test
	@DisplayName("the demo scores every branch of the school this year, most with four stars or more, and says why any lost points")
	void everyBranchIsScored() throws Exception {
		int year = LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear();
		String body = mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).with(login("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Integer> scored = JsonPath.read(body, "$[*].orgId");
		List<Integer> demoBranches = jdbc.sql("""
				select o.id from organization o where o.type = 'BRANCH' and o.dissolved_at is null and o.code ~ '^SFDX-[A-Z]+-[0-9]+$'""").query(Integer.class).list();
		assertThat(scored).containsAll(demoBranches);
		List<Map<String, Object>> demo = JsonPath.<List<Map<String, Object>>>read(body, "$[*]").stream()
			.filter(o -> demoBranches.contains((Integer) o.get("orgId"))).toList();
		Map<Integer, Long> distribution = new TreeMap<>();
		demo.forEach(o -> distribution.merge((Integer) o.get("stars"), 1L, Long::sum));
		System.out.println("Demo assessment " + year + ": stars → branches " + distribution);
		assertThat(demo.stream().filter(o -> (Integer) o.get("stars") >= 4).count()).as("branches with four stars or more")
			.isGreaterThan(demo.size() / 2);
		for (Map<String, Object> o : demo) {
			List<Map<String, Object>> indicators = (List<Map<String, Object>>) o.get("indicators");
			assertThat(indicators).filteredOn(i -> ((Number) i.get("score")).doubleValue() < ((Number) i.get("max")).doubleValue())
				.allSatisfy(i -> assertThat((String) i.get("source")).isNotBlank());
		}
	}
}
