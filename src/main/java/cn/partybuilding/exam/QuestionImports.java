package cn.partybuilding.exam;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import cn.partybuilding.exam.QuestionSheet.Column;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * Questions from the office's spreadsheet (.xlsx or .xls) or from tab-separated text in the same layout (the demo
 * bank), out to a spreadsheet again (an export imports unchanged), and the template to fill. All or nothing, as the
 * member import: every row is read and checked by the bank's own rules first; one wrong cell and nothing is written,
 * the answer naming every wrong cell (row, column, cell, why); a clean file is written in one transaction.
 */
@Service
class QuestionImports {

	static final String TEMPLATE_FILE = "试题导入模板.xlsx";

	static final String EXPORT_FILE = "试题.xlsx";

	static final String ERRORS_FILE = "试题导入错误清单.xlsx";

	/** A wrong cell: the row as the file numbers it, the column's header, the cell (I7), the question's field, why. */
	record ImportError(int row, String column, String cell, String field, String message) {
	}

	/** DONE: every question written ({@code ids} in the file's order); FAILED: nothing written, the errors say why. */
	record ImportResult(String status, int rows, int created, List<Long> ids, List<ImportError> errors, String message) {

		boolean done() {
			return "DONE".equals(status);
		}
	}

	/** An import wrote its questions, or was refused and wrote nothing. */
	record Imported(long orgId, String summary, boolean refused) implements AuditableEvent {

		@Override
		public String action() {
			return "exam.questions.import";
		}

		@Override
		public String entityType() {
			return "organization";
		}

		@Override
		public String entityId() {
			return Long.toString(orgId);
		}

		@Override
		public Outcome outcome() {
			return refused ? Outcome.FAILURE : Outcome.SUCCESS;
		}
	}

	/** The rows of a file in the question layout: where each column is, and the rows read. */
	record Rows(Map<Column, Integer> columns, List<QuestionSheet.Read> rows) {
	}

	private static final int HEADER_ROWS = 10;

	private final QuestionBank bank;

	private final OrganizationScope scope;

	private final Validator validator;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final ExamSettings settings;

	QuestionImports(QuestionBank bank, OrganizationScope scope, Validator validator, MessageSource messages,
			ApplicationEventPublisher events, ExamSettings settings) {
		this.bank = bank;
		this.scope = scope;
		this.validator = validator;
		this.messages = messages;
		this.events = events;
		this.settings = settings;
	}

	/**
	 * Imports a spreadsheet into {@code orgId}'s bank (404 unless the caller manages it): a FieldProblem on
	 * {@code file} when the file cannot be read at all, else the result, DONE or FAILED with every wrong cell.
	 */
	ImportResult run(Caller caller, Long orgId, String fileName, InputStream content) {
		if (orgId == null) {
			throw new FieldProblem("orgId", "exam.question.orgId");
		}
		scope.requireReach(caller, orgId, QuestionBank.MANAGERS);
		Rows rows = readWorkbook(content, orgId);
		String name = fileName == null || fileName.isBlank() ? "未命名文件" : fileName;
		ImportResult result = write(caller, rows, true);
		if (result.done()) {
			events.publishEvent(new Imported(orgId, "导入试题（" + name + "）：" + result.created() + " 道", false));
		}
		else {
			long wrongRows = result.errors().stream().map(ImportError::row).distinct().count();
			events.publishEvent(new Imported(orgId, "导入试题未写入（" + name + "）：" + result.errors().size() + " 处错误，"
					+ wrongRows + " 行", true));
		}
		return result;
	}

	/**
	 * Loads questions from tab-separated UTF-8 text in the import's layout (header line first) into {@code orgId}'s
	 * bank, all or nothing, for the demo and other loaders; the number written. Anything wrong throws an
	 * IllegalArgumentException naming every wrong cell, and nothing is written.
	 */
	int loadTsv(Caller caller, long orgId, InputStream tsv) {
		scope.requireReach(caller, orgId, QuestionBank.MANAGERS);
		Rows rows;
		try {
			rows = readTsv(tsv, orgId);
		}
		catch (FieldProblem problem) {
			throw new IllegalArgumentException("question file: " + problem.messages(messages, Locale.SIMPLIFIED_CHINESE));
		}
		ImportResult result = write(caller, rows, true);
		if (!result.done()) {
			throw new IllegalArgumentException("question file: " + result.message() + " " + result.errors());
		}
		return result.created();
	}

