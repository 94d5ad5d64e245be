package cn.partybuilding.member;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class MemberRegistryTest extends PlatformTest {

	static final AtomicInteger SEQUENCE = new AtomicInteger(100);

	/** A valid, unique ID-card number of someone born on 1998-05-{day} (odd sequence: a man). */
	static String idCard() {
		int n = SEQUENCE.getAndIncrement();
		String first17 = "420102" + "19980517" + String.format("%03d", n * 2 % 1000 + 1);
		return first17 + IdCardNumber.checkCharacter(first17);
	}

	String body(String idCard, String staff, String orgCode, String phone) {
		return """
				{"name": "王小明", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1998-05-17", "idCard": "%s",
				 "nativePlace": "湖北武汉", "education": "MASTER", "category": "STUDENT", "staffNumber": "%s",
				 "phone": "%s", "organizationId": %d, "status": "PROBATIONARY", "joinDate": "2024-06-20",
				 "graduationYear": 2027}""".formatted(idCard, staff, phone, orgId(orgCode));
	}

	long register(RequestPostProcessor who, String idCard, String staff, String orgCode) throws Exception {
		mvc.perform(post("/api/v1/members").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content(body(idCard, staff, orgCode, "13812345678")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.username").value(staff))
			.andExpect(jsonPath("$.initialPassword").isNotEmpty());
		return jdbc.sql("select id from member where staff_number = ?").param(staff).query(Long.class).single();
	}

	@Test
	void aRegisteredMemberIsStoredEncryptedShownMaskedAndGetsAnAccount() throws Exception {
		var branch1 = login("branch1");
		String id = idCard();
		String staff = unique("S");
		long member = register(branch1, id, staff, "SFDX-JSJ-01");

		var row = jdbc.sql("select * from member where id = ?").param(member).query().singleRow();
		assertThat(row.values().toString()).doesNotContain(id).doesNotContain("13812345678");
		mvc.perform(get("/api/v1/members/{id}", member).with(branch1))
			.andExpect(jsonPath("$.idCard").value(id.substring(0, 6) + "********" + id.substring(14)))
			.andExpect(jsonPath("$.phone").value("138****5678"))
			// the masked digits are the birth date: shown as year and month only, so the two never add up
			.andExpect(jsonPath("$.birthDate").value("1998-05"))
			.andExpect(jsonPath("$.organizationName").value("教工第一党支部"));
		assertThat(jdbc.sql("select must_change_password from account where username = ?").param(staff)
			.query(Boolean.class).single()).isTrue();
		assertThat(auditCount("member.create", "branch1")).isPositive();
	}

	@Test
	@DisplayName("个人敏感信息: 查看完整身份证号需有权限且留痕")
	void revealingIsForTheRightRolesAndAudited() throws Exception {
		String id = idCard();
		long member = register(login("college1"), id, unique("S"), "SFDX-JSJ-02");
		// a reason is required: without one (or with a blank one) nothing is revealed
		mvc.perform(post("/api/v1/members/{id}/reveal", member).with(login("college1")).with(csrf().asHeader()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(post("/api/v1/members/{id}/reveal", member).with(login("college1")).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"  \"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/members/{id}/reveal", member).with(login("college1")).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"核对档案\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.idCard").value(id))
			.andExpect(jsonPath("$.phone").value("13812345678"));
		assertThat(auditCount("member.reveal", "college1")).isPositive();
		assertThat(jdbc.sql("select count(*) from audit_event where summary like ?").param("%" + id + "%")
			.query(Long.class).single()).as("the audit log holds no full number").isZero();
		// another college's secretary does not even see the member
		mvc.perform(post("/api/v1/members/{id}/reveal", member).with(login("branch2")).with(csrf().asHeader()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/members/{id}", member).with(login("branch2"))).andExpect(status().isNotFound());
	}

	@Test
	void theListIsScopedFilteredAndMasked() throws Exception {
		var admin = login("admin");
		String staff = unique("L");
		register(admin, idCard(), staff, "SFDX-JX-02");
		mvc.perform(get("/api/v1/members").with(admin).param("q", staff))
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].idCard").value(Matchers.containsString("********")));
		mvc.perform(get("/api/v1/members").with(login("college1")).param("q", staff))
			.andExpect(jsonPath("$.totalElements").value(0));
		mvc.perform(get("/api/v1/members").with(login("college1")).param("orgId", Long.toString(orgId("SFDX-JX"))))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/members").with(admin).param("orgId", Long.toString(orgId("SFDX-JX")))
				.param("status", "PROBATIONARY").param("category", "STUDENT"))
			.andExpect(jsonPath("$.content[*].staffNumber", Matchers.hasItem(staff)));
		mvc.perform(get("/api/v1/members").with(login("auditor"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/members").with(admin).param("gender", "MALE").param("education", "MASTER")
				.param("joinYear", "2024").param("graduationYear", "2027").param("q", staff))
			.andExpect(jsonPath("$.totalElements").value(1));
		mvc.perform(get("/api/v1/members").with(admin).param("gender", "FEMALE").param("q", staff))
			.andExpect(jsonPath("$.totalElements").value(0));
		mvc.perform(get("/api/v1/members").with(admin).param("joinYear", "2023").param("q", staff))
			.andExpect(jsonPath("$.totalElements").value(0));
		String sorted = mvc.perform(get("/api/v1/members").with(admin).param("sort", "-joinDate").param("size", "50"))
			.andReturn().getResponse().getContentAsString();
		List<String> dates = JsonPath.read(sorted, "$.content[*].joinDate");
		assertThat(dates).isSortedAccordingTo(Comparator.reverseOrder());
		mvc.perform(get("/members").with(admin).param("sort", "name").param("education", "DOCTORATE"))
			.andExpect(status().isOk());
	}

	@Test
	@DisplayName("党章: 年满十八岁；身份证号与出生日期、性别一致；学号和身份证号唯一")
	void everyMistakeOfAFormIsReportedAtOnce() throws Exception {
		var admin = login("admin");
		String taken = idCard();
		String takenStaff = unique("T");
		register(admin, taken, takenStaff, "SFDX-WX-01");
		String young = "42010220100101001";
		young = young + IdCardNumber.checkCharacter(young);
		mvc.perform(post("/api/v1/members").with(admin).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "", "gender": "FEMALE", "birthDate": "2010-01-02", "idCard": "%s", "education": "BACHELOR",
						 "category": "STUDENT", "staffNumber": "%s", "phone": "12345", "organizationId": %d,
						 "status": "PROBATIONARY", "joinDate": "2025-01-01", "conversionDate": "2026-01-01"}"""
					.formatted(young, takenStaff, orgId("SFDX-WX"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", Matchers.hasItems("name", "gender", "birthDate", "staffNumber",
					"phone", "organizationId", "conversionDate")));
		mvc.perform(post("/api/v1/members").with(admin).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content(body(taken, unique("U"), "SFDX-WX-01", "")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("该身份证号已登记在党员信息库中"));
	}

	@Test
	@DisplayName("支部工作条例: 党员登记后支部人数提醒随之生效")
	void membersFeedTheBranchSizeWarnings() throws Exception {
		var admin = login("admin");
		String code = unique("HC-");
		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"parentId\": %d, \"code\": \"%s\", \"name\": \"新建人数测试党支部\", \"type\": \"BRANCH\"}"
					.formatted(orgId("SFDX-HX"), code)))
			.andExpect(status().isCreated());
		long branch = orgId(code);
		register(admin, idCard(), unique("H"), code);
		mvc.perform(get("/api/v1/organizations/{id}", branch).with(admin))
			.andExpect(jsonPath("$.warnings", Matchers.hasItem(Matchers.startsWith("正式党员仅 0 人"))));
	}

	@Test
	void aCorrectionNeedsTheVersionItStartedFromAndIsAudited() throws Exception {
		var admin = login("admin");
		String id = idCard();
		String staff = unique("E");
		long member = register(admin, id, staff, "SFDX-LX-01");
		String profile = body(id, staff, "SFDX-LX-02", "13900001111").replace("王小明", "王晓明");
		String version = JsonPath.read(mvc.perform(get("/api/v1/members/{id}", member).with(admin))
			.andReturn().getResponse().getContentAsString(), "$.version").toString();
		mvc.perform(MockMvcRequestBuilders.put("/api/v1/members/{id}", member)
				.with(admin).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\": " + version + ", \"profile\": " + profile + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("王晓明"))
			.andExpect(jsonPath("$.phone").value("139****1111"))
			.andExpect(jsonPath("$.organizationName").value("教工第二党支部"));
		// a second editor who started from the same version is told, and nothing of theirs is written
		mvc.perform(MockMvcRequestBuilders.put("/api/v1/members/{id}", member)
				.with(admin).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\": " + version + ", \"profile\": " + profile.replace("王晓明", "王大明") + "}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value("数据已被他人修改，请刷新后重试"));
		assertThat(jdbc.sql("select name from member where id = ?").param(member).query(String.class).single())
			.isEqualTo("王晓明");
		assertThat(auditCount("member.move", "admin")).isPositive();
		assertThat(jdbc.sql("select summary from audit_event where action = 'member.move' and entity_id = ?")
			.param(Long.toString(member)).query(String.class).single()).contains("姓名 王小明→王晓明", "手机号")
			.doesNotContain("13900001111");
	}
}
