package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The demo's 民主评议: this year's in branch1's branch, finished, with member1's own result and 纪实 lines. */
class EvaluationDemoTest extends PlatformTest {

	@Test
	void theDemoHasAFinishedEvaluationInBranch1sBranch() throws Exception {
		long id = jdbc.sql("select id from assessment_evaluation where branch_id = ? and year = ?")
			.params(orgId("SFDX-JSJ-01"), LocalDate.now(PlatformZone.ZONE).getYear()).query(Long.class).single();
		ObjectMapper json = new ObjectMapper();
		JsonNode all = json.readTree(mvc.perform(get("/api/v1/evaluations/" + id + "/results").with(login("branch1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(all.get("state").asText()).isEqualTo("APPROVED");
		assertThat(all.get("voted").asLong()).isGreaterThan(10);
		assertThat(all.get("members").size()).isGreaterThan(10);
		JsonNode own = json.readTree(mvc.perform(get("/api/v1/evaluations/" + id + "/results").with(login("member1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(own.get("members").size()).isEqualTo(1);
		assertThat(own.get("members").get(0).get("approvedGrade").asText()).isNotBlank();
		assertThat(jdbc.sql("""
				select count(*) from record_entry r join member m on m.id = r.member_id join account a on a.id = m.account_id
				where a.username = 'member1' and r.source_type = 'evaluation' and r.source_id = ?""")
			.param(Long.toString(id)).query(Long.class).single()).isEqualTo(2);
	}
}