	/** Checks a spreadsheet as an import would, writing nothing: its wrong cells (for the errors sheet). */
	ImportResult check(Caller caller, Long orgId, InputStream content) {
		if (orgId == null) {
			throw new FieldProblem("orgId", "exam.question.orgId");
		}
		scope.requireReach(caller, orgId, QuestionBank.MANAGERS);
		return write(caller, readWorkbook(content, orgId), false);
	}

	/** Checks rows already read, writing nothing. */
	ImportResult checkRows(Rows rows) {
		return write(null, rows, false);
	}

	/** Checks every row (the bank's rules) and writes them all in one transaction only when none is wrong. */
	private ImportResult write(Caller caller, Rows rows, boolean write) {
		List<ImportError> errors = new ArrayList<>();
		List<QuestionBank.Checked> checked = new ArrayList<>();
		for (QuestionSheet.Read row : rows.rows()) {
			List<ImportError> problems = check(row, rows.columns(), checked);
			errors.addAll(problems);
		}
		if (!errors.isEmpty()) {
			long wrongRows = errors.stream().map(ImportError::row).distinct().count();
			return new ImportResult("FAILED", rows.rows().size(), 0, List.of(), errors,
					msg("exam.import.failed", errors.size(), wrongRows));
		}
		if (!write) {
			return new ImportResult("CHECKED", rows.rows().size(), 0, List.of(), List.of(), msg("exam.import.clean"));
		}
		List<Long> ids = bank.addAll(caller, checked);
		return new ImportResult("DONE", rows.rows().size(), ids.size(), ids, List.of(), msg("exam.import.done", ids.size()));
	}

	/** One row's wrong cells, at most one per column (the first found); its question added to {@code checked}. */
	private List<ImportError> check(QuestionSheet.Read row, Map<Column, Integer> columns,
			List<QuestionBank.Checked> checked) {
		Map<Column, ImportError> byColumn = new LinkedHashMap<>();
		for (QuestionSheet.Problem p : row.problems()) {
			byColumn.putIfAbsent(p.column(), error(row.row(), p.column(), columns, p.field(), msg(p.key(), p.args())));
		}
		if (row.question() != null) {
			// the limits the API's bean validation puts on the same record (the columns' lengths)
			for (ConstraintViolation<QuestionBank.NewQuestion> v : validator.validate(row.question())) {
				String path = v.getPropertyPath().toString();
				if (path.equals("tags") || path.equals("options")) {
					continue; // how many: the bank's check says it in its own words
				}
				Column column = columnOf(path, row.cells());
				byColumn.putIfAbsent(column, error(row.row(), column, columns, path.replaceAll("\\[.*", ""),
						messages.getMessage("Size", new Object[] { null, maxOf(v) }, v.getMessage(),
								Locale.SIMPLIFIED_CHINESE)));
			}
			try {
				QuestionBank.Checked question = bank.check(row.question(), "");
				if (byColumn.isEmpty()) {
					checked.add(question);
				}
			}
			catch (FieldProblem problem) {
				for (FieldProblem.Problem p : problem.problems()) {
					Column column = columnOf(p.field(), row.cells());
					byColumn.putIfAbsent(column, error(row.row(), column, columns, p.field(),
							msg(p.messageKey(), p.args())));
				}
			}
		}
		return new ArrayList<>(byColumn.values());
	}

	private static Object maxOf(ConstraintViolation<?> v) {
		Object max = v.getConstraintDescriptor().getAttributes().get("max");
		return max == null ? "" : max;
	}

	/** The column a field of the question stands in; for the options, the option cell that is wrong. */
	static Column columnOf(String field, Map<Column, String> cells) {
		String f = field.replaceAll("[\\[.].*", "");
		return switch (f) {
			case "type" -> Column.TYPE;
			case "text" -> Column.TEXT;
			case "options" -> optionColumn(field, cells);
			case "explanation" -> Column.EXPLANATION;
			case "score" -> Column.SCORE;
			case "difficulty" -> Column.DIFFICULTY;
			case "tags" -> Column.TAGS;
			default -> Column.ANSWER;
		};
	}

