package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.PlatformZone;

/** No personal ranking by default (DOMAIN.md); where a school turns one on, a member can hide their name. */
class PointsRankingTest extends PlatformTest {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	MemberDirectory members;

	@Autowired
	OrganizationScope scope;

	@Autowired
	AccountManagement accounts;

	@Test
	void thereIsNoPersonalRankingUnlessTheSettingTurnsItOn() throws Exception {
		mvc.perform(get("/api/v1/learning/ranking").with(login("member1"))).andExpect(status().isNotFound());
	}

	@Test
	void aMemberCanHideTheirNameFromARankingTurnedOn() throws Exception {
		var member = login("member1");
		mvc.perform(post("/api/v1/me/learning-privacy").with(csrf()).with(member).contentType(MediaType.APPLICATION_JSON)
			.content("{\"hideName\": true}")).andExpect(status().isOk()).andExpect(jsonPath("$.hideName").value(true));
		LearningRules on = new LearningRules(15, 20, 60, 300, 500, 120, 0.9, 2.0, 1, true, null, null);
		PointsRanking ranking = new PointsRanking(jdbcTemplate, on, members, scope, Clock.system(PlatformZone.ZONE));
		long account = accounts.callerFor("member1").accountId();
		jdbcTemplate.update("""
				insert into learning_points (account_id, day, rule, points) values (?, ?, 'ARTICLE_READ', 3)
				on conflict (account_id, day, rule) do update set points = 3""", account, LocalDate.now(PlatformZone.ZONE));
		// member1 sees their own line with their name; the branch secretary sees the place without it
		PointsRanking.Ranking mine = ranking.thisWeek(accounts.callerFor("member1"));
		assertThat(mine.places()).anyMatch(p -> p.me() && "赵红梅".equals(p.name()));
		PointsRanking.Ranking secretary = ranking.thisWeek(accounts.callerFor("branch1"));
		assertThat(secretary.places()).isNotEmpty().noneMatch(p -> "赵红梅".equals(p.name()))
			.anyMatch(p -> p.name() == null && p.points() >= 3);
		assertThat(secretary.places().stream().map(PointsRanking.Place::name).filter(Objects::nonNull)).isNotEmpty();
		mvc.perform(post("/api/v1/me/learning-privacy").with(csrf()).with(member).contentType(MediaType.APPLICATION_JSON)
			.content("{\"hideName\": false}")).andExpect(jsonPath("$.hideName").value(false));
		assertThat(ranking.thisWeek(accounts.callerFor("branch1")).places()).anyMatch(p -> "赵红梅".equals(p.name()));
	}
}
