package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/**
 * An expired attempt is submitted once: a late answer that finds the attempt past its deadline, while the expiry job
 * is submitting it, waits for the job and then leaves the job's submission as it is (seen in the surge benchmark: the
 * job's batch held the row, the late answers queued behind it and each submitted the attempt again, with a second
 * result event each).
 */
class ExpiredAttemptRaceTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	DataSource dataSource;

	@Test
	void aLateAnswerWaitingBehindTheExpiryJobDoesNotSubmitTheAttemptAgain() throws Exception {
		RequestPostProcessor branch = login("branch1");
		RequestPostProcessor member = login("member1");
		long question = JSON.readTree(mvc.perform(post("/api/v1/exam/questions").with(csrf()).with(branch)
			.contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("type", "SINGLE", "text", unique("党的最高领导机关是"), "options",
					List.of("全国代表大会和它所产生的中央委员会", "中央政治局"), "answer", "A", "score", 2, "tags", List.of("党章"),
					"difficulty", 1, "orgId", orgId("SFDX-JSJ-01")))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		long exam = JSON.readTree(mvc.perform(post("/api/v1/exams").with(csrf()).with(branch)
			.contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("title", unique("截止测试"), "orgId", orgId("SFDX-JSJ-01"), "audience",
					Map.of("scope", "BRANCH"), "questionIds", List.of(question), "opensAt",
					Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
					Instant.now().plus(2, ChronoUnit.HOURS).toString(), "durationMinutes", 20, "attempts", 1, "passMark", 1))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		long attempt = JSON.readTree(mvc.perform(post("/api/v1/exams/" + exam + "/attempts").with(csrf()).with(member))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		jdbc.sql("update exam_attempt set deadline = now() - interval '1 minute' where id = ?").param(attempt).update();

		Timestamp byTheJob = Timestamp.from(Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS));
		try (Connection job = dataSource.getConnection()) {
			job.setAutoCommit(false);
			// the expiry job holds the row while it grades the attempt
			try (PreparedStatement lock = job.prepareStatement("select id from exam_attempt where id = ? for update")) {
				lock.setLong(1, attempt);
				lock.executeQuery().close();
			}
			CompletableFuture<Integer> late = CompletableFuture.supplyAsync(() -> {
				try {
					return mvc.perform(put("/api/v1/exam-attempts/" + attempt + "/answers/" + question).with(csrf())
						.with(member).contentType(MediaType.APPLICATION_JSON).content("{\"answer\":\"A\"}"))
						.andReturn().getResponse().getStatus();
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			});
			// the late answer has read the attempt (not yet submitted, past its deadline) and waits for the row
			long until = System.currentTimeMillis() + 20_000;
			while (System.currentTimeMillis() < until && jdbc.sql("""
					select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%from exam_attempt%for update%'""")
				.query(Long.class).single() == 0) {
				Thread.sleep(20);
			}
			try (PreparedStatement submit = job.prepareStatement("""
					update exam_attempt set submitted_at = ?, submitted_by = 'SERVER', score = 0, pending_manual = 0,
					    passed = false, completed_at = ? where id = ?""")) {
				submit.setTimestamp(1, byTheJob);
				submit.setTimestamp(2, byTheJob);
				submit.setLong(3, attempt);
				submit.executeUpdate();
			}
			job.commit();
			assertThat(late.get(20, TimeUnit.SECONDS)).isEqualTo(409);
		}
		// the job's submission stands: not graded again, not stamped again
		assertThat(jdbc.sql("select submitted_at from exam_attempt where id = ?").param(attempt).query(Timestamp.class).single())
			.isEqualTo(byTheJob);
		assertThat(jdbc.sql("select count(*) from exam_answer where attempt_id = ?").param(attempt).query(Long.class).single())
			.isZero();
	}
}
