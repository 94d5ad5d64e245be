package cn.partybuilding.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.orglife.CheckinCodesForTests;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

@RecordApplicationEvents
class VolunteerApiTest extends PlatformTest {

	@Autowired
	AccountManagement accounts;

	@Autowired
	VolunteerActivities activities;

	@Autowired
	VolunteerReminders reminders;

	@Autowired
	ApplicationEvents events;

	@Autowired
	VolunteerActivity facade;

	@Autowired
	Clock clock;

	@Value("${party.orglife.checkin-key}")
	String key;

	ResultActions create(RequestPostProcessor who, String body) throws Exception {
		return mvc.perform(post("/api/v1/volunteer/activities").with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	static String activity(long orgId, String audience, Instant until, String shifts) {
		return """
				{"orgId": %d, "title": "社区敬老院志愿服务", "place": "阳光敬老院", "description": "陪伴老人、打扫卫生",
				 "audience": "%s", "signUpUntil": "%s", "shifts": %s}""".formatted(orgId, audience, until, shifts);
	}

	static String shift(Instant start, int places) {
		return """
				{"startAt": "%s", "endAt": "%s", "places": %d}""".formatted(start, start.plus(3, ChronoUnit.HOURS), places);
	}

	/** An activity of branch1's branch in two days with one shift of so many places; its id and the shift's id. */
	long[] publish(String audience, int places) throws Exception {
		Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
		String answer = create(login("branch1"), activity(orgId("SFDX-JSJ-01"), audience, start.minus(1, ChronoUnit.HOURS),
				"[" + shift(start, places) + "]"))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return new long[] { ((Number) JsonPath.read(answer, "$.id")).longValue(),
				((Number) JsonPath.read(answer, "$.shifts[0].id")).longValue() };
	}

	ResultActions signUp(RequestPostProcessor who, long shift) throws Exception {
		return mvc.perform(post("/api/v1/volunteer/shifts/{id}/signups", shift).with(who).with(csrf()));
	}

	ResultActions cancel(RequestPostProcessor who, long shift) throws Exception {
		return mvc.perform(delete("/api/v1/volunteer/shifts/{id}/signups/me", shift).with(who).with(csrf()));
	}

	/** A fresh member-like account of a branch (its own login), for people beyond the demo's. */
	RequestPostProcessor someoneOf(String orgCode) throws Exception {
		String username = unique("vol");
		accounts.openPrepared(username, "志愿者" + username.substring(3), DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.MEMBER, orgId(orgCode))));
		return login(username);
	}