	/** options[2] is 选项C; a gap is the first empty option before a filled one; a repeat its second cell. */
	private static Column optionColumn(String field, Map<Column, String> cells) {
		java.util.regex.Matcher index = java.util.regex.Pattern.compile("options\\[(\\d+)]").matcher(field);
		if (index.find()) {
			return QuestionSheet.OPTIONS.get(Math.min(Integer.parseInt(index.group(1)), QuestionSheet.OPTIONS.size() - 1));
		}
		int last = -1;
		for (int i = 0; i < QuestionSheet.OPTIONS.size(); i++) {
			if (cells.containsKey(QuestionSheet.OPTIONS.get(i))) {
				last = i;
			}
		}
		Set<String> seen = new java.util.HashSet<>();
		for (int i = 0; i <= last; i++) {
			String value = cells.get(QuestionSheet.OPTIONS.get(i));
			if (value == null || !seen.add(value)) {
				return QuestionSheet.OPTIONS.get(i);
			}
		}
		// too few options: the first one missing
		return QuestionSheet.OPTIONS.get(Math.min(last + 1, QuestionSheet.OPTIONS.size() - 1));
	}

	private ImportError error(int row, Column column, Map<Column, Integer> columns, String field, String message) {
		Integer index = columns.get(column);
		return new ImportError(row, column.header,
				index == null ? "" : CellReference.convertNumToColString(index) + row, field, message);
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, key, Locale.SIMPLIFIED_CHINESE);
	}

	// ---- reading ----

	/** The rows of the first sheet with a question header, as the development import reads its sheet. */
	Rows readWorkbook(InputStream content, long orgId) {
		try (Workbook book = WorkbookFactory.create(content)) {
			DataFormatter format = new DataFormatter(Locale.SIMPLIFIED_CHINESE);
			FormulaEvaluator formulas = book.getCreationHelper().createFormulaEvaluator();
			for (int s = 0; s < book.getNumberOfSheets(); s++) {
				Sheet sheet = book.getSheetAt(s);
				List<List<String>> lines = new ArrayList<>();
				List<Integer> numbers = new ArrayList<>();
				for (int r = sheet.getFirstRowNum(); r >= 0 && r <= sheet.getLastRowNum(); r++) {
					Row row = sheet.getRow(r);
					if (row == null) {
						continue;
					}
					List<String> cells = new ArrayList<>();
					for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
						Cell cell = row.getCell(c);
						cells.add(cell == null ? "" : format.formatCellValue(cell, formulas));
					}
					lines.add(cells);
					numbers.add(r + 1);
					if (lines.size() > settings.importMaxRows() + HEADER_ROWS + 1) {
						break; // enough to say the file is too long
					}
				}
				Optional<Rows> rows = rows(lines, numbers, orgId);
				if (rows.isPresent()) {
					return rows.get();
				}
			}
			throw new FieldProblem("file", "exam.import.noHeader");
		}
		catch (EncryptedDocumentException e) {
			throw new FieldProblem("file", "member.import.encrypted");
		}
		catch (FieldProblem problem) {
			throw problem;
		}
		catch (IOException | RuntimeException e) {
			throw new FieldProblem("file", "exam.import.notSpreadsheet");
		}
	}

	/** The rows of tab-separated UTF-8 text (a byte order mark is forgiven, a cell in double quotes unquoted). */
	Rows readTsv(InputStream content, long orgId) {
		List<List<String>> lines = new ArrayList<>();
		List<Integer> numbers = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (number == 1 && line.startsWith("\uFEFF")) {
					line = line.substring(1);
				}
				List<String> cells = new ArrayList<>();
				for (String cell : line.split("\t", -1)) {
					cells.add(cell.length() > 1 && cell.startsWith("\"") && cell.endsWith("\"")
							? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell);
				}
				lines.add(cells);
				numbers.add(number);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return rows(lines, numbers, orgId).orElseThrow(() -> new FieldProblem("file", "exam.import.noHeader"));
	}

	/** From lines of cells: the header among the first ten, then each non-empty row after it read. */
	private Optional<Rows> rows(List<List<String>> lines, List<Integer> numbers, long orgId) {
		for (int h = 0; h < Math.min(lines.size(), HEADER_ROWS); h++) {
			Optional<Map<Column, Integer>> header = QuestionSheet.header(lines.get(h));
			if (header.isEmpty()) {
				continue;
			}
			Map<Column, Integer> columns = header.get();
			List<Column> missing = QuestionSheet.missing(columns);
			if (!missing.isEmpty()) {
				throw new FieldProblem("file", "exam.import.missingColumns",
						String.join("、", missing.stream().map(c -> c.header).toList()));
			}
			List<QuestionSheet.Read> rows = new ArrayList<>();
			for (int r = h + 1; r < lines.size(); r++) {
				Map<Column, String> cells = QuestionSheet.cells(columns, lines.get(r));
				if (cells.isEmpty() || QuestionSheet.example(cells)) {
					continue;
				}
				if (rows.size() >= settings.importMaxRows()) {
					throw new FieldProblem("file", "exam.import.tooManyRows", settings.importMaxRows());
				}
				rows.add(QuestionSheet.fromCells(numbers.get(r), cells, orgId));
			}
			if (rows.isEmpty()) {
				throw new FieldProblem("file", "exam.import.noRows");
			}
			return Optional.of(new Rows(columns, rows));
		}
		return Optional.empty();
	}

	// ---- writing ----

	/** The template: the header, one example row per type (left out on import), and a 说明 sheet. */
	byte[] template() {
		return workbook(QuestionSheet.examples(), true);
	}

	/** The questions the caller may see that match, in the import's layout (at most the import's limit). */
	byte[] export(Caller caller, QuestionBank.Filter filter) {
		List<Map<Column, Object>> rows = bank.export(caller, filter, settings.importMaxRows())
			.stream()
			.map(QuestionSheet::row)
			.toList();
		return workbook(rows, false);
	}

	/** A failed import's wrong cells as a sheet: row, cell, column, why. */
	byte[] errors(List<ImportError> errors) {
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet("错误清单");
			String[] head = { "行", "单元格", "列", "问题" };
			Row first = sheet.createRow(0);
			for (int c = 0; c < head.length; c++) {
				first.createCell(c).setCellValue(head[c]);
			}
			int r = 1;
			for (ImportError e : errors) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(e.row());
				row.createCell(1).setCellValue(e.cell());
				row.createCell(2).setCellValue(e.column());
				row.createCell(3).setCellValue(Downloads.cellText(e.message()));
			}
			sheet.setColumnWidth(3, 80 * 256);
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private byte[] workbook(List<Map<Column, Object>> rows, boolean withInstructions) {
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet("试题");
			var bold = book.createFont();
			bold.setBold(true);
			var headStyle = book.createCellStyle();
			headStyle.setFont(bold);
			var textStyle = book.createCellStyle();
			textStyle.setDataFormat(book.createDataFormat().getFormat("@"));
			textStyle.setWrapText(true);
			Row head = sheet.createRow(0);
			for (Column c : Column.values()) {
				var cell = head.createCell(c.ordinal());
				cell.setCellValue(c.header);
				cell.setCellStyle(headStyle);
				sheet.setColumnWidth(c.ordinal(), width(c) * 256);
			}
			int r = 1;
			for (Map<Column, Object> values : rows) {
				Row row = sheet.createRow(r++);
				for (Column c : Column.values()) {
					Object v = values.get(c);
					if (v == null) {
						continue;
					}
					var cell = row.createCell(c.ordinal());
					if (v instanceof Number n) {
						cell.setCellValue(n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue());
					}
					else {
						cell.setCellValue(Downloads.cellText(v.toString()));
						cell.setCellStyle(textStyle);
					}
				}
			}
			sheet.createFreezePane(0, 1);
			if (withInstructions) {
				Sheet help = book.createSheet("说明");
				int line = 0;
				for (String text : QuestionSheet.instructions(settings.importMaxRows())) {
					help.createRow(line++).createCell(0).setCellValue(text);
				}
				help.setColumnWidth(0, 120 * 256);
			}
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int width(Column c) {
		return switch (c) {
			case TEXT, EXPLANATION -> 40;
			case ANSWER -> 20;
			case TYPE, SCORE, DIFFICULTY -> 8;
			default -> 16;
		};
	}

	/** The cells of a stored question as the form and the sheet write them (for the edit form). */
	static Map<Column, String> cellsOf(QuestionBank.QuestionView q) {
		Map<Column, String> out = new EnumMap<>(Column.class);
		QuestionSheet.row(q).forEach((c, v) -> out.put(c, Objects.toString(v instanceof BigDecimal d
				? d.stripTrailingZeros().toPlainString() : v, "")));
		return out;
	}
}
