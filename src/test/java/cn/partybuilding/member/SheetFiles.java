package cn.partybuilding.member;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Real spreadsheet files for the import tests, built the way Excel stores them: text cells, number
 * cells (学号 typed as a number), real date cells with a date format, a title row above the header.
 */
public final class SheetFiles {

	public static final List<String> HEADER = MemberSheet.COLUMNS;

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private SheetFiles() {
	}

	/** A valid ID-card number no other test or the demo uses (region 110101), born on {@code birth}. */
	public static String idCard(LocalDate birth, boolean male) {
		int n = SEQUENCE.getAndIncrement() % 450;
		String first17 = "110101" + birth.toString().replace("-", "") + String.format("%03d", 100 + n * 2 + (male ? 1 : 0));
		return first17 + IdCardNumber.checkCharacter(first17);
	}

	/** A good row: a male student born in {@code year}, of the branch with this code. */
	public static List<Object> row(String name, String staffNumber, String orgCode, LocalDate birth) {
		return new ArrayList<>(List.of(name, "男", "汉族", birth, idCard(birth, true), staffNumber, "学生", "大学本科",
				orgCode, "正式党员", birth.plusYears(20), birth.plusYears(21), "13900001111", 2026));
	}

	public static byte[] xlsx(List<List<Object>> rows) throws IOException {
		try (SXSSFWorkbook book = new SXSSFWorkbook()) {
			return write(book, rows);
		}
	}

	public static byte[] xls(List<List<Object>> rows) throws IOException {
		try (HSSFWorkbook book = new HSSFWorkbook()) {
			return write(book, rows);
		}
	}

	/** Writes rows (the first being the header, or a title then the header) as cells of their Java type. */
	public static byte[] write(Workbook book, List<List<Object>> rows) throws IOException {
		Sheet sheet = book.createSheet("党员信息");
		CellStyle date = book.createCellStyle();
		date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
		for (int r = 0; r < rows.size(); r++) {
			Row row = sheet.createRow(r);
			List<Object> values = rows.get(r);
			for (int c = 0; c < values.size(); c++) {
				Object v = values.get(c);
				if (v == null) {
					continue;
				}
				var cell = row.createCell(c);
				if (v instanceof LocalDate d) {
					cell.setCellValue(d);
					cell.setCellStyle(date);
				}
				else if (v instanceof Number n) {
					cell.setCellValue(n.doubleValue());
				}
				else {
					cell.setCellValue(v.toString());
				}
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		book.write(out);
		return out.toByteArray();
	}
}
