package cn.partybuilding.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The {@code Content-Disposition} of a file the platform hands out (exports, archives, attachments). */
public final class Downloads {

	private Downloads() {
	}

	/**
	 * {@code attachment; filename="fallback"; filename*=UTF-8''…}: the Chinese name for every current
	 * browser, a plain one for the rest (instead of a row of underscores).
	 */
	public static String attachment(String fileName, String asciiFallback) {
		return "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''"
				+ URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * Text for a spreadsheet cell that stays text when an office later edits it (OWASP, CSV/formula
	 * injection): a value beginning with {@code = + - @}, a tab or a carriage return gets a leading
	 * apostrophe, so no spreadsheet program ever reads it as a formula.
	 */
	public static String cellText(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
	}

	/**
	 * A one-sheet .xlsx for an export: a header row, then the rows (numbers stay numbers, so the
	 * office can sum them), the first column wide enough for an organisation's name.
	 */
	public static ResponseEntity<byte[]> sheet(String fileName, String asciiFallback, String sheetName,
			List<String> header, List<? extends List<?>> rows) {
		try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			addSheet(book, sheetName, header, rows);
			book.write(out);
			return xlsx(fileName, asciiFallback, out.toByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * As {@link #sheet}, streamed (SXSSF, as the member export): only a window of rows is held in memory while the rows
	 * are read a page at a time, whatever their number; the file is written whole before answering, so a refusal is a
	 * clean error, not a broken file. {@code rows} hands each row to the sheet as it is read.
	 */
	public static ResponseEntity<byte[]> streamedSheet(String fileName, String asciiFallback, String sheetName,
			List<String> header, Consumer<Consumer<List<?>>> rows) {
		SXSSFWorkbook book = new SXSSFWorkbook(200);
		try (var out = new ByteArrayOutputStream()) {
			book.setCompressTempFiles(true);
			var sheet = book.createSheet(sheetName);
			head(book, sheet, header);
			int[] r = { 1 };
			rows.accept(values -> fill(sheet.createRow(r[0]++), values));
			book.write(out);
			return xlsx(fileName, asciiFallback, out.toByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			closeQuietly(book);
		}
	}

	private static void closeQuietly(SXSSFWorkbook book) {
		try {
			book.close(); // also removes its temporary files
		}
		catch (IOException e) {
			// nothing to answer for: the file was written or the export already failed
		}
	}

	/**
	 * Adds a sheet to an export of several: a bold header row, then the rows (numbers stay numbers, other values are
	 * {@link #cellText} text), the first column wide enough for an organisation's name.
	 */
	public static void addSheet(XSSFWorkbook book, String sheetName, List<String> header, List<? extends List<?>> rows) {
		var sheet = book.createSheet(sheetName);
		head(book, sheet, header);
		for (int r = 0; r < rows.size(); r++) {
			fill(sheet.createRow(r + 1), rows.get(r));
		}
	}

	/** An .xlsx file as the answer, named for the download. */
	private static ResponseEntity<byte[]> xlsx(String fileName, String asciiFallback, byte[] file) {
		return ResponseEntity.ok()
			.header("Content-Disposition", attachment(fileName, asciiFallback))
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(file);
	}

	/** A bold header row, the first column wide enough for an organisation's name, the header frozen. */
	private static void head(Workbook book, org.apache.poi.ss.usermodel.Sheet sheet, List<String> header) {
		var bold = book.createFont();
		bold.setBold(true);
		var headStyle = book.createCellStyle();
		headStyle.setFont(bold);
		var head = sheet.createRow(0);
		for (int c = 0; c < header.size(); c++) {
			var cell = head.createCell(c);
			cell.setCellValue(cellText(header.get(c)));
			cell.setCellStyle(headStyle);
		}
		sheet.setColumnWidth(0, 30 * 256);
		sheet.createFreezePane(0, 1);
	}

	/** A row's cells: numbers stay numbers (the office can sum them), other values are {@link #cellText} text. */
	private static void fill(org.apache.poi.ss.usermodel.Row row, List<?> values) {
		for (int c = 0; c < values.size(); c++) {
			Object v = values.get(c);
			if (v instanceof Number n) {
				row.createCell(c).setCellValue(n.doubleValue());
			}
			else {
				row.createCell(c).setCellValue(cellText(v == null ? "" : v.toString()));
			}
		}
	}
}
