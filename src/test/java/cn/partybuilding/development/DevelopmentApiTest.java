package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.member.IdCardNumber;

/** The API contract of issue 14: a person from the paper application to 转正, refusals, levels and scope. */
@SpringBootTest
@AutoConfigureMockMvc
class DevelopmentApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	AccountManagement accounts;

	private RequestPostProcessor branch;

	private RequestPostProcessor college;

	private RequestPostProcessor committee;

	static String idCard(String birth) {
		String first17 = "420102" + birth + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "1";
		return first17 + IdCardNumber.checkCharacter(first17);
	}

	private long apply(String birth, String appliedOn) throws Exception {
		String staff = unique("S");
		var body = Map.of("name", "申请人" + staff.substring(1, 5), "gender", "MALE", "ethnicity", "汉族", "birthDate",
				birth.substring(0, 4) + "-" + birth.substring(4, 6) + "-" + birth.substring(6), "idCard", idCard(birth),
				"staffNumber", staff, "category", "STUDENT", "education", "BACHELOR", "phone", "13800138000",
				"branchId", orgId("SFDX-JSJ-01"));
		var withDate = new java.util.HashMap<>(body);
		withDate.put("appliedOn", appliedOn);
		String json = mvc.perform(post("/api/v1/development/people").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(withDate)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.stage").value("APPLICANT"))
			.andExpect(jsonPath("$.username").value(staff))
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(json).get("id").asLong();
	}

	private ResultActions step(RequestPostProcessor who, long id, Map<String, Object> body) throws Exception {
		return mvc.perform(post("/api/v1/development/people/{id}/steps", id).with(csrf()).with(who)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
	}

	private void done(RequestPostProcessor who, long id, int step, String date, Object... more) throws Exception {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("step", step, "date", date));
		for (int i = 0; i < more.length; i += 2) {
			body.put((String) more[i], more[i + 1]);
		}
		step(who, id, body).andExpect(status().isCreated()).andExpect(jsonPath("$.step").value(step));
	}

	private List<Long> fullMembersOfBranch1() {
		return jdbc.sql("select id from member where organization_id in (select id from organization where id = ? or parent_id = ?) and status = 'FULL' and departed_on is null order by id limit 2")
			.params(List.of(orgId("SFDX-JSJ-01"), orgId("SFDX-JSJ-01"))).query(Long.class).list();
	}

	private void signIn() throws Exception {
		branch = login("branch1");
		college = login("college1");
		committee = login("admin");
	}

	@Test
	void aPersonGoesFromTheApplicationToConversionAndBecomesAMember() throws Exception {
		signIn();
		long id = apply("20000505", "2023-01-10");
		List<Long> full = fullMembersOfBranch1();
		done(branch, id, 2, "2023-01-20", "note", "谈话记录");
		done(branch, id, 3, "2023-03-01", "note", "党员推荐");
		done(college, id, 4, "2023-03-10");
		done(branch, id, 5, "2023-03-15", "memberIds", List.of(full.get(0)));
		done(branch, id, 6, "2023-09-01");
		step(branch, id, Map.of("step", 7, "date", "2024-02-29")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("activistYear"))
			.andExpect(jsonPath("$.possibleFrom").value("2024-03-01"));
		done(branch, id, 7, "2024-03-01");
		done(college, id, 8, "2024-03-05");
		done(branch, id, 9, "2024-03-10", "memberIds", full);
		done(branch, id, 10, "2024-04-01");
		done(college, id, 11, "2024-04-20", "days", 3);
		done(branch, id, 12, "2024-05-01");
		step(college, id, Map.of("step", 13, "date", "2024-05-07")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("notice"))
			.andExpect(jsonPath("$.possibleFrom").value("2024-05-08"));
		done(college, id, 13, "2024-05-08");
		done(branch, id, 14, "2024-05-20");
		int expected = jdbc.sql("select count(*) from member where organization_id in (select id from organization where id = ? or parent_id = ?) and status = 'FULL' and departed_on is null")
			.params(List.of(orgId("SFDX-JSJ-01"), orgId("SFDX-JSJ-01"))).query(Integer.class).single();
		done(branch, id, 15, "2024-06-01", "expected", expected, "present", expected - 1, "yes", expected - 2, "no", 1,
				"abstain", 0, "writtenYes", 1);
		done(college, id, 16, "2024-06-10");
		step(branch, id, Map.of("step", 17, "date", "2024-07-01")).andExpect(status().isForbidden());
		done(college, id, 17, "2024-07-01");

		var member = mvc.perform(get("/api/v1/members").param("q", jdbc.sql("select staff_number from applicant where id = ?")
				.param(id).query(String.class).single()).with(committee))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].status").value("PROBATIONARY"))
			.andExpect(jsonPath("$.content[0].joinDate").value("2024-06-01"));
		assertThat(member).isNotNull();

		// dues are owed from the month of the 入党日期: June 2024 on, billed when the admission arrives
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
			.sql("select coalesce(min(month)::text, 'none') from dues_bill b join applicant a on a.member_id = b.member_id where a.id = ?")
			.param(id).query(String.class).single()).isEqualTo("2024-06-01"));
		done(committee, id, 18, "2024-07-10");
		done(branch, id, 19, "2024-07-15");
		done(branch, id, 20, "2024-07-20");
		done(branch, id, 21, "2025-01-01");
		done(branch, id, 22, "2025-05-01");
		step(branch, id, Map.of("step", 23, "date", "2025-05-31", "expected", expected, "present", expected, "yes", expected))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("probation"))
			.andExpect(jsonPath("$.possibleFrom").value("2025-06-01"));
		done(branch, id, 23, "2025-06-01", "expected", expected, "present", expected, "yes", expected);
		done(college, id, 24, "2025-06-20");
		mvc.perform(get("/api/v1/development/people/{id}", id).with(branch))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stage").value("FULL"))
			.andExpect(jsonPath("$.steps.length()").value(24))
			.andExpect(jsonPath("$.next.step").value(25));
		assertThat(jdbc.sql("select status || ' ' || conversion_date from member m join applicant a on a.member_id = m.id where a.id = ?")
			.param(id).query(String.class).single()).isEqualTo("FULL 2025-06-01");
		byte[] talk = mvc.perform(get("/api/v1/development/people/{id}/documents/2.docx", id).with(branch))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(talk));
				var text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc)) {
			assertThat(text.getText()).contains("2023年1月20日").contains("谈话记录");
		}
		mvc.perform(get("/api/v1/development/people/{id}/documents/14.docx", id).with(branch))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/development/people/{id}/documents/2.docx", id).with(login("branch2")))
			.andExpect(status().isNotFound());
		byte[] zip = mvc.perform(get("/api/v1/development/people/{id}/documents.zip", id).with(branch))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
			int count = 0;
			while (entries.getNextEntry() != null) {
				count++;
			}
			assertThat(count).isGreaterThanOrEqualTo(12);
		}
		byte[] pdf = mvc.perform(get("/api/v1/development/people/{id}/file.pdf", id).with(college))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var file = org.apache.pdfbox.Loader.loadPDF(pdf)) {
			assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(file)).contains("支部大会");
		}
		// the 纪实 begins with the 17 steps to admission, and the steps after it follow
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
			.sql("select count(*) from record_entry r join applicant a on a.member_id = r.member_id where a.id = ? and r.kind = 'DEVELOPMENT_STEP'")
			.param(id).query(Long.class).single()).isEqualTo(17 + 7));
	}

	@Test
	void aFailedVoteIsReturnedWithTheReasonAndAnInquorateOneIsRefused() throws Exception {
		signIn();
		long id = apply("19990101", "2022-01-10");
		for (int s = 2; s <= 14; s++) {
			jdbc.sql("insert into development_step (applicant_id, step, done_on, decision, organization_id, actor) values (?, ?, ?, 'APPROVED', 0, 'test')")
				.params(List.of(id, s, java.sql.Date.valueOf("2023-0" + Math.min(9, 1 + s / 2) + "-01"))).update();
		}
		jdbc.sql("update applicant set next_step = 15 where id = ?").param(id).update();
		int expected = jdbc.sql("select count(*) from member where organization_id in (select id from organization where id = ? or parent_id = ?) and status = 'FULL' and departed_on is null")
			.params(List.of(orgId("SFDX-JSJ-01"), orgId("SFDX-JSJ-01"))).query(Integer.class).single();
		int half = expected / 2;
		step(branch, id, Map.of("step", 15, "date", "2024-01-10", "expected", expected, "present", half, "yes", half))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.rule").value("quorum"));
		step(branch, id, Map.of("step", 15, "date", "2024-01-10", "expected", expected, "present", expected, "yes", half,
				"no", expected - half))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("RETURNED"))
			.andExpect(jsonPath("$.outcome.passed").value(false));
		step(branch, id, Map.of("step", 15, "date", "2024-01-10", "expected", expected, "present", half + 1, "yes", half + 1,
				"no", 1))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.rule").value("votesOverPresent"));
	}

	@Test
	void onlyTheBranchsFullMembersVoteAndTheNamesPresentMatchTheCount() throws Exception {
		signIn();
		long id = apply("19990202", "2022-01-10");
		for (int s = 2; s <= 14; s++) {
			jdbc.sql("insert into development_step (applicant_id, step, done_on, decision, organization_id, actor) values (?, ?, ?, 'APPROVED', 0, 'test')")
				.params(List.of(id, s, java.sql.Date.valueOf("2023-0" + Math.min(9, 1 + s / 2) + "-01"))).update();
		}
		long branchId = orgId("SFDX-JSJ-01");
		List<Long> full = jdbc.sql("select id from member where organization_id in (select id from organization where id = ? or parent_id = ?) and status = 'FULL' and departed_on is null order by id")
			.params(List.of(branchId, branchId)).query(Long.class).list();
		step(branch, id, Map.of("step", 15, "date", "2024-01-10", "expected", full.size() + 1, "present", full.size(), "yes", full.size()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.rule").value("expectedOverMembers"));
		Long probationary = jdbc.sql("select id from member where status = 'PROBATIONARY' and organization_id in (select id from organization where id = ? or parent_id = ?) and departed_on is null limit 1")
			.params(List.of(branchId, branchId)).query(Long.class).optional().orElse(null);
		if (probationary != null) {
			step(branch, id, Map.of("step", 15, "date", "2024-01-10", "expected", full.size(), "present", 3, "yes", 3,
					"presentMemberIds", List.of(full.get(0), full.get(1), probationary)))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.rule").value("probationaryNoVote"));
		}
		step(branch, id, Map.of("step", 15, "date", "2024-01-10", "expected", full.size(), "present", 3, "yes", 3,
				"presentMemberIds", List.of(full.get(0), full.get(1))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.rule").value("presentNames"));
		int expected = full.size();
		List<Long> present = full.subList(0, expected / 2 + 1);
		step(branch, id, Map.of("step", 15, "date", "2024-01-10", "expected", expected, "present", present.size(), "yes",
				present.size(), "presentMemberIds", present))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("APPROVED"))
			.andExpect(jsonPath("$.memberIds.length()").value(present.size()));
	}

	@Test
	void anotherCollegeSeesNothingAndTheApplicationChecksLikeARegistration() throws Exception {
		signIn();
		long id = apply("20010101", "2024-03-01");
		var other = login("branch2");
		mvc.perform(get("/api/v1/development/people/{id}", id).with(other)).andExpect(status().isNotFound());
		step(other, id, Map.of("step", 2, "date", "2024-03-05")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/development/people").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("name", "未成年", "gender", "MALE", "birthDate", "2010-01-01",
						"idCard", idCard("20100101"), "staffNumber", unique("S"), "category", "STUDENT", "education",
						"BACHELOR", "branchId", orgId("SFDX-JSJ-01"), "appliedOn", "2024-03-01"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'birthDate')]").exists());
		step(branch, id, Map.of("step", 2, "date", "2099-01-01")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("future"));
		step(branch, id, Map.of("step", 2, "date", "2024-02-01")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("beforePrevious"));
		step(branch, id, Map.of("step", 3, "date", "2024-03-05")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("order"));
		mvc.perform(get("/api/v1/development/people").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[?(@.id == " + id + ")].overdue").value(true));
		mvc.perform(get("/api/v1/development/funnel").param("orgId", Long.toString(orgId("SFDX-JX"))).with(college))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/development/people").param("orgId", Long.toString(orgId("SFDX-JX-01"))).with(branch))
			.andExpect(status().isNotFound());
		long denied = auditCount("access.denied", "branch2");
		mvc.perform(get("/api/v1/development/people/{id}", id).with(other)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch2")).isGreaterThan(denied);
		mvc.perform(get("/api/v1/development/funnel").param("year", "2024").with(committee))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total.applications").isNumber());
	}

	@Test
	void aPersonWhoMovesBranchBeforeAdmissionTakesTheWholeFileAlong() throws Exception {
		signIn();
		long id = apply("20000909", "2024-04-01");
		done(branch, id, 2, "2024-04-10");
		var other = login("branch2");
		long target = orgId("SFDX-JX-01");
		mvc.perform(post("/api/v1/development/people/{id}/move", id).with(csrf()).with(branch)
				.contentType(MediaType.APPLICATION_JSON).content("{\"branchId\": " + target + "}"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/development/people/{id}/move", id).with(csrf()).with(committee)
				.contentType(MediaType.APPLICATION_JSON).content("{\"branchId\": " + target + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.organizationId").value(target))
			.andExpect(jsonPath("$.steps.length()").value(2));
		mvc.perform(get("/api/v1/development/people/{id}", id).with(other)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/development/people/{id}", id).with(branch)).andExpect(status().isNotFound());
		step(other, id, Map.of("step", 3, "date", "2024-05-01", "note", "团组织推优")).andExpect(status().isCreated());
	}

	@Test
	void anApplicantSubmitsTheApplicationOnlineWithAScanCheckedByItsBytes() throws Exception {
		signIn();
		String username = unique("A");
		accounts.openPrepared(username, "网上申请", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.APPLICANT, orgId("SFDX-JSJ-01"))));
		var applicant = login(username);
		var person = Map.of("name", "网上申请", "gender", "MALE", "ethnicity", "汉族", "birthDate", "2003-03-03", "idCard",
				idCard("20030303"), "category", "STUDENT", "education", "BACHELOR");
		String created = mvc.perform(post("/api/v1/development/me/application").with(csrf()).with(applicant)
				.contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("person", person, "text", "敬爱的党组织：我志愿加入中国共产党……"))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.stage").value("APPLICANT"))
			.andReturn().getResponse().getContentAsString();
		long id = JSON.readTree(created).get("id").asLong();
		mvc.perform(post("/api/v1/development/me/application").with(csrf()).with(applicant)
				.contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("person", person, "text", "再交一份"))))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/development/me").with(applicant))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.steps[0].note").value("敬爱的党组织：我志愿加入中国共产党……"))
			.andExpect(jsonPath("$.next.step").value(2));
		mvc.perform(multipart("/api/v1/development/me/evidence").file(new MockMultipartFile("file", "申请书.pdf",
				"application/pdf", "%PDF-1.4\n%scan\n".getBytes())).with(csrf()).with(applicant))
			.andExpect(status().isCreated());
		mvc.perform(multipart("/api/v1/development/me/evidence").file(new MockMultipartFile("file", "申请书.pdf",
				"application/pdf", "<script>alert(1)</script>".getBytes())).with(csrf()).with(applicant))
			.andExpect(status().isBadRequest());
		String list = mvc.perform(get("/api/v1/development/people/{id}/evidence", id).with(branch))
			.andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
			.andReturn().getResponse().getContentAsString();
		long evidenceId = JSON.readTree(list).get(0).get("id").asLong();
		mvc.perform(get("/api/v1/development/people/{id}/evidence/{e}", id, evidenceId).with(branch))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/development/people/{id}/evidence/{e}", id, evidenceId).with(login("branch2")))
			.andExpect(status().isNotFound());
		step(applicant, id, Map.of("step", 2, "date", "2024-01-01")).andExpect(status().isForbidden());
	}

	@Test
	void aListOfFilingsIsRecordedInOneBatchOrNotAtAll() throws Exception {
		signIn();
		long ready = apply("20000101", "2024-01-05");
		done(branch, ready, 2, "2024-01-10");
		done(branch, ready, 3, "2024-02-01", "note", "团组织推优");
		long alsoReady = apply("20000102", "2024-01-05");
		done(branch, alsoReady, 2, "2024-01-10");
		done(branch, alsoReady, 3, "2024-02-01", "note", "团组织推优");
		long notYet = apply("20000103", "2024-01-05");
		String refused = mvc.perform(post("/api/v1/development/steps").with(csrf()).with(college)
				.contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("personIds", List.of(ready, notYet), "step", 4, "date", "2024-02-10"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("order"))
			.andReturn().getResponse().getContentAsString();
		assertThat(JSON.readTree(refused).get("message").asText()).startsWith(jdbc.sql("select name from applicant where id = ?")
			.param(notYet).query(String.class).single());
		mvc.perform(get("/api/v1/development/people/{id}", ready).with(branch)).andExpect(jsonPath("$.next.step").value(4));
		mvc.perform(post("/api/v1/development/steps").with(csrf()).with(college).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("personIds", List.of(ready, alsoReady), "step", 4, "date", "2024-02-10"))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.length()").value(2));
		mvc.perform(post("/api/v1/development/steps").with(csrf()).with(branch).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("personIds", List.of(ready), "step", 5, "date", "2024-02-10"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("contacts"));
	}
}
