package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/**
 * The pages of 发展党员: the board, a person's file and its step form (a refusal comes back above the filled
 * form), the paper application, the approvals with the funnel, the applicant's own page, the Excel exports.
 */
class DevelopmentPagesTest extends PlatformTest {

	private long applyThroughTheForm(RequestPostProcessor branch, String appliedOn) throws Exception {
		String staff = unique("S");
		var result = mvc.perform(post("/development/people/new").with(csrf()).with(branch)
				.param("branchId", Long.toString(orgId("SFDX-JSJ-01")))
				.param("name", "页面申请" + staff.substring(1, 3))
				.param("staffNumber", staff)
				.param("idCard", DevelopmentApiTest.idCard("20010203"))
				.param("birthDate", "2001-02-03")
				.param("gender", "MALE")
				.param("ethnicity", "汉族")
				.param("category", "STUDENT")
				.param("education", "BACHELOR")
				.param("phone", "13800138000")
				.param("appliedOn", appliedOn))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as(feedback(result.getResponse().getContentAsString())).isEqualTo(302);
		String url = result.getResponse().getRedirectedUrl();
		assertThat(url).matches("/development/people/\\d+");
		assertThat((String) result.getFlashMap().get("notice")).contains(staff);
		return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
	}

	/** The mistakes a form came back with, for the assertion's message. */
	private static String feedback(String page) {
		var m = Pattern.compile("invalid-feedback[^>]*>([^<]*)<|alert-danger[^>]*>\\s*<div>([^<]*)<").matcher(page);
		StringBuilder found = new StringBuilder();
		while (m.find()) {
			found.append(m.group(1) != null ? m.group(1) : m.group(2)).append("; ");
		}
		return found.toString();
	}

	private MockHttpServletRequestBuilder step(long id, int step, String date, String... more) {
		MockHttpServletRequestBuilder request = post("/development/people/{id}/steps", id).with(csrf())
			.param("step", Integer.toString(step)).param("date", date).param("decision", "APPROVED");
		for (int i = 0; i < more.length; i += 2) {
			request.param(more[i], more[i + 1]);
		}
		return request;
	}

	private void done(RequestPostProcessor who, long id, int step, String date, String... more) throws Exception {
		var result = mvc.perform(step(id, step, date, more).with(who)).andReturn();
		assertThat(result.getResponse().getStatus()).as(feedback(result.getResponse().getContentAsString())).isEqualTo(302);
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/development/people/" + id);
	}

