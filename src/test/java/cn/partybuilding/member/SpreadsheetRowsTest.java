package cn.partybuilding.member;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.partybuilding.shared.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How cells come out of real .xlsx and .xls files: dates, whole numbers, damaged long numbers, blank rows. */
class SpreadsheetRowsTest {

	@TempDir
	Path dir;

	List<List<String>> read(String name, byte[] bytes) throws Exception {
		Path file = dir.resolve(name);
		Files.write(file, bytes);
		List<List<String>> rows = new ArrayList<>();
		SpreadsheetRows.read(file, SpreadsheetRows.kindOf(file), 1000, (number, cells) -> rows.add(cells));
		return rows;
	}

	List<List<Object>> sample() {
		List<Object> row = new ArrayList<>();
		row.add(LocalDate.of(2001, 9, 1));
		row.add(2020123456L);
		row.add(110101200002021234.0);
		row.add(13812345678L);
		row.add("  文本 ");
		row.add(2.5);
		return List.of(row, List.of(" ", ""), List.of());
	}

	@Test
	void xlsxCellsComeOutAsPlainText() throws Exception {
		List<List<String>> rows = read("a.xlsx", SheetFiles.xlsx(sample()));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).subList(0, 2)).containsExactly("2001-09-01", "2020123456");
		assertThat(rows.get(0).get(2)).contains("E");
		assertThat(rows.get(0).subList(3, 6)).containsExactly("13812345678", "  文本 ", "2.5");
	}

	@Test
	void xlsCellsComeOutTheSame() throws Exception {
		List<List<String>> rows = read("a.xls", SheetFiles.xls(sample()));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).subList(0, 2)).containsExactly("2001-09-01", "2020123456");
		assertThat(rows.get(0).get(2)).contains("E");
		assertThat(rows.get(0).subList(3, 6)).containsExactly("13812345678", "  文本 ", "2.5");
	}

	@Test
	void aFileThatUnpacksIntoTooManyRowsOrStringsIsRefusedAndFarColumnsArePassedOver() throws Exception {
		// rows, even blank ones, count against the limit
		List<List<Object>> blank = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			blank.add(List.of(" "));
		}
		for (String name : List.of("rows.xlsx", "rows.xls")) {
			Path file = dir.resolve(name);
			Files.write(file, name.endsWith("x") ? SheetFiles.xlsx(blank) : SheetFiles.xls(blank));
			assertThatThrownBy(() -> SpreadsheetRows.read(file, SpreadsheetRows.kindOf(file), 100, (n, c) -> { }))
				.isInstanceOf(FieldProblem.class)
				.satisfies(e -> assertThat(((FieldProblem) e).problems().get(0).messageKey())
					.isEqualTo("member.import.tooManyRows"));
		}
		// a shared-strings table far larger than any sheet of that many rows could need
		Path strings = dir.resolve("strings.xlsx");
		try (var book = new XSSFWorkbook(); var out = Files.newOutputStream(strings)) {
			var sheet = book.createSheet();
			for (int i = 0; i < 3000; i++) {
				sheet.createRow(i).createCell(0).setCellValue("s" + i);
			}
			book.write(out);
		}
		assertThatThrownBy(() -> SpreadsheetRows.read(strings, SpreadsheetRows.Kind.XLSX, 50, (n, c) -> { }))
			.satisfies(e -> assertThat(((FieldProblem) e).problems().get(0).messageKey())
				.isEqualTo("member.import.tooComplex"));
		// a cell at the last column Excel has does not pad the row to 16 384 cells
		Path wide = dir.resolve("wide.xlsx");
		try (var book = new XSSFWorkbook(); var out = Files.newOutputStream(wide)) {
			var row = book.createSheet().createRow(0);
			row.createCell(0).setCellValue("姓名");
			row.createCell(16383).setCellValue("far");
			book.write(out);
		}
		List<List<String>> rows = new ArrayList<>();
		SpreadsheetRows.read(wide, SpreadsheetRows.Kind.XLSX, 50, (n, c) -> rows.add(c));
		assertThat(rows.get(0)).hasSizeLessThanOrEqualTo(SpreadsheetRows.MAX_COLUMNS).contains("姓名");
	}

	@Test
	void textDatesAreReadInTheWaysPeopleWriteThem() {
		for (String text : List.of("2001-09-01", "2001/9/1", "2001年9月1日", "2001.9.1", "20010901", " 2001 年 9 月 1 日 ")) {
			assertThat(ImportColumns.parseDate(text)).as(text).contains(LocalDate.of(2001, 9, 1));
		}
		assertThat(ImportColumns.parseDate("2001-02-30")).isEmpty();
		assertThat(ImportColumns.parseDate("九月一日")).isEmpty();
	}
}
