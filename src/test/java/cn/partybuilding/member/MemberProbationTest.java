package cn.partybuilding.member;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The probation rules on every way in (form, API, import), 党龄, 预备期超期, and the demo's own people. */
class MemberProbationTest extends PlatformTest {

	static final AtomicInteger SEQUENCE = new AtomicInteger(200);

	static final LocalDate TODAY = LocalDate.now(PlatformZone.ZONE);

	static String idCard() {
		int n = SEQUENCE.getAndIncrement();
		String first17 = "330102" + "19900303" + String.format("%03d", n * 2 % 1000 + 1);
		return first17 + IdCardNumber.checkCharacter(first17);
	}

	static String body(String staff, long orgId, String status, LocalDate join, LocalDate conversion, Boolean historical) {
		return """
				{"name": "周转正", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1990-03-03", "idCard": "%s",
				 "education": "MASTER", "category": "FACULTY", "staffNumber": "%s", "organizationId": %d,
				 "status": "%s", "joinDate": "%s", "conversionDate": %s, "historicalRecord": %s}"""
			.formatted(idCard(), staff, orgId, status, join, conversion == null ? "null" : "\"" + conversion + "\"", historical);
	}

	org.springframework.test.web.servlet.ResultActions register(RequestPostProcessor who, String body) throws Exception {
		return mvc.perform(post("/api/v1/members").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	long idOf(String staff) {
		return jdbc.sql("select id from member where staff_number = ?").param(staff).query(Long.class).single();
	}

	@Test
	@DisplayName("发展党员工作细则: registering or correcting a full member whose 转正日期 is not 入党日期 + 1 year or + 18–24 months is refused with the rule")
	void aConversionOutsideTheProbationRulesIsRefusedOnRegisterAndCorrect() throws Exception {
		var branch1 = login("branch1");
		long branch = orgId("SFDX-JSJ-01");
		LocalDate join = LocalDate.of(2012, 6, 1);
		register(branch1, body(unique("PR"), branch, "FULL", join, LocalDate.of(2013, 6, 2), null))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("conversionDate"))
			.andExpect(jsonPath("$.errors[0].message").value(Matchers.allOf(Matchers.containsString("2013-06-01"),
					Matchers.containsString("2013-12-01"), Matchers.containsString("2014-06-01"))));
		register(branch1, body(unique("PR"), branch, "FULL", TODAY.minusMonths(8), null, null))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		register(branch1, body(unique("PR"), branch, "FULL", TODAY.minusMonths(13), TODAY.plusMonths(5), null))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("conversionDate"));

		String staff = unique("PR");
		register(branch1, body(staff, branch, "FULL", join, LocalDate.of(2013, 12, 1), null)).andExpect(status().isCreated());
		long id = idOf(staff);
		String profile = mvc.perform(get("/api/v1/members/{id}", id).with(branch1)).andReturn().getResponse().getContentAsString();
		long version = ((Number) com.jayway.jsonpath.JsonPath.read(profile, "$.version")).longValue();
		String corrected = body(staff, branch, "FULL", join, LocalDate.of(2014, 6, 2), null);
		mvc.perform(put("/api/v1/members/{id}", id).with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\": " + version + ", \"profile\": " + corrected + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("conversionDate"));
		// the web form too: the form comes back with the rule beside the field
		mvc.perform(post("/members").with(branch1).with(csrf()).param("name", "周表单").param("gender", "MALE")
				.param("idCard", idCard()).param("staffNumber", unique("PF")).param("education", "MASTER")
				.param("category", "FACULTY").param("organizationId", Long.toString(branch)).param("status", "FULL")
				.param("joinDate", "2012-06-01").param("conversionDate", "2013-06-02"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("转正日期不符合预备期规定")));
	}

	@Test
	@DisplayName("发展党员工作细则: a 转正 recorded late is accepted as a historical record, and the profile keeps the warning")
	void aLateConversionMarkedAsHistoricalIsAcceptedWithAWarningOnTheProfile() throws Exception {
		var branch1 = login("branch1");
		String staff = unique("PH");
		register(branch1, body(staff, orgId("SFDX-JSJ-01"), "FULL", LocalDate.of(2010, 7, 1), LocalDate.of(2013, 3, 1), true))
			.andExpect(status().isCreated());
		long id = idOf(staff);
		mvc.perform(get("/api/v1/members/{id}", id).with(branch1))
			.andExpect(jsonPath("$.historicalRecord").value(true))
			.andExpect(jsonPath("$.lateConversion").value(true));
		mvc.perform(get("/members/{id}", id).with(branch1))
			.andExpect(content().string(Matchers.containsString("id=\"late-conversion\"")))
			.andExpect(content().string(Matchers.containsString("2011-07-01")));
		assertThat(jdbc.sql("select historical_record from member where id = ?").param(id).query(Boolean.class).single()).isTrue();
	}

