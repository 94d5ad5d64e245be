package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Check-in by a signed, rotating code: valid, expired, forged, not invited, twice, out of hours, by hand, at once. */
class MeetingCheckinTest extends PlatformTest {

	@Autowired
	MeetingPlanner planner;

	@Autowired
	AccountManagement accounts;

	@Autowired
	Clock clock;

	@Value("${party.orglife.checkin-key}")
	String key;

	long plan(RequestPostProcessor who, String orgCode, Instant start, Instant end, String invitees) throws Exception {
		String answer = mvc.perform(post("/api/v1/meetings").with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "THEME_DAY", "topic": "学习二十届四中全会精神", "startAt": "%s", "endAt": "%s",
					 "place": "计算机楼 301", "invitees": %s}""".formatted(orgId(orgCode), start, end, invitees)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(answer, "$.id")).longValue();
	}

	String token(RequestPostProcessor organiser, long meeting) throws Exception {
		return JsonPath.read(mvc.perform(get("/api/v1/meetings/{id}/checkin-token", meeting).with(organiser))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.token");
	}

	ResultActions checkIn(RequestPostProcessor who, long meeting, String token)
			throws Exception {
		return mvc.perform(post("/api/v1/meetings/{id}/checkins", meeting).with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + token + "\"}"));
	}

	long memberId(String staff) {
		return jdbc.sql("select id from member where staff_number = ?").param(staff).query(Long.class).single();
	}

	@Test
	void aMemberChecksInWithTheCodeOnceAndEveryRefusalSaysWhy() throws Exception {
		var branch1 = login("branch1");
		var member1 = login("member1");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long meeting = plan(branch1, "SFDX-JSJ-01", now.minusSeconds(600), now.plusSeconds(3600), "{\"scope\": \"BRANCH\"}");

		mvc.perform(get("/api/v1/meetings/mine").with(member1))
			.andExpect(jsonPath("$[?(@.id == " + meeting + ")]").isNotEmpty());
		String token = token(branch1, meeting);

		checkIn(member1, meeting, token).andExpect(status().isCreated()).andExpect(jsonPath("$.late").value(true));
		checkIn(member1, meeting, token).andExpect(status().isOk()).andExpect(jsonPath("$.already").value(true));
		assertThat(jdbc.sql("select count(*) from meeting_checkin where meeting_id = ?").param(meeting).query(Long.class)
			.single()).isEqualTo(1);

		String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
		checkIn(member1, meeting, forged).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("无效")));
		long other = plan(branch1, "SFDX-JSJ-01", now, now.plusSeconds(3600), "{\"scope\": \"BRANCH\"}");
		checkIn(member1, other, token).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("无效")));
		String expired = new CheckinTokens(key, -5, clock).issue(other).token();
		checkIn(member1, other, expired).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("过期")));
		checkIn(login("member2"), meeting, token).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("参会名单")));
		long tomorrow = plan(branch1, "SFDX-JSJ-01", now.plusSeconds(86_400), now.plusSeconds(90_000), "{\"scope\": \"BRANCH\"}");
		checkIn(member1, tomorrow, token(branch1, tomorrow)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("签到时间")));

		// by hand, for someone without a phone; and the list says who came, late or on time
		long someone = jdbc.sql("select member_id from meeting_invitee where meeting_id = ? and member_id <> ? limit 1")
			.params(List.of(meeting, memberId("member1"))).query(Long.class).single();
		mvc.perform(post("/api/v1/meetings/{id}/checkins/manual", meeting).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"memberId\": " + someone + "}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/meetings/{id}/attendance", meeting).with(branch1))
			.andExpect(jsonPath("$[?(@.memberId == " + someone + ")].manual").value(Matchers.contains(true)))
			.andExpect(jsonPath("$[?(@.memberId == " + memberId("member1") + ")].status").value(Matchers.contains("LATE")))
			.andExpect(jsonPath("$[?(@.status == 'EXPECTED')]").isNotEmpty());

		// record once: the check-in is in the member's 纪实
		long until = System.currentTimeMillis() + 20_000;
		while (jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'MEETING_ATTENDED' and source_id = ?")
			.params(List.of(memberId("member1"), Long.toString(meeting))).query(Long.class).single() == 0
				&& System.currentTimeMillis() < until) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'MEETING_ATTENDED' and source_id = ?")
			.params(List.of(memberId("member1"), Long.toString(meeting))).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aMemberWhoScannedAGoodCodeAndThenSignedInIsCheckedInAsOfTheScan() throws Exception {
		var branch1 = login("branch1");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long meeting = plan(branch1, "SFDX-JSJ-01", now.minusSeconds(60), now.plusSeconds(3600), "{\"scope\": \"BRANCH\"}");
		String shortLived = new CheckinTokens(key, 2, clock).issue(meeting).token();
		String link = "/meetings/" + meeting + "/checkin?token=" + shortLived;

		// signed out: the scan is noted, then the sign-in form
		var scan = mvc.perform(get(link).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection()).andReturn();
		assertThat(scan.getResponse().getRedirectedUrl()).endsWith("/login");
		Instant scannedBy = Instant.now();
		Thread.sleep(2_500); // the code runs out while the member types the password
		var signedIn = mvc.perform(post("/login").with(csrf()).cookie(scan.getResponse().getCookie("SESSION"))
			.param("username", "member1").param("password", DEMO_PASSWORD))
			.andExpect(status().is3xxRedirection()).andReturn();
		String back = signedIn.getResponse().getRedirectedUrl();
		assertThat(back).contains("/meetings/" + meeting + "/checkin");
		mvc.perform(get(back).with(sessionOf(signedIn))).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("签到成功")));
		Instant at = jdbc.sql("select checked_in_at from meeting_checkin where meeting_id = ? and member_id = ?")
			.params(List.of(meeting, memberId("member1"))).query(Timestamp.class).single().toInstant();
		assertThat(at).isBefore(scannedBy.plusMillis(1));

		// the same expired code without a scan in time is still refused
		mvc.perform(get(link).with(login("member2"))).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("过期")));
		var late = mvc.perform(get(link).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection()).andReturn();
		var lateSignIn = mvc.perform(post("/login").with(csrf()).cookie(late.getResponse().getCookie("SESSION"))
			.param("username", "member1").param("password", DEMO_PASSWORD)).andReturn();
		mvc.perform(get(lateSignIn.getResponse().getRedirectedUrl()).with(sessionOf(lateSignIn)))
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("过期")));
	}

	@Test
	@DisplayName("The branch committee may run the check-in screen; a member, or a committee elsewhere, may not")
	void theBranchCommitteeMayRunTheScreen() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long meeting = plan(login("branch1"), "SFDX-JSJ-01", now.minusSeconds(60), now.plusSeconds(3600), "{\"scope\": \"BRANCH\"}");
		String committee = unique("wy").toLowerCase();
		accounts.openPrepared(committee, "组织委员", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.BRANCH_COMMITTEE, orgId("SFDX-JSJ-01"))));
		String elsewhere = unique("wy").toLowerCase();
		accounts.openPrepared(elsewhere, "别处委员", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.BRANCH_COMMITTEE, orgId("SFDX-JX-01"))));
		assertThat(token(login(committee), meeting)).isNotBlank();
		mvc.perform(get("/meetings/{id}/screen", meeting).with(login(committee))).andExpect(status().isOk());
		// an invited member knows the meeting, but not its code
		mvc.perform(get("/api/v1/meetings/{id}/checkin-token", meeting).with(login("member1")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/meetings/{id}/checkin-token", meeting).with(login(elsewhere)))
			.andExpect(status().isNotFound());
	}

	@Test
	void leaveIsAskedForAndGranted() throws Exception {
		var branch1 = login("branch1");
		var member1 = login("member1");
		Instant now = Instant.now();
		long meeting = plan(branch1, "SFDX-JSJ-01", now.plusSeconds(3600), now.plusSeconds(7200), "{\"scope\": \"BRANCH\"}");
		mvc.perform(post("/api/v1/meetings/{id}/leave", meeting).with(member1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"外出参加学术会议\"}"))
			.andExpect(status().isNoContent());
		mvc.perform(post("/api/v1/meetings/{id}/leave/{m}", meeting, memberId("member1")).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"approve\": true}"))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/meetings/{id}/attendance", meeting).with(branch1))
			.andExpect(jsonPath("$[?(@.memberId == " + memberId("member1") + ")].status").value(Matchers.contains("LEAVE")));
	}

	@Test
	void meetingsAreScopedAndInviteesMustBeInTheOrganisersReach() throws Exception {
		var branch1 = login("branch1");
		Instant now = Instant.now();
		long meeting = plan(branch1, "SFDX-JSJ-01", now, now.plusSeconds(3600), "{\"scope\": \"BRANCH\"}");
		var branch2 = login("branch2");
		for (var request : List.of(get("/api/v1/meetings/{id}", meeting), get("/api/v1/meetings/{id}/checkin-token", meeting),
				get("/api/v1/meetings/{id}/attendance", meeting))) {
			assertThat(mvc.perform(request.with(branch2)).andReturn().getResponse().getStatus()).isEqualTo(404);
		}
		assertThat(mvc.perform(get("/api/v1/meetings/{id}", meeting).with(login("member2"))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		// an invitee sees the meeting but does not get the check-in code
		var member1 = login("member1");
		mvc.perform(get("/api/v1/meetings/{id}", meeting).with(member1)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/meetings/{id}/checkin-token", meeting).with(member1)).andExpect(status().isForbidden());
		// inviting someone of another college is refused as out of scope
		mvc.perform(post("/api/v1/meetings").with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "TALK", "topic": "谈心谈话", "startAt": "%s", "endAt": "%s",
					 "invitees": {"memberIds": [%d]}}""".formatted(orgId("SFDX-JSJ-01"), now, now.plusSeconds(1800),
					memberId("member2"))))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/meetings").with(branch2).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "TALK", "topic": "越权", "startAt": "%s", "endAt": "%s", "invitees": {"scope": "BRANCH"}}"""
				.formatted(orgId("SFDX-JSJ-01"), now, now.plusSeconds(1800))))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/meetings").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch2))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/meetings").with(branch1))
			.andExpect(jsonPath("$[?(@.id == " + meeting + ")]").isNotEmpty());
	}

	@Test
	void twoHundredMembersCheckingInWithinASecondAreEachCountedOnce() throws Exception {
		Instant now = Instant.now();
		long meeting = plan(login("college1"), "SFDX-JSJ", now, now.plusSeconds(3600), "{\"scope\": \"BRANCH\"}");
		String token = new CheckinTokens(key, 30, clock).issue(meeting).token();
		record Person(long accountId, String username) {
		}
		List<Person> people = jdbc.sql("""
				select a.id as account_id, a.username from meeting_invitee i join member m on m.id = i.member_id join account a on a.id = m.account_id
				where i.meeting_id = ? order by a.id limit 200""").param(meeting).query(Person.class).list();
		assertThat(people).hasSize(200);
		List<Callable<MeetingPlanner.CheckedIn>> calls = new ArrayList<>();
		for (Person p : people) {
			Caller caller = new Caller(p.accountId(), p.username(), p.username(), List.of(new Caller.Grant(Role.MEMBER, orgId("SFDX-JSJ"))));
			calls.add(() -> planner.checkIn(caller, meeting, token));
			calls.add(() -> planner.checkIn(caller, meeting, token)); // and each of them twice
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			long started = System.nanoTime();
			var results = pool.invokeAll(calls);
			for (var r : results) {
				r.get();
			}
			System.out.printf("400 check-ins in %d ms%n", (System.nanoTime() - started) / 1_000_000);
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from meeting_checkin where meeting_id = ?").param(meeting).query(Long.class)
			.single()).isEqualTo(200);
	}
}
