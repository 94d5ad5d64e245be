package cn.partybuilding.development;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * Existing applicants and activists imported from the office's spreadsheet (.xlsx or .xls) with their dates, so a
 * school starts with its paper records. Every row goes through {@link DevelopmentPeople#apply} and
 * {@link DevelopmentPeople#record} with the dates it gives, step after step (the steps done on paper between
 * dated ones take the later date), so the regulation's rules hold for imported files as for new ones. All or
 * nothing: one wrong cell and nothing is written; the answer lists every wrong cell (row, column, cell, why) as
 * the member import does. The 上级党委 importing records the branch's paper steps in its own name (the steps' actor is
 * the importer); a branch importing cannot record the 上级党委's 备案.
 */
@Service
class DevelopmentImports {

	static final Role[] IMPORT = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	private static final String NOTE = "历史档案导入（纸质材料）";

	/** The template's columns, in order; the header names them (an office may reorder them). */
	enum Column {
		NAME("姓名"), GENDER("性别"), ETHNICITY("民族"), BIRTH_DATE("出生日期"), ID_CARD("身份证号"),
		STAFF_NUMBER("学号/工号"), CATEGORY("类别"), EDUCATION("学历"), PHONE("手机"), BRANCH("所在支部"),
		APPLIED_ON("申请日期"), TALK("谈话日期"), ACTIVIST("确定积极分子日期"), FILED("备案日期"),
		CONTACTS("培养联系人(工号)"), CANDIDATE("确定发展对象日期");

		final String header;

		Column(String header) {
			this.header = header;
		}

		static Optional<Column> ofHeader(String text) {
			String t = text.replace('（', '(').replace('）', ')').replace('／', '/').replaceAll("\\s", "");
			for (Column c : values()) {
				if (c.header.equals(t) || c.header.replaceAll("\\(.*\\)", "").equals(t)) {
					return Optional.of(c);
				}
			}
			return Optional.empty();
		}
	}

	/** A wrong cell: the row (as the spreadsheet numbers it), the column's header, the cell (C5) and why. */
	record ImportError(int row, String column, String cell, String message) {
	}

	record ImportedPerson(int row, long id, String name, Stage stage, String username, String initialPassword) {
	}

	/** DONE: every row written; FAILED: nothing written, the errors say why. */
	record ImportResult(String status, int rows, List<ImportedPerson> created, List<ImportError> errors, String message) {
	}

	/** An import wrote its rows (each step is audited on its own too), or was refused and wrote nothing. */
	record Imported(String summary, boolean refused) implements AuditableEvent {

		@Override
		public String action() {
			return "development.import";
		}

		@Override
		public String entityType() {
			return "development-import";
		}

		@Override
		public String entityId() {
			return "-";
		}

		@Override
		public Outcome outcome() {
			return refused ? Outcome.FAILURE : Outcome.SUCCESS;
		}
	}

	private final DevelopmentPeople people;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final int maxRows;

	DevelopmentImports(DevelopmentPeople people, MemberDirectory members, OrganizationScope scope,
			MessageSource messages, ApplicationEventPublisher events, TransactionTemplate transaction,
			@Value("${party.development.import.max-rows:2000}") int maxRows) {
		this.people = people;
		this.members = members;
		this.scope = scope;
		this.messages = messages;
		this.events = events;
		this.transaction = transaction;
		this.maxRows = maxRows;
	}

	/** A row as read: the cells by column, and the problems found reading them. */
	private record Read(int row, Map<Column, String> text, Map<Column, LocalDate> dates, List<ImportError> problems) {
	}

