package cn.partybuilding.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@link Downloads#streamSheet}'s own xlsx writer ({@link StreamedXlsx}) against the POI streamed sheet it replaced
 * (round seven's code, kept here as the reference): the same cells, header, styles and layout on the same rows, opened
 * with POI's full {@link XSSFWorkbook}; its escaping; a broken download never ends as a whole file.
 */
public class StreamedXlsxTest {

	static final List<String> HEADER = List.of("类别", "所在学院", "组织", "责任人", "起", "到期", "内容", "链接");

	/** Rows with everything a cell may meet: markup, quotes, controls, formula-like text, numbers, nulls, long text. */
	static List<List<?>> awkwardRows() {
		List<List<?>> rows = new ArrayList<>();
		rows.add(Arrays.asList("党费欠缴", "计算机学院党委", "教工第一党支部", "王伟、李娜", "2026-01-01", "2026-12-31",
				"张三已连续 3 个月未交纳党费，共 ¥1,234.50", "/dues/members/42"));
		rows.add(Arrays.asList("<b>粗体</b>", "A & B", "\"引号\" 'apostrophe'", "a<b>c&d;&amp;", "]]>", "<!-- -->", "<?xml?>", "&#x41;"));
		rows.add(Arrays.asList("=HYPERLINK(\"http://x\",\"点我\")", "+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=", "'quoted"));
		rows.add(Arrays.asList("a\u0001b\u0000c\u001fd\u000be\u000cf", "line\nbreak", "cr\rlf\r\n", "tab\tin", " lead", "trail ", "  ", "\n"));
		rows.add(Arrays.asList("😀 emoji 𠀀", "lone \uD800 high", "lone \uDC00 low", "\uFFFE\uFFFF", "\u00A0nbsp", "é ü ß", "\u2028\u2029", "\uFEFFbom"));
		rows.add(Arrays.asList(5, -5, 0, 3.25, 12345678901234L, new BigDecimal("1234.5678"), 0.1, -0.0));
		rows.add(Arrays.asList(null, "", null, LocalDate.of(2026, 12, 3), true, 'c', Long.MAX_VALUE, 1e300));
		rows.add(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, 1e-7, Integer.MIN_VALUE, (short) 7, (byte) -1, 2.5f, "x"));
		rows.add(List.of("short row"));
		rows.add(List.of());
		rows.add(Arrays.asList("长".repeat(32_000), "x".repeat(70_000 / 8)));
		for (int i = 0; i < 5_000; i++) {
			rows.add(Arrays.asList("组织生活缺项", "学院" + i % 37, "第" + i + "党支部", i % 3 == 0 ? null : "书记" + i,
					"2026-0" + (1 + i % 9) + "-01", "", "第 " + i + " 行：三会一课 <缺> & \"提醒\"", "/orglife/compliance?orgId=" + i));
		}
		return rows;
	}

	@Test
	void theStreamedFileHasThePoiSheetsCellsHeaderAndLayout() throws Exception {
		List<List<?>> rows = awkwardRows();
		assertSameFile(streamed("预警清单", HEADER, rows), poiSheet("预警清单", HEADER, rows), rows.size());
	}

	/** Two files of one sheet: the same name, rows, cells (type and value), bold header, first column's width, frozen header. */
	public static void assertSameFile(byte[] now, byte[] old, int rowsBelowHeader) throws IOException {
		try (var before = new XSSFWorkbook(new ByteArrayInputStream(old)); var after = new XSSFWorkbook(new ByteArrayInputStream(now))) {
			assertThat(after.getNumberOfSheets()).isEqualTo(1);
			assertThat(after.getSheetName(0)).isEqualTo(before.getSheetName(0));
			Sheet a = after.getSheetAt(0);
			Sheet b = before.getSheetAt(0);
			assertThat(a.getLastRowNum()).isEqualTo(b.getLastRowNum()).isEqualTo(rowsBelowHeader);
			for (int r = 0; r <= b.getLastRowNum(); r++) {
				var br = b.getRow(r);
				var ar = a.getRow(r);
				if (br == null) {
					assertThat(ar == null || ar.getLastCellNum() <= 0).as("row %d", r).isTrue();
					continue;
				}
				assertThat(ar.getLastCellNum()).as("row %d", r).isEqualTo(br.getLastCellNum());
				for (int c = 0; c < br.getLastCellNum(); c++) {
					assertSameCell(ar.getCell(c), br.getCell(c), "row " + r + " column " + c);
				}
			}
			// the header bold, the rows not; the first column 30 characters wide; the header frozen
			for (int c = 0; c < a.getRow(0).getLastCellNum(); c++) {
				assertThat(after.getFontAt(a.getRow(0).getCell(c).getCellStyle().getFontIndex()).getBold()).isTrue();
				if (a.getRow(1) != null && a.getRow(1).getCell(c) != null) {
					assertThat(after.getFontAt(a.getRow(1).getCell(c).getCellStyle().getFontIndex()).getBold()).isFalse();
				}
			}
			assertThat(a.getColumnWidth(0)).isEqualTo(b.getColumnWidth(0)).isEqualTo(30 * 256);
			assertThat(a.getColumnWidth(1)).isEqualTo(b.getColumnWidth(1));
			assertThat(a.getPaneInformation().isFreezePane()).isTrue();
			assertThat(a.getPaneInformation().getHorizontalSplitPosition()).isEqualTo(b.getPaneInformation().getHorizontalSplitPosition())
				.isEqualTo((short) 1);
			assertThat(a.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 0);
		}
	}

	public static void assertSameCell(Cell now, Cell old, String where) {
		if (old == null) {
			assertThat(now).as(where).isNull();
			return;
		}
		assertThat(now).as(where).isNotNull();
		assertThat(now.getCellType()).as(where).isEqualTo(old.getCellType());
		switch (old.getCellType()) {
			case NUMERIC -> assertThat(now.getNumericCellValue()).as(where).isEqualTo(old.getNumericCellValue());
			case STRING -> assertThat(now.getStringCellValue()).as(where).isEqualTo(old.getStringCellValue());
			case ERROR -> assertThat(((XSSFCell) now).getErrorCellString()).as(where).isEqualTo(((XSSFCell) old).getErrorCellString());
			default -> throw new AssertionError(where + ": a cell of type " + old.getCellType());
		}
	}

	@Test
	void markupQuotesControlsAndFormulaLikeTextStayTextAsWritten() throws Exception {
		byte[] file = streamed("a<b>&\"c'd", List.of("<名称>", "=SUM(A1)"),
				List.of(Arrays.asList("<script>alert('x')</script> & \"y\"", "=HYPERLINK(\"http://evil\",\"x\")"),
						Arrays.asList("a\u0001b\u0007c\u001Fd\uFFFEe\uD800f", "-1+2"),
						Arrays.asList("tab\there\nnew\rline", "@cmd"),
						Arrays.asList("_x0041_ stays", "+SUM(1)")));
		String xml = part(file, "xl/worksheets/sheet1.xml");
		assertThat(xml).contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;y&quot;")
			.doesNotContain("<script>").doesNotContain("\u0001").doesNotContain("<f>");
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
			assertThat(book.getSheetName(0)).isEqualTo("a<b>&\"c'd");
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("<名称>");
			// formula-like text: a leading apostrophe, a string cell, never a formula
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("'=SUM(A1)");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("<script>alert('x')</script> & \"y\"");
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
			// characters XML 1.0 cannot hold become ?, as POI's streamed sheet wrote them
			assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("a?b?c?d?e?f");
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("'-1+2");
			assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("tab\there\nnew\rline");
			assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("'@cmd");
			// an office's _xHHHH_ escape in a text stays as written (POI's sheet turned it into "A")
			assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("_x0041_ stays");
			assertThat(sheet.getRow(4).getCell(1).getStringCellValue()).isEqualTo("'+SUM(1)");
			for (var row : sheet) {
				for (var cell : row) {
					assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
				}
			}
		}
	}

	@Test
	void aSheetNamePoiRefusesIsRefusedBeforeTheFirstByte() {
		var response = new MockHttpServletResponse();
		assertThatThrownBy(() -> Downloads.streamSheet(response, "x.xlsx", "x.xlsx", "a/b", HEADER, sink -> {
		})).isInstanceOf(IllegalArgumentException.class);
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void aDownloadBrokenAfterItsFirstBytesNeverEndsAsAWholeFile() throws Exception {
		var response = new MockHttpServletResponse();
		int[] handed = { 0 };
		assertThatThrownBy(() -> Downloads.streamSheet(response, "x.xlsx", "x.xlsx", "表", HEADER, sink -> {
			for (List<?> row : awkwardRows()) {
				sink.accept(row);
				if (++handed[0] == 3_000) {
					throw new IllegalStateException("the database went away");
				}
			}
		})).hasMessage("the database went away");
		byte[] cut = response.getContentAsByteArray();
		assertThat(cut).isNotEmpty();
		assertThatThrownBy(() -> new XSSFWorkbook(new ByteArrayInputStream(cut)).close()).isInstanceOf(Exception.class);
	}

	@Test
	void theResponseIsNamedAndTypedAsBefore() throws Exception {
		var response = new MockHttpServletResponse();
		Downloads.streamSheet(response, "预警清单-2026-12-03.xlsx", "warnings-2026-12-03.xlsx", "预警清单", HEADER, sink -> {
		});
		assertThat(response.getContentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(response.getHeader("Content-Disposition")).isEqualTo(
				Downloads.attachment("预警清单-2026-12-03.xlsx", "warnings-2026-12-03.xlsx"));
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isZero();
			assertThat(book.getSheetAt(0).getRow(0).getCell(7).getStringCellValue()).isEqualTo("链接");
		}
	}

	/** The file as {@link Downloads#streamSheet} writes it into a response. */
	static byte[] streamed(String sheetName, List<String> header, List<? extends List<?>> rows) throws IOException {
		var response = new MockHttpServletResponse();
		Downloads.streamSheet(response, "x.xlsx", "x.xlsx", sheetName, header, sink -> rows.forEach(sink));
		return response.getContentAsByteArray();
	}

	/** One part of a zip, as text. */
	static String part(byte[] zip, String name) throws IOException {
		Map<String, String> parts = new HashMap<>();
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(parts).containsKeys("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
				"xl/styles.xml", "xl/worksheets/sheet1.xml");
		return parts.get(name);
	}

	/** Round seven's {@code Downloads.streamSheet} (POI's deferred streamed sheet), the reference for the cells. */
	public static byte[] poiSheet(String sheetName, List<String> header, List<? extends List<?>> rows) throws IOException {
		DeferredSXSSFWorkbook book = new DeferredSXSSFWorkbook(200);
		try (var out = new ByteArrayOutputStream()) {
			DeferredSXSSFSheet sheet = book.createSheet(sheetName);
			var bold = book.createFont();
			bold.setBold(true);
			CellStyle headStyle = book.createCellStyle();
			headStyle.setFont(bold);
			sheet.setColumnWidth(0, 30 * 256);
			sheet.createFreezePane(0, 1);
			CellStyle plain = book.getCellStyleAt(0);
			sheet.setRowGenerator(s -> {
				var head = s.createRow(0);
				for (int c = 0; c < header.size(); c++) {
					var cell = head.createCell(c);
					cell.setCellValue(Downloads.cellText(header.get(c)));
					cell.setCellStyle(headStyle);
				}
				int[] r = { 1 };
				Consumer<List<?>> fill = values -> {
					var row = s.createRow(r[0]++);
					for (int c = 0; c < values.size(); c++) {
						Object v = values.get(c);
						var cell = row.createCell(c);
						cell.setCellStyle(plain);
						if (v instanceof Number n) {
							cell.setCellValue(n.doubleValue());
						}
						else {
							cell.setCellValue(Downloads.cellText(v == null ? "" : v.toString()));
						}
					}
				};
				rows.forEach(fill);
			});
			book.write(out);
			return out.toByteArray();
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		finally {
			book.close();
		}
	}
}
