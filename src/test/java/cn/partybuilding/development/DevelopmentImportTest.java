package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/** Existing applicants and activists from a real spreadsheet, every row through the path's rules, all or nothing. */
class DevelopmentImportTest extends PlatformTest {

	private static final List<String> HEADER = List.of("姓名", "性别", "民族", "出生日期", "身份证号", "学号/工号", "类别", "学历",
			"手机", "所在支部", "申请日期", "谈话日期", "确定积极分子日期", "备案日期", "培养联系人(工号)", "确定发展对象日期");

	@Autowired
	Clock clock;

	private static byte[] sheet(Workbook book, List<List<Object>> rows) throws Exception {
		try (book; var out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet("名单");
			Row head = sheet.createRow(0);
			for (int c = 0; c < HEADER.size(); c++) {
				head.createCell(c).setCellValue(HEADER.get(c));
			}
			var dateStyle = book.createCellStyle();
			dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows.get(r).size(); c++) {
					Object v = rows.get(r).get(c);
					if (v instanceof LocalDate d) {
						// a real date cell, as offices type them
						var cell = row.createCell(c);
						cell.setCellValue(d);
						cell.setCellStyle(dateStyle);
					}
					else if (v != null) {
						row.createCell(c).setCellValue(v.toString());
					}
				}
			}
			book.write(out);
			return out.toByteArray();
		}
	}

	private static List<Object> person(String staff, String name, Object applied, Object talk, Object activist,
			Object filed, String contacts, Object candidate) {
		List<Object> row = new ArrayList<>(List.of(name, "男", "汉族", "2002-03-04", DevelopmentApiTest.idCard("20020304"),
				staff, "学生", "本科", "13800138000", "SFDX-JSJ-01"));
		row.add(applied);
		row.add(talk);
		row.add(activist);
		row.add(filed);
		row.add(contacts);
		row.add(candidate);
		return row;
	}

	private ResultActions upload(RequestPostProcessor who, String fileName, byte[] bytes) throws Exception {
		return mvc.perform(multipart("/api/v1/development/imports").file(new MockMultipartFile("file", fileName,
				"application/octet-stream", bytes)).with(csrf()).with(who));
	}

	private long applicants(String staff) {
		return jdbc.sql("select count(*) from applicant where staff_number = ?").param(staff).query(Long.class).single();
	}

	@Test
	void theGeneralBranchImportsApplicantsActivistsAndCandidatesWithTheirDates() throws Exception {
		RequestPostProcessor college = login("college1");
		LocalDate today = LocalDate.now(clock);
		String contact = jdbc.sql("select staff_number from member where organization_id = ? and status = 'FULL' and departed_on is null order by id limit 1")
			.param(orgId("SFDX-JSJ-01")).query(String.class).single();
		String a = unique("IA");
		String b = unique("IB");
		String c = unique("IC");
		LocalDate bApplied = today.minusMonths(30);
		byte[] file = sheet(new XSSFWorkbook(), List.of(
				person(a, "积极分子甲", today.minusMonths(20), today.minusMonths(20).plusDays(10),
						today.minusMonths(19).toString().replace('-', '/'), today.minusMonths(19).plusDays(10), contact, null),
				person(b, "发展对象乙", bApplied, bApplied.plusDays(10), bApplied.plusMonths(2), bApplied.plusMonths(2).plusDays(5),
						contact, bApplied.plusMonths(14)),
				person(c, "申请人丙", today.minusDays(40), null, null, null, null, null)));
		upload(college, "档案.xlsx", file)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DONE"))
			.andExpect(jsonPath("$.created.length()").value(3))
			.andExpect(jsonPath("$.created[0].stage").value("ACTIVIST"))
			.andExpect(jsonPath("$.created[1].stage").value("CANDIDATE"))
			.andExpect(jsonPath("$.created[2].stage").value("APPLICANT"))
			.andExpect(jsonPath("$.created[0].initialPassword").isNotEmpty());
		long bId = jdbc.sql("select id from applicant where staff_number = ?").param(b).query(Long.class).single();
		assertThat(jdbc.sql("select string_agg(step || '@' || done_on, ',' order by step) from development_step where applicant_id = ?")
			.param(bId).query(String.class).single())
			.isEqualTo("1@" + bApplied + ",2@" + bApplied.plusDays(10) + ",3@" + bApplied.plusMonths(2) + ",4@"
					+ bApplied.plusMonths(2).plusDays(5) + ",5@" + bApplied.plusMonths(2).plusDays(5) + ",6@"
					+ bApplied.plusMonths(14) + ",7@" + bApplied.plusMonths(14));
		mvc.perform(get("/api/v1/development/people/{id}", bId).with(login("branch1")))
			.andExpect(jsonPath("$.next.step").value(8));
	}

	@Test
	void oneWrongCellAndNothingIsWrittenEveryWrongCellNamed() throws Exception {
		RequestPostProcessor college = login("college1");
		LocalDate today = LocalDate.now(clock);
		String ok = unique("IO");
		String early = unique("IE");
		String gap = unique("IG");
		String bad = unique("IX");
		LocalDate applied = today.minusMonths(20);
		LocalDate activist = applied.plusMonths(1);
		String contact = jdbc.sql("select staff_number from member where organization_id = ? and status = 'FULL' and departed_on is null order by id limit 1")
			.param(orgId("SFDX-JSJ-01")).query(String.class).single();
		var gapRow = new ArrayList<>(person(gap, "跳步的人", applied, applied.plusDays(5), null, activist, null, null));
		byte[] file = sheet(new XSSFWorkbook(), List.of(
				person(ok, "正确的人", applied, applied.plusDays(5), null, null, null, null),
				person(early, "太早的人", applied, applied.plusDays(5), activist, activist.plusDays(3), contact,
						activist.plusYears(1).minusDays(1)),
				gapRow,
				person(bad, "日期错的人", "2023-13-45", null, null, null, null, null)));
		upload(college, "档案.xlsx", file)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.errors[?(@.cell == 'P3')].message",
					Matchers.hasItem(Matchers.containsString(activist.plusYears(1).toString()))))
			.andExpect(jsonPath("$.errors[?(@.cell == 'M4')].column").value("确定积极分子日期"))
			.andExpect(jsonPath("$.errors[?(@.cell == 'K5')].row").value(5));
		assertThat(applicants(ok) + applicants(early) + applicants(gap) + applicants(bad)).isZero();
		assertThat(jdbc.sql("select count(*) from account where username = ?").param(ok).query(Long.class).single()).isZero();
	}

	@Test
	void aBranchImportsAnOldXlsFileButCannotRecordTheHigherFiling() throws Exception {
		RequestPostProcessor branch = login("branch1");
		LocalDate applied = LocalDate.now(clock).minusMonths(6);
		String staff = unique("IL");
		upload(branch, "old.xls", sheet(new HSSFWorkbook(), List.of(
				person(staff, "老表格", applied.toString(), applied.plusDays(7).toString(), null, null, null, null))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.created[0].stage").value("APPLICANT"));
		String other = unique("IM");
		upload(branch, "filed.xlsx", sheet(new XSSFWorkbook(), List.of(person(other, "备案人", applied, applied.plusDays(7),
				applied.plusDays(20), applied.plusDays(25), null, null))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].cell").value("N2"));
		upload(branch, "not.xlsx", "姓名,学号".getBytes()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		upload(login("member1"), "x.xlsx", sheet(new XSSFWorkbook(), List.of())).andExpect(status().isForbidden());

		// the page: the wrong cells in a table, nothing written; a good file lists the people with their passwords
		String pageStaff = unique("IP");
		mvc.perform(multipart("/development/imports").file(new MockMultipartFile("file", "filed.xlsx",
				"application/octet-stream", sheet(new XSSFWorkbook(), List.of(person(other, "备案人", applied,
						applied.plusDays(7), applied.plusDays(20), applied.plusDays(25), null, null)))))
				.with(csrf()).with(branch))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.allOf(Matchers.containsString("id=\"errors\""), Matchers.containsString("N2"))));
		mvc.perform(multipart("/development/imports").file(new MockMultipartFile("file", "ok.xlsx",
				"application/octet-stream", sheet(new XSSFWorkbook(), List.of(person(pageStaff, "页面导入", applied,
						null, null, null, null, null)))))
				.with(csrf()).with(branch))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.allOf(Matchers.containsString("id=\"created\""), Matchers.containsString(pageStaff))));
		assertThat(applicants(pageStaff)).isOne();

		byte[] template = mvc.perform(get("/api/v1/development/imports/template.xlsx").with(branch))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(template))) {
			Row head = book.getSheetAt(0).getRow(0);
			List<String> names = new ArrayList<>();
			head.forEach(cell -> names.add(cell.getStringCellValue()));
			assertThat(names).isEqualTo(HEADER);
			assertThat(book.getSheetAt(1).getRow(1).getCell(0).getStringCellValue()).isEqualTo("SFDX-JSJ-01");
		}
	}
}
