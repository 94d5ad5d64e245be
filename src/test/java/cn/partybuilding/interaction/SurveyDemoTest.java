package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/** The demo's surveys: an open anonymous one with answers, some counted; a closed named vote with its results. */
class SurveyDemoTest extends PlatformTest {

	@Test
	void theDemoHasAnOpenAnonymousSurveyAndAClosedNamedVoteWithResults() throws Exception {
		long open = jdbc.sql("select id from interaction_survey where title like '2026 年党员教育培训需求调查%' order by id limit 1")
			.query(Long.class).single();
		long vote = jdbc.sql("select id from interaction_survey where title like '推选 2026 年度优秀共产党员候选人%' order by id limit 1")
			.query(Long.class).single();
		ObjectMapper json = new ObjectMapper();
		JsonNode anonymous = json.readTree(mvc.perform(get("/api/v1/surveys/" + open + "/results").with(login("college1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(anonymous.get("anonymous").asBoolean()).isTrue();
		assertThat(anonymous.get("state").asText()).isEqualTo("OPEN");
		assertThat(anonymous.get("answered").asLong()).isGreaterThanOrEqualTo(20);
		assertThat(anonymous.get("counted").asLong()).isGreaterThanOrEqualTo(10);
		// member1 has it waiting
		assertThat(mvc.perform(get("/").with(login("member1"))).andReturn().getResponse().getContentAsString())
			.contains("card-surveys");

		JsonNode named = json.readTree(mvc.perform(get("/api/v1/surveys/" + vote + "/results").with(login("member1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(named.get("state").asText()).isEqualTo("CLOSED");
		long votes = 0;
		for (JsonNode o : named.get("questions").get(0).get("options")) {
			votes += o.get("count").asLong();
		}
		assertThat(votes).isEqualTo(named.get("answered").asLong()).isGreaterThan(3);
	}
}
