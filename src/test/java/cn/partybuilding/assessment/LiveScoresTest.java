package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.orglife.Attendee;
import cn.partybuilding.orglife.HeldMeeting;
import cn.partybuilding.orglife.MeetingType;
import cn.partybuilding.orglife.OrgLifeManagement;
import cn.partybuilding.orglife.Turnout;
import cn.partybuilding.shared.PlatformZone;

/**
 * Record once: the assessment copies no number. A meeting signed off today changes the branch's score today, with
 * the source numbers and the missing months shown beside it (the demo's standard system of this year).
 */
class LiveScoresTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Autowired
	OrgLifeManagement orglife;

	@Autowired
	Clock clock;

	private Map<String, Object> themeDay(long branch, int year) throws Exception {
		String body = mvc.perform(get("/api/v1/assessment/scores/" + branch).param("year", "" + year).with(login("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Map<String, Object>> found = JsonPath.read(body, "$.indicators[?(@.code == 'orglife.compliance.THEME_DAY')]");
		return found.get(0);
	}

	@Test
	@DisplayName("a 主题党日 signed off today raises the branch's score today; the months still missing are listed behind it")
	void aMeetingSignedOffTodayChangesTheScoreToday() throws Exception {
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		int year = today.getYear();
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		long branch = orgs.branch(orgId("SFDX"), true);
		List<FigureOrgs.Person> people = orgs.members(branch, 3, LocalDate.of(2020, 1, 1));

		Map<String, Object> before = themeDay(branch, year);
		assertThat(before).containsEntry("automatic", true).containsEntry("state", "COMPUTED");
		assertThat((String) before.get("source")).contains("0");
		assertThat((List<?>) before.get("behind")).isNotEmpty();

		Instant start = ZonedDateTime.of(today.withDayOfMonth(1), LocalTime.of(14, 30), PlatformZone.ZONE).toInstant();
		Instant end = start.plus(Duration.ofHours(1));
		orglife.recordHeld(accounts.callerFor("admin"), List.of(new HeldMeeting(branch, MeetingType.THEME_DAY, "主题党日", start,
				end, null, null, people.stream().map(p -> new Attendee(p.id(), Turnout.ON_TIME, start, null)).toList(), "会议记录",
				null, end)));

		Map<String, Object> after = themeDay(branch, year);
		assertThat(((Number) after.get("score")).doubleValue()).isGreaterThan(((Number) before.get("score")).doubleValue());
		assertThat(((Number) after.get("value")).doubleValue()).isGreaterThan(0);
		assertThat((String) after.get("formula")).isNotBlank();
		List<Map<String, Object>> behind = (List<Map<String, Object>>) after.get("behind");
		assertThat(behind).anyMatch(b -> Boolean.TRUE.equals(b.get("ok"))).anyMatch(b -> Boolean.FALSE.equals(b.get("ok")));
		// the ranking reads the same live number
		String ranking = mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).param("orgId", "" + branch)
			.with(login("admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Double> scores = JsonPath.read(ranking, "$[0].indicators[?(@.code == 'orglife.compliance.THEME_DAY')].score");
		assertThat(scores.get(0)).isEqualTo(((Number) after.get("score")).doubleValue());
	}
}