	ImportResult run(Caller caller, String fileName, InputStream content) {
		if (!caller.has(IMPORT)) {
			throw new NotPermittedException("development-import", "*", "import");
		}
		List<Read> rows;
		Map<Column, Integer> columns;
		try (Workbook book = WorkbookFactory.create(content)) {
			Sheet sheet = book.getSheetAt(0);
			Header header = header(sheet);
			columns = header.columns();
			rows = rows(sheet, header);
		}
		catch (EncryptedDocumentException e) {
			throw new FieldProblem("file", "member.import.encrypted");
		}
		catch (IllegalArgumentException | IOException e) {
			throw new FieldProblem("file", "development.import.notSpreadsheet");
		}
		if (rows.isEmpty()) {
			throw new FieldProblem("file", "member.import.noRows");
		}
		if (rows.size() > maxRows) {
			throw new FieldProblem("file", "development.import.tooManyRows", maxRows);
		}
		Branches branches = new Branches(caller);
		List<ImportError> errors = new ArrayList<>();
		List<ImportedPerson> created = new ArrayList<>();
		transaction.executeWithoutResult(status -> {
			for (Read row : rows) {
				if (!row.problems().isEmpty()) {
					errors.addAll(row.problems());
					continue;
				}
				importRow(caller, row, columns, branches, errors).ifPresent(created::add);
			}
			if (!errors.isEmpty()) {
				status.setRollbackOnly();
			}
		});
		String name = fileName == null || fileName.isBlank() ? "未命名文件" : fileName;
		if (!errors.isEmpty()) {
			long wrongRows = errors.stream().map(ImportError::row).distinct().count();
			String message = msg("development.import.failed", errors.size(), wrongRows);
			events.publishEvent(new Imported("导入发展党员档案未写入（" + name + "）：" + errors.size() + " 处错误，"
					+ wrongRows + " 行", true));
			return new ImportResult("FAILED", rows.size(), List.of(), errors, message);
		}
		events.publishEvent(new Imported("导入发展党员档案（" + name + "）：" + created.size() + " 人", false));
		return new ImportResult("DONE", rows.size(), created, List.of(), msg("development.import.done", created.size()));
	}

	/** One row: the application, then each dated step in order; the first refusal names its cell. */
	private Optional<ImportedPerson> importRow(Caller caller, Read row, Map<Column, Integer> columns, Branches branches,
			List<ImportError> errors) {
		Map<Column, String> t = row.text();
		Map<Column, LocalDate> d = row.dates();
		List<ImportError> problems = new ArrayList<>();
		Long branchId = null;
		String branchText = t.getOrDefault(Column.BRANCH, "");
		if (branchText.isEmpty()) {
			problems.add(error(row.row(), Column.BRANCH, columns, msg("development.person.branchId")));
		}
		else {
			branchId = branches.resolve(branchText).orElse(null);
			if (branchId == null) {
				problems.add(error(row.row(), Column.BRANCH, columns, msg("member.import.organization.unknown", branchText)));
			}
		}
		Gender gender = choice(row, Column.GENDER, Gender.class, "member.gender.", columns, problems);
		Category category = choice(row, Column.CATEGORY, Category.class, "member.category.", columns, problems);
		Education education = choice(row, Column.EDUCATION, Education.class, "member.education.", columns, problems);
		// the steps between dated ones were done on paper: a later date needs the earlier ones
		requireBefore(row, Column.CANDIDATE, List.of(Column.CONTACTS, Column.FILED), columns, problems);
		requireBefore(row, Column.CONTACTS, List.of(Column.FILED), columns, problems);
		requireBefore(row, Column.FILED, List.of(Column.ACTIVIST), columns, problems);
		requireBefore(row, Column.ACTIVIST, List.of(Column.TALK), columns, problems);
		List<Long> contacts = new ArrayList<>();
		if (t.containsKey(Column.CONTACTS)) {
			for (String staff : t.get(Column.CONTACTS).split("[、,，;；/\\s]+")) {
				if (staff.isBlank()) {
					continue;
				}
				Optional<Long> found = members.findByStaffNumber(caller, staff);
				if (found.isEmpty()) {
					problems.add(error(row.row(), Column.CONTACTS, columns, msg("development.import.contactUnknown", staff)));
				}
				else {
					contacts.add(found.get());
				}
			}
		}
		if (d.get(Column.APPLIED_ON) == null && !t.containsKey(Column.APPLIED_ON)) {
			// the file must date the application: today's date would be a guess
			problems.add(error(row.row(), Column.APPLIED_ON, columns, msg("development.import.dateRequired")));
		}
		if (!problems.isEmpty()) {
			errors.addAll(problems);
			return Optional.empty();
		}
		Caller acting = delegate(caller, branchId);
		DevelopmentPeople.Created person;
		try {
			person = people.apply(acting, new DevelopmentPeople.NewPerson(t.get(Column.NAME), gender,
					t.get(Column.ETHNICITY), d.get(Column.BIRTH_DATE), t.get(Column.ID_CARD), t.get(Column.STAFF_NUMBER),
					category, education, t.get(Column.PHONE), branchId, d.get(Column.APPLIED_ON)));
		}
		catch (FieldProblem problem) {
			problem.problems().forEach(p -> errors.add(error(row.row(), columnOf(p.field()), columns,
					messages.getMessage(p.messageKey(), p.args(), p.messageKey(), Locale.SIMPLIFIED_CHINESE))));
			return Optional.empty();
		}
		catch (NotPermittedException | OutOfScopeException e) {
			errors.add(error(row.row(), Column.BRANCH, columns, msg("member.import.organization.unknown", branchText)));
			return Optional.empty();
		}
		Stage stage = Stage.APPLICANT;
		List<Object[]> steps = new ArrayList<>();
		addStep(steps, 2, Column.TALK, d.get(Column.TALK), null);
		addStep(steps, 3, Column.ACTIVIST, d.get(Column.ACTIVIST), null);
		addStep(steps, 4, Column.FILED, d.get(Column.FILED), null);
		addStep(steps, 5, Column.CONTACTS, contacts.isEmpty() ? null : d.get(Column.FILED), contacts);
		addStep(steps, 6, Column.CANDIDATE, d.get(Column.CANDIDATE), null);
		addStep(steps, 7, Column.CANDIDATE, d.get(Column.CANDIDATE), null);
		for (Object[] s : steps) {
			int number = (Integer) s[0];
			Column column = (Column) s[1];
			@SuppressWarnings("unchecked")
			List<Long> memberIds = (List<Long>) s[3];
			try {
				people.record(acting, person.id(), new DevelopmentPeople.StepRequest(number, (LocalDate) s[2], NOTE,
						memberIds, null, null, null, null, null, null, null, null, null,
						DevelopmentPath.Decision.APPROVED, null, null, null, null));
				stage = Step.numbered(number).reached();
			}
			catch (DevelopmentPeople.StepRefused refused) {
				DevelopmentPath.Refusal r = refused.refusal();
				errors.add(error(row.row(), column, columns,
						messages.getMessage(r.rule(), r.args(), r.rule(), Locale.SIMPLIFIED_CHINESE)
								+ (r.possibleFrom() == null ? "" : msg("development.import.possibleFrom", r.possibleFrom().toString()))));
				return Optional.empty();
			}
			catch (FieldProblem problem) {
				problem.problems().forEach(p -> errors.add(error(row.row(), column, columns,
						messages.getMessage(p.messageKey(), p.args(), p.messageKey(), Locale.SIMPLIFIED_CHINESE))));
				return Optional.empty();
			}
			catch (NotPermittedException e) {
				errors.add(error(row.row(), column, columns, msg("development.import.level", Step.numbered(number).title())));
				return Optional.empty();
			}
		}
		return Optional.of(new ImportedPerson(row.row(), person.id(), t.get(Column.NAME), stage, person.username(),
				person.initialPassword()));
	}

