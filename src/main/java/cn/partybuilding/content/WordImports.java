package cn.partybuilding.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.content.WordSheet.Column;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * The word list from the committee's spreadsheet (.xlsx or .xls) and out to one again (an export imports unchanged),
 * and the template to fill, as the question bank's import does: every row is read and checked by the list's own
 * rules first; one wrong cell and nothing is written, the answer naming every wrong cell (row, column, cell, why);
 * a clean file is written in one transaction. A word already on the list takes the file's action; a word repeated
 * in the file counts once, its last row's action winning (the result says how many of each).
 */
@Service
class WordImports {

	/** A wrong cell: the row as the file numbers it, the column's header, the cell (B7), the field, why. */
	record ImportError(int row, String column, String cell, String field, String message) {
	}

	/**
	 * DONE: the words written (added new, updated to the file's action, unchanged, repeated in the file); FAILED:
	 * nothing written, the errors say why.
	 */
	record ImportResult(String status, int rows, int added, int updated, int unchanged, int repeated,
			List<ImportError> errors, String message) {

		boolean done() {
			return "DONE".equals(status);
		}
	}

	/** A row read: its number in the file and its two cells. */
	record Line(int row, String word, String action) {
	}

	/** The rows of a file: where each column is, and the rows read. */
	record Rows(Map<Column, Integer> columns, List<Line> lines) {
	}

	private static final int HEADER_ROWS = 10;

	private final WordList list;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final ScreenSettings settings;

	WordImports(WordList list, MessageSource messages, ApplicationEventPublisher events, ScreenSettings settings) {
		this.list = list;
		this.messages = messages;
		this.events = events;
		this.settings = settings;
	}

	/**
	 * Imports a spreadsheet into the list (403 unless the caller keeps it): a FieldProblem on {@code file} when the
	 * file cannot be read at all, else the result, DONE or FAILED with every wrong cell.
	 */
	@Transactional
	ImportResult run(Caller caller, String fileName, InputStream content) {
		list.requireKeeper(caller, "import");
		Rows rows = read(content);
		String name = fileName == null || fileName.isBlank() ? "未命名文件" : fileName;
		ImportResult result = write(caller, rows, true);
		if (result.done()) {
			events.publishEvent(new WordList.WordListChanged("content.word.import", "*", "导入敏感词（" + name + "）：新增 "
					+ result.added() + "，改处理方式 " + result.updated() + "，未变 " + result.unchanged()));
		}
		else {
			events.publishEvent(new WordList.WordListChanged("content.word.import", "*", "导入敏感词未写入（" + name + "）："
					+ result.errors().size() + " 处错误", AuditableEvent.Outcome.FAILURE));
		}
		return result;
	}

	/** Checks a spreadsheet as an import would, writing nothing (for the errors sheet). */
	@Transactional(readOnly = true)
	ImportResult check(Caller caller, InputStream content) {
		list.requireKeeper(caller, "import");
		return write(caller, read(content), false);
	}

