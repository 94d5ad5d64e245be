package cn.partybuilding.shared;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.util.WorkbookUtil;

/**
 * A one-sheet .xlsx written straight into a stream, row after row, without POI's cell model (a province's 70 000 rows
 * made ≈ 7 KB of row and cell objects each): the parts' XML is written by hand into a zip, each text cell an inline
 * string. The layout is {@link Downloads}'s: a bold header row, the first column 30 characters wide, the header frozen;
 * numbers are numbers, everything else text as {@link Downloads#cellText} makes it. Not thread-safe; one use.
 * <p>
 * Text is made valid XML 1.0 the way POI's streamed sheet makes it: characters XML 1.0 cannot hold (controls other
 * than tab, line feed and carriage return, lone surrogates, U+FFFE, U+FFFF) become {@code ?}; tab, line feed and
 * carriage return are written as references so they survive. Unlike POI, a literal {@code _xHHHH_} in a text is kept
 * as written (its underscore escaped as {@code _x005F_}): an office would otherwise read it as the character HHHH.
 */
final class StreamedXlsx {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

	private static final String DOCUMENT_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

	/** The longest text a cell holds (Excel 2007 and after). */
	private static final int MAX_TEXT = org.apache.poi.ss.SpreadsheetVersion.EXCEL2007.getMaxTextLength();

	/** Bytes gathered before they are handed to the zip: few large writes instead of one a cell. */
	private static final int BUFFER = 1 << 16;

	private final ZipOutputStream zip;

	private final byte[] buffer = new byte[BUFFER];

	private int used;

	private int rowNumber;

	/** Column letters, {@code A} … {@code Z}, {@code AA} …, as bytes: made once per column. */
	private byte[][] columns = new byte[0][];

	StreamedXlsx(OutputStream out, String sheetName) throws IOException {
		// the name checked as POI checks a sheet's (at most 31 characters, none of []*?/\:), so a wrong name fails before
		// the first byte
		WorkbookUtil.validateSheetName(sheetName);
		this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		// fastest deflate: the sheet's XML is very repetitive, so it costs a few per cent of size for much less CPU
		zip.setLevel(Deflater.BEST_SPEED);
		part("[Content_Types].xml", XML_HEAD
				+ "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
				+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
				+ "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
				+ "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
				+ "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
				+ "</Types>");
		part("_rels/.rels", XML_HEAD + "<Relationships xmlns=\"" + RELATIONSHIPS + "\">"
				+ "<Relationship Id=\"rId1\" Type=\"" + DOCUMENT_RELATIONSHIPS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
				+ "</Relationships>");
		StringBuilder name = new StringBuilder();
		escape(sheetName, name);
		part("xl/workbook.xml", XML_HEAD + "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + DOCUMENT_RELATIONSHIPS + "\">"
				+ "<workbookPr date1904=\"false\"/><bookViews><workbookView activeTab=\"0\"/></bookViews>"
				+ "<sheets><sheet name=\"" + name + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
		part("xl/_rels/workbook.xml.rels", XML_HEAD + "<Relationships xmlns=\"" + RELATIONSHIPS + "\">"
				+ "<Relationship Id=\"rId1\" Type=\"" + DOCUMENT_RELATIONSHIPS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
				+ "<Relationship Id=\"rId2\" Type=\"" + DOCUMENT_RELATIONSHIPS + "/styles\" Target=\"styles.xml\"/>"
				+ "</Relationships>");
		// style 0 the default, style 1 the header's bold font
		part("xl/styles.xml", XML_HEAD + "<styleSheet xmlns=\"" + MAIN + "\">"
				+ "<fonts count=\"2\"><font><sz val=\"11\"/><color indexed=\"8\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"
				+ "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
				+ "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
				+ "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
				+ "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
				+ "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
				+ "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
				+ "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
				+ "</styleSheet>");
		zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
		ascii(XML_HEAD + "<worksheet xmlns=\"" + MAIN + "\">"
				+ "<sheetViews><sheetView workbookViewId=\"0\" tabSelected=\"1\">"
				+ "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
				+ "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>"
				+ "<sheetFormatPr defaultRowHeight=\"15\"/>"
				+ "<cols><col min=\"1\" max=\"1\" width=\"30\" customWidth=\"1\"/></cols><sheetData>");
	}

	/** The header row: bold. */
	void header(List<String> header) throws IOException {
		row(header, true);
	}

	/** A row below the header. */
	void row(List<?> values) throws IOException {
		row(values, false);
	}

	/**
	 * The sheet and the zip closed: the file is whole. The stream below is flushed, not closed. Not called after a
	 * failure, so a download cut short never ends as a well-formed file.
	 */
	void finish() throws IOException {
		ascii("</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
				+ "</worksheet>");
		drain();
		zip.closeEntry();
		zip.finish();
		zip.flush();
	}

	private void row(List<?> values, boolean bold) throws IOException {
		rowNumber++;
		room(24);
		put("<row r=\"");
		number(rowNumber);
		put("\">");
		for (int c = 0; c < values.size(); c++) {
			Object v = values.get(c);
			// the widest opening: <c r="XFD1048576" s="1" t="inlineStr"><is><t xml:space="preserve">
			room(80);
			put("<c r=\"");
			put(column(c));
			number(rowNumber);
			if (bold) {
				put("\" s=\"1");
			}
			if (v instanceof Number n) {
				number(n);
			}
			else {
				text(Downloads.cellText(v == null ? "" : v.toString()));
			}
		}
		room(8);
		put("</row>");
	}

	/** A number cell (the opening {@code <c r="…} written); not finite: the error an office shows for it. */
	private void number(Number n) throws IOException {
		double d = n.doubleValue();
		room(48);
		if (Double.isNaN(d) || Double.isInfinite(d)) {
			put("\" t=\"e\"><v>");
			put(Double.isNaN(d) ? "#NUM!" : "#DIV/0!");
		}
		else {
			put("\" t=\"n\"><v>");
			String written = n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
					? Long.toString(n.longValue()) : Double.toString(d);
			room(written.length() + 8);
			put(written);
		}
		put("</v></c>");
	}

	/** An inline-string cell (the opening {@code <c r="…} written). */
	private void text(String s) throws IOException {
		int length = s.length();
		if (length > MAX_TEXT) {
			// POI's refusal, kept: an office cuts or refuses a longer cell
			throw new IllegalArgumentException("The maximum length of cell contents (text) is " + MAX_TEXT + " characters");
		}
		boolean preserve = length > 0 && (s.charAt(0) <= ' ' || s.charAt(length - 1) <= ' ');
		put(preserve ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" : "\" t=\"inlineStr\"><is><t>");
		for (int i = 0; i < length; i++) {
			char ch = s.charAt(i);
			if (used + 12 > BUFFER) {
				drain();
			}
			if (ch < 0x80) {
				if (ch >= 0x20) {
					switch (ch) {
						case '<' -> put("&lt;");
						case '>' -> put("&gt;");
						case '&' -> put("&amp;");
						case '"' -> put("&quot;");
						case '_' -> {
							// _xHHHH_ is an office's escape of a character: the underscore escaped keeps the text as written
							if (escapeLike(s, i)) {
								put("_x005F");
							}
							buffer[used++] = '_';
						}
						default -> buffer[used++] = (byte) ch;
					}
				}
				else {
					switch (ch) {
						case '\t' -> put("&#x9;");
						case '\n' -> put("&#xa;");
						case '\r' -> put("&#xd;");
						// not allowed in XML 1.0 at all, not even as a reference
						default -> buffer[used++] = '?';
					}
				}
			}
			else if (ch < 0x800) {
				buffer[used++] = (byte) (0xC0 | ch >> 6);
				buffer[used++] = (byte) (0x80 | ch & 0x3F);
			}
			else if (Character.isHighSurrogate(ch) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
				int cp = Character.toCodePoint(ch, s.charAt(++i));
				buffer[used++] = (byte) (0xF0 | cp >> 18);
				buffer[used++] = (byte) (0x80 | cp >> 12 & 0x3F);
				buffer[used++] = (byte) (0x80 | cp >> 6 & 0x3F);
				buffer[used++] = (byte) (0x80 | cp & 0x3F);
			}
			else if (Character.isSurrogate(ch) || ch == 0xFFFE || ch == 0xFFFF) {
				// a lone surrogate, or one of the two characters XML 1.0 leaves out
				buffer[used++] = '?';
			}
			else {
				buffer[used++] = (byte) (0xE0 | ch >> 12);
				buffer[used++] = (byte) (0x80 | ch >> 6 & 0x3F);
				buffer[used++] = (byte) (0x80 | ch & 0x3F);
			}
		}
		room(24);
		put("</t></is></c>");
	}

	/** Does {@code _xHHHH_} (four hexadecimal digits) start at {@code i}? */
	private static boolean escapeLike(String s, int i) {
		if (i + 6 >= s.length() || s.charAt(i + 1) != 'x' || s.charAt(i + 6) != '_') {
			return false;
		}
		for (int k = i + 2; k < i + 6; k++) {
			char h = s.charAt(k);
			if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
				return false;
			}
		}
		return true;
	}

