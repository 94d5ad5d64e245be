package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The 民主评议 API contract of issue 20: setting one, the secret single ballot, the results, scope on every family. */
class EvaluationApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Years of branch1's branch this class uses (the demo holds this year's; one evaluation a year). */
	private static final AtomicInteger YEARS = new AtomicInteger(2031);

	@Autowired
	private DemocraticEvaluations evaluations;

	private EvaluationFixture fixture;

	private RequestPostProcessor branch;

	private RequestPostProcessor member;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		member = login("member1");
		fixture = new EvaluationFixture(evaluations, jdbc);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, Object body, RequestPostProcessor who)
			throws Exception {
		return mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body)));
	}

	private JsonNode json(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private Map<String, Object> body(Map<String, Object> more) {
		Map<String, Object> body = new HashMap<>(Map.of("branchId", orgId("SFDX-JSJ-01"), "year", YEARS.getAndIncrement(),
				"opensAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.DAYS).toString()));
		body.putAll(more);
		return body;
	}

	private long evaluation(Map<String, Object> more) throws Exception {
		JsonNode node = json(send(post("/api/v1/evaluations"), body(more), branch).andExpect(status().isCreated()));
		assertThat(node.size()).isEqualTo(1);
		return node.get("id").asLong();
	}

	private static List<String> fields(JsonNode problem) {
		List<String> fields = new ArrayList<>();
		problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
		return fields;
	}

	private long memberId(String username) {
		return jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = ?")
			.param(username).query(Long.class).single();
	}

	@Test
	@DisplayName("民主评议党员每年一次：a branch's evaluation is set once a year (409 again), for a branch only, with a window")
	void settingAnEvaluation() throws Exception {
		Map<String, Object> first = body(Map.of());
		JsonNode created = json(send(post("/api/v1/evaluations"), first, branch).andExpect(status().isCreated()));
		assertThat(created.get("id").asLong()).isPositive();
		JsonNode again = json(send(post("/api/v1/evaluations"), first, branch).andExpect(status().isConflict()));
		assertThat(fields(again)).containsExactly("year");
		assertThat(again.get("status").asInt()).isEqualTo(409);

		JsonNode window = json(send(post("/api/v1/evaluations"), body(Map.of("opensAt", "2026-12-10T09:00",
				"closesAt", "2026-12-09T09:00")), branch).andExpect(status().isBadRequest()));
		assertThat(fields(window)).containsExactly("closesAt");
		assertThat(window.get("message").asText()).isNotBlank();
		JsonNode notBranch = json(send(post("/api/v1/evaluations"), body(Map.of("branchId", orgId("SFDX-JSJ"))),
				login("college1")).andExpect(status().isBadRequest()));
		assertThat(fields(notBranch)).contains("branchId");
		send(post("/api/v1/evaluations"), body(Map.of("branchId", orgId("SFDX-JX-01"))), branch)
			.andExpect(status().isNotFound());

		// a time without an offset is Beijing time
		LocalDateTime opens = LocalDateTime.now(PlatformZone.ZONE).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
		long local = evaluation(Map.of("opensAt", opens.toString(), "closesAt", opens.plusDays(3).toString()));
		assertThat(jdbc.sql("select opens_at from assessment_evaluation where id = ?").param(local)
			.query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(opens.atZone(PlatformZone.ZONE).toInstant());
		mvc.perform(get("/api/v1/evaluations/" + local).with(member)).andExpect(status().isOk());
	}

	@Test
	@DisplayName("民主评议投票无记名、每人一票：one ballot per voter (409 again, 409 outside the window), every problem named")
	void votingOnce() throws Exception {
		long id = evaluation(Map.of());
		long me = memberId("member1");
		long other = fixture.otherFullMembers(orgId("SFDX-JSJ-01"), me, 2).get(0);
		long outsider = memberId("member2");
		JsonNode bad = json(send(post("/api/v1/evaluations/" + id + "/ballots"), Map.of("votes", List.of(
				Map.of("memberId", me, "grade", "EXCELLENT"), Map.of("memberId", other, "grade", "GOOD"),
				Map.of("memberId", outsider, "grade", "QUALIFIED"), Map.of("memberId", other, "grade", "QUALIFIED"))),
				member).andExpect(status().isBadRequest()));
		assertThat(fields(bad)).containsExactly("votes[0].memberId", "votes[1].grade", "votes[2].memberId",
				"votes[3].memberId");
		send(post("/api/v1/evaluations/" + id + "/ballots"), Map.of("votes", List.of()), member)
			.andExpect(status().isBadRequest());

		send(post("/api/v1/evaluations/" + id + "/ballots"),
				Map.of("votes", List.of(Map.of("memberId", other, "grade", "EXCELLENT"))), member)
			.andExpect(status().isCreated());
		JsonNode twice = json(send(post("/api/v1/evaluations/" + id + "/ballots"),
				Map.of("votes", List.of(Map.of("memberId", other, "grade", "QUALIFIED"))), member)
			.andExpect(status().isConflict()));
		assertThat(fields(twice)).containsExactly("votes");
		JsonNode view = json(mvc.perform(get("/api/v1/evaluations/" + id).with(member)).andExpect(status().isOk()));
		assertThat(view.get("votedByMe").asBoolean()).isTrue();
		assertThat(view.get("voted").asLong()).isEqualTo(1);

		// not yet open, and closed
		long later = evaluation(Map.of("opensAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "closesAt",
				Instant.now().plus(3, ChronoUnit.DAYS).toString()));
		send(post("/api/v1/evaluations/" + later + "/ballots"),
				Map.of("votes", List.of(Map.of("memberId", other, "grade", "EXCELLENT"))), member)
			.andExpect(status().isConflict());
		long closed = evaluation(Map.of());
		mvc.perform(post("/api/v1/evaluations/" + closed + "/close").with(csrf()).with(branch))
			.andExpect(status().isNoContent());
		send(post("/api/v1/evaluations/" + closed + "/ballots"),
				Map.of("votes", List.of(Map.of("memberId", other, "grade", "EXCELLENT"))), member)
			.andExpect(status().isConflict());
	}

	@Test
	@DisplayName("民主评议结果：the branch sees every member's counts, a member only their own and only once approved")
	void resultsForTheBranchAndForTheMember() throws Exception {
		long id = evaluation(Map.of());
		long me = memberId("member1");
		List<Long> others = fixture.otherFullMembers(orgId("SFDX-JSJ-01"), me, 3);
		send(put("/api/v1/evaluations/" + id + "/self-assessment"), Map.of("text", "本年度按时参加组织生活。"), member)
			.andExpect(status().isNoContent());
		assertThat(json(mvc.perform(get("/api/v1/evaluations/" + id + "/ballot").with(login("admin")))).toString())
			.contains("本年度按时参加组织生活。");
		send(post("/api/v1/evaluations/" + id + "/ballots"), Map.of("votes",
				List.of(Map.of("memberId", others.get(0), "grade", "EXCELLENT"),
						Map.of("memberId", others.get(1), "grade", "BASICALLY_QUALIFIED"))), member)
			.andExpect(status().isCreated());
		for (Long voter : others) {
			fixture.vote(voter, id, Map.of(me, EvaluationGrade.EXCELLENT));
		}
		mvc.perform(post("/api/v1/evaluations/" + id + "/close").with(csrf()).with(branch))
			.andExpect(status().isNoContent());

		JsonNode all = json(mvc.perform(get("/api/v1/evaluations/" + id + "/results").with(branch))
			.andExpect(status().isOk()));
		assertThat(all.get("state").asText()).isEqualTo("TALLIED");
		assertThat(all.get("voted").asLong()).isEqualTo(4);
		assertThat(all.get("members").size()).isGreaterThan(4);
		JsonNode mine = null;
		for (JsonNode m : all.get("members")) {
			if (m.get("memberId").asLong() == me) {
				mine = m;
			}
			if (m.get("memberId").asLong() == others.get(1)) {
				assertThat(m.get("basicallyQualified").asInt()).isEqualTo(1);
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("excellent").asInt()).isEqualTo(3);
		assertThat(mine.get("abstained").asInt()).isZero();
		assertThat(mine.get("suggested").asText()).isEqualTo("EXCELLENT");
		assertThat(mine.get("proposedGrade").isNull()).isTrue();

		// before the approval a member sees no counts, not even their own
		JsonNode early = json(mvc.perform(get("/api/v1/evaluations/" + id + "/results").with(member))
			.andExpect(status().isOk()));
		assertThat(early.get("members").size()).isZero();

		List<Map<String, Object>> grades = new ArrayList<>();
		for (JsonNode m : all.get("members")) {
			grades.add(Map.of("memberId", m.get("memberId").asLong(), "grade", "QUALIFIED"));
		}
		send(post("/api/v1/evaluations/" + id + "/approval"), Map.of(), login("college1"))
			.andExpect(status().isConflict());
		send(post("/api/v1/evaluations/" + id + "/proposal"), Map.of("grades", grades), branch)
			.andExpect(status().isNoContent());
		// the branch does not approve its own proposal: the general branch does
		send(post("/api/v1/evaluations/" + id + "/approval"), Map.of(), branch).andExpect(status().isForbidden());
		send(post("/api/v1/evaluations/" + id + "/approval"), Map.of(), login("college1"))
			.andExpect(status().isNoContent());
		JsonNode own = json(mvc.perform(get("/api/v1/evaluations/" + id + "/results").with(member))
			.andExpect(status().isOk()));
		assertThat(own.get("members").size()).isEqualTo(1);
		assertThat(own.get("members").get(0).get("memberId").asLong()).isEqualTo(me);
		assertThat(own.get("members").get(0).get("excellent").asInt()).isEqualTo(3);
		assertThat(own.get("members").get(0).get("approvedGrade").asText()).isEqualTo("QUALIFIED");
		send(post("/api/v1/evaluations/" + id + "/proposal"), Map.of("grades", grades), branch)
			.andExpect(status().isConflict());
	}

	@Test
	@DisplayName("不合格须记录处置：an unqualified grade needs its step (限期改正, 劝其退党, 除名); a return needs a reason")
	void theProposalNamesItsProblems() throws Exception {
		long id = evaluation(Map.of());
		mvc.perform(post("/api/v1/evaluations/" + id + "/close").with(csrf()).with(branch))
			.andExpect(status().isNoContent());
		List<Long> roll = jdbc.sql("select member_id from assessment_evaluation_result where evaluation_id = ?")
			.param(id).query(Long.class).list();
		List<Map<String, Object>> grades = new ArrayList<>();
		grades.add(Map.of("memberId", roll.get(0), "grade", "UNQUALIFIED"));
		grades.add(Map.of("memberId", roll.get(1), "grade", "EXCELLENT", "step", "EXPEL"));
		JsonNode bad = json(send(post("/api/v1/evaluations/" + id + "/proposal"), Map.of("grades", grades), branch)
			.andExpect(status().isBadRequest()));
		assertThat(fields(bad)).containsExactly("grades[0].step", "grades[1].step", "grades");
		grades.clear();
		for (int i = 0; i < roll.size(); i++) {
			grades.add(i == 0 ? Map.of("memberId", roll.get(i), "grade", "UNQUALIFIED", "step", "RECTIFY", "note", "限期三个月改正")
					: Map.of("memberId", roll.get(i), "grade", "QUALIFIED"));
		}
		send(post("/api/v1/evaluations/" + id + "/proposal"), Map.of("grades", grades), branch)
			.andExpect(status().isNoContent());
		RequestPostProcessor college = login("college1");
		assertThat(fields(json(send(post("/api/v1/evaluations/" + id + "/return"), Map.of("reason", " "), college)
			.andExpect(status().isBadRequest())))).containsExactly("reason");
		send(post("/api/v1/evaluations/" + id + "/return"), Map.of("reason", "请补充不合格党员的谈话记录"), college)
			.andExpect(status().isNoContent());
		assertThat(json(mvc.perform(get("/api/v1/evaluations/" + id).with(branch))).get("state").asText())
			.isEqualTo("RETURNED");
		assertThat(jdbc.sql("select step from assessment_evaluation_result where evaluation_id = ? and member_id = ?")
			.params(id, roll.get(0)).query(String.class).single()).isEqualTo("RECTIFY");
		// recorded, never carried out: the member is still on the roll
		assertThat(jdbc.sql("select departed_on is null from member where id = ?").param(roll.get(0)).query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void outsideTheBranchOrTheScopeAnEvaluationDoesNotExist() throws Exception {
		long id = evaluation(Map.of());
		RequestPostProcessor stranger = login("member2");
		RequestPostProcessor otherBranch = login("branch2");
		long denied = auditCount("access.denied", "member2");
		mvc.perform(get("/api/v1/evaluations/" + id).with(stranger)).andExpect(status().isNotFound());
		send(post("/api/v1/evaluations/" + id + "/ballots"),
				Map.of("votes", List.of(Map.of("memberId", memberId("member1"), "grade", "EXCELLENT"))), stranger)
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/evaluations/" + id + "/results").with(stranger)).andExpect(status().isNotFound());
		send(put("/api/v1/evaluations/" + id + "/self-assessment"), Map.of("text", "自评"), stranger)
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "member2")).isGreaterThanOrEqualTo(denied + 4);
		long deniedBranch = auditCount("access.denied", "branch2");
		mvc.perform(get("/api/v1/evaluations/" + id + "/results").with(otherBranch)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/evaluations/" + id + "/results.xlsx").with(otherBranch)).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/evaluations/" + id + "/close").with(csrf()).with(otherBranch))
			.andExpect(status().isNotFound());
		send(post("/api/v1/evaluations/" + id + "/proposal"), Map.of("grades", List.of()), otherBranch)
			.andExpect(status().isNotFound());
		send(post("/api/v1/evaluations/" + id + "/approval"), Map.of(), otherBranch).andExpect(status().isNotFound());
		mvc.perform(get("/evaluations/" + id).with(otherBranch)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch2")).isGreaterThanOrEqualTo(deniedBranch + 6);
		// a member of the branch reads it but does not close it or read every count
		mvc.perform(get("/api/v1/evaluations/" + id).with(member)).andExpect(status().isOk());
		mvc.perform(post("/api/v1/evaluations/" + id + "/close").with(csrf()).with(member))
			.andExpect(status().isNotFound());
		mvc.perform(get("/evaluations/" + id).with(member)).andExpect(status().isNotFound());
		// not listed for a stranger
		assertThat(mvc.perform(get("/api/v1/evaluations").with(stranger)).andReturn().getResponse().getContentAsString())
			.doesNotContain("\"id\":" + id + ",");

		// anonymous: 401 on the API, the login page for the pages; no CSRF token: 403
		mvc.perform(get("/api/v1/evaluations/" + id)).andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/evaluations/" + id + "/ballots").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().is4xxClientError());
		for (String page : List.of("/evaluations", "/evaluations/mine", "/evaluations/" + id)) {
			mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
		}
		mvc.perform(post("/api/v1/evaluations/" + id + "/ballots").with(member).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("votes", List.of())))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/evaluations").with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body(Map.of())))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/evaluations/" + id + "/close").with(branch)).andExpect(status().isForbidden());
		mvc.perform(post("/evaluations/mine/" + id + "/self").with(member).param("text", "自评"))
			.andExpect(status().isForbidden());
	}
}
