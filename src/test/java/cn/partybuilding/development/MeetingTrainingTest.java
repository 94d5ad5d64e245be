package cn.partybuilding.development;

import static cn.partybuilding.development.DevelopmentFixtures.done;
import static cn.partybuilding.development.DevelopmentFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.orglife.MeetingGuestAttended;
import cn.partybuilding.orglife.MeetingType;
import cn.partybuilding.shared.PlatformZone;

/**
 * 党课 and 培训班 for activists and 发展对象 (record once): invited as guests of a meeting, checked in by the same code
 * with their own account or by the organiser's hand, and the 学时 attended count toward step 11 by themselves.
 */
class MeetingTrainingTest extends PlatformTest {

	@Autowired
	Clock clock;

	@Autowired
	MeetingTrainings trainings;

	private ResultActions plan(RequestPostProcessor who, String orgCode, MeetingType type, Instant start, Instant end,
			String invitees) throws Exception {
		return mvc.perform(post("/api/v1/meetings").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "%s", "topic": "发展对象培训班：党章学习", "startAt": "%s", "endAt": "%s",
					 "place": "学院报告厅", "invitees": %s}""".formatted(orgId(orgCode), type, start, end, invitees)));
	}

	private long planned(RequestPostProcessor who, String orgCode, MeetingType type, Instant start, Instant end,
			String invitees) throws Exception {
		String answer = plan(who, orgCode, type, start, end, invitees).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(answer, "$.id")).longValue();
	}

	private ResultActions tick(RequestPostProcessor who, long meeting, long person) throws Exception {
		return mvc.perform(post("/api/v1/meetings/{id}/guests/checkins/manual", meeting).with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"personId\": " + person + "}"));
	}

	private ResultActions scan(RequestPostProcessor who, long meeting, String token) throws Exception {
		return mvc.perform(post("/api/v1/meetings/{id}/checkins", meeting).with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + token + "\"}"));
	}

	private String token(RequestPostProcessor organiser, long meeting) throws Exception {
		return JsonPath.read(mvc.perform(get("/api/v1/meetings/{id}/checkin-token", meeting).with(organiser))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.token");
	}

	private void awaitTrainings(RequestPostProcessor who, long person, int count) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc
			.perform(get("/api/v1/development/people/{id}/trainings", person).with(who))
			.andExpect(jsonPath("$.trainings.length()").value(count)));
	}

	/** The person's own account, its initial password taken as changed. */
	private RequestPostProcessor signIn(JsonNode created) throws Exception {
		jdbc.sql("update account set must_change_password = false where username = ?").param(created.get("username").asText())
			.update();
		return login(created.get("username").asText(), created.get("initialPassword").asText());
	}

	private static Instant at(LocalDate day, int hour) {
		return day.atTime(LocalTime.of(hour, 0)).atZone(PlatformZone.ZONE).toInstant();
	}

	@Test
	void anActivistInvitedToACollegesPartyClassChecksInAndTheHoursCountTowardStepEleven() throws Exception {
		RequestPostProcessor branch = login("branch1");
		RequestPostProcessor college = login("college1");
		long branchId = orgId("SFDX-JSJ-01");
		List<Long> full = jdbc.sql("select id from member where organization_id = ? and status = 'FULL' and departed_on is null order by id limit 2")
			.param(branchId).query(Long.class).list();
		LocalDate today = LocalDate.now(clock);
		LocalDate applied = today.minusMonths(26);
		String staff = unique("G");
		JsonNode created = DevelopmentFixtures.apply(mvc, branch, branchId, staff, "学员" + staff.substring(1, 5), applied);
		long id = created.get("id").asLong();
		RequestPostProcessor person = signIn(created);
		DevelopmentFixtures.throughStepTen(mvc, branch, college, id, applied, full);

		// the college's 党课 for all its activists and 发展对象, held three days ago: ticked by hand (8 学时)
		String before = mvc.perform(get("/api/v1/orglife/compliance").with(college)
			.param("orgId", Long.toString(orgId("SFDX-JSJ"))).param("period", Integer.toString(today.minusDays(3).getYear())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long first = planned(college, "SFDX-JSJ", MeetingType.PARTY_LECTURE, at(today.minusDays(3), 9), at(today.minusDays(3), 17),
				"{\"scope\": \"ACTIVISTS\"}");
		mvc.perform(get("/api/v1/meetings/{id}", first).with(college)).andExpect(jsonPath("$.invited").value(0));
		tick(college, first, id).andExpect(status().isCreated()).andExpect(jsonPath("$.guestId").value(id));
		tick(college, first, id).andExpect(status().isOk()).andExpect(jsonPath("$.already").value(true));
		tick(branch, first, id).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/meetings/{id}/guests", first).with(college))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.personId == " + id + ")].status").value("LATE"))
			.andExpect(jsonPath("$[?(@.personId == " + id + ")].manual").value(true));
		mvc.perform(get("/api/v1/meetings/{id}/attendance", first).with(college)).andExpect(jsonPath("$.length()").value(0));
		// a training meeting with its minutes signed off changes no branch's 三会一课 count
		mvc.perform(put("/api/v1/meetings/{id}/minutes", first).with(college).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"学习党章\", \"resolutions\": \"\"}"))
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/meetings/{id}/minutes/sign-off", first).with(college).with(csrf().asHeader()))
			.andExpect(status().isOk());
		String after = mvc.perform(get("/api/v1/orglife/compliance").with(college)
			.param("orgId", Long.toString(orgId("SFDX-JSJ"))).param("period", Integer.toString(today.minusDays(3).getYear())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(after).isEqualTo(before);

		// a 培训班 day two days ago, for this one person by name
		long second = planned(college, "SFDX-JSJ", MeetingType.OTHER, at(today.minusDays(2), 9), at(today.minusDays(2), 17),
				"{\"applicantIds\": [" + id + "]}");
		tick(college, second, id).andExpect(status().isCreated());
		awaitTrainings(branch, id, 2);
		mvc.perform(get("/api/v1/development/people/{id}/trainings", id).with(branch))
			.andExpect(jsonPath("$.days").value(2)).andExpect(jsonPath("$.hours").value(16));
		// two days and 16 学时: not yet
		step(mvc, college, id, 11, today).andExpect(status().isBadRequest()).andExpect(jsonPath("$.rule").value("training"));

		// today's 党课, an hour long, checked in by the activist's own phone with the rotating code
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		long third = planned(college, "SFDX-JSJ", MeetingType.PARTY_LECTURE, now.minus(Duration.ofMinutes(5)),
				now.plus(Duration.ofMinutes(55)), "{\"scope\": \"CHOSEN\", \"memberIds\": [" + full.get(0) + "], \"applicantIds\": [" + id + "]}");
		mvc.perform(get("/api/v1/meetings/mine").with(person)).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + third + ")]").isNotEmpty());
		mvc.perform(get("/api/v1/meetings/{id}", third).with(person)).andExpect(status().isOk());
		String code = token(college, third);
		scan(person, third, code).andExpect(status().isCreated()).andExpect(jsonPath("$.guestId").value(id))
			.andExpect(jsonPath("$.memberId").isEmpty()).andExpect(jsonPath("$.late").value(true));
		scan(person, third, code).andExpect(status().isOk()).andExpect(jsonPath("$.already").value(true));
		scan(person, third, "forged" + code).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/meetings/{id}/attendance", third).with(college)).andExpect(jsonPath("$.length()").value(1));
		mvc.perform(get("/api/v1/meetings/{id}/guests", third).with(college))
			.andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].status").value("LATE"));
		awaitTrainings(branch, id, 3);
		// the same check-in told again counts once
		trainings.on(new MeetingGuestAttended(third, orgId("SFDX-JSJ"), id, null, MeetingType.PARTY_LECTURE, "发展对象培训班：党章学习",
				now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(55)), false, now, "college1"));
		mvc.perform(get("/api/v1/development/people/{id}/trainings", id).with(branch))
			.andExpect(jsonPath("$.trainings.length()").value(3))
			.andExpect(jsonPath("$.days").value(3)).andExpect(jsonPath("$.hours").value(17));

		// three days: step 11 recorded without days or hours takes them
		step(mvc, college, id, 11, today).andExpect(status().isCreated())
			.andExpect(jsonPath("$.days").value(3)).andExpect(jsonPath("$.hours").value(17));

		// someone of another college: not invitable here, and their scan of this code checks nobody in
		String otherStaff = unique("G");
		JsonNode other = DevelopmentFixtures.apply(mvc, login("branch2"), orgId("SFDX-JX-01"), otherStaff,
				"外院" + otherStaff.substring(1, 5), today);
		plan(college, "SFDX-JSJ", MeetingType.PARTY_LECTURE, now, now.plus(Duration.ofHours(2)),
				"{\"applicantIds\": [" + other.get("id").asLong() + "]}").andExpect(status().isNotFound());
		RequestPostProcessor outsider = signIn(other);
		scan(outsider, third, token(college, third)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("token"));
		mvc.perform(get("/api/v1/meetings/{id}", third).with(outsider)).andExpect(status().isNotFound());
		tick(college, third, other.get("id").asLong()).andExpect(status().isBadRequest());
	}

	@Test
	void aMembersOnlyMeetingHasNoGuestsAndAShortOneIsNoTraining() throws Exception {
		RequestPostProcessor branch = login("branch1");
		Instant start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
		long meeting = planned(branch, "SFDX-JSJ-01", MeetingType.THEME_DAY, start, start.plus(Duration.ofHours(2)),
				"{\"scope\": \"BRANCH\"}");
		mvc.perform(get("/api/v1/meetings/{id}", meeting).with(branch)).andExpect(jsonPath("$.invited").value(
				org.hamcrest.Matchers.greaterThan(0)));
		mvc.perform(get("/api/v1/meetings/{id}/guests", meeting).with(branch)).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(0));
		plan(branch, "SFDX-JSJ-01", MeetingType.THEME_DAY, start, start.plus(Duration.ofHours(2)), "{\"scope\": \"CHOSEN\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("invitees"));
		assertThat(MeetingTrainings.hours(Duration.ofMinutes(59), 60)).isZero();
		assertThat(MeetingTrainings.hours(Duration.ofMinutes(135), 45)).isEqualTo(3);
	}

	@Test
	void onThePagesTheOrganiserInvitesAllActivistsAndTheGuestChecksInByTheScannedLink() throws Exception {
		RequestPostProcessor branch = login("branch1");
		RequestPostProcessor college = login("college1");
		long branchId = orgId("SFDX-JSJ-01");
		List<Long> full = jdbc.sql("select id from member where organization_id = ? and status = 'FULL' and departed_on is null order by id limit 1")
			.param(branchId).query(Long.class).list();
		LocalDate applied = LocalDate.now(clock).minusMonths(3);
		String staff = unique("G");
		JsonNode created = DevelopmentFixtures.apply(mvc, branch, branchId, staff, "页面学员" + staff.substring(1, 5), applied);
		long id = created.get("id").asLong();
		done(mvc, branch, id, 2, applied.plusDays(10), "note", "谈话");
		done(mvc, branch, id, 3, applied.plusDays(20), "note", "党员推荐");
		done(mvc, college, id, 4, applied.plusDays(25));
		done(mvc, branch, id, 5, applied.plusDays(26), "memberIds", full);
		RequestPostProcessor person = signIn(created);

		java.time.LocalDateTime now = java.time.LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
		String location = mvc.perform(post("/meetings").with(college).with(csrf()).param("orgId", Long.toString(orgId("SFDX-JSJ")))
			.param("type", "PARTY_LECTURE").param("topic", "入党积极分子培训班").param("invitees", "ACTIVISTS")
			.param("startAt", now.minusMinutes(5).toString()).param("endAt", now.plusMinutes(125).toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long meeting = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		mvc.perform(get(location).with(college)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("id=\"guests\""),
						org.hamcrest.Matchers.containsString("页面学员" + staff.substring(1, 5)))));
		mvc.perform(get(location + "/checkin").param("token", token(college, meeting)).with(person))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("签到成功")));
		awaitTrainings(branch, id, 1);
		mvc.perform(get("/api/v1/development/people/{id}/trainings", id).with(branch))
			.andExpect(jsonPath("$.hours").value(2)).andExpect(jsonPath("$.trainings[0].name").value("党课：入党积极分子培训班"));
	}
}
