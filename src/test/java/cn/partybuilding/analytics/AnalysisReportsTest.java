package cn.partybuilding.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/**
 * The analysis reports through HTTP against the demo university: asked for (202), written in the background, followed
 * to DONE, downloaded (Word with native charts, PDF with the narrative), audited; scoped like their organisation.
 */
class AnalysisReportsTest extends PlatformTest {

	@Autowired
	AnalysisReports reports;

	@Autowired
	ReportJobs jobs;

	private String request(RequestPostProcessor who, long orgId, String period) throws Exception {
		String body = mvc.perform(post("/api/v1/analytics/reports").with(who).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + orgId + ",\"period\":\"" + period + "\"}"))
			.andExpect(status().isAccepted())
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.id");
	}

	/** Polls the report until it is no longer queued or running. */
	private String awaitFinished(RequestPostProcessor who, String id) throws Exception {
		long until = System.currentTimeMillis() + 120_000;
		while (true) {
			String body = mvc.perform(get("/api/v1/analytics/reports/" + id).with(who))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			String state = JsonPath.read(body, "$.state");
			if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
				return body;
			}
			assertThat(System.currentTimeMillis()).as("the report is still being written").isLessThan(until);
			Thread.sleep(200);
		}
	}

	@Test
	void aCollegeReportIsWrittenInTheBackgroundAndDownloadedAsWordWithChartsAndAsPdf() throws Exception {
		var college1 = login("college1");
		long college = orgId("SFDX-JSJ");
		String id = request(college1, college, "2026-11");
		String running = mvc.perform(get("/api/v1/analytics/reports/" + id).with(college1)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(running, "$.period")).isEqualTo("2026-11");
		assertThat(((Number) JsonPath.read(running, "$.orgId")).longValue()).isEqualTo(college);

		String done = awaitFinished(college1, id);
		assertThat((String) JsonPath.read(done, "$.state")).as(done).isEqualTo("DONE");
		assertThat((Integer) JsonPath.read(done, "$.progress")).isEqualTo(100);
		String docxUrl = JsonPath.read(done, "$.docxUrl");
		String pdfUrl = JsonPath.read(done, "$.pdfUrl");

		long exports = auditCount("analytics.report.export", "college1");
		byte[] docx = mvc.perform(get(docxUrl).with(college1)).andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(".docx")))
			.andReturn().getResponse().getContentAsByteArray();
		Map<String, String> parts = ReportDocumentsTest.unzip(docx);
		assertThat(parts.keySet()).anyMatch(p -> p.matches("word/charts/chart\\d+\\.xml"));
		assertThat(parts.get("word/document.xml")).contains("党建工作分析报告（2026年11月）").contains("本月").contains("较上月");

		byte[] pdf = mvc.perform(get(pdfUrl).with(college1)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (PDDocument read = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(read).replaceAll("\\s+", "");
			assertThat(text).contains("党建工作分析报告（2026年11月）").contains("本月").contains("党员");
		}
		assertThat(auditCount("analytics.report.export", "college1")).isEqualTo(exports + 2);

		// the list shows it; another college's staff does not see it
		mvc.perform(get("/api/v1/analytics/reports").param("orgId", "" + college).with(college1))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == '" + id + "')].state").value(org.hamcrest.Matchers.contains("DONE")));
		mvc.perform(get("/analytics/reports").with(college1)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("/api/v1/analytics/reports/" + id + "/docx")));
	}

	@Test
	void theFiguresOfAReportEqualTheDashboardApisForTheSameOrganisationAndPeriod() throws Exception {
		var admin = login("admin");
		long college = orgId("SFDX-JSJ");
		String id = request(admin, college, "2026-10");
		String done = awaitFinished(admin, id);
		assertThat((String) JsonPath.read(done, "$.state")).as(done).isEqualTo("DONE");
		String archived = mvc.perform(get("/api/v1/analytics/reports/" + id + "/figures").with(admin)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		// what the API shows for the period now is the value the report was written from (kept, not computed twice)
		String dashboard = mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + college).param("period", "2026-10")
				.with(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(dashboard, "$.asOf")).isEqualTo(JsonPath.read(archived, "$.asOf"));
		assertThat(((Number) JsonPath.read(archived, "$.members.total")).longValue())
			.isEqualTo(((Number) JsonPath.read(dashboard, "$.members.total")).longValue());
		for (String area : List.of("orglife", "dues")) {
			List<Double> rate = JsonPath.read(archived, "$.areas[?(@.name == '" + area + "')].figures[?(@.alias == 'rate')].value");
			Object api = JsonPath.read(dashboard, "$." + area + ".rate");
			assertThat(rate).as(area).hasSize(1);
			assertThat(rate.get(0) == null ? null : ((Number) rate.get(0)).doubleValue())
				.as(area + ".rate").isEqualTo(api == null ? null : ((Number) api).doubleValue());
		}
	}

	@Test
	void membersAreRefusedOutOfScopeIsNotFoundAndAuditedAndABadPeriodIsAFieldProblem() throws Exception {
		var college1 = login("college1");
		long otherCollege = orgId("SFDX-JX");
		long own = orgId("SFDX-JSJ");
		mvc.perform(post("/api/v1/analytics/reports").with(login("member1")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + own + ",\"period\":\"2026-11\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/analytics/reports").with(login("branch1")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + orgId("SFDX-JSJ-01") + ",\"period\":\"2026-11\"}"))
			.andExpect(status().isForbidden());
		long denied = auditCount("access.denied", "college1");
		mvc.perform(post("/api/v1/analytics/reports").with(college1).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + otherCollege + ",\"period\":\"2026-11\"}"))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "college1")).isEqualTo(denied + 1);
		for (String bad : List.of("2026-13", "2026-Q5", "11/2026", "")) {
			mvc.perform(post("/api/v1/analytics/reports").with(college1).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + own + ",\"period\":\"" + bad + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("period"))
				.andExpect(jsonPath("$.errors[0].message").isNotEmpty());
		}
		mvc.perform(post("/api/v1/analytics/reports").with(college1).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + own + ",\"period\":\"2099-01\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("period"));
		mvc.perform(post("/api/v1/analytics/reports").with(college1)
				.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + own + ",\"period\":\"2026-11\"}"))
			.andExpect(status().isForbidden());
		int anonymous = mvc.perform(get("/api/v1/analytics/reports")).andReturn().getResponse().getStatus();
		assertThat(anonymous).isIn(401, 302);

		// a report of the other college: its staff and the committee see it, college1 does not (404, audited), nor its files
		String theirs = request(login("admin"), otherCollege, "2026-09");
		denied = auditCount("access.denied", "college1");
		mvc.perform(get("/api/v1/analytics/reports/" + theirs).with(college1)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/analytics/reports/" + theirs + "/docx").with(college1)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/analytics/reports/" + theirs + "/figures").with(college1)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "college1")).isEqualTo(denied + 3);
		mvc.perform(get("/api/v1/analytics/reports/" + theirs).with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/analytics/reports/" + UUID.randomUUID()).with(college1)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/analytics/reports").param("orgId", "" + otherCollege).with(college1)).andExpect(status().isNotFound());
	}

	@Test
	void aReportThatFailsSaysWhyAndLeavesNoFile() {
		UUID id = UUID.randomUUID();
		long college = orgId("SFDX-JSJ");
		// a period no report could be written for: the writing fails after the report was queued
		jdbc.sql("""
				insert into analytics_report (id, org_id, org_name, period, state, progress, requested_by, requested_by_name,
				    created_at, heartbeat_at) values (?, ?, '计算机学院党委', 'bogus', 'QUEUED', 0, 1, '测试', now(), now())""")
			.params(id, college).update();
		reports.write(id);
		ReportJobs.Report failed = jobs.find(id).orElseThrow();
		assertThat(failed.state()).isEqualTo(ReportJobs.State.FAILED);
		assertThat(failed.error()).startsWith("报告生成失败");
		assertThat(failed.docxKey()).isNull();
		assertThat(failed.pdfKey()).isNull();
		assertThat(jobs.figures(id)).isEmpty();
	}

	@Test
	void aReportWhoseNodeStoppedReadsAsInterrupted() {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into analytics_report (id, org_id, org_name, period, state, progress, requested_by, requested_by_name,
				    created_at, heartbeat_at)
				values (?, ?, '计算机学院党委', '2020-01', 'RUNNING', 40, 1, '测试', now() - interval '1 day', now() - interval '1 day')""").params(id, orgId("SFDX-JSJ")).update();
		ReportJobs.Report report = jobs.find(id).orElseThrow();
		assertThat(report.state()).isEqualTo(ReportJobs.State.FAILED);
		assertThat(report.error()).contains("中断");
	}

	@Test
	void theScheduleWritesLastMonthAndAtAQuartersStartLastQuarterAndInJanuaryLastYear() {
		assertThat(AnalysisReports.periodsAt(LocalDate.of(2026, 11, 1))).containsExactly("2026-10");
		assertThat(AnalysisReports.periodsAt(LocalDate.of(2026, 10, 1))).containsExactly("2026-09", "2026-Q3");
		assertThat(AnalysisReports.periodsAt(LocalDate.of(2027, 1, 1))).containsExactly("2026-12", "2026-Q4", "2026");
	}

	@Test
	void aScheduledReportIsMadeOnceWhateverTheNumberOfRuns() {
		long college = orgId("SFDX-JSJ");
		jdbc.sql("delete from analytics_report where org_id = ? and period = '1999-01' and scheduled").param(college).update();
		assertThat(jobs.createScheduled(college, "计算机学院党委", "1999-01")).isPresent();
		assertThat(jobs.createScheduled(college, "计算机学院党委", "1999-01")).isEmpty();
		assertThat(jdbc.sql("select count(*) from analytics_report where org_id = ? and period = '1999-01' and scheduled")
			.param(college).query(Long.class).single()).isEqualTo(1);
		jdbc.sql("update analytics_report set state = 'FAILED', finished_at = ? where org_id = ? and period = '1999-01'")
			.params(java.sql.Timestamp.from(Instant.now()), college).update();
	}

	@Test
	void thePageAsksForAReportAndComesBackFilledOnAnError() throws Exception {
		var college1 = login("college1");
		long own = orgId("SFDX-JSJ");
		String page = mvc.perform(post("/analytics/reports").with(college1).with(csrf())
				.param("orgId", "" + own).param("period", "2026-13"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("is-invalid").contains("value=\"2026-13\"").contains("期间应写作");
		mvc.perform(post("/analytics/reports").with(college1).with(csrf()).param("orgId", "" + own).param("period", "2026-08"))
			.andExpect(status().is3xxRedirection());
		String list = mvc.perform(get("/analytics/reports").with(college1)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).contains("计算机学院").contains("2026年8月");
		String empty = mvc.perform(get("/analytics/reports").param("orgId", "" + orgId("SFDX-JSJ-01")).param("kind", "YEAR")
				.param("state", "FAILED").with(college1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(empty).contains("没有符合筛选条件的报告");
		mvc.perform(get("/analytics/reports").with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(get("/analytics/reports.xlsx").with(college1)).andExpect(status().isOk());
	}
}
