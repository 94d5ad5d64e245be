package cn.partybuilding.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/** Issue 19: an organiser cancels a shift or a whole activity, with a reason; its people are told once each. */
@RecordApplicationEvents
class VolunteerCancellationTest extends PlatformTest {

	@Autowired
	AccountManagement accounts;

	@Autowired
	VolunteerReminders reminders;

	@Autowired
	ApplicationEvents events;

	/** An activity of branch1's branch: two shifts of one place each, in two and three days; its id and theirs. */
	long[] publish() throws Exception {
		Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
		String shifts = "[" + shift(start) + ", " + shift(start.plus(1, ChronoUnit.DAYS)) + "]";
		String answer = mvc.perform(post("/api/v1/volunteer/activities").with(login("branch1")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"orgId": %d, "title": "%s", "place": "图书馆门前", "audience": "SUBTREE", "signUpUntil": "%s",
					 "shifts": %s}""".formatted(orgId("SFDX-JSJ-01"), unique("取消测试"), start.minus(1, ChronoUnit.HOURS),
					shifts)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return new long[] { ((Number) JsonPath.read(answer, "$.id")).longValue(),
				((Number) JsonPath.read(answer, "$.shifts[0].id")).longValue(),
				((Number) JsonPath.read(answer, "$.shifts[1].id")).longValue() };
	}

	static String shift(Instant start) {
		return """
				{"startAt": "%s", "endAt": "%s", "places": 1}""".formatted(start, start.plus(2, ChronoUnit.HOURS));
	}

	String someone() {
		String username = unique("vcx");
		accounts.openPrepared(username, "志愿者" + username.substring(3), DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.MEMBER, orgId("SFDX-JSJ-01"))));
		return username;
	}

	long accountId(String username) {
		return jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
	}

	ResultActions signUp(RequestPostProcessor who, long shift) throws Exception {
		return mvc.perform(post("/api/v1/volunteer/shifts/{id}/signups", shift).with(who).with(csrf()));
	}

	ResultActions cancel(RequestPostProcessor who, String what, long id, String body) throws Exception {
		var request = post("/api/v1/volunteer/{what}/{id}/cancellation", what, id).with(who).with(csrf());
		return mvc.perform(body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/** How many notices of a cancellation of this activity the account got (waits for the first). */
	long noticesOf(String username, long activity, long expected) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notices(username, activity))
			.isGreaterThanOrEqualTo(expected));
		return notices(username, activity);
	}

	long notices(String username, long activity) {
		return jdbc.sql("select count(*) from notification where account_id = ? and link = ? and title like '%已取消%'")
			.params(accountId(username), "/volunteer/activities/" + activity).query(Long.class).single();
	}

	@Test
	@DisplayName("A shift cancelled with a reason: everyone signed up or waiting is told once, it keeps its list and takes no sign-up")
	void aCancelledShiftTellsItsPeopleAndTakesNoMore() throws Exception {
		long[] ids = publish();
		String a = someone();
		String b = someone();
		String c = someone();
		signUp(login(a), ids[1]).andExpect(jsonPath("$.state").value("CONFIRMED"));
		signUp(login(b), ids[1]).andExpect(jsonPath("$.state").value("WAITING"));
		var branch1 = login("branch1");
		// the reason is required
		cancel(branch1, "shifts", ids[1], "{\"reason\": \"  \"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"))
			.andExpect(jsonPath("$.errors[0].message").value("请填写取消原因"));
		cancel(branch1, "shifts", ids[1], null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		// one of its audience who does not organise it: 403; another college's secretary: 404, audited
		cancel(login("member1"), "shifts", ids[1], "{\"reason\": \"下雨\"}").andExpect(status().isForbidden());
		long refusals = auditCount("access.denied", "branch2");
		cancel(login("branch2"), "shifts", ids[1], "{\"reason\": \"下雨\"}").andExpect(status().isNotFound());
		cancel(login("branch2"), "activities", ids[0], "{\"reason\": \"下雨\"}").andExpect(status().isNotFound());
		Awaitility.await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(auditCount("access.denied", "branch2")).isGreaterThan(refusals));
		assertThat(jdbc.sql("select count(*) from volunteer_shift where id = ? and cancelled_at is not null").param(ids[1])
			.query(Long.class).single()).isZero();
		// the organiser cancels it
		long audited = auditCount("volunteer.shift.cancel", "branch1");
		cancel(branch1, "shifts", ids[1], "{\"reason\": \"暴雨预警，活动改期\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.activityId").value(ids[0]))
			.andExpect(jsonPath("$.shiftIds").value(Matchers.contains((int) ids[1])))
			.andExpect(jsonPath("$.notified").value(2));
		assertThat(auditCount("volunteer.shift.cancel", "branch1")).isEqualTo(audited + 1);
		VolunteerShiftCancelled told = events.stream(VolunteerShiftCancelled.class).filter(e -> e.activityId() == ids[0])
			.findFirst().orElseThrow();
		assertThat(told.accountIds()).containsExactlyInAnyOrder(accountId(a), accountId(b));
		assertThat(told.reason()).isEqualTo("暴雨预警，活动改期");
		assertThat(noticesOf(a, ids[0], 1)).isEqualTo(1);
		assertThat(noticesOf(b, ids[0], 1)).isEqualTo(1);
		assertThat(jdbc.sql("select body from notification where account_id = ? and link = ?")
			.params(accountId(b), "/volunteer/activities/" + ids[0]).query(String.class).single()).contains("暴雨预警，活动改期");
		// no more sign-ups, no second cancellation, the list kept for the record
		signUp(login(c), ids[1]).andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("已取消")));
		cancel(branch1, "shifts", ids[1], "{\"reason\": \"再取消\"}").andExpect(status().isConflict());
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/signups", ids[1]).with(branch1)).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2));
		// the other shift goes on
		signUp(login(c), ids[2]).andExpect(status().isCreated());
		// shown as cancelled with its reason, to the member and the organiser
		mvc.perform(get("/api/v1/volunteer/activities/{id}", ids[0]).with(login(a))).andExpect(status().isOk())
			.andExpect(jsonPath("$.shifts[0].shift.cancelledReason").value("暴雨预警，活动改期"))
			.andExpect(jsonPath("$.shifts[1].shift.cancelledAt").doesNotExist());
		mvc.perform(get("/volunteer/activities/{id}", ids[0]).with(login(a))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("已取消：暴雨预警，活动改期")));
		mvc.perform(get("/volunteer/shifts/{id}", ids[1]).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("已取消：暴雨预警，活动改期")))
			.andExpect(content().string(Matchers.not(Matchers.containsString("cancel-shift-form"))));
		// the day before, no reminder for it
		LocalDate day = LocalDate.ofInstant(jdbc.sql("select starts_at from volunteer_shift where id = ?").param(ids[1])
			.query(Instant.class).single(), PlatformZone.ZONE);
		reminders.remind(day.minusDays(1));
		assertThat(events.stream(VolunteerShiftReminded.class).filter(e -> e.shiftId() == ids[1])).isEmpty();
	}

	@Test
	@DisplayName("A shift that has started cannot be cancelled: 409")
	void aStartedShiftIsNotCancelled() throws Exception {
		long[] ids = publish();
		jdbc.sql("update volunteer_shift set starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' where id = ?")
			.param(ids[1]).update();
		cancel(login("branch1"), "shifts", ids[1], "{\"reason\": \"人手不足\"}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value("班次已开始或已结束，不能取消"));
		// the whole activity: the started shift stays, the other is cancelled
		cancel(login("branch1"), "activities", ids[0], "{\"reason\": \"人手不足\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.shiftIds").value(Matchers.contains((int) ids[2])));
		assertThat(jdbc.sql("select count(*) from volunteer_shift where id = ? and cancelled_at is null").param(ids[1])
			.query(Long.class).single()).isEqualTo(1);
		// nothing left to cancel
		cancel(login("branch1"), "activities", ids[0], "{\"reason\": \"人手不足\"}").andExpect(status().isConflict());
	}

	@Test
	@DisplayName("A whole activity cancelled: each person told once however many shifts, it leaves the upcoming list")
	void aWholeActivityIsCancelled() throws Exception {
		long[] ids = publish();
		String a = someone();
		String b = someone();
		signUp(login(a), ids[1]).andExpect(jsonPath("$.state").value("CONFIRMED"));
		signUp(login(a), ids[2]).andExpect(jsonPath("$.state").value("CONFIRMED"));
		signUp(login(b), ids[1]).andExpect(jsonPath("$.state").value("WAITING"));
		signUp(login(b), ids[2]).andExpect(jsonPath("$.state").value("WAITING"));
		cancel(login("branch1"), "activities", ids[0], "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		cancel(login("member1"), "activities", ids[0], "{\"reason\": \"场地取消\"}").andExpect(status().isForbidden());
		long audited = auditCount("volunteer.activity.cancel", "branch1");
		cancel(login("branch1"), "activities", ids[0], "{\"reason\": \"场地取消\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.shiftIds.length()").value(2))
			.andExpect(jsonPath("$.notified").value(2));
		assertThat(auditCount("volunteer.activity.cancel", "branch1")).isEqualTo(audited + 1);
		assertThat(noticesOf(a, ids[0], 1)).isEqualTo(1);
		assertThat(noticesOf(b, ids[0], 1)).isEqualTo(1);
		assertThat(jdbc.sql("select title from notification where account_id = ? and link = ?")
			.params(accountId(a), "/volunteer/activities/" + ids[0]).query(String.class).single()).startsWith("志愿活动已取消");
		// gone from the upcoming list, still among mine, marked cancelled
		mvc.perform(get("/api/v1/volunteer/activities").with(login(a))).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + ids[0] + ")]").isEmpty());
		mvc.perform(get("/api/v1/volunteer/activities").param("filter", "MINE").with(login(a))).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + ids[0] + ")].cancelled").value(Matchers.contains(2)))
			.andExpect(jsonPath("$[?(@.id == " + ids[0] + ")].cancelledReason").value(Matchers.contains("场地取消")));
		mvc.perform(get("/volunteer").param("filter", "MINE").with(login(a))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("已取消：场地取消")));
		mvc.perform(get("/volunteer/manage").with(login("branch1"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("场地取消")));
		// no check-in code, no hours on it
		mvc.perform(get("/api/v1/volunteer/shifts/{id}/checkin-token", ids[1]).with(login("branch1")))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/v1/volunteer/shifts/{id}/hours", ids[1]).with(login("branch1")).with(csrf()))
			.andExpect(status().isConflict());
	}

	@Test
	@DisplayName("The page form: a missing reason comes back on the shift page; with one the shift is cancelled")
	void thePageFormCancelsAShift() throws Exception {
		long[] ids = publish();
		var branch1 = login("branch1");
		mvc.perform(get("/volunteer/shifts/{id}", ids[1]).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("cancel-shift-form")));
		mvc.perform(get("/volunteer/activities/{id}", ids[0]).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("cancel-activity-form")));
		mvc.perform(post("/volunteer/shifts/{id}/cancellation", ids[1]).param("reason", " ").with(branch1).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("请填写取消原因")));
		mvc.perform(post("/volunteer/shifts/{id}/cancellation", ids[1]).param("reason", "讲座冲突").with(branch1).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/volunteer/shifts/" + ids[1]));
		assertThat(jdbc.sql("select cancelled_reason from volunteer_shift where id = ?").param(ids[1]).query(String.class)
			.single()).isEqualTo("讲座冲突");
		// a second time: the page says why
		mvc.perform(post("/volunteer/activities/{id}/cancellation", ids[0]).param("reason", "全部取消").with(branch1).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/volunteer/activities/{id}/cancellation", ids[0]).param("reason", "再次取消").with(branch1).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("没有可以取消的班次")));
	}
}