	private static void addStep(List<Object[]> steps, int number, Column column, LocalDate date, List<Long> memberIds) {
		if (date != null) {
			steps.add(new Object[] { number, column, date, memberIds });
		}
	}

	private void requireBefore(Read row, Column later, List<Column> earlier, Map<Column, Integer> columns,
			List<ImportError> problems) {
		if (!row.text().containsKey(later)) {
			return;
		}
		for (Column c : earlier) {
			if (!row.text().containsKey(c)) {
				problems.add(error(row.row(), c, columns, msg("development.import.needed", later.header)));
			}
		}
	}

	/**
	 * The 上级党委 importing a branch's paper files records the branch's steps too, in its own name: it reaches the
	 * branch's 上级党委, so it acts as the branch for this import only. A branch imports as itself.
	 */
	private Caller delegate(Caller caller, long branchId) {
		boolean higher = people.higherOf(branchId)
			.map(h -> scope.reaches(caller, h, Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN))
			.orElse(false);
		if (!higher) {
			return caller;
		}
		List<Caller.Grant> grants = new ArrayList<>(caller.grants());
		grants.add(new Caller.Grant(Role.BRANCH_SECRETARY, branchId));
		return new Caller(caller.accountId(), caller.username(), caller.displayName(), grants);
	}

	private static Column columnOf(String field) {
		return switch (field) {
			case "name" -> Column.NAME;
			case "gender" -> Column.GENDER;
			case "ethnicity" -> Column.ETHNICITY;
			case "birthDate" -> Column.BIRTH_DATE;
			case "idCard" -> Column.ID_CARD;
			case "category" -> Column.CATEGORY;
			case "education" -> Column.EDUCATION;
			case "phone" -> Column.PHONE;
			case "branchId" -> Column.BRANCH;
			case "appliedOn" -> Column.APPLIED_ON;
			default -> Column.STAFF_NUMBER;
		};
	}