	private ImportResult write(Caller caller, Rows rows, boolean write) {
		List<ImportError> errors = new ArrayList<>();
		Map<String, WordList.Checked> byNormal = new LinkedHashMap<>();
		int repeated = 0;
		for (Line line : rows.lines()) {
			try {
				WordList.Checked checked = WordList.check(line.word(), line.action());
				if (byNormal.remove(checked.normalized()) != null) {
					repeated++;
				}
				byNormal.put(checked.normalized(), checked);
			}
			catch (FieldProblem problem) {
				for (FieldProblem.Problem p : problem.problems()) {
					Column column = p.field().equals("action") ? Column.ACTION : Column.WORD;
					Integer index = rows.columns().get(column);
					errors.add(new ImportError(line.row(), column.header,
							index == null ? "" : CellReference.convertNumToColString(index) + line.row(), p.field(),
							msg(p.messageKey(), p.args()) + ("action".equals(p.field()) && !line.action().isEmpty()
									? msg("content.word.import.typed", line.action()) : "")));
				}
			}
		}
		if (!errors.isEmpty()) {
			long wrongRows = errors.stream().map(ImportError::row).distinct().count();
			return new ImportResult("FAILED", rows.lines().size(), 0, 0, 0, repeated, errors,
					msg("content.word.import.failed", errors.size(), wrongRows));
		}
		if (!write) {
			return new ImportResult("CHECKED", rows.lines().size(), 0, 0, 0, repeated, List.of(),
					msg("content.word.import.clean"));
		}
		WordList.Written written = list.writeAll(caller, new ArrayList<>(byNormal.values()));
		return new ImportResult("DONE", rows.lines().size(), written.added(), written.updated(), written.unchanged(),
				repeated, List.of(), msg("content.word.import.done", written.added(), written.updated(),
						written.unchanged(), repeated));
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, key, Locale.SIMPLIFIED_CHINESE);
	}

	// ---- reading ----

	/** The rows of the first sheet with a header naming 敏感词 and 处理方式 within its first ten rows. */
	Rows read(InputStream content) {
		try (Workbook book = WorkbookFactory.create(content)) {
			DataFormatter format = new DataFormatter(Locale.SIMPLIFIED_CHINESE);
			FormulaEvaluator formulas = book.getCreationHelper().createFormulaEvaluator();
			boolean anyHeader = false;
			for (int s = 0; s < book.getNumberOfSheets(); s++) {
				Sheet sheet = book.getSheetAt(s);
				Map<Column, Integer> columns = null;
				List<Line> lines = new ArrayList<>();
				int seen = 0;
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
					if (columns == null) {
						if (++seen > HEADER_ROWS) {
							break;
						}
						columns = WordSheet.header(cells).orElse(null);
						anyHeader |= cells.stream().anyMatch(c -> Column.ofHeader(c).isPresent());
						continue;
					}
					String word = WordSheet.cell(cells, columns.get(Column.WORD));
					String action = WordSheet.cell(cells, columns.get(Column.ACTION));
					if (word.isEmpty() && action.isEmpty()) {
						continue;
					}
					if (lines.size() >= settings.importMaxRows()) {
						throw new FieldProblem("file", "content.word.import.tooManyRows", settings.importMaxRows());
					}
					lines.add(new Line(r + 1, word, action));
				}
				if (columns != null) {
					if (lines.isEmpty()) {
						throw new FieldProblem("file", "content.word.import.noRows");
					}
					return new Rows(columns, lines);
				}
			}
			throw new FieldProblem("file", anyHeader ? "content.word.import.missingColumns" : "content.word.import.noHeader");
		}
		catch (EncryptedDocumentException e) {
			throw new FieldProblem("file", "content.word.import.encrypted");
		}
		catch (FieldProblem problem) {
			throw problem;
		}
		catch (IOException | RuntimeException e) {
			throw new FieldProblem("file", "content.word.import.notSpreadsheet");
		}
	}

	// ---- writing ----

	/** The template: the header, and a 说明 sheet. */
	byte[] template() {
		return workbook(List.of(), true);
	}

	/** Every word on the list in the import's layout. */
	byte[] export(Caller caller) {
		List<List<String>> rows = list.all(caller, settings.importMaxRows())
			.stream()
			.map(w -> List.of(w.word(), w.action().sheet))
			.toList();
		return workbook(rows, false);
	}

	/** A failed import's wrong cells as a sheet: row, cell, column, why. */
	byte[] errors(List<ImportError> errors) {
		List<List<Object>> rows = errors.stream()
			.map(e -> List.<Object>of(e.row(), e.cell(), e.column(), e.message()))
			.toList();
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Downloads.addSheet(book, "错误清单", List.of("行", "单元格", "列", "问题"), rows);
			book.getSheetAt(0).setColumnWidth(0, 8 * 256);
			book.getSheetAt(0).setColumnWidth(3, 80 * 256);
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private byte[] workbook(List<List<String>> rows, boolean withInstructions) {
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Downloads.addSheet(book, WordSheet.SHEET, WordSheet.headers(), rows);
			book.getSheetAt(0).setColumnWidth(1, 12 * 256);
			if (withInstructions) {
				Sheet help = book.createSheet("说明");
				int line = 0;
				for (String text : WordSheet.instructions(settings.importMaxRows())) {
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
}