	/** A text for an attribute or an element, as {@link #text} escapes it, into a builder (the small parts). */
	private static void escape(String s, StringBuilder out) {
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			switch (ch) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> out.append(ch < 0x20 || ch == 0xFFFE || ch == 0xFFFF ? '?' : ch);
			}
		}
	}

	/** Column {@code c}'s letters ({@code 0}: {@code A}). */
	private byte[] column(int c) {
		if (c >= columns.length) {
			byte[][] more = new byte[Math.max(c + 1, columns.length * 2)][];
			System.arraycopy(columns, 0, more, 0, columns.length);
			for (int k = columns.length; k < more.length; k++) {
				StringBuilder letters = new StringBuilder();
				for (int n = k + 1; n > 0; n = (n - 1) / 26) {
					letters.insert(0, (char) ('A' + (n - 1) % 26));
				}
				more[k] = letters.toString().getBytes(StandardCharsets.US_ASCII);
			}
			columns = more;
		}
		return columns[c];
	}

	/** A small part: its whole text as one zip entry. */
	private void part(String name, String xml) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(xml.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

	/** ASCII markup of any length, through the buffer. */
	private void ascii(String markup) throws IOException {
		byte[] bytes = markup.getBytes(StandardCharsets.UTF_8);
		drain();
		zip.write(bytes);
	}

	/** A non-negative int's digits. */
	private void number(int n) {
		if (n >= 10) {
			number(n / 10);
		}
		buffer[used++] = (byte) ('0' + n % 10);
	}

	/** ASCII markup known to fit ({@link #room} asked before). */
	private void put(String ascii) {
		for (int i = 0, n = ascii.length(); i < n; i++) {
			buffer[used++] = (byte) ascii.charAt(i);
		}
	}

	private void put(byte[] ascii) {
		System.arraycopy(ascii, 0, buffer, used, ascii.length);
		used += ascii.length;
	}

	/** Room for {@code bytes} more in the buffer, emptied into the zip if not. */
	private void room(int bytes) throws IOException {
		if (used + bytes > BUFFER) {
			drain();
		}
	}

	private void drain() throws IOException {
		if (used > 0) {
			zip.write(buffer, 0, used);
			used = 0;
		}
	}
}
