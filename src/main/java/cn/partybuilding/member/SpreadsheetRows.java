package cn.partybuilding.member;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.DimensionsRecord;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RowRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
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
			// what can be known at once is told at once: a cut-off archive, a bomb, a DTD in the XML
			inspectZip(file);
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
			throw switch (magic) {
				case PDF, HTML, XML, RTF, PNG, JPEG, GIF, BMP, TIFF -> new FieldProblem("file", "member.import.notExcel", magic.name());
				default -> notSpreadsheet();
			};
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

	/** All parts of one workbook unpacked, at most. */
	private static final long MAX_EXPANDED_BYTES = 2 * 256L * 1024 * 1024;

	/** Parts in one workbook, at most (a member sheet has about a dozen). */
	private static final int MAX_PARTS = 10_000;

	/**
	 * POI's own zip-bomb rule, applied before the job instead of inside it: a part that unpacks to more
	 * than 100 times its packed size (beyond the first 100 KB) is not a spreadsheet anyone typed.
	 */
	private static final int MAX_RATIO = 100;

	private static final long RATIO_GRACE_BYTES = 100 * 1024;

	private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Unpacks every part once, counting, without keeping anything: an archive cut off (no central
	 * directory), a part that does not unpack, a zip bomb (too large, or an abnormal ratio) and an XML part
	 * declaring a DTD (the way to external entities — Excel never writes one) are refused with their own
	 * reason. Costs one pass of inflating, a fraction of reading the rows.
	 */
	static void inspectZip(Path file) {
		ZipFile zip;
		try {
			zip = new ZipFile(file.toFile());
		}
		catch (IOException e) {
			throw new FieldProblem("file", "member.import.truncated");
		}
		try (zip) {
			if (zip.size() > MAX_PARTS) {
				throw expandsTooMuch();
			}
			long total = 0;
			byte[] buffer = new byte[64 * 1024];
			var entries = zip.entries();
			while (entries.hasMoreElements()) {
				var entry = entries.nextElement();
				if (entry.isDirectory()) {
					continue;
				}
				long packed = Math.max(entry.getCompressedSize(), 1);
				long expanded = 0;
				int matched = 0;
				boolean xml = entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels")
						|| entry.getName().endsWith(".vml");
				try (InputStream in = zip.getInputStream(entry)) {
					for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
						expanded += n;
						total += n;
						if (expanded > MAX_PART_BYTES || total > MAX_EXPANDED_BYTES
								|| expanded > RATIO_GRACE_BYTES && expanded > packed * MAX_RATIO) {
							throw expandsTooMuch();
						}
						if (xml) {
							for (int i = 0; i < n; i++) {
								byte b = buffer[i];
								matched = b == DOCTYPE[matched] ? matched + 1 : b == '<' ? 1 : 0;
								if (matched == DOCTYPE.length) {
									throw new FieldProblem("file", "member.import.externalEntity");
								}
							}
						}
					}
				}
			}
		}
		catch (FieldProblem e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			// a part whose data is cut off or corrupt (bad CRC, invalid deflate data)
			throw new FieldProblem("file", "member.import.damaged");
		}
	}

	private static FieldProblem expandsTooMuch() {
		return new FieldProblem("file", "member.import.expandsTooMuch", MAX_PART_BYTES / (1024 * 1024));
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

	/**
	 * Reads the first sheet. {@code maxRows} bounds every row the file holds, blank ones included, and
	 * cells beyond {@link #MAX_COLUMNS} are passed over: a small file that unpacks into millions of empty
	 * rows or 16 000-column rows is refused quickly instead of holding the import for minutes.
	 */
	static void read(Path file, Kind kind, int maxRows, RowHandler handler) {
		int[] seen = { 0 };
		Runnable count = () -> {
			if (++seen[0] > maxRows + 100) {
				throw new FieldProblem("file", "member.import.tooManyRows", maxRows);
			}
		};
		try {
			if (kind == Kind.XLSX) {
				readXlsx(file, maxRows, count, handler);
			}
			else {
				readXls(file, count, handler);
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

	/** Columns read per row: the member sheet has 15; anything far to the right is not ours. */
	static final int MAX_COLUMNS = 64;

	/** Unpacked XML of one part at most (a 100 000-row sheet is about 80 MB). */
	private static final long MAX_PART_BYTES = 256L * 1024 * 1024;

	static {
		// POI counts the bytes as it unpacks them, whatever sizes the zip claims
		ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
	}

	private static void readXlsx(Path file, int maxRows, Runnable count, RowHandler handler) throws Exception {
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			checkSharedStrings(pkg, (long) maxRows * 16 + 1000);
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
						new RowCollector(handler, count), new PlainFormatter(), false));
				parser.parse(new InputSource(sheet));
			}
		}
	}

	/**
	 * The shared strings are held in memory while the sheet streams past: count them first (a few
	 * megabytes can unpack into tens of millions of tiny strings) and refuse a table no member sheet
	 * of {@code maxRows} rows could have.
	 */
	private static void checkSharedStrings(OPCPackage pkg, long maxStrings) throws IOException {
		for (var part : pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
			long strings = 0;
			byte[] buffer = new byte[64 * 1024];
			int previous = 0;
			int beforePrevious = 0;
			try (InputStream in = part.getInputStream()) {
				for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
					for (int i = 0; i < n; i++) {
						int b = buffer[i];
						// "<si>" or "<si " opens each string
						if (beforePrevious == '<' && previous == 's' && b == 'i') {
							strings++;
						}
						beforePrevious = previous;
						previous = b;
					}
					if (strings > maxStrings) {
						throw new FieldProblem("file", "member.import.tooComplex");
					}
				}
			}
		}
	}

	private static final Pattern DIMENSION = Pattern.compile("<(?:\\w+:)?dimension ref=\"[A-Z]+\\d+:[A-Z]+(\\d+)\"");

	/** Excel writes the used range near the top of the sheet: {@code <dimension ref="A1:N50001"/>}. */
	private static Optional<Integer> declaredSize(InputStream sheet) throws IOException {
		String start = new String(sheet.readNBytes(4096), StandardCharsets.UTF_8);
		Matcher m = DIMENSION.matcher(start);
		return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
	}

	/**
	 * Legacy .xls through POI's event API: records stream past and only the current row is held (a
	 * workbook object of a 20 MB file of blank cells would not fit a small heap).
	 */
	private static void readXls(Path file, Runnable count, RowHandler handler) throws IOException {
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			XlsRows rows = new XlsRows(handler, count);
			FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(rows);
			rows.formats = formats;
			HSSFRequest request = new HSSFRequest();
			request.addListenerForAllRecords(formats);
			new HSSFEventFactory().processWorkbookEvents(request, fs);
			rows.finish();
		}
	}

	/** Collects the first worksheet's cell records into rows (BIFF stores them row by row). */
	private static final class XlsRows implements HSSFListener {

		private final RowHandler handler;

		private final Runnable count;

		private final PlainFormatter formatter = new PlainFormatter();

		private FormatTrackingHSSFListener formats;

		private SSTRecord strings;

		private int worksheets;

		private boolean done;

		private int row = -1;

		private List<String> cells = new ArrayList<>();

		private int formulaRow = -1;

		private int formulaColumn = -1;

		XlsRows(RowHandler handler, Runnable count) {
			this.handler = handler;
			this.count = count;
		}

		@Override
		public void processRecord(Record record) {
			if (done) {
				return;
			}
			if (record instanceof BOFRecord bof) {
				if (bof.getType() == BOFRecord.TYPE_WORKSHEET) {
					worksheets++;
				}
				return;
			}
			if (record instanceof SSTRecord sst) {
				strings = sst;
				return;
			}
			if (worksheets != 1) {
				return; // only the first worksheet is the member sheet
			}
			if (record instanceof DimensionsRecord d) {
				handler.size(d.getLastRow());
			}
			else if (record instanceof LabelSSTRecord l) {
				cell(l.getRow(), l.getColumn(), strings == null ? "" : strings.getString(l.getSSTIndex()).getString());
			}
			else if (record instanceof LabelRecord l) {
				cell(l.getRow(), l.getColumn(), l.getValue());
			}
			else if (record instanceof NumberRecord n) {
				cell(n.getRow(), n.getColumn(),
						formatter.formatRawCellContents(n.getValue(), formats.getFormatIndex(n), formats.getFormatString(n)));
			}
			else if (record instanceof FormulaRecord f) {
				if (f.hasCachedResultString()) {
					formulaRow = f.getRow(); // the text follows in a StringRecord
					formulaColumn = f.getColumn();
				}
				else {
					cell(f.getRow(), f.getColumn(),
							formatter.formatRawCellContents(f.getValue(), formats.getFormatIndex(f), formats.getFormatString(f)));
				}
			}
			else if (record instanceof StringRecord text && formulaRow >= 0) {
				cell(formulaRow, formulaColumn, text.getString());
				formulaRow = -1;
			}
			else if (record instanceof BoolErrRecord b && b.isBoolean()) {
				cell(b.getRow(), b.getColumn(), Boolean.toString(b.getBooleanValue()));
			}
			else if (record instanceof RowRecord) {
				count.run();
			}
			else if (record instanceof EOFRecord) {
				finish();
				done = true;
			}
		}

		private void cell(int rowIndex, int column, String value) {
			if (rowIndex != row) {
				finish();
				row = rowIndex;
			}
			if (column >= MAX_COLUMNS) {
				return;
			}
			while (cells.size() < column) {
				cells.add("");
			}
			cells.add(value == null ? "" : value);
		}

		void finish() {
			if (row >= 0 && !cells.isEmpty()) {
				emit(row + 1, cells, handler);
			}
			cells = new ArrayList<>();
			row = -1;
		}
	}

	private static void emit(int number, List<String> cells, RowHandler handler) {
		if (cells.stream().anyMatch(c -> !c.isBlank())) {
			handler.row(number, cells);
		}
	}

	/** Collects the SAX handler's cells (which skips empty ones) into positioned rows. */
	private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final RowHandler handler;

		private final Runnable count;

		private List<String> cells = new ArrayList<>();

		private RowCollector(RowHandler handler, Runnable count) {
			this.handler = handler;
			this.count = count;
		}

		@Override
		public void startRow(int rowNum) {
			count.run();
			cells = new ArrayList<>();
		}

		@Override
		public void endRow(int rowNum) {
			emit(rowNum + 1, cells, handler);
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			int column = reference == null ? cells.size() : new CellReference(reference).getCol();
			if (column >= MAX_COLUMNS) {
				return;
			}
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
