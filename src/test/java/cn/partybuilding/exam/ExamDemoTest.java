package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/** The demo's 线上测试: the bank, branch1's quiz with everyone's results, the school's contest, member1's attempt. */
class ExamDemoTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void theDemoHasABankAFinishedQuizAContestAndMember1sAttempt() throws Exception {
		assertThat(jdbc.sql("select count(*) from exam_question where org_id = ?").param(orgId("SFDX"))
			.query(Integer.class).single()).isGreaterThanOrEqualTo(300);
		JsonNode mine = JSON.readTree(mvc.perform(get("/api/v1/exams").with(login("member1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		JsonNode quiz = null;
		JsonNode contest = null;
		for (JsonNode e : mine) {
			if (e.get("title").asText().contains("支部工作条例")) {
				quiz = e;
			}
			if (e.get("title").asText().contains("知识竞赛")) {
				contest = e;
			}
		}
		assertThat(quiz).isNotNull();
		assertThat(quiz.get("attemptsUsed").asInt()).isEqualTo(1);
		assertThat(quiz.get("best").asDouble()).isGreaterThan(0);
		assertThat(contest).isNotNull();
		assertThat(contest.get("state").asText()).isEqualTo("OPEN");
		assertThat(contest.get("attemptsUsed").asInt()).isZero();
		// everyone of branch1's branch took the quiz; the branch sees their results
		JsonNode stats = JSON.readTree(mvc.perform(get("/api/v1/exams/" + quiz.get("id").asLong() + "/statistics")
			.with(login("branch1"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(stats.get("participants").asInt()).isGreaterThan(1).isEqualTo(stats.get("invited").asInt());
		assertThat(jdbc.sql("""
				select count(*) from exam_attempt a join account c on c.id = a.account_id join exam e on e.id = a.exam_id
				where c.username = 'applicant1' and a.passed and e.title = '入党积极分子培训结业测试'""").query(Integer.class)
			.single()).isEqualTo(1);
	}
}
