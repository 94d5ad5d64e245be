package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.assessment.Indicator.AppliesTo;
import cn.partybuilding.assessment.IndicatorSystems.IndicatorForm;
import cn.partybuilding.assessment.Scoreboard.Standing;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/**
 * The ranking kept per year and organisation (issue 23, fifth round), with every ranking of the demo read from it
 * ({@code live-up-to=0}): the same rows, order, ranks, totals, stages and indicators as the live ranking at the
 * province's root and at a school; a school's administrator never sees another school's kept row; a claim scored
 * counts at once; a recomputation changes nothing a reviewer decided; the API pages through it and the page says
 * when it was computed.
 */
@TestPropertySource(properties = "party.assessment.ranking.live-up-to=0")
class KeptRankingTest extends PlatformTest {

	private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

	@Autowired
	Scoreboard scoreboard;

	@Autowired
	KeptRankings rankings;

	@Autowired
	IndicatorSystems systems;

	@Autowired
	OrganizationScope scope;

	@Autowired
	AccountManagement accounts;

	@Autowired
	Clock clock;

	private int thisYear() {
		return LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear();
	}

	/** A system of two manual indicators (10 + 10 points) for a year no other test uses, once. */
	private IndicatorSystem manualSystem(int year) {
		if (systems.published(year).isEmpty()) {
			Caller province = accounts.callerFor("province");
			long id = systems.startDraft(province, year);
			systems.edit(province, id, false, List.of(
					new IndicatorForm("own", "manual.feature", "特色活动", false, new BigDecimal("10"), null, null, AppliesTo.BOTH, ""),
					new IndicatorForm("own", "manual.awards", "获奖", false, new BigDecimal("10"), null, null, AppliesTo.BOTH, "")));
			systems.publish(province, id);
		}
		return systems.published(year).orElseThrow();
	}

	private static String row(Standing s) {
		return s.score().orgId() + " #" + s.rank() + " " + s.score().orgName() + " " + s.score().total().toPlainString() + " "
				+ s.score().stars() + "★ " + s.stage() + " " + s.liveTotal() + " " + s.liveStars() + " " + s.approvedAt();
	}

	@Test
	@DisplayName("the kept ranking has the live ranking's rows, order, ranks, stages and indicators, at the root and at a school")
	void theKeptRankingIsTheLiveRanking() {
		int year = thisYear();
		IndicatorSystem system = systems.published(year).orElseThrow();
		rankings.refresh(year);
		for (String who : List.of("province", "admin")) {
			Caller caller = accounts.callerFor(who);
			Scoreboard.Ranking kept = scoreboard.ranking(caller, year, null, ZH);
			assertThat(kept.asOf()).as(who).isNotNull();
			List<Standing> live = scoreboard.live(system, scope.covered(caller, null, "assessment", Scoreboard.READERS), ZH);
			assertThat(live).as(who).hasSizeGreaterThan(10);
			assertThat(kept.standings().stream().map(KeptRankingTest::row).toList()).as(who)
				.containsExactlyElementsOf(live.stream().map(KeptRankingTest::row).toList());
			assertThat(scoreboard.withIndicators(kept, kept.standings(), year).stream().map(s -> s.score().indicators()).toList())
				.as(who).containsExactlyElementsOf(live.stream().map(s -> s.score().indicators()).toList());
		}
	}

	@Test
	@DisplayName("a school's administrator never sees another school's kept row; another school asked for is the audited 404")
	void aSchoolSeesOnlyItsOwnKeptRows() throws Exception {
		int year = thisYear();
		rankings.refresh(year);
		Set<Long> first = scope.subtree(orgId("SFDX"));
		Set<Long> second = scope.subtree(orgId("SFXY"));
		List<Long> admins = scoreboard.ranking(accounts.callerFor("admin"), year, null, ZH).standings().stream()
			.map(s -> s.score().orgId()).toList();
		List<Long> school2s = scoreboard.ranking(accounts.callerFor("school2"), year, null, ZH).standings().stream()
			.map(s -> s.score().orgId()).toList();
		assertThat(admins).isNotEmpty().allMatch(first::contains);
		assertThat(school2s).isNotEmpty().allMatch(second::contains);
		long before = auditCount("access.denied", "admin");
		mvc.perform(get("/api/v1/assessment/scores").param("orgId", "" + orgId("SFXY")).with(login("admin")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "admin")).isGreaterThan(before);
	}