	@Test
	void theBoardCountsEachStageOfTheCallersScopeExactlyInASmallScope() throws Exception {
		String page = mvc.perform(get("/development").with(login("college1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).doesNotContain("id=\"counts-recent\"");
		long college = orgId("SFDX-JSJ");
		for (Stage stage : Stage.values()) {
			long files = jdbc.sql("""
					select coalesce(sum(c.files), 0) from applicant_count c join organization o on o.id = c.organization_id
					where c.stage = ? and o.path like (select path from organization where id = ?) || '%'""")
				.params(stage.name(), college).query(Long.class).single();
			java.util.regex.Matcher shown = java.util.regex.Pattern
				.compile("id=\"stage-" + stage + "\">\\s*<span[^>]*>[^<]*</span>\\s*<span class=\"fs-5 fw-bold\">(\\d+)</span>")
				.matcher(page);
			assertThat(shown.find()).as(stage.name()).isTrue();
			assertThat(Long.parseLong(shown.group(1))).as(stage.name()).isEqualTo(files);
		}
	}

	@Test
	void eachRoleSeesItsPages() throws Exception {
		var branch1 = login("branch1");
		mvc.perform(get("/development").with(branch1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("入党积极分子")))
			.andExpect(content().string(containsString("id=\"pipeline\"")))
			.andExpect(content().string(containsString("登记入党申请")));
		mvc.perform(get("/development/people/new").with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"appliedOn\"")));
		mvc.perform(get("/development/approvals").with(branch1)).andExpect(status().isForbidden());
		mvc.perform(get("/applicants").param("stage", "ACTIVIST").with(branch1))
			.andExpect(redirectedUrl("/development?stage=ACTIVIST"));
		applyThroughTheForm(branch1, "2024-03-01");
		mvc.perform(get("/").with(branch1)).andExpect(content().string(containsString("href=\"/development\"")))
			.andExpect(content().string(containsString("名入党申请人逾期未谈话")))
			.andExpect(content().string(not(containsString("href=\"/development/approvals\""))));

		var college1 = login("college1");
		mvc.perform(get("/development").param("stage", "CANDIDATE").with(college1)).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"new-person\""))));
		mvc.perform(get("/development/approvals").with(college1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"funnel-chart\"")))
			.andExpect(content().string(containsString("data-total=")))
			.andExpect(content().string(containsString("/webjars/echarts/dist/echarts.min.js")))
			.andExpect(content().string(containsString("年发展情况")));
		mvc.perform(get("/").with(college1)).andExpect(content().string(containsString("href=\"/development/approvals\"")))
			.andExpect(content().string(containsString("人等待上级党委办理")));
		mvc.perform(get("/development/approvals").param("year", "2024").with(login("admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("2024 年发展情况")));
		mvc.perform(get("/webjars/echarts/dist/echarts.min.js")).andExpect(status().isOk());
		mvc.perform(get("/js/development-funnel.js")).andExpect(status().isOk());
		mvc.perform(get("/development?lang=en").with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(containsString("Member development")));
	}

	@Test
	void aStepIsPostedThroughTheFormAndARefusalComesBackWithTheFormFilled() throws Exception {
		var branch1 = login("branch1");
		var college1 = login("college1");
		long id = applyThroughTheForm(branch1, "2023-01-10");
		mvc.perform(get("/development/people/{id}", id).with(branch1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"step-form\"")))
			.andExpect(content().string(containsString("党组织派人谈话")))
			.andExpect(content().string(containsString("已逾期")));
		done(branch1, id, 2, "2023-01-20", "note", "谈话了解入党动机");
		// step 3 without the record of the recommendation: the rule above the form, what was typed kept
		mvc.perform(step(id, 3, "2023-03-01", "reason", "", "note", "").with(branch1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("确定入党积极分子须注明党员推荐或群团组织推优的情况")))
			.andExpect(content().string(containsString("value=\"2023-03-01\"")));
		done(branch1, id, 3, "2023-03-01", "note", "党员推荐，支委会研究");
		// step 4 is the 上级党委's: the branch sees who does it instead of the form
		mvc.perform(get("/development/people/{id}", id).with(branch1))
			.andExpect(content().string(not(containsString("id=\"step-form\""))))
			.andExpect(content().string(containsString("这一步由上级党委（党总支/二级党委）办理")));
		done(college1, id, 4, "2023-03-10");
		List<Long> full = jdbc.sql("select id from member where organization_id = ? and status = 'FULL' and departed_on is null order by id limit 2")
			.param(orgId("SFDX-JSJ-01")).query(Long.class).list();
		mvc.perform(get("/development/people/{id}", id).with(branch1))
			.andExpect(content().string(containsString("name=\"memberIds\"")))
			.andExpect(content().string(containsString("value=\"" + full.get(0) + "\"")));
		done(branch1, id, 5, "2023-03-15", "memberIds", Long.toString(full.get(0)), "memberIds", "");
		done(branch1, id, 6, "2023-09-01");
		// a waiting time: refused with the first date it becomes possible, the form filled
		mvc.perform(step(id, 7, "2024-02-29", "note", "支委会讨论").with(branch1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("确定发展对象须经过 1 年以上的入党积极分子培养考察")))
			.andExpect(content().string(containsString("可办理自 2024-03-01")))
			.andExpect(content().string(containsString("支委会讨论")));
		done(branch1, id, 7, "2024-03-01");
		mvc.perform(get("/development/people/{id}", id).with(branch1))
			.andExpect(content().string(containsString("data-step=\"7\"")))
			.andExpect(content().string(containsString("培养联系人")))
			.andExpect(content().string(containsString("发展对象")));
		// an approval later than 2½ months after the 支部大会 is marked on the file (steps 8 to 16 as if done)
		java.time.LocalDate voted = java.time.LocalDate.now(PlatformZone.ZONE).minusMonths(2).minusDays(20);
		for (int s = 8; s <= 16; s++) {
			jdbc.sql("insert into development_step (applicant_id, step, done_on, decision, organization_id, actor, expected, present, yes, no, abstain, written_yes, written_no) values (?, ?, ?, 'APPROVED', 0, 'test', 9, 9, 9, 0, 0, 0, 0)")
				.params(List.of(id, s, java.sql.Date.valueOf(voted))).update();
		}
		mvc.perform(get("/development/people/{id}", id).with(college1))
			.andExpect(content().string(containsString("id=\"step-form\"")))
			.andExpect(content().string(containsString("id=\"deadline\" class=\"badge text-bg-warning\"")))
			.andExpect(content().string(containsString("至 " + voted.plusMonths(3))));
		jdbc.sql("delete from development_step where applicant_id = ? and step between 8 and 16").param(id).update();
		// the general branch finds the 备案 among its approvals
		mvc.perform(get("/development/approvals").with(college1))
			.andExpect(content().string(containsString("data-person=\"" + id + "\"")));
		assertThat(jdbc.sql("select count(*) from development_step where applicant_id = ?").param(id).query(Long.class).single())
			.isEqualTo(7);
	}

	@Test
	void anotherCollegesBranchFindsNothing() throws Exception {
		long id = applyThroughTheForm(login("branch1"), "2024-03-01");
		var branch2 = login("branch2");
		mvc.perform(get("/development/people/{id}", id).with(branch2)).andExpect(status().isNotFound());
		mvc.perform(step(id, 2, "2024-03-05").with(branch2)).andExpect(status().isNotFound());
		mvc.perform(get("/development").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch2))
			.andExpect(status().isNotFound());
		mvc.perform(get("/development/export.xlsx").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch2))
			.andExpect(status().isNotFound());
	}

	@Test
	void theListAndTheFunnelOpenInExcel() throws Exception {
		var branch1 = login("branch1");
		long id = applyThroughTheForm(branch1, "2024-03-01");
		String name = jdbc.sql("select name from applicant where id = ?").param(id).query(String.class).single();
		byte[] list = mvc.perform(get("/development/export.xlsx").param("stage", "APPLICANT").with(branch1))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(list))) {
			var sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("姓名");
			boolean found = false;
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				assertThat(sheet.getRow(r).getCell(3).getStringCellValue()).isEqualTo("入党申请人");
				found |= sheet.getRow(r).getCell(1).getStringCellValue().equals(name);
			}
			assertThat(found).isTrue();
		}
		byte[] funnel = mvc.perform(get("/development/funnel.xlsx").param("year", "2024").with(login("college1")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(funnel))) {
			var sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("递交入党申请");
			var total = sheet.getRow(sheet.getLastRowNum());
			assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
			assertThat(total.getCell(1).getNumericCellValue()).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void theApplicantSeesTheirWayOnTheirOwnPage() throws Exception {
		long id = applyThroughTheForm(login("branch1"), "2024-03-01");
		String username = jdbc.sql("select staff_number from applicant where id = ?").param(id).query(String.class).single();
		jdbc.sql("""
				update account set password_hash = (select password_hash from account where username = 'member1'),
				  must_change_password = false where username = ?""").param(username).update();
		var applicant = login(username);
		mvc.perform(get("/").with(applicant))
			.andExpect(content().string(containsString("href=\"/development/me\"")))
			.andExpect(content().string(not(containsString("href=\"/development\""))));
		mvc.perform(get("/development/me").with(applicant))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("入党申请人")))
			.andExpect(content().string(containsString("第 2 步 党组织派人谈话")))
			.andExpect(content().string(containsString("/development/me/reports")));
		mvc.perform(get("/development").with(applicant)).andExpect(status().isForbidden());
		mvc.perform(get("/development/people/{id}", id).with(applicant)).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"step-form\""))));
		// someone without a file sees the empty state
		mvc.perform(get("/development/me").with(login("member1"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"no-file\"")));
	}

	@Test
	void evidenceIsUploadedFromTheFileAndARenamedScriptIsNamedAsRefused() throws Exception {
		var branch1 = login("branch1");
		long id = applyThroughTheForm(branch1, "2024-06-01");
		mvc.perform(multipart("/development/people/{id}/evidence", id)
				.file(new MockMultipartFile("file", "谈话记录.pdf", "application/pdf", "%PDF-1.4\n%talk\n".getBytes()))
				.param("step", "2").with(csrf()).with(branch1))
			.andExpect(status().isFound());
		mvc.perform(multipart("/development/people/{id}/evidence", id)
				.file(new MockMultipartFile("file", "谈话记录.pdf", "application/pdf", "#!/bin/sh\nrm -rf /".getBytes()))
				.param("step", "2").with(csrf()).with(branch1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"evidence-error\"")));
		mvc.perform(get("/development/people/{id}", id).with(branch1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("谈话记录.pdf")))
			.andExpect(content().string(containsString("file.pdf")));
	}

	@Test
	void theGeneralBranchFilesATickedListInOneGoAndARefusalNamesThePerson() throws Exception {
		var branch1 = login("branch1");
		var college1 = login("college1");
		long first = applyThroughTheForm(branch1, "2024-03-01");
		long second = applyThroughTheForm(branch1, "2024-03-01");
		for (long id : List.of(first, second)) {
			done(branch1, id, 2, "2024-03-10");
			done(branch1, id, 3, "2024-04-01", "note", "党员推荐");
		}
		mvc.perform(get("/development/approvals").with(college1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"pick" + first + "\"")));
		long notReady = applyThroughTheForm(branch1, "2024-03-01");
		var refused = mvc.perform(post("/development/approvals/batch").with(csrf()).with(college1)
				.param("personIds", Long.toString(first), Long.toString(notReady)).param("step", "4").param("date", "2024-04-10"))
			.andExpect(redirectedUrl("/development/approvals")).andReturn();
		assertThat((String) refused.getFlashMap().get("batchError")).isNotBlank();
		var result = mvc.perform(post("/development/approvals/batch").with(csrf()).with(college1)
				.param("personIds", Long.toString(first), Long.toString(second)).param("step", "4").param("date", "2024-04-10"))
			.andExpect(redirectedUrl("/development/approvals")).andReturn();
		assertThat((String) result.getFlashMap().get("notice")).contains("2");
		assertThat(jdbc.sql("select count(*) from development_step where applicant_id in (?, ?) and step = 4")
			.params(first, second).query(Long.class).single()).isEqualTo(2);
	}
}