	/** An enum cell: its Chinese label (男, 学生, 大学本科), the enum's name, or a unique part of a label (本科). */
	private <E extends Enum<E>> E choice(Read row, Column column, Class<E> type, String prefix,
			Map<Column, Integer> columns, List<ImportError> problems) {
		String text = row.text().get(column);
		if (text == null) {
			return null; // the application's own check names the missing field
		}
		List<E> matches = new ArrayList<>();
		for (E value : type.getEnumConstants()) {
			String label = messages.getMessage(prefix + value.name(), null, value.name(), Locale.SIMPLIFIED_CHINESE);
			if (label.equals(text) || value.name().equalsIgnoreCase(text)) {
				return value;
			}
			if (label.contains(text)) {
				matches.add(value);
			}
		}
		if (matches.size() == 1) {
			return matches.get(0);
		}
		List<String> labels = new ArrayList<>();
		for (E value : type.getEnumConstants()) {
			labels.add(messages.getMessage(prefix + value.name(), null, value.name(), Locale.SIMPLIFIED_CHINESE));
		}
		problems.add(error(row.row(), column, columns, msg("development.import.choice", String.join("、", labels))));
		return null;
	}

	private ImportError error(int row, Column column, Map<Column, Integer> columns, String message) {
		Integer index = columns.get(column);
		return new ImportError(row, column.header,
				index == null ? "" : CellReference.convertNumToColString(index) + row, message);
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, key, Locale.SIMPLIFIED_CHINESE);
	}

	// ---- reading the sheet ----

	private static final DataFormatter FORMAT = new DataFormatter(Locale.SIMPLIFIED_CHINESE);

	private static final List<Column> DATES = List.of(Column.BIRTH_DATE, Column.APPLIED_ON, Column.TALK,
			Column.ACTIVIST, Column.FILED, Column.CANDIDATE);

	/** Where each column is, and the row index of the header. */
	private record Header(Map<Column, Integer> columns, int row) {
	}

	/** The header row: the first of the first ten rows that names 姓名 and 学号/工号. */
	private Header header(Sheet sheet) {
		for (int r = sheet.getFirstRowNum(); r <= Math.min(sheet.getLastRowNum(), sheet.getFirstRowNum() + 9); r++) {
			Row row = sheet.getRow(r);
			if (row == null) {
				continue;
			}
			Map<Column, Integer> found = new EnumMap<>(Column.class);
			for (Cell cell : row) {
				Column.ofHeader(FORMAT.formatCellValue(cell)).ifPresent(c -> found.putIfAbsent(c, cell.getColumnIndex()));
			}
			if (found.containsKey(Column.NAME) && found.containsKey(Column.STAFF_NUMBER)) {
				return new Header(found, r);
			}
		}
		throw new FieldProblem("file", "member.import.noHeader");
	}

	private List<Read> rows(Sheet sheet, Header header) {
		Map<Column, Integer> columns = header.columns();
		int headerRow = header.row();
		List<Read> rows = new ArrayList<>();
		for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
			Row row = sheet.getRow(r);
			if (row == null) {
				continue;
			}
			int number = r + 1;
			Map<Column, String> text = new EnumMap<>(Column.class);
			Map<Column, LocalDate> dates = new EnumMap<>(Column.class);
			List<ImportError> problems = new ArrayList<>();
			for (Map.Entry<Column, Integer> e : columns.entrySet()) {
				Cell cell = row.getCell(e.getValue());
				if (cell == null) {
					continue;
				}
				if (DATES.contains(e.getKey()) && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
					LocalDate date = cell.getLocalDateTimeCellValue().toLocalDate();
					text.put(e.getKey(), date.toString());
					dates.put(e.getKey(), date);
					continue;
				}
				String value = FORMAT.formatCellValue(cell).strip();
				if (value.isEmpty()) {
					continue;
				}
				text.put(e.getKey(), value);
				if (DATES.contains(e.getKey())) {
					Optional<LocalDate> date = date(value);
					if (date.isPresent()) {
						dates.put(e.getKey(), date.get());
					}
					else {
						problems.add(error(number, e.getKey(), columns, msg("development.import.date", value)));
					}
				}
			}
			if (text.isEmpty() || text.get(Column.NAME) != null && text.get(Column.NAME).startsWith("示例")) {
				continue; // an empty row, or the template's example left in
			}
			rows.add(new Read(number, text, dates, problems));
		}
		return rows;
	}

	/** 2023-03-01, 2023/3/1, 2023.3.1, 2023年3月1日 or 20230301. */
	static Optional<LocalDate> date(String text) {
		String t = text.strip().replace('年', '-').replace('月', '-').replace("日", "").replace('/', '-').replace('.', '-');
		try {
			if (t.matches("\\d{8}")) {
				return Optional.of(LocalDate.of(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(4, 6)),
						Integer.parseInt(t.substring(6))));
			}
			String[] parts = t.split("-");
			if (parts.length == 3) {
				return Optional.of(LocalDate.of(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
						Integer.parseInt(parts[2].strip())));
			}
		}
		catch (NumberFormatException | java.time.DateTimeException e) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	/** The template: the header, one example row (skipped on import) and the branches the caller may import into. */
	byte[] template(Caller caller) throws IOException {
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet("发展党员档案");
			var bold = book.createFont();
			bold.setBold(true);
			var headStyle = book.createCellStyle();
			headStyle.setFont(bold);
			var textStyle = book.createCellStyle();
			textStyle.setDataFormat(book.createDataFormat().getFormat("@"));
			Row head = sheet.createRow(0);
			Row example = sheet.createRow(1);
			String[] sample = { "示例：张三", "男", "汉族", "2003-04-05", "420102200304051234", "2021010001", "学生",
				"大学本科", "13800138000", "SFDX-JSJ-01", "2023-03-01", "2023-03-20", "2023-09-01", "2023-09-10",
				"T2000001", "2024-09-10" };
			for (Column c : Column.values()) {
				var cell = head.createCell(c.ordinal());
				cell.setCellValue(c.header);
				cell.setCellStyle(headStyle);
				var value = example.createCell(c.ordinal());
				value.setCellValue(sample[c.ordinal()]);
				value.setCellStyle(textStyle);
				sheet.setDefaultColumnStyle(c.ordinal(), textStyle);
				sheet.setColumnWidth(c.ordinal(), (c == Column.ID_CARD || c == Column.BRANCH ? 22 : 14) * 256);
			}
			sheet.createFreezePane(0, 1);
			Sheet orgs = book.createSheet("可导入的党支部");
			Row orgHead = orgs.createRow(0);
			orgHead.createCell(0).setCellValue("编码");
			orgHead.createCell(1).setCellValue("名称");
			int r = 1;
			for (OrgRef o : new Branches(caller).all) {
				Row row = orgs.createRow(r++);
				row.createCell(0).setCellValue(Downloads.cellText(o.code()));
				row.createCell(1).setCellValue(Downloads.cellText(o.name()));
			}
			orgs.setColumnWidth(0, 18 * 256);
			orgs.setColumnWidth(1, 40 * 256);
			book.write(out);
			return out.toByteArray();
		}
	}

	/** The 所在支部 column: a branch's code, or its name when that is unique among the branches the caller reaches. */
	private final class Branches {

		private final List<OrgRef> all;

		private final Map<String, OrgRef> byCode = new HashMap<>();

		private final Map<String, List<OrgRef>> byName = new HashMap<>();

		Branches(Caller caller) {
			all = scope.findAll(scope.visibleTo(caller, IMPORT)).stream()
				.filter(o -> o.type() == OrgType.BRANCH)
				.sorted(java.util.Comparator.comparing(OrgRef::code))
				.toList();
			for (OrgRef o : all) {
				byCode.put(o.code().toLowerCase(Locale.ROOT), o);
				byName.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o);
			}
		}

		Optional<Long> resolve(String text) {
			OrgRef found = byCode.get(text.strip().toLowerCase(Locale.ROOT));
			if (found == null) {
				List<OrgRef> named = byName.getOrDefault(text.strip(), List.of());
				found = named.size() == 1 ? named.get(0) : null;
			}
			return Optional.ofNullable(found).map(OrgRef::id);
		}
	}
}
