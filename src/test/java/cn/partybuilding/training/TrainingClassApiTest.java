package cn.partybuilding.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.orglife.CheckinCodesForTests;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

class TrainingClassApiTest extends PlatformTest {

	@Autowired
	AccountManagement accounts;

	@Autowired
	Clock clock;

	@Value("${party.orglife.checkin-key}")
	String key;

	long memberId(String username) {
		return jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = ?")
			.param(username).query(Long.class).single();
	}

	/** Members of a branch other than member1 (the audience of a test's own class). */
	List<Long> othersIn(String orgCode, int n) {
		return jdbc.sql("""
				select m.id from member m join organization o on o.id = m.organization_id
				where o.code = ? and m.id <> ? and m.account_id is not null order by m.id limit ?""")
			.params(List.of(orgCode, memberId("member1"), n)).query(Long.class).list();
	}

	RequestPostProcessor otherCollegeAdmin() throws Exception {
		String username = unique("jxadmin");
		accounts.openPrepared(username, "机械学院管理员", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, orgId("SFDX-JX"))));
		return login(username);
	}

	ResultActions create(RequestPostProcessor who, String body) throws Exception {
		return mvc.perform(post("/api/v1/training/classes").with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	String classJson(long orgId, String required, List<Long> members, String sessions) {
		return """
				{"orgId": %d, "title": "党务工作能力提升培训班", "requiredHours": %s, "audience": {"memberIds": %s},
				 "sessions": %s}""".formatted(orgId, required, members, sessions);
	}

	String session(Instant start, Instant end, String hours) {
		return """
				{"startAt": "%s", "endAt": "%s", "place": "党校报告厅", "hours": %s}""".formatted(start, end, hours);
	}

	long[] createNow(RequestPostProcessor who, List<Long> members, String required) throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String answer = create(who, classJson(orgId("SFDX-JSJ-01"), required, members, "[" + session(now.minusSeconds(600),
				now.plusSeconds(7200), "2") + ", " + session(now.minusSeconds(300), now.plusSeconds(3600), "2.5") + "]"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.sessions.length()").value(2))
			.andExpect(jsonPath("$.sessions[0].id").isNumber())
			.andReturn().getResponse().getContentAsString();
		return new long[] { ((Number) JsonPath.read(answer, "$.id")).longValue(),
				((Number) JsonPath.read(answer, "$.sessions[0].id")).longValue(),
				((Number) JsonPath.read(answer, "$.sessions[1].id")).longValue() };
	}

	ResultActions byHand(RequestPostProcessor who, long session, long member) throws Exception {
		return mvc.perform(post("/api/v1/training/sessions/{id}/attendance", session).with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"memberId\": " + member + "}"));
	}

	ResultActions scan(RequestPostProcessor who, long session, String token) throws Exception {
		return mvc.perform(post("/api/v1/training/sessions/{id}/checkins", session).with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"" + token + "\"}"));
	}

	@Test
	void aClassIsCreatedAsTheContractSaysAndItsInputIsChecked() throws Exception {
		var college1 = login("college1");
		createNow(college1, List.of(memberId("member1")), "3");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long branch = orgId("SFDX-JSJ-01");
		create(college1, classJson(branch, "0", List.of(memberId("member1")), "[" + session(now, now.minusSeconds(60), "-1") + "]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'requiredHours')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'sessions[0].endAt')].message").value(Matchers.contains("结束时间须晚于开始时间")))
			.andExpect(jsonPath("$.errors[?(@.field == 'sessions[0].hours')]").exists());
		create(college1, classJson(branch, "9", List.of(memberId("member1")), "[" + session(now, now.plusSeconds(3600), "2") + "]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'requiredHours')].message").value(Matchers.contains(Matchers.containsString("2"))));
		// a member of another college is not within the organising branch
		create(college1, classJson(branch, "2", List.of(memberId("member2")), "[" + session(now, now.plusSeconds(3600), "2") + "]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'audience.memberIds')]").exists());
		create(college1, classJson(branch, "2", List.of(), "[]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'audience.memberIds')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'sessions')]").exists());
		// study materials attach by their number, if the organiser may read them
		var admin = login("admin");
		long material = jdbc.sql("select id from learning_material where withdrawn_at is null order by id limit 1")
			.query(Long.class).single();
		String withMaterials = classJson(branch, "2", List.of(memberId("member1")), "[" + session(now, now.plusSeconds(3600), "2") + "]");
		create(admin, withMaterials.substring(0, withMaterials.lastIndexOf('}')) + ", \"materialIds\": [999999999]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'materialIds')]").exists());
		String attached = create(admin, withMaterials.substring(0, withMaterials.lastIndexOf('}')) + ", \"materialIds\": [" + material + "]}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		mvc.perform(get("/api/v1/training/classes/{id}", ((Number) JsonPath.read(attached, "$.id")).longValue()).with(admin))
			.andExpect(jsonPath("$.materials[0].id").value(material));
		// courses too: the demo's 党史 course (the whole school's); one that does not exist is named
		long course = jdbc.sql("select id from learning_course where title = '党史学习教育微课：从红船到长征'").query(Long.class).single();
		create(admin, withMaterials.substring(0, withMaterials.lastIndexOf('}')) + ", \"courseIds\": [999999999]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'courseIds')]").exists());
		String withCourse = create(admin, withMaterials.substring(0, withMaterials.lastIndexOf('}')) + ", \"courseIds\": [" + course + "]}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		mvc.perform(get("/api/v1/training/classes/{id}", ((Number) JsonPath.read(withCourse, "$.id")).longValue()).with(admin))
			.andExpect(jsonPath("$.courses[0].id").value(course))
			.andExpect(jsonPath("$.courses[0].title").value("党史学习教育微课：从红船到长征"));
		// nothing half-written
		assertThat(jdbc.sql("select count(*) from training_class where organization_id = ? and required_hours in (0, 9)")
			.param(branch).query(Long.class).single()).isZero();
		// a member organises nothing
		create(login("member1"), classJson(branch, "2", List.of(memberId("member1")), "[" + session(now, now.plusSeconds(3600), "2") + "]"))
			.andExpect(status().isNotFound());
	}

	@Test
	void anotherCollegesAdministratorFindsNoneOfItAndIsAudited() throws Exception {
		var college1 = login("college1");
		long[] ids = createNow(college1, List.of(memberId("member1")), "2");
		var other = otherCollegeAdmin();
		String otherName = jdbc.sql("select username from account order by id desc limit 1").query(String.class).single();
		long denied = auditCount("access.denied", otherName);
		Instant now = Instant.now();
		create(other, classJson(orgId("SFDX-JSJ-01"), "2", List.of(memberId("member1")), "[" + session(now, now.plusSeconds(3600), "2") + "]"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/training/classes/{id}", ids[0]).with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/training/classes/{id}/attendance", ids[0]).with(other)).andExpect(status().isNotFound());
		byHand(other, ids[1], memberId("member1")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/training/sessions/{id}/checkin-token", ids[1]).with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/training/hours").param("orgId", Long.toString(orgId("SFDX-JSJ"))).with(other))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/training/classes").param("orgId", Long.toString(orgId("SFDX-JSJ"))).with(other))
			.andExpect(status().isNotFound());
		mvc.perform(get("/training/classes/{id}", ids[0]).with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/training/sessions/{id}/screen", ids[1]).with(other)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", otherName)).isGreaterThan(denied);
		// and their own college's list does not hold it
		mvc.perform(get("/api/v1/training/classes").with(other))
			.andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == " + ids[0] + ")]").isEmpty());
	}

	@Test
	void attendanceByHandCountsOnceAndOnlyForTheAudience() throws Exception {
		var college1 = login("college1");
		List<Long> audience = othersIn("SFDX-JSJ-01", 2);
		long[] ids = createNow(college1, audience, "4.5");
		byHand(college1, ids[1], audience.get(0)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.already").value(false)).andExpect(jsonPath("$.manual").value(true));
		byHand(college1, ids[1], audience.get(0)).andExpect(status().isCreated()).andExpect(jsonPath("$.already").value(true));
		assertThat(jdbc.sql("select count(*) from training_attendance where session_id = ?").param(ids[1]).query(Long.class)
			.single()).isEqualTo(1);
		byHand(college1, ids[1], memberId("member1")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("memberId"));
		mvc.perform(get("/api/v1/training/classes/{id}/attendance", ids[0]).with(college1))
			.andExpect(jsonPath("$[?(@.memberId == " + audience.get(0) + ")].hours").value(Matchers.contains(2.0)))
			.andExpect(jsonPath("$[?(@.memberId == " + audience.get(1) + ")].hours").value(Matchers.contains(0.0)));
	}

	@Test
	void aSessionTakesItsOwnRotatingCodeAndRefusesAnExpiredOneAndAMeetingsCode() throws Exception {
		var college1 = login("college1");
		var member1 = login("member1");
		long[] ids = createNow(college1, List.of(memberId("member1")), "4.5");
		String token = JsonPath.read(mvc.perform(get("/api/v1/training/sessions/{id}/checkin-token", ids[1]).with(college1))
			.andExpect(status().isOk()).andExpect(jsonPath("$.link").value(Matchers.containsString("/training/sessions/" + ids[1] + "/checkin?token=")))
			.andReturn().getResponse().getContentAsString(), "$.token");
		// a meeting's code with the very same id, and the other session's code, are not this session's
		scan(member1, ids[1], CheckinCodesForTests.meeting(key, clock, ids[1])).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("无效")));
		scan(member1, ids[2], token).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("无效")));
		scan(member1, ids[1], CheckinCodesForTests.expired(key, clock, TrainingClasses.subject(ids[1])))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(Matchers.containsString("过期")));
		scan(member1, ids[1], token).andExpect(status().isCreated())
			.andExpect(jsonPath("$.manual").value(false)).andExpect(jsonPath("$.already").value(false));
		scan(member1, ids[1], token).andExpect(status().isCreated()).andExpect(jsonPath("$.already").value(true));
		// someone not in the audience scans the good code
		scan(login("branch1"), ids[1], token).andExpect(status().isBadRequest());
		// the phone's page: the link the QR opens
		mvc.perform(get("/training/sessions/{id}/checkin", ids[1]).param("token", token).with(member1))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("checkin-result")));
		// the organiser's screen and its refreshing code
		mvc.perform(get("/training/sessions/{id}/screen", ids[1]).with(college1)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("data:image/svg+xml;base64,")));
		mvc.perform(get("/training/sessions/{id}/screen/code", ids[1]).with(college1)).andExpect(status().isOk());
	}

	@Test
	void aMemberWhoScannedASessionCodeAndThenSignedInIsCheckedInAsOfTheScan() throws Exception {
		var college1 = login("college1");
		long[] ids = createNow(college1, List.of(memberId("member1")), "2");
		String shortLived = CheckinCodesForTests.lasting(key, clock, TrainingClasses.subject(ids[1]), 2);
		String link = "/training/sessions/" + ids[1] + "/checkin?token=" + shortLived;
		// signed out: the scan is noted (the filter knows a session's link as well as a meeting's), then the sign-in
		var scan = mvc.perform(get(link).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection()).andReturn();
		Instant scannedBy = Instant.now();
		Thread.sleep(2_500); // the code runs out while the member types the password
		var signedIn = mvc.perform(post("/login").with(csrf()).cookie(scan.getResponse().getCookie("SESSION"))
			.param("username", "member1").param("password", DEMO_PASSWORD))
			.andExpect(status().is3xxRedirection()).andReturn();
		String back = signedIn.getResponse().getRedirectedUrl();
		assertThat(back).contains("/training/sessions/" + ids[1] + "/checkin");
		mvc.perform(get(back).with(sessionOf(signedIn))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("checkin-result")));
		Instant at = jdbc.sql("select checked_in_at from training_attendance where session_id = ? and member_id = ?")
			.params(List.of(ids[1], memberId("member1"))).query(java.sql.Timestamp.class).single().toInstant();
		assertThat(at).isBefore(scannedBy.plusMillis(1));
	}

	@Test
	void completingAClassWritesTheRecordOnceAndTheHoursReportShowsIt() throws Exception {
		var college1 = login("college1");
		List<Long> audience = othersIn("SFDX-JSJ-01", 1);
		long someone = audience.get(0);
		long[] ids = createNow(college1, audience, "4.5");
		byHand(college1, ids[1], someone).andExpect(status().isCreated());
		assertThat(jdbc.sql("select count(*) from training_completion where class_id = ?").param(ids[0]).query(Long.class)
			.single()).isZero();
		byHand(college1, ids[2], someone).andExpect(status().isCreated());
		byHand(college1, ids[2], someone).andExpect(status().isCreated());
		long until = System.currentTimeMillis() + 20_000;
		String count = "select count(*) from record_entry where member_id = ? and kind = 'TRAINING_COMPLETED' and source_id = ?";
		while (jdbc.sql(count).params(List.of(someone, Long.toString(ids[0]))).query(Long.class).single() == 0
				&& System.currentTimeMillis() < until) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql(count).params(List.of(someone, Long.toString(ids[0]))).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from training_completion where class_id = ? and member_id = ?")
			.params(List.of(ids[0], someone)).query(Long.class).single()).isEqualTo(1);
		// and the certificate, once: a PDF with its code, the hours as its achievement
		String certificates = "select count(*) from certificate where kind = 'TRAINING' and subject_id = ? and member_id = ?";
		while (jdbc.sql(certificates).params(List.of(ids[0], someone)).query(Long.class).single() == 0
				&& System.currentTimeMillis() < until) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql(certificates).params(List.of(ids[0], someone)).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select achievement from certificate where kind = 'TRAINING' and subject_id = ?").param(ids[0])
			.query(String.class).single()).isEqualTo("累计培训 4.5 学时");
		int year = LocalDate.now(PlatformZone.ZONE).getYear();
		mvc.perform(get("/api/v1/training/hours").param("year", Integer.toString(year))
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(college1))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.memberId == " + someone + ")].hours").value(Matchers.contains(4.5)))
			.andExpect(jsonPath("$[?(@.memberId == " + someone + ")].requiredHours").value(Matchers.contains(
					Matchers.greaterThanOrEqualTo(4.5))))
			.andExpect(jsonPath("$[?(@.memberId == " + someone + ")].dualLeader").value(Matchers.contains(false)))
			.andExpect(jsonPath("$[0].name").isString());
	}

	@Test
	void theDemoSecretariesHoursAndTheDualLeaderFlagAreReported() throws Exception {
		int year = LocalDate.now(PlatformZone.ZONE).getYear();
		var admin = login("admin");
		mvc.perform(get("/api/v1/training/hours").param("year", Integer.toString(year))
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.name == '张伟')].dualLeader").value(Matchers.contains(true)))
			.andExpect(jsonPath("$[?(@.name == '张伟')].requiredHours").value(Matchers.contains(32.0)))
			.andExpect(jsonPath("$[?(@.name == '张伟')].hours").value(Matchers.contains(Matchers.greaterThanOrEqualTo(32.0))));
		mvc.perform(get("/api/v1/training/hours").param("year", Integer.toString(year))
			.param("orgId", Long.toString(orgId("SFDX-JX-01"))).with(admin))
			.andExpect(jsonPath("$[?(@.name == '刘洋')].dualLeader").value(Matchers.contains(false)))
			.andExpect(jsonPath("$[?(@.name == '刘洋')].hours").value(Matchers.contains(Matchers.lessThan(32.0))));
		mvc.perform(get("/api/v1/training/hours").param("year", "1800").with(admin)).andExpect(status().isBadRequest());
	}
}