	@Test
	@DisplayName("发展党员工作细则: a 预备党员 more than two years after joining is flagged 预备期超期 on the list and the profile")
	void aProbationaryMemberMoreThanTwoYearsAfterJoiningIsFlaggedOnListAndProfile() throws Exception {
		var branch1 = login("branch1");
		String staff = unique("PO");
		register(branch1, body(staff, orgId("SFDX-JSJ-01"), "PROBATIONARY", TODAY.minusYears(2).minusMonths(1), null, null))
			.andExpect(status().isCreated());
		long id = idOf(staff);
		mvc.perform(get("/api/v1/members").param("q", staff).with(branch1))
			.andExpect(jsonPath("$.content[0].probationOverdue").value(true));
		mvc.perform(get("/members").param("q", staff).with(branch1))
			.andExpect(content().string(Matchers.containsString("probation-overdue")))
			.andExpect(content().string(Matchers.containsString("预备期超期")));
		mvc.perform(get("/members/{id}", id).with(branch1))
			.andExpect(content().string(Matchers.containsString("id=\"probation-overdue\"")));
		// and the branch is told on its home page's 待办
		mvc.perform(get("/").with(branch1))
			.andExpect(content().string(Matchers.containsString("名预备党员预备期超期")));
		String fresh = unique("PO");
		register(branch1, body(fresh, orgId("SFDX-JSJ-01"), "PROBATIONARY", TODAY.minusMonths(3), null, null))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/members").param("q", fresh).with(branch1))
			.andExpect(jsonPath("$.content[0].probationOverdue").value(false));
	}

	@Test
	@DisplayName("党龄 counts whole years from the 转正日期: shown on the list and profile, filtered, exported")
	void partyYearsAreShownFilteredAndExported() throws Exception {
		var college1 = login("college1");
		String staff = unique("PY");
		LocalDate join = TODAY.minusYears(11);
		register(college1, body(staff, orgId("SFDX-JSJ-02"), "FULL", join, join.plusYears(1), null)).andExpect(status().isCreated());
		long id = idOf(staff);
		mvc.perform(get("/api/v1/members/{id}", id).with(college1)).andExpect(jsonPath("$.partyYears").value(10));
		mvc.perform(get("/api/v1/members").param("q", staff).param("partyYearsMin", "10").param("partyYearsMax", "10").with(college1))
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].partyYears").value(10));
		mvc.perform(get("/api/v1/members").param("q", staff).param("partyYearsMin", "11").with(college1))
			.andExpect(jsonPath("$.totalElements").value(0));
		mvc.perform(get("/api/v1/members").param("q", staff).param("partyYearsMax", "9").with(college1))
			.andExpect(jsonPath("$.totalElements").value(0));
		mvc.perform(get("/members").param("q", staff).param("partyYearsMin", "5").with(college1))
			.andExpect(content().string(Matchers.containsString(staff)))
			.andExpect(content().string(Matchers.containsString("10 年")));
		mvc.perform(get("/members/{id}", id).with(college1))
			.andExpect(content().string(Matchers.containsString("id=\"party-years\"")));

		byte[] xlsx = mvc.perform(get("/api/v1/members/export").param("q", staff).param("partyYearsMin", "10").with(college1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		List<String> header = new ArrayList<>();
		List<String> row = new ArrayList<>();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			DataFormatter f = new DataFormatter();
			book.getSheetAt(0).getRow(0).forEach(c -> header.add(f.formatCellValue(c)));
			for (int i = 0; i < header.size(); i++) {
				var cell = book.getSheetAt(0).getRow(1).getCell(i);
				row.add(cell == null ? "" : f.formatCellValue(cell));
			}
		}
		assertThat(row.get(header.indexOf("党龄"))).isEqualTo("10");
		assertThat(row.get(header.indexOf("所在党组织"))).isEqualTo("计算机科学与技术学院党委 › 教工第二党支部");
	}

	@Test
	@DisplayName("Lists mixing colleges show branches as 学院 › 支部")
	void theMemberListShowsBranchesWithTheirCollege() throws Exception {
		var admin = login("admin");
		mvc.perform(get("/members").param("q", "member1").with(admin))
			.andExpect(content().string(Matchers.containsString("计算机科学与技术学院党委 › 教工第一党支部")));
		mvc.perform(get("/api/v1/members").param("q", "member1").with(admin))
			.andExpect(jsonPath("$.content[0].organizationName").value("计算机科学与技术学院党委 › 教工第一党支部"));
	}

	@Test
	@DisplayName("The demo's own people follow the probation rules (member1: joined 2003-06-01, converted 2004-06-01)")
	void theDemosOwnPeopleFollowTheProbationRules() {
		assertThat(jdbc.sql("select conversion_date from member where staff_number = 'member1'").query(LocalDate.class).single())
			.isEqualTo(LocalDate.of(2004, 6, 1));
		List<Map<String, Object>> wrong = jdbc.sql("""
				select staff_number, join_date, conversion_date from member
				where status = 'FULL' and not historical_record and conversion_date is not null
				  and not (conversion_date = (join_date + interval '1 year')::date
				       or conversion_date between (join_date + interval '18 months')::date and (join_date + interval '24 months')::date)
				  and staff_number ~ '^(S[0-9]{9}|[TR][0-9]{5}|member[0-9]*)$'""").query().listOfRows();
		assertThat(wrong).isEmpty();
		assertThat(jdbc.sql("""
				select count(*) from member where status = 'FULL' and join_date > (now() at time zone 'Asia/Shanghai')::date - interval '1 year'
				  and staff_number ~ '^(S[0-9]{9}|[TR][0-9]{5}|member[0-9]*)$'""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from member where staff_number ~ '^(S[0-9]{9}|[TR][0-9]{5})$'")
			.query(Long.class).single()).as("the demo's generated people were checked").isPositive();
	}
}