	long accountId(String username) {
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	/** Moves the shift into the past (started an hour ago), as the day it happens would. */
	void started(long shift) {
		jdbc.sql("update volunteer_shift set starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' where id = ?")
			.param(shift).update();
	}

	@Test
	@DisplayName("POST /api/v1/volunteer/activities answers 201 {id, shifts:[{id, places}]}, repeats shifts weekly, and names bad fields")
	void anActivityIsCreatedAsTheContractSays() throws Exception {
		Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
		var branch1 = login("branch1");
		create(branch1, activity(orgId("SFDX-JSJ-01"), "SUBTREE", start.minus(1, ChronoUnit.DAYS),
				"[" + shift(start, 5) + ", " + shift(start.plus(5, ChronoUnit.HOURS), 8) + "]"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.shifts.length()").value(2))
			.andExpect(jsonPath("$.shifts[0].id").isNumber())
			.andExpect(jsonPath("$.shifts[0].places").value(5))
			.andExpect(jsonPath("$.shifts[1].places").value(8));
		// weekly for four weeks: four shifts a week apart
		String weekly = activity(orgId("SFDX-JSJ-01"), "SCHOOL", start.minus(1, ChronoUnit.DAYS), "[" + shift(start, 3) + "]")
			.replace("\"shifts\"", "\"repeat\": {\"every\": \"WEEKLY\", \"times\": 4}, \"shifts\"");
		String answer = create(branch1, weekly).andExpect(status().isCreated()).andExpect(jsonPath("$.shifts.length()").value(4))
			.andReturn().getResponse().getContentAsString();
		long activity = ((Number) JsonPath.read(answer, "$.id")).longValue();
		List<Instant> starts = jdbc.sql("select starts_at from volunteer_shift where activity_id = ? order by starts_at")
			.param(activity).query(Instant.class).list();
		assertThat(starts.get(3)).isEqualTo(starts.get(0).plus(21, ChronoUnit.DAYS));
		// bad input: every field named
		create(branch1, """
				{"orgId": %d, "title": " ", "place": "", "audience": "CLASS", "signUpUntil": null,
				 "shifts": [{"startAt": "%s", "endAt": "%s", "places": 0}]}""".formatted(orgId("SFDX-JSJ-01"), start,
				start.minusSeconds(60)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'title')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'place')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'audience')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'signUpUntil')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'shifts[0].endAt')].message").value(Matchers.contains("结束时间须晚于开始时间")))
			.andExpect(jsonPath("$.errors[?(@.field == 'shifts[0].places')]").exists());
		// a member publishes nothing; another college's secretary cannot publish for this branch
		create(login("member1"), activity(orgId("SFDX-JSJ-01"), "SUBTREE", start.minusSeconds(3600), "[" + shift(start, 5) + "]"))
			.andExpect(status().isNotFound());
		create(login("branch2"), activity(orgId("SFDX-JSJ-01"), "SUBTREE", start.minusSeconds(3600), "[" + shift(start, 5) + "]"))
			.andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("A full shift puts people on the waiting list in order; a freed place goes to the first waiting, who is told")
	void theWaitingListIsPromotedWhenAPlaceFrees() throws Exception {
		long[] ids = publish("SUBTREE", 2);
		var a = someoneOf("SFDX-JSJ-01");
		var b = someoneOf("SFDX-JSJ-01");
		var c = someoneOf("SFDX-JSJ-01");
		var d = someoneOf("SFDX-JSJ-01");
		signUp(a, ids[1]).andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("CONFIRMED"))
			.andExpect(jsonPath("$.position").value(1));
		signUp(b, ids[1]).andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("CONFIRMED"))
			.andExpect(jsonPath("$.position").value(2));
		signUp(c, ids[1]).andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("WAITING"))
			.andExpect(jsonPath("$.position").value(1));
		signUp(d, ids[1]).andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("WAITING"))
			.andExpect(jsonPath("$.position").value(2));
		// twice: 409
		signUp(a, ids[1]).andExpect(status().isConflict()).andExpect(jsonPath("$.message").value(Matchers.containsString("已报名")));
		// b leaves: c (the first waiting) takes the place, d moves up
		cancel(b, ids[1]).andExpect(status().isNoContent());
		cancel(b, ids[1]).andExpect(status().isNotFound());
		String list = mvc.perform(get("/api/v1/volunteer/shifts/{id}/signups", ids[1]).with(login("branch1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[?(@.state == 'WAITING')].position").value(Matchers.contains(1)))
			.andReturn().getResponse().getContentAsString();
		List<String> confirmed = JsonPath.read(list, "$[?(@.state == 'CONFIRMED')].name");
		List<String> waiting = JsonPath.read(list, "$[?(@.state == 'WAITING')].name");
		String cName = jdbc.sql("select display_name from account where id = (select max(account_id) from volunteer_signup where shift_id = ? and state = 'CONFIRMED')")
			.param(ids[1]).query(String.class).single();
		assertThat(confirmed).hasSize(2).contains(cName);
		assertThat(waiting).hasSize(1).doesNotContain(cName);
		assertThat(events.stream(VolunteerPlaceOffered.class).filter(e -> e.shiftId() == ids[1]).count()).isEqualTo(1);
		long promoted = events.stream(VolunteerPlaceOffered.class).filter(e -> e.shiftId() == ids[1]).findFirst().orElseThrow()
			.accountId();
		assertThat(jdbc.sql("select display_name from account where id = ?").param(promoted).query(String.class).single())
			.isEqualTo(cName);
		// and hears of it in 我的通知
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
			.sql("select title from notification where account_id = ?").param(promoted).query(String.class).list())
			.anySatisfy(t -> assertThat(t).contains("候补成功", "社区敬老院志愿服务")));
	}

	@Test
	@DisplayName("Sign-up and cancellation close at the deadline (409 with a clear message)")
	void signUpClosesAtTheDeadline() throws Exception {
		long[] ids = publish("SUBTREE", 5);
		var member = someoneOf("SFDX-JSJ-01");
		signUp(member, ids[1]).andExpect(status().isCreated());
		jdbc.sql("update volunteer_activity set sign_up_until = now() - interval '1 minute' where id = ?").param(ids[0]).update();
		signUp(someoneOf("SFDX-JSJ-01"), ids[1]).andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("报名已截止")));
		cancel(member, ids[1]).andExpect(status().isConflict());
	}

	@Test
	@DisplayName("The organiser exports the shift's list (guests with their phones), audited; others get 403 or 404")
	void theOrganiserExportsTheShiftsList() throws Exception {
		long[] ids = publish("SUBTREE", 1);
		var branch1 = login("branch1");
		signUp(login("member1"), ids[1]).andExpect(status().isCreated());
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/guests", ids[1]).with(branch1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"王来宾\", \"phone\": \"13800138000\", \"schoolNumber\": \"2026001\"}"))
			.andExpect(status().isCreated());
		long before = auditCount("volunteer.signups.export", "branch1");
		byte[] file = mvc.perform(get("/volunteer/shifts/{id}/signups.xlsx", ids[1]).with(branch1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(file))) {
			var sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("赵红梅");
			assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("已报名");
			assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("王来宾");
			assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("13800138000");
			assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("候补第 1 位");
		}
		assertThat(auditCount("volunteer.signups.export", "branch1")).isEqualTo(before + 1);
		mvc.perform(get("/volunteer/shifts/{id}/signups.xlsx", ids[1]).with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(get("/volunteer/shifts/{id}/signups.xlsx", ids[1]).with(login("branch2"))).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("Out of the audience every endpoint family answers 404; the audience that does not organise gets 403")
	void scopeIs404AndOrganiserOnlyIs403() throws Exception {
		long[] ids = publish("SUBTREE", 5);
		var member2 = login("member2"); // another college
		var branch2 = login("branch2");
		mvc.perform(get("/api/v1/volunteer/activities/{id}", ids[0]).with(member2)).andExpect(status().isNotFound());
		signUp(member2, ids[1]).andExpect(status().isNotFound());
		cancel(member2, ids[1]).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/signups", ids[1]).with(branch2)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/checkin-token", ids[1]).with(branch2)).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/hours", ids[1]).with(branch2).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/guests", ids[1]).with(branch2).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"王来宾\", \"phone\": \"13800138000\"}"))
			.andExpect(status().isNotFound());
		mvc.perform(put("/api/v1/volunteer/activities/{id}", ids[0]).with(branch2).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/volunteer/hours").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch2))
			.andExpect(status().isNotFound());
		mvc.perform(get("/volunteer/activities/{id}", ids[0]).with(member2)).andExpect(status().isNotFound());
		mvc.perform(get("/volunteer/shifts/{id}", ids[1]).with(branch2)).andExpect(status().isNotFound());
		assertThat(mvc.perform(get("/api/v1/volunteer/activities").param("filter", "UPCOMING").with(member2))
			.andReturn().getResponse().getContentAsString()).doesNotContain("\"id\":" + ids[0] + ",");
		// member1 is of the audience: sees it, signs up, but the sign-up list is the organiser's
		var member1 = login("member1");
		mvc.perform(get("/api/v1/volunteer/activities/{id}", ids[0]).with(member1)).andExpect(status().isOk())
			.andExpect(jsonPath("$.shifts[0].shift.places").value(5)).andExpect(jsonPath("$.organiser").value(false));
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/signups", ids[1]).with(member1)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/checkin-token", ids[1]).with(member1)).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/hours", ids[1]).with(member1).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/volunteer/shifts/{id}", ids[1]).with(member1)).andExpect(status().isForbidden());
		// the college above organises it too
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/signups", ids[1]).with(login("college1"))).andExpect(status().isOk());
		// a school-wide activity is open to the other college
		long[] school = publish("SCHOOL", 5);
		signUp(member2, school[1]).andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("CONFIRMED"));
		assertThat(auditCount("access.outOfScope", "member2") + auditCount("access.denied", "member2")).isPositive();
	}

	@Test
	@DisplayName("Check-in and check-out with orglife's rotating code; only people with a place; another subject's code is refused")
	void checkInWithARealCode() throws Exception {
		long[] ids = publish("SUBTREE", 1);
		var member = someoneOf("SFDX-JSJ-01");
		var waiting = someoneOf("SFDX-JSJ-01");
		signUp(member, ids[1]).andExpect(jsonPath("$.state").value("CONFIRMED"));
		signUp(waiting, ids[1]).andExpect(jsonPath("$.state").value("WAITING"));
		started(ids[1]);
		String token = JsonPath.read(mvc.perform(get("/api/v1/volunteer/shifts/{id}/checkin-token", ids[1]).with(login("branch1")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.link").value(Matchers.containsString("/volunteer/shifts/" + ids[1] + "/checkin")))
			.andReturn().getResponse().getContentAsString(), "$.token");
		ResultActions first = mvc.perform(post("/api/v1/volunteer/shifts/{id}/checkins", ids[1]).with(member).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + token + "\"}"));
		first.andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("CHECKED_IN"));
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/checkins", ids[1]).with(member).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + token + "\"}"))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("ALREADY"));
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/checkins", ids[1]).with(waiting).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + token + "\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("token"));
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/checkins", ids[1]).with(member).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + CheckinCodesForTests.meeting(key, clock, ids[1]) + "\"}"))
			.andExpect(status().isBadRequest());
		// a scan after the check-out gap checks out
		jdbc.sql("update volunteer_signup set checked_in_at = now() - interval '50 minutes' where shift_id = ? and state = 'CONFIRMED'")
			.param(ids[1]).update();
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/checkins", ids[1]).with(member).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + token + "\"}"))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("CHECKED_OUT"));
		// the page the QR opens does the same
		mvc.perform(get("/volunteer/shifts/{id}/checkin", ids[1]).param("token", token).with(member)).andExpect(status().isOk());
	}

	@Test
	@DisplayName("Hours: confirmed by default without a reason, changed only with one; each is one VolunteerHoursConfirmed")
	void hoursNeedAReasonToChange() throws Exception {
		long[] ids = publish("SUBTREE", 3);
		String username = unique("vol");
		accounts.openPrepared(username, "时长测试", DEMO_PASSWORD, false, List.of(new Caller.Grant(Role.MEMBER, orgId("SFDX-JSJ-01"))));
		var member = login(username);
		signUp(member, ids[1]).andExpect(status().isCreated());
		var branch1 = login("branch1");
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/hours", ids[1]).with(branch1).with(csrf())).andExpect(status().isConflict());
		started(ids[1]);
		long signup = jdbc.sql("select id from volunteer_signup where shift_id = ?").param(ids[1]).query(Long.class).single();
		mvc.perform(post("/api/v1/volunteer/signups/{id}/attendance", signup).with(branch1).with(csrf())).andExpect(status().isCreated());
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/hours", ids[1]).with(branch1).with(csrf())).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].hours").value(2.0)).andExpect(jsonPath("$[0].previousHours").doesNotExist());
		// a change without a reason: 400 on reason; with one: the new hours
		mvc.perform(put("/api/v1/volunteer/signups/{id}/hours", signup).with(branch1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"hours\": 3}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"))
			.andExpect(jsonPath("$.errors[0].message").value("调整时长须说明理由"));
		mvc.perform(put("/api/v1/volunteer/signups/{id}/hours", signup).with(branch1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"hours\": 25, \"reason\": \"x\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("hours"));
		mvc.perform(put("/api/v1/volunteer/signups/{id}/hours", signup).with(branch1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"hours\": 3, \"reason\": \"提前到场布置会场\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.hours").value(3.0)).andExpect(jsonPath("$.previousHours").value(2.0));
		List<VolunteerHoursConfirmed> published = events.stream(VolunteerHoursConfirmed.class)
			.filter(e -> e.shiftId() == ids[1]).toList();
		assertThat(published).hasSize(2);
		VolunteerHoursConfirmed first = published.get(0);
		assertThat(first.first()).isTrue();
		assertThat(first.hours()).isEqualByComparingTo("2.0");
		assertThat(first.accountId()).isEqualTo(accountId(username));
		assertThat(first.activityTitle()).isEqualTo("社区敬老院志愿服务");
		assertThat(first.organiserOrgId()).isEqualTo(orgId("SFDX-JSJ-01"));
		assertThat(first.organiserName()).isNotBlank();
		assertThat(first.day()).isNotNull();
		assertThat(first.attendedAt()).isNotNull();
		assertThat(first.confirmedBy()).isNotBlank();
		VolunteerHoursConfirmed second = published.get(1);
		assertThat(second.first()).isFalse();
		assertThat(second.previousHours()).isEqualByComparingTo("2.0");
		assertThat(second.reason()).isEqualTo("提前到场布置会场");
		assertThat(second.dayHours()).isGreaterThanOrEqualTo(new BigDecimal("3"));
		// the member's hours, and a certificate of them with a code the public page checks
		mvc.perform(get("/api/v1/me/volunteer-hours").with(member)).andExpect(status().isOk())
			.andExpect(jsonPath("$.year").isNumber()).andExpect(jsonPath("$.totalHours").value(3.0))
			.andExpect(jsonPath("$.entries[0].hours").value(3.0));
		String year = Integer.toString(first.day().getYear());
		String code = JsonPath.read(mvc.perform(post("/api/v1/me/volunteer-certificates").with(member).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"from\": \"" + year + "-01-01\", \"to\": \"" + year + "-12-31\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.code");
		mvc.perform(get("/verify/certificates/{code}", code)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(Matchers.containsString("志愿服务")));
		mvc.perform(get("/certificates/{code}.pdf", code).with(member)).andExpect(status().isOk());
		assertThat(auditCount("volunteer.hours.adjust", "branch1")).isPositive();
		// the façade counts them for the branch (and the college above) on that day
		assertThat(facade.hoursPerOrganization(List.of(orgId("SFDX-JSJ-01"), orgId("SFDX-JSJ"), orgId("SFDX-JX")), first.day(),
				first.day())).satisfies(m -> {
					assertThat(m.get(orgId("SFDX-JSJ-01"))).isGreaterThanOrEqualTo(new BigDecimal("3"));
					assertThat(m.get(orgId("SFDX-JSJ"))).isGreaterThanOrEqualTo(m.get(orgId("SFDX-JSJ-01")));
				});
		// the ranking of the college names them, until they hide their name
		var member1 = login("member1");
		assertThat(mvc.perform(get("/volunteer/ranking").with(member1)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("时长测试");
		mvc.perform(post("/me/volunteer/privacy").param("hide", "true").with(member).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(mvc.perform(get("/volunteer/ranking").with(member1)).andReturn().getResponse().getContentAsString())
			.doesNotContain("时长测试");
	}

	@Test
	@DisplayName("A branch sets up a 服务队 whose leader (a member) publishes for it and organises its shifts; out of scope 404")
	void aTeamsLeaderOrganisesItsActivities() throws Exception {
		long leader = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member1'")
			.query(Long.class).single();
		var branch1 = login("branch1");
		String name = unique("青年志愿服务队");
		String team = mvc.perform(post("/api/v1/volunteer/teams").with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"orgId\": %d, \"name\": \"%s\", \"kind\": \"SERVICE_TEAM\", \"leaderMemberId\": %d}"
				.formatted(orgId("SFDX-JSJ-01"), name, leader)))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.leaderName").value("赵红梅"))
			.andReturn().getResponse().getContentAsString();
		long teamId = ((Number) JsonPath.read(team, "$.id")).longValue();
		// a leader from another college, the same name twice: 400
		mvc.perform(post("/api/v1/volunteer/teams").with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"orgId\": %d, \"name\": \"%s\", \"leaderMemberId\": %d}".formatted(orgId("SFDX-JSJ-01"), name,
				jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member2'")
					.query(Long.class).single())))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[?(@.field == 'leaderMemberId')]").exists());
		mvc.perform(post("/api/v1/volunteer/teams").with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"orgId\": %d, \"name\": \"%s\", \"leaderMemberId\": %d}".formatted(orgId("SFDX-JSJ-01"), name, leader)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists());
		mvc.perform(post("/api/v1/volunteer/teams").with(login("branch2")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"orgId\": %d, \"name\": \"x\", \"leaderMemberId\": %d}".formatted(orgId("SFDX-JSJ-01"), leader)))
			.andExpect(status().isNotFound());
		Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
		var member1 = login("member1");
		String created = create(member1, activity(orgId("SFDX-JSJ-01"), "SUBTREE", start.minusSeconds(3600), "[" + shift(start, 4) + "]")
			.replace("\"orgId\": " + orgId("SFDX-JSJ-01"), "\"teamId\": " + teamId))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long shiftId = ((Number) JsonPath.read(created, "$.shifts[0].id")).longValue();
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/signups", shiftId).with(member1)).andExpect(status().isOk());
		mvc.perform(get("/volunteer/manage").with(member1)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/signups", shiftId).with(login("member2"))).andExpect(status().isNotFound());
		// another team's id is out of the leader's reach
		create(login("branch2"), activity(orgId("SFDX-JX-01"), "SUBTREE", start.minusSeconds(3600), "[" + shift(start, 4) + "]")
			.replace("\"orgId\": " + orgId("SFDX-JX-01"), "\"teamId\": " + teamId)).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("The façade gives the assessment each member's hours per branch: member1's demo hours")
	void theFacadeGivesHoursPerMember() {
		long member1 = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member1'")
			.query(Long.class).single();
		java.time.LocalDate today = java.time.LocalDate.now(cn.partybuilding.shared.PlatformZone.ZONE);
		assertThat(facade.hoursPerMember(orgId("SFDX-JSJ-01"), today.minusDays(400), today).get(member1))
			.isEqualByComparingTo("6.5"); // 迎新 4 h and the clean-up's 2 h made 2.5 with a reason
		assertThat(facade.hoursPerMember(orgId("SFDX-JX-01"), today.minusDays(400), today)).doesNotContainKey(member1);
	}

	@Test
	@DisplayName("1 000 sign-ups at once for 10 places would keep exactly the places: 40 concurrent sign-ups for 10")
	void concurrentSignUpsGiveExactlyThePlaces() throws Exception {
		long[] ids = publish("SUBTREE", 10);
		long branch = orgId("SFDX-JSJ-01");
		int people = 40;
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch go = new CountDownLatch(1);
		Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
		List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < people; i++) {
			long account = -1_000_000L - ids[1] * 100 - i; // callers with no account row: the module keeps only ids
			pool.submit(() -> {
				try {
					go.await();
					Caller caller = new Caller(account, "bench" + account, "并发" + account,
							List.of(new Caller.Grant(Role.MEMBER, branch)));
					states.computeIfAbsent(activities.signUp(caller, ids[1]).state(), s -> new AtomicInteger()).incrementAndGet();
				}
				catch (Throwable t) {
					errors.add(t);
				}
				return null;
			});
		}
		go.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		assertThat(errors).isEmpty();
		assertThat(states.get("CONFIRMED").get()).isEqualTo(10);
		assertThat(states.get("WAITING").get()).isEqualTo(30);
		assertThat(jdbc.sql("select taken from volunteer_shift where id = ?").param(ids[1]).query(Integer.class).single()).isEqualTo(10);
		// arrival numbers are 1..40 without a gap, the places the first ten
		List<Integer> arrivals = jdbc.sql("select arrival from volunteer_signup where shift_id = ? order by arrival").param(ids[1])
			.query(Integer.class).list();
		assertThat(arrivals).hasSize(people).first().isEqualTo(1);
		assertThat(arrivals.get(people - 1)).isEqualTo(people);
		assertThat(jdbc.sql("select max(arrival) from volunteer_signup where shift_id = ? and state = 'CONFIRMED'").param(ids[1])
			.query(Integer.class).single()).isEqualTo(10);
		// these callers have no account to remind: the reminder test must not pick them
		jdbc.sql("update volunteer_signup set reminded_at = now() where shift_id = ?").param(ids[1]).update();
	}

	@Test
	@DisplayName("The day before a shift its people are reminded once, however often the job runs")
	void remindersGoOutOncePerPersonAndShift() throws Exception {
		long[] ids = publish("SUBTREE", 3);
		signUp(someoneOf("SFDX-JSJ-01"), ids[1]).andExpect(status().isCreated());
		java.time.LocalDate day = jdbc.sql("select (starts_at at time zone 'Asia/Shanghai')::date from volunteer_shift where id = ?")
			.param(ids[1]).query(java.time.LocalDate.class).single();
		reminders.remind(day.minusDays(1));
		reminders.remind(day.minusDays(1));
		assertThat(events.stream(VolunteerShiftReminded.class).filter(e -> e.shiftId() == ids[1])
			.mapToInt(e -> e.accountIds().size()).sum()).isEqualTo(1);
	}

	@Test
	@DisplayName("The pages: the member's list, activity, my hours and ranking; the organiser's list, form, shift, screen, hours and export")
	void pagesRender() throws Exception {
		long[] ids = publish("SUBTREE", 3);
		var member1 = login("member1");
		for (String path : List.of("/volunteer", "/volunteer?filter=PAST", "/volunteer?filter=MINE", "/volunteer/activities/" + ids[0],
				"/me/volunteer", "/volunteer/ranking")) {
			mvc.perform(get(path).with(member1)).andExpect(status().isOk());
		}
		var branch1 = login("branch1");
		for (String path : List.of("/volunteer/manage", "/volunteer/activities/new", "/volunteer/activities/" + ids[0] + "/edit",
				"/volunteer/shifts/" + ids[1], "/volunteer/shifts/" + ids[1] + "/screen", "/volunteer/hours",
				"/volunteer/hours.xlsx")) {
			mvc.perform(get(path).with(branch1)).andExpect(status().isOk());
		}
		// a failed form comes back filled, the error beside the field
		mvc.perform(post("/volunteer/activities").with(branch1).with(csrf()).param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
			.param("title", "周末图书馆整理").param("place", "").param("audience", "SUBTREE"))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(Matchers.containsString("周末图书馆整理")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(Matchers.containsString("请填写地点")));
		mvc.perform(post("/volunteer/shifts/{id}/signup", ids[1]).with(member1).with(csrf()))
			.andExpect(status().is3xxRedirection());
		// the organiser's edit form: a new title, more places
		java.time.LocalDateTime until = java.time.LocalDateTime.now(cn.partybuilding.shared.PlatformZone.ZONE).plusDays(1)
			.withNano(0).withSecond(0);
		mvc.perform(post("/volunteer/activities/{id}/edit", ids[0]).with(branch1).with(csrf()).param("title", "社区敬老院志愿服务（第二期）")
			.param("place", "阳光敬老院").param("audience", "SUBTREE").param("signUpUntil", until.toString())
			.param("places[0].shiftId", Long.toString(ids[1])).param("places[0].places", "6"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select places from volunteer_shift where id = ?").param(ids[1]).query(Integer.class).single()).isEqualTo(6);
		assertThat(jdbc.sql("select title from volunteer_activity where id = ?").param(ids[0]).query(String.class).single())
			.isEqualTo("社区敬老院志愿服务（第二期）");
	}
}
