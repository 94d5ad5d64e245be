package cn.partybuilding.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The {@code Content-Disposition} of a file the platform hands out (exports, archives, attachments). */
public final class Downloads {

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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
	 * As {@link #sheet}, streamed to the client as its rows are read: the answer's headers set, then the file written
	 * into the response while {@code rows} hands each row to the sheet ({@link StreamedXlsx}: the xlsx's XML written
	 * straight into the zip, no cell objects, nothing kept but a 64 KB buffer). The same cells, header and layout as
	 * {@link #sheet}. Whatever may refuse (the scope, the filter) must be asked before: once the first bytes are out, a
	 * failure breaks the download (the zip is never finished) instead of answering an error.
	 */
	public static void streamSheet(HttpServletResponse response, String fileName, String asciiFallback, String sheetName,
			List<String> header, Consumer<Consumer<List<?>>> rows) throws IOException {
		response.setHeader("Content-Disposition", attachment(fileName, asciiFallback));
		response.setContentType(XLSX);
		StreamedXlsx sheet = new StreamedXlsx(response.getOutputStream(), sheetName);
		sheet.header(header);
		rows.accept(values -> {
			try {
				sheet.row(values);
			}
			catch (IOException e) {
				// the client gone: the reading of rows stops with it
				throw new UncheckedIOException(e);
			}
		});
		sheet.finish();
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
			.contentType(MediaType.parseMediaType(XLSX))
			.body(file);
	}

	/** A bold header row, the first column wide enough for an organisation's name, the header frozen. */
	private static void head(Workbook book, Sheet sheet, List<String> header) {
		headRow(sheet, header, layout(book, sheet));
	}

	/** The first column wide enough for an organisation's name, the header frozen; answers the header's bold style. */
	private static CellStyle layout(Workbook book, Sheet sheet) {
		var bold = book.createFont();
		bold.setBold(true);
		var headStyle = book.createCellStyle();
		headStyle.setFont(bold);
		sheet.setColumnWidth(0, 30 * 256);
		sheet.createFreezePane(0, 1);
		return headStyle;
	}

	private static void headRow(Sheet sheet, List<String> header, CellStyle style) {
		var head = sheet.createRow(0);
		for (int c = 0; c < header.size(); c++) {
			var cell = head.createCell(c);
			cell.setCellValue(cellText(header.get(c)));
			cell.setCellStyle(style);
		}
	}

	/** A row's cells: numbers stay numbers (the office can sum them), other values are {@link #cellText} text. */
	private static void fill(org.apache.poi.ss.usermodel.Row row, List<?> values) {
		for (int c = 0; c < values.size(); c++) {
			Object v = values.get(c);
			var cell = row.createCell(c);
			if (v instanceof Number n) {
				cell.setCellValue(n.doubleValue());
			}
			else {
				cell.setCellValue(cellText(v == null ? "" : v.toString()));
			}
		}
	}
}
