package cn.partybuilding.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DownloadsTest {

	@Test
	@DisplayName("OWASP CSV/formula injection: exported text that begins like a formula stays text")
	void textThatLooksLikeAFormulaIsPrefixed() throws Exception {
		byte[] sheet = Downloads.sheet("导出.xlsx", "export.xlsx", "导出", List.of("姓名", "备注"),
				List.of(List.of("=HYPERLINK(\"http://x\",\"点我\")", "+1"), List.of("-2+3", "@SUM(A1)"),
						List.of("\tTAB", "王伟"), List.of(-5, "")))
			.getBody();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
			var rows = book.getSheetAt(0);
			assertThat(rows.getRow(1).getCell(0).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\",\"点我\")");
			assertThat(rows.getRow(1).getCell(1).getStringCellValue()).isEqualTo("'+1");
			assertThat(rows.getRow(2).getCell(0).getStringCellValue()).isEqualTo("'-2+3");
			assertThat(rows.getRow(2).getCell(1).getStringCellValue()).isEqualTo("'@SUM(A1)");
			assertThat(rows.getRow(3).getCell(0).getStringCellValue()).isEqualTo("'\tTAB");
			assertThat(rows.getRow(3).getCell(1).getStringCellValue()).isEqualTo("王伟");
			// numbers stay numbers, negative ones included: the office sums them
			assertThat(rows.getRow(4).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(rows.getRow(4).getCell(0).getNumericCellValue()).isEqualTo(-5.0);
		}
	}
}
