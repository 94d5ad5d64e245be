package cn.partybuilding.member;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import cn.partybuilding.shared.FieldProblem;

/**
 * The first sheet of a spreadsheet as rows of text, the way offices have them: {@code .xlsx} streamed
 * (SAX, a 50 000-row sheet never sits in memory) and legacy {@code .xls}. Dates come out as
 * {@code yyyy-MM-dd} whether they were real Excel dates or text; whole numbers come out without
 * {@code .0}; a number too long for Excel's 15 digits keeps its exponent, so an ID-card number that
 * Excel turned into a number is recognisable as damaged instead of silently wrong.
 */
final class SpreadsheetRows {

	enum Kind { XLSX, XLS }

	/** A row with at least one non-blank cell; {@code number} is the row number Excel shows (1-based). */
	interface RowHandler {

		/** The sheet's last row number, when the file says (before any row; for progress only). */
		default void size(int lastRowNumber) {
		}

		void row(int number, List<String> cells);
	}

	private SpreadsheetRows() {
	}

	/** What the file is, by its bytes and not its name; anything else is refused with a clear reason. */
	static Kind kindOf(Path file) {
		FileMagic magic;
		try (InputStream in = FileMagic.prepareToCheckMagic(new BufferedInputStream(Files.newInputStream(file)))) {
			magic = FileMagic.valueOf(in);
		}
		catch (IOException e) {
			throw notSpreadsheet();
		}
		if (magic == FileMagic.OOXML) {
			// a .docx or .pptx is the same kind of zip: look for a workbook inside
			try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
				if (pkg.getPartsByContentType(XSSFRelation.WORKBOOK.getContentType()).isEmpty()
						&& pkg.getPartsByContentType(XSSFRelation.MACROS_WORKBOOK.getContentType()).isEmpty()) {
					throw notSpreadsheet();
				}
				return Kind.XLSX;
			}
			catch (FieldProblem e) {
				throw e;
			}
			catch (Exception e) {
				throw notSpreadsheet();
			}
		}
		if (magic != FileMagic.OLE2) {
			throw notSpreadsheet();
		}
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			DirectoryNode root = fs.getRoot();
			// an encrypted .xlsx is an OLE2 container holding the encrypted package
			if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
				throw encrypted();
			}
			for (String name : List.of("Workbook", "WORKBOOK", "Book")) {
				if (root.hasEntry(name)) {
					try (InputStream workbook = root.createDocumentInputStream(name)) {
						if (passwordProtected(workbook)) {
							throw encrypted();
						}
					}
					return Kind.XLS;
				}
			}
			throw notSpreadsheet();
		}
		catch (IOException e) {
			throw notSpreadsheet();
		}
	}

	/** In BIFF8 a FILEPASS record (0x002F) right after the first BOF means the workbook is encrypted. */
	private static boolean passwordProtected(InputStream workbook) throws IOException {
		byte[] head = workbook.readNBytes(4);
		if (head.length < 4) {
			return false;
		}
		int length = (head[2] & 0xff) | (head[3] & 0xff) << 8;
		workbook.skipNBytes(length);
		byte[] next = workbook.readNBytes(2);
		return next.length == 2 && ((next[0] & 0xff) | (next[1] & 0xff) << 8) == 0x002F;
	}

	static void read(Path file, Kind kind, RowHandler handler) {
		try {
			if (kind == Kind.XLSX) {
				readXlsx(file, handler);
			}
			else {
				readXls(file, handler);
			}
		}
		catch (EncryptedDocumentException e) {
			throw encrypted();
		}
		catch (FieldProblem e) {
			throw e;
		}
		catch (Exception e) {
			// not a workbook after all (a .docx has the same zip magic), or a damaged file
			throw notSpreadsheet();
		}
	}

	private static void readXlsx(Path file, RowHandler handler) throws Exception {
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw notSpreadsheet();
			}
			try (InputStream start = sheets.next()) {
				declaredSize(start).ifPresent(handler::size);
			}
			sheets = reader.getSheetsData();
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = SAXHelper.newXMLReader();
				parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
						new RowCollector(handler), new PlainFormatter(), false));
				parser.parse(new InputSource(sheet));
			}
		}
	}

	private static final Pattern DIMENSION = Pattern.compile("<(?:\\w+:)?dimension ref=\"[A-Z]+\\d+:[A-Z]+(\\d+)\"");

	/** Excel writes the used range near the top of the sheet: {@code <dimension ref="A1:N50001"/>}. */
	private static Optional<Integer> declaredSize(InputStream sheet) throws IOException {
		String start = new String(sheet.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
		Matcher m = DIMENSION.matcher(start);
		return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
	}

	private static void readXls(Path file, RowHandler handler) throws IOException {
		PlainFormatter formatter = new PlainFormatter();
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true);
				HSSFWorkbook book = new HSSFWorkbook(fs.getRoot(), false)) {
			if (book.getNumberOfSheets() == 0) {
				throw notSpreadsheet();
			}
			Sheet sheet = book.getSheetAt(0);
			handler.size(sheet.getLastRowNum() + 1);
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < row.getLastCellNum(); c++) {
					cells.add(text(row.getCell(c), formatter));
				}
				emit(row.getRowNum() + 1, cells, handler);
			}
		}
	}

	private static String text(Cell cell, PlainFormatter formatter) {
		if (cell == null) {
			return "";
		}
		CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
		return switch (type) {
			case NUMERIC -> formatter.formatRawCellContents(cell.getNumericCellValue(), cell.getCellStyle().getDataFormat(),
					cell.getCellStyle().getDataFormatString());
			case STRING -> cell.getRichStringCellValue().getString();
			case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
			default -> "";
		};
	}

	private static void emit(int number, List<String> cells, RowHandler handler) {
		if (cells.stream().anyMatch(c -> !c.isBlank())) {
			handler.row(number, cells);
		}
	}

	/** Collects the SAX handler's cells (which skips empty ones) into positioned rows. */
	private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final RowHandler handler;

		private List<String> cells = new ArrayList<>();

		private RowCollector(RowHandler handler) {
			this.handler = handler;
		}

		@Override
		public void startRow(int rowNum) {
			cells = new ArrayList<>();
		}

		@Override
		public void endRow(int rowNum) {
			emit(rowNum + 1, cells, handler);
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			int column = reference == null ? cells.size() : new CellReference(reference).getCol();
			while (cells.size() < column) {
				cells.add("");
			}
			cells.add(value == null ? "" : value);
		}
	}

	/**
	 * Dates as ISO dates whatever their display format; plain whole numbers (a 学号 typed as a number is
	 * {@code 2020123456}, not {@code 2.02E+09}); numbers beyond 15 digits keep their exponent.
	 */
	private static final class PlainFormatter extends DataFormatter {

		private PlainFormatter() {
			super(Locale.ROOT);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			return formatRawCellContents(value, formatIndex, formatString, false);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
			}
			if (Math.abs(value) >= 1e15) {
				return Double.toString(value); // e.g. 1.1010519491231E17: the last digits are gone
			}
			return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
		}
	}

	private static FieldProblem notSpreadsheet() {
		return new FieldProblem("file", "member.import.notSpreadsheet");
	}

	private static FieldProblem encrypted() {
		return new FieldProblem("file", "member.import.encrypted");
	}
}