	@Test
	@DisplayName("a claim scored counts in the kept ranking at once; computing it again overwrites no review or approval")
	void claimsCountAtOnceAndApprovalsStay() throws Exception {
		int year = 2040;
		manualSystem(year);
		rankings.refresh(year);
		long branch = orgId("SFDX-JSJ-01");
		RequestPostProcessor branch1 = login("branch1");
		RequestPostProcessor college1 = login("college1");
		Caller province = accounts.callerFor("province");
		{
			String created = mvc.perform(post("/api/v1/assessment/claims").with(branch1).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"year": %d, "orgId": %d, "code": "manual.feature", "text": "特色活动", "claimedScore": 8}"""
					.formatted(year, branch)))
				.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
			long claim = new ObjectMapper().readTree(created).get("id").asLong();
			assertThat(kept(province, year, branch).score().total()).isEqualByComparingTo("0");
			mvc.perform(post("/api/v1/assessment/claims/{id}/score", claim).with(college1).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"score\": 7, \"reason\": \"材料齐全\"}"))
				.andExpect(status().isOk());
		}
		// 7 of 20 points, without the ranking computed again
		assertThat(kept(province, year, branch).score().total()).isEqualByComparingTo("35.0");

		mvc.perform(post("/api/v1/assessment/results/{org}/review", branch).param("year", "" + year).with(college1).with(csrf()))
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/assessment/results/{org}/approve", branch).param("year", "" + year).with(login("admin"))
			.with(csrf())).andExpect(status().isOk());
		Standing approved = kept(province, year, branch);
		assertThat(approved.stage()).isEqualTo(Scoreboard.Stage.APPROVED);
		assertThat(approved.changedSinceApproval()).isFalse();
		String result = jdbc.sql("select approved_by || approved_at || total || indicators from assessment_result where year = ? and organization_id = ?")
			.params(year, branch).query(String.class).single();

		// an adjustment after the approval: the kept live total moves at once, the approved one stays until accepted
		mvc.perform(post("/api/v1/assessment/adjustments").with(college1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"year": %d, "orgId": %d, "code": "manual.awards", "score": 5, "reason": "市级表彰"}""".formatted(year, branch)))
			.andExpect(status().isCreated());
		rankings.refresh(year);
		Standing after = kept(province, year, branch);
		assertThat(after.stage()).isEqualTo(Scoreboard.Stage.APPROVED);
		assertThat(after.score().total()).isEqualByComparingTo("35.0");
		assertThat(after.liveTotal()).isEqualByComparingTo("60.0");
		assertThat(jdbc.sql("select approved_by || approved_at || total || indicators from assessment_result where year = ? and organization_id = ?")
			.params(year, branch).query(String.class).single()).isEqualTo(result);
	}

	private Standing kept(Caller caller, int year, long orgId) {
		Scoreboard.Ranking ranking = scoreboard.ranking(caller, year, null, ZH);
		assertThat(ranking.asOf()).isNotNull();
		return ranking.standings().stream().filter(s -> s.score().orgId() == orgId).findFirst().orElseThrow();
	}

	@Test
	@DisplayName("the API pages through the kept ranking (X-Next-After), ranks running on; the page says 数据截至")
	void theApiPagesThroughTheKeptRanking() throws Exception {
		int year = thisYear();
		RequestPostProcessor province = login("province");
		MockHttpServletResponse whole = mvc.perform(get("/api/v1/assessment/scores").with(province))
			.andExpect(status().isOk()).andExpect(header().exists("X-Data-As-Of")).andReturn().getResponse();
		List<String> all = rows(whole.getContentAsString());
		assertThat(all).hasSizeGreaterThan(7);

		List<String> paged = new ArrayList<>();
		String after = null;
		do {
			MockHttpServletResponse page = mvc.perform(get("/api/v1/assessment/scores").param("size", "7")
				.param("after", after == null ? "0" : after).with(province)).andExpect(status().isOk()).andReturn().getResponse();
			List<String> rows = rows(page.getContentAsString());
			assertThat(rows).hasSizeBetween(1, 7);
			assertThat(page.getHeader("X-Total-Count")).isEqualTo("" + all.size());
			paged.addAll(rows);
			after = page.getHeader("X-Next-After");
		}
		while (after != null);
		assertThat(paged).containsExactlyElementsOf(all);
		mvc.perform(get("/api/v1/assessment/scores").param("size", "501").with(province)).andExpect(status().isBadRequest());

		String html = mvc.perform(get("/assessment/review").param("year", "" + year).with(province)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("id=\"review-as-of\"").contains("数据截至");
	}

	private static List<String> rows(String json) throws Exception {
		List<String> rows = new ArrayList<>();
		for (JsonNode s : new ObjectMapper().readTree(json)) {
			rows.add(s.get("orgId").asLong() + "#" + s.get("rank").asInt() + " " + s.get("total").asDouble() + " "
					+ s.get("indicators").size());
		}
		return rows;
	}
}
