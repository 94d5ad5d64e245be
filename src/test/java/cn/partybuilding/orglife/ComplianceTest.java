package cn.partybuilding.orglife;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.orglife.Compliance.Frequency;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ComplianceTest extends PlatformTest {

	@org.springframework.beans.factory.annotation.Autowired
	cn.partybuilding.organization.OrganizationScope scope;

	@Test
	@DisplayName("支部工作条例: meetings required per month, quarter and year for each frequency")
	void requiredMeetingsPerPeriodAndFrequency() {
		Period month = Period.parse("2026-11");
		Period quarter = Period.parse("2026-q4");
		Period year = Period.parse("2026");
		assertThat(quarter.from()).hasToString("2026-10-01");
		assertThat(quarter.until()).hasToString("2027-01-01");
		// 支委会, 党小组会, 主题党日: monthly
		assertThat(Compliance.required(Frequency.MONTH, month)).isEqualTo(1);
		assertThat(Compliance.required(Frequency.MONTH, quarter)).isEqualTo(3);
		assertThat(Compliance.required(Frequency.MONTH, year)).isEqualTo(12);
		// 支部党员大会, 党课: quarterly — not due within a single month
		assertThat(Compliance.required(Frequency.QUARTER, month)).isZero();
		assertThat(Compliance.required(Frequency.QUARTER, quarter)).isEqualTo(1);
		assertThat(Compliance.required(Frequency.QUARTER, year)).isEqualTo(4);
		// 组织生活会, 民主评议: yearly
		assertThat(Compliance.required(Frequency.YEAR, quarter)).isZero();
		assertThat(Compliance.required(Frequency.YEAR, year)).isEqualTo(1);
		assertThat(Compliance.required(Frequency.NONE, year)).isZero();
	}

	long heldAndSignedOff(RequestPostProcessor who, String orgCode, String type, LocalDateTime start, boolean signOff)
			throws Exception {
		var zone = PlatformZone.ZONE;
		String answer = mvc.perform(post("/api/v1/meetings").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "%s", "topic": "合规测试", "startAt": "%s", "endAt": "%s", "invitees": {"scope": "BRANCH"}}"""
				.formatted(orgId(orgCode), type, start.atZone(zone).toInstant(), start.plusHours(1).atZone(zone).toInstant())))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(answer, "$.id")).longValue();
		if (signOff) {
			mvc.perform(put("/api/v1/meetings/{id}/minutes", id).with(who).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"记录\"}")).andExpect(status().isOk());
			mvc.perform(post("/api/v1/meetings/{id}/minutes/sign-off", id).with(who).with(csrf().asHeader()))
				.andExpect(status().isOk());
		}
		return id;
	}

	@Test
	void theReportCountsSignedOffMeetingsPerBranchIncludingACollegesLecture() throws Exception {
		var college1 = login("college1");
		// 2024: before the demo's year of meetings, so the counts are this test's own
		LocalDateTime october = LocalDateTime.of(2024, 10, 15, 14, 0);
		heldAndSignedOff(college1, "SFDX-JSJ-02", "BRANCH_COMMITTEE", october, true);
		heldAndSignedOff(college1, "SFDX-JSJ-02", "THEME_DAY", october.plusDays(1), true);
		heldAndSignedOff(college1, "SFDX-JSJ-02", "THEME_DAY", october.plusDays(2), false); // no minutes: not counted
		heldAndSignedOff(college1, "SFDX-JSJ", "PARTY_LECTURE", october.plusDays(3), true); // for the whole college

		String jsj02 = "$.branches[?(@.orgId == " + orgId("SFDX-JSJ-02") + ")]";
		String jsj01 = "$.branches[?(@.orgId == " + orgId("SFDX-JSJ-01") + ")]";
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(orgId("SFDX-JSJ"))).param("period", "2024-10")
			.with(college1))
			.andExpect(status().isOk())
			.andExpect(jsonPath(jsj02 + ".required.BRANCH_COMMITTEE").value(Matchers.contains(1)))
			.andExpect(jsonPath(jsj02 + ".held.BRANCH_COMMITTEE").value(Matchers.contains(1)))
			.andExpect(jsonPath(jsj02 + ".held.THEME_DAY").value(Matchers.contains(1)))
			.andExpect(jsonPath(jsj02 + ".required.BRANCH_ASSEMBLY").isEmpty())
			.andExpect(jsonPath(jsj01 + ".required.GROUP_MEETING").value(Matchers.contains(2)));
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(orgId("SFDX-JSJ"))).param("period", "2024-Q4")
			.with(college1))
			.andExpect(jsonPath(jsj02 + ".required.BRANCH_COMMITTEE").value(Matchers.contains(3)))
			.andExpect(jsonPath(jsj02 + ".gaps.BRANCH_COMMITTEE").value(Matchers.contains(2)))
			.andExpect(jsonPath(jsj02 + ".required.BRANCH_ASSEMBLY").value(Matchers.contains(1)))
			.andExpect(jsonPath(jsj02 + ".held.PARTY_LECTURE").value(Matchers.contains(1)))
			.andExpect(jsonPath(jsj01 + ".held.PARTY_LECTURE").value(Matchers.contains(1)));

		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(orgId("SFDX-JSJ"))).param("period", "2024-Q4")
			.with(login("branch2"))).andExpect(status().isNotFound());

		// the pages: the college's table (exportable) and a branch's year at a glance
		mvc.perform(get("/orglife/compliance").param("orgId", Long.toString(orgId("SFDX-JSJ"))).param("period", "2024-Q4")
			.with(college1))
			.andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("教工第二党支部")));
		byte[] xlsx = mvc.perform(get("/orglife/compliance.xlsx").param("orgId", Long.toString(orgId("SFDX-JSJ")))
			.param("period", "2024-Q4").with(college1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(6); // the college's six branches
		}
		mvc.perform(get("/orglife/year").param("orgId", Long.toString(orgId("SFDX-JSJ-02"))).param("year", "2024").with(college1))
			.andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("table-success")));
		mvc.perform(get("/orglife/year").param("orgId", Long.toString(orgId("SFDX-JSJ-02"))).with(login("branch2")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/orglife/compliance").param("period", "第四季度").with(college1))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("period"));
	}

	@Test
	void pagesNameMonthsAndMeetingKindsInTheReadersLanguageWhileTheSheetStaysChinese() throws Exception {
		var college1 = login("college1");
		String year = "/orglife/year?orgId=" + orgId("SFDX-JSJ-02") + "&year=2026";
		mvc.perform(get(year).with(college1))
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString(">12月</th>")));
		mvc.perform(get(year + "&lang=en").with(college1))
			.andExpect(MockMvcResultMatchers.content().string(Matchers.allOf(Matchers.containsString(">Dec</th>"),
					Matchers.not(Matchers.containsString("12月")))));
		byte[] xlsx = mvc.perform(get("/orglife/compliance.xlsx").param("orgId", Long.toString(orgId("SFDX-JSJ")))
			.param("period", "2026-Q4").param("lang", "en").with(college1)).andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(book.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("支委会（已开/应开）");
		}
	}

	@Test
	@DisplayName("the per-branch answer a page at a time: the pages together are the whole answer, row for row, in scope")
	void pagesTogetherAreTheWholeAnswer() throws Exception {
		var admin = login("admin");
		String period = "2026";
		long sfdx = orgId("SFDX");
		String whole = mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period)
			.with(admin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		java.util.List<Object> all = JsonPath.read(whole, "$.branches");
		assertThat(all.size()).isGreaterThan(3);
		java.util.List<Object> paged = new java.util.ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			var request = get("/api/v1/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period)
				.param("size", "3").with(admin);
			if (after != null) {
				request = request.param("after", after);
			}
			var response = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
			String body = response.getContentAsString();
			java.util.List<Object> rows = JsonPath.read(body, "$.branches");
			assertThat(rows.size()).isLessThanOrEqualTo(3);
			paged.addAll(rows);
			after = JsonPath.read(body, "$.next");
			assertThat(response.getHeader("X-Next-After")).isEqualTo(after);
			pages++;
		}
		while (after != null && pages < 100);
		assertThat(paged).isEqualTo(all);
		assertThat(pages).isEqualTo((all.size() + 2) / 3);
		// each row named as the organisation module names it (学院 › 支部), at the province, a school and a college
		for (String[] at : new String[][] { { "province", "JYGW" }, { "admin", "SFDX" }, { "college1", "SFDX-JSJ" } }) {
			String report = mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(orgId(at[1])))
				.param("period", period).with(login(at[0]))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			java.util.List<Number> rowIds = JsonPath.read(report, "$.branches[*].orgId");
			java.util.List<String> names = JsonPath.read(report, "$.branches[*].name");
			java.util.Map<Long, String> expected = scope.qualifiedNames(rowIds.stream().map(Number::longValue).toList());
			assertThat(names).as(at[1]).isNotEmpty().isEqualTo(rowIds.stream().map(id -> expected.get(id.longValue())).toList());
		}
		// no row of another school, and another school's organisation is the audited 404
		java.util.List<Integer> ids = JsonPath.read(whole, "$.branches[*].orgId");
		assertThat(ids).doesNotContain((int) orgId("SFXY"));
		long audits = auditCount("access.denied", "admin");
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(orgId("SFXY"))).param("period", period)
			.param("size", "3").with(admin)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "admin")).isGreaterThan(audits);
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period)
			.param("size", "0").with(admin)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	@DisplayName("groupBy=child sums a school's branches per college and a province's per school, as the branch rows add up")
	void summedPerOrganisationBelowAsTheBranchRowsAddUp() throws Exception {
		var province = login("province");
		String period = "2026-Q4";
		// the school's rows, one per college, against the school's branch rows summed by college
		long sfdx = orgId("SFDX");
		String branches = mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period)
			.with(province)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String summed = mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period)
			.param("groupBy", "child").with(province)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(summed, "$.orgId")).longValue()).isEqualTo(sfdx);
		long jsj = orgId("SFDX-JSJ");
		java.util.List<Long> jsjBranches = jdbc.sql("select id from organization where parent_id = ? and type = 'BRANCH' and dissolved_at is null")
			.param(jsj).query(Long.class).list();
		assertThat(jsjBranches).isNotEmpty();
		String row = "$.children[?(@.orgId == " + jsj + ")]";
		java.util.List<Integer> count = JsonPath.read(summed, row + ".branches");
		assertThat(count).containsExactly(jsjBranches.size());
		for (String field : java.util.List.of("required", "held", "gaps", "meetings")) {
			for (MeetingType t : MeetingType.values()) {
				int expected = 0;
				for (long b : jsjBranches) {
					java.util.List<Integer> n = JsonPath.read(branches, "$.branches[?(@.orgId == " + b + ")]." + field + "." + t);
					expected += n.isEmpty() ? 0 : n.get(0);
				}
				java.util.List<Integer> got = JsonPath.read(summed, row + "." + field + "." + t);
				assertThat(got.isEmpty() ? 0 : got.get(0)).as(field + " " + t).isEqualTo(expected);
			}
		}
		int behind = 0;
		int lowest = 100;
		int highest = 0;
		for (long b : jsjBranches) {
			int rate = JsonPath.<java.util.List<Integer>>read(branches, "$.branches[?(@.orgId == " + b + ")].rate").get(0);
			behind += rate < 100 ? 1 : 0;
			lowest = Math.min(lowest, rate);
			highest = Math.max(highest, rate);
		}
		assertThat(JsonPath.<java.util.List<Integer>>read(summed, row + ".behind")).containsExactly(behind);
		assertThat(JsonPath.<java.util.List<Integer>>read(summed, row + ".rate").get(0)).isBetween(lowest, highest);
		java.util.List<Integer> all = JsonPath.read(summed, "$.children[*].branches");
		assertThat(all.stream().mapToInt(Integer::intValue).sum())
			.isEqualTo(JsonPath.<java.util.List<Object>>read(branches, "$.branches").size());

		// the province: one row per school, each a drill-down to the school's own summary
		String schools = mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(orgId("JYGW")))
			.param("period", period).param("groupBy", "child").with(province)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(JsonPath.<java.util.List<Integer>>read(schools, "$.children[*].orgId")).contains((int) sfdx,
				(int) orgId("SFXY"));
		assertThat(JsonPath.<java.util.List<Integer>>read(schools, "$.children[?(@.orgId == " + sfdx + ")].branches"))
			.containsExactly(JsonPath.<java.util.List<Object>>read(branches, "$.branches").size());

		// the page and its sheet sum the same way; another school's organisation stays out of reach
		mvc.perform(get("/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period).param("groupBy", "child")
			.with(province))
			.andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.allOf(Matchers.containsString("compliance-summary"),
					Matchers.containsString("计算机科学与技术学院党委"))));
		byte[] xlsx = mvc.perform(get("/orglife/compliance.xlsx").param("orgId", Long.toString(sfdx)).param("period", period)
			.param("groupBy", "child").with(province)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(JsonPath.<java.util.List<Object>>read(summed, "$.children").size());
			assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("组织");
		}
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period)
			.param("groupBy", "child").with(login("school2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(sfdx)).param("period", period)
			.param("groupBy", "college").with(province))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("groupBy"));
	}
}
