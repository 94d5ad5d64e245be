package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;

class MemberSheetTest extends PlatformTest {

	static List<List<String>> rows(byte[] xlsx) throws Exception {
		try (var book = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = book.getSheetAt(0);
			List<List<String>> rows = new ArrayList<>();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				row.forEach(cell -> cells.add(new DataFormatter().formatCellValue(cell)));
				rows.add(cells);
			}
			return rows;
		}
	}

	@Test
	void theTemplateHasTheNationalColumnsAnExampleAndDropDowns() throws Exception {
		byte[] xlsx = mvc.perform(get("/api/v1/members/import-template").with(login("branch1")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		List<List<String>> rows = rows(xlsx);
		assertThat(rows.get(0)).containsExactly("姓名", "性别", "民族", "出生日期", "身份证号", "学号/工号", "人员类别", "学历",
				"所在党组织", "党员状态", "入党日期", "转正日期", "手机号", "毕业年份", "历史记录");
		assertThat(rows.get(1).get(0)).startsWith("示例");
		assertThat(rows.get(1).get(8)).isEqualTo("SFDX-JSJ-01"); // one of the caller's own branches
		try (var book = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			assertThat(book.getSheetAt(0).getDataValidations()).hasSize(5);
			// number columns are text, so Excel keeps all 18 digits of an ID-card number
			assertThat(book.getSheetAt(0).getColumnStyle(4).getDataFormatString()).isEqualTo("@");
			StringBuilder all = new StringBuilder();
			book.getSheet("填写说明").forEach(r -> r.forEach(c -> all.append(c.getStringCellValue()).append('|')));
			assertThat(all).contains("SFDX-JSJ-01|").doesNotContain("SFDX-JX-01|");
		}
	}

	@Test
	void theExportHoldsTheCallersScopeMasked() throws Exception {
		byte[] xlsx = mvc.perform(get("/api/v1/members/export").with(login("college1")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		List<List<String>> rows = rows(xlsx);
		assertThat(rows.size()).isGreaterThan(100);
		long inCollege = jdbc.sql("""
				select count(*) from member m join organization o on o.id = m.organization_id
				where o.path like (select path from organization where code = 'SFDX-JSJ') || '%'""").query(Long.class).single();
		assertThat(rows).hasSize((int) inCollege + 1);
		assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.get(4)).contains("********"));
		assertThat(rows.stream().map(r -> r.get(8))).doesNotContain("机械工程学院党委 › 教工第一党支部", "教工党支部");
		assertThat(auditCount("member.export", "college1")).isPositive();
		mvc.perform(get("/api/v1/members/export").with(login("college1")).param("orgId", Long.toString(orgId("SFDX-JX"))))
			.andExpect(status().isNotFound());
	}
}
