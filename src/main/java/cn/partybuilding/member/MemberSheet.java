package cn.partybuilding.member;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.PersonalDataSeen;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/**
 * The member spreadsheet as party offices keep it: the import template (with drop-downs where values
 * are fixed) and the export of the caller's scope, streamed, with sensitive fields masked.
 */
@Component
class MemberSheet {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static final List<String> COLUMNS = List.of("姓名", "性别", "民族", "出生日期", "身份证号", "学号/工号", "人员类别", "学历",
			"所在党组织", "党员状态", "入党日期", "转正日期", "手机号", "毕业年份", "历史记录");

	/** The export adds what the platform works out: 党龄 and the warnings a profile carries. */
	static final List<String> EXPORT_COLUMNS = Stream.concat(COLUMNS.stream(), Stream.of("党龄", "提示"))
		.toList();

	static final Map<Gender, String> GENDERS = Map.of(Gender.MALE, "男", Gender.FEMALE, "女");

	static final Map<Category, String> CATEGORIES = Map.of(Category.STUDENT, "学生", Category.FACULTY, "教职工",
			Category.RETIREE, "离退休", Category.OTHER, "其他");

	static final Map<Education, String> EDUCATIONS = Map.of(Education.DOCTORATE, "博士研究生", Education.MASTER, "硕士研究生",
			Education.BACHELOR, "大学本科", Education.JUNIOR_COLLEGE, "大学专科", Education.HIGH_SCHOOL, "高中/中专",
			Education.BELOW_HIGH_SCHOOL, "初中及以下");

	static final Map<MemberStatus, String> STATUSES = Map.of(MemberStatus.FULL, "正式党员", MemberStatus.PROBATIONARY, "预备党员");

	private final MemberRegistry registry;

	private final ApplicationEventPublisher events;

	MemberSheet(MemberRegistry registry, ApplicationEventPublisher events) {
		this.registry = registry;
		this.events = events;
	}

	/** Writes a workbook to a stream (the template, an export, a credentials sheet). */
	interface Writing {
		void to(OutputStream out) throws IOException;
	}

	/**
	 * A workbook as a download with its Chinese file name, written fully before answering (so a refusal
	 * is a clean error, not a broken file) and never cached: the contents are personal data.
	 */
	static ResponseEntity<byte[]> download(String fileName, String asciiName, Writing writing)
			throws IOException {
		var buffer = new ByteArrayOutputStream();
		writing.to(buffer);
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(fileName, asciiName))
			.header("Cache-Control", "no-store")
			.contentType(MediaType.parseMediaType(XLSX))
			.body(buffer.toByteArray());
	}

	/**
	 * An export of personal data, even masked, is recorded: in the audit log, and once for all the members listed,
	 * so each of them sees it among who looked at their data.
	 */
	record MembersExported(long rows, String summary, List<Long> memberIds) implements AuditableEvent, PersonalDataSeen {

		@Override
		public Kind kind() {
			return Kind.EXPORT;
		}

		@Override
		public String reason() {
			return "导出党员信息（Excel）";
		}

		@Override
		public String action() {
			return "member.export";
		}

		@Override
		public String entityType() {
			return "member";
		}

		@Override
		public String entityId() {
			return null;
		}
	}

	/** Rows whose 姓名 starts with this are examples: the import passes over them. */
	static final String EXAMPLE_MARK = "示例";

	/**
	 * The import template: the header, one example row (marked, so it is never imported by mistake),
	 * drop-downs in the template's order, the number columns formatted as text (so Excel cannot turn an
	 * ID-card number into 1.10105E+17), and a 填写说明 sheet with the organisations the importer may use.
	 */
	void template(List<OrgRef> organizations, Map<Long, String> parentNames, OutputStream out) throws IOException {
		try (XSSFWorkbook book = new XSSFWorkbook()) {
			Sheet sheet = book.createSheet("党员信息");
			header(book, sheet);
			CellStyle text = book.createCellStyle();
			text.setDataFormat(book.createDataFormat().getFormat("@"));
			for (int column : new int[] { 4, 5, 12 }) {
				sheet.setDefaultColumnStyle(column, text);
			}
			String first17 = "110105" + "20010901" + "001";
			String branch = organizations.isEmpty() ? "SFDX-JSJ-03" : organizations.get(0).code();
			List<String> values = List.of(EXAMPLE_MARK + "：张三", "男", "汉族", "2001-09-01", first17 + IdCardNumber.checkCharacter(first17),
					"2020123456", "学生", "大学本科", branch, "预备党员", "2024-06-20", "", "13800001234", "2025", "否");
			Row example = sheet.createRow(1);
			for (int i = 0; i < values.size(); i++) {
				example.createCell(i).setCellValue(values.get(i));
				if (i == 4 || i == 5 || i == 12) {
					example.getCell(i).setCellStyle(text);
				}
			}
			dropDown(sheet, 1, List.of("男", "女"));
			dropDown(sheet, 6, List.of("学生", "教职工", "离退休", "其他"));
			dropDown(sheet, 7, List.of("博士研究生", "硕士研究生", "大学本科", "大学专科", "高中/中专", "初中及以下"));
			dropDown(sheet, 9, List.of("正式党员", "预备党员"));
			dropDown(sheet, 14, List.of("是", "否"));
			instructions(book, organizations, parentNames);
			book.write(out);
		}
	}

	private static void instructions(XSSFWorkbook book, List<OrgRef> organizations, Map<Long, String> parentNames) {
		Sheet sheet = book.createSheet("填写说明");
		List<String> notes = List.of("一行填一名党员；第 2 行是示例（姓名以“示例”开头的行不会导入），可以直接覆盖或删除。",
				"必填：姓名、性别、身份证号、学号/工号、人员类别、学历、所在党组织、党员状态、入党日期。出生日期可不填（取自身份证号）。",
				"日期可写作 2001-09-01、2001/9/1 或 2001年9月1日；身份证号、学号/工号、手机号请保持“文本”格式。",
				"所在党组织填下表中的编号（或准确名称）。预备党员不填转正日期；学生填毕业年份。",
				"转正日期须为入党日期满一年之日（按期转正），或延长预备期后入党满18至24个月；入党未满一年的不能填正式党员。",
				"旧档案中转正记录较晚的党员，在“历史记录”列填“是”：不符合上述规定的转正日期也会导入，并在结果和党员信息中提示。",
				"学号/工号已在库中的党员：可选择跳过或用文件更新；更新时空着的单元格保留原有信息。", "");
		int r = 0;
		for (String note : notes) {
			sheet.createRow(r++).createCell(0).setCellValue(note);
		}
		Row head = sheet.createRow(r++);
		head.createCell(0).setCellValue("可填写的党组织编号");
		head.createCell(1).setCellValue("名称");
		head.createCell(2).setCellValue("上级党组织");
		for (OrgRef o : organizations) {
			Row row = sheet.createRow(r++);
			row.createCell(0).setCellValue(Downloads.cellText(o.code()));
			row.createCell(1).setCellValue(Downloads.cellText(o.name()));
			row.createCell(2).setCellValue(Downloads.cellText(o.parentId() == null ? "" : parentNames.getOrDefault(o.parentId(), "")));
		}
		sheet.setColumnWidth(0, 22 * 256);
		sheet.setColumnWidth(1, 28 * 256);
		sheet.setColumnWidth(2, 28 * 256);
	}

	void export(Caller caller, MemberRegistry.Filter filter, OutputStream out) throws IOException {
		// streaming: only a window of rows is held in memory, whatever the scope's size
		SXSSFWorkbook book = new SXSSFWorkbook(200);
		try {
			Sheet sheet = book.createSheet("党员信息");
			header(book, sheet, EXPORT_COLUMNS);
			int rowIndex = 1;
			List<Long> listed = new ArrayList<>();
			// page after page by the keyset cursor: the 1 000th page costs what the first does
			MemberRegistry.Listed chunk = null;
			do {
				chunk = registry.list(caller, filter, 0, 1000, chunk == null ? null : chunk.next());
				for (MemberView m : chunk.page()) {
					listed.add(m.id());
					Row row = sheet.createRow(rowIndex++);
					String[] cells = { m.name(), GENDERS.get(m.gender()), m.ethnicity(), String.valueOf(m.birthDate()),
							m.idCard(), m.staffNumber(), CATEGORIES.get(m.category()), EDUCATIONS.get(m.education()),
							m.organizationName(), STATUSES.get(m.status()), String.valueOf(m.joinDate()),
							m.conversionDate() == null ? "" : m.conversionDate().toString(), m.phone() == null ? "" : m.phone(),
							m.graduationYear() == null ? "" : m.graduationYear().toString(), m.historicalRecord() ? "是" : "否" };
					for (int i = 0; i < cells.length; i++) {
						row.createCell(i).setCellValue(Downloads.cellText(cells[i]));
					}
					if (m.partyYears() != null) {
						row.createCell(cells.length).setCellValue(m.partyYears());
					}
					String notes = m.probationOverdue() ? "预备期超期" : m.lateConversion() ? "历史记录：转正日期为补记" : "";
					if (!notes.isEmpty()) {
						row.createCell(cells.length + 1).setCellValue(notes);
					}
				}
			}
			while (chunk.next() != null);
			book.write(out);
			events.publishEvent(new MembersExported(rowIndex - 1, "导出党员信息 " + (rowIndex - 1) + " 条（敏感字段已脱敏）", listed));
		}
		finally {
			book.close();
		}
	}

	/**
	 * 初始密码单: the accounts an import opened, with their one-time passwords, to hand to each person —
	 * by branch, with where to sign in, printable on A4 with the header on every page.
	 */
	void credentials(List<MemberImports.Credential> list, String signInAddress, OutputStream out) throws IOException {
		try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
			Sheet sheet = book.createSheet("初始密码单");
			sheet.createRow(0).createCell(0).setCellValue("登录地址：" + signInAddress + "　用户名为学号/工号，首次登录须修改密码。请逐人分发，妥善保管。");
			CellStyle bold = book.createCellStyle();
			Font boldFont = book.createFont();
			boldFont.setBold(true);
			bold.setFont(boldFont);
			Row head = sheet.createRow(1);
			List<String> columns = List.of("所在党组织", "学号/工号（用户名）", "姓名", "初始密码");
			for (int i = 0; i < columns.size(); i++) {
				head.createCell(i).setCellValue(columns.get(i));
				head.getCell(i).setCellStyle(bold);
			}
			CellStyle mono = book.createCellStyle();
			Font monoFont = book.createFont();
			monoFont.setFontName("Consolas");
			monoFont.setFontHeightInPoints((short) 12);
			mono.setFont(monoFont);
			int r = 2;
			List<MemberImports.Credential> byBranch = list.stream()
				.sorted(Comparator.comparing(MemberImports.Credential::organization)
					.thenComparing(MemberImports.Credential::staffNumber))
				.toList();
			for (MemberImports.Credential c : byBranch) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(Downloads.cellText(c.organization()));
				row.createCell(1).setCellValue(c.staffNumber());
				row.createCell(2).setCellValue(Downloads.cellText(c.name()));
				row.createCell(3).setCellValue(c.password());
				row.getCell(3).setCellStyle(mono);
			}
			sheet.setColumnWidth(0, 26 * 256);
			sheet.setColumnWidth(1, 22 * 256);
			sheet.setColumnWidth(2, 12 * 256);
			sheet.setColumnWidth(3, 28 * 256);
			sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
			sheet.setRepeatingRows(CellRangeAddress.valueOf("2:2"));
			book.write(out);
		}
	}

	/** The wrong cells of an import, to work through beside the file. */
	void errors(List<ImportJobs.ImportError> errors, OutputStream out) throws IOException {
		try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
			Sheet sheet = book.createSheet("错误清单");
			header(book, sheet, List.of("行号", "列", "单元格", "问题"));
			int r = 1;
			for (ImportJobs.ImportError e : errors) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(e.row());
				row.createCell(1).setCellValue(Downloads.cellText(e.column()));
				row.createCell(2).setCellValue(Downloads.cellText(e.cell()));
				row.createCell(3).setCellValue(Downloads.cellText(e.message()));
			}
			sheet.setColumnWidth(3, 80 * 256);
			book.write(out);
		}
	}

	private static void header(Workbook book, Sheet sheet) {
		header(book, sheet, COLUMNS);
	}

	private static void header(Workbook book, Sheet sheet, List<String> columns) {
		CellStyle bold = book.createCellStyle();
		Font font = book.createFont();
		font.setBold(true);
		bold.setFont(font);
		Row header = sheet.createRow(0);
		for (int i = 0; i < columns.size(); i++) {
			header.createCell(i).setCellValue(columns.get(i));
			header.getCell(i).setCellStyle(bold);
			sheet.setColumnWidth(i, 16 * 256);
		}
		sheet.createFreezePane(0, 1);
	}

	private static void dropDown(Sheet sheet, int column, Collection<String> values) {
		DataValidationHelper helper = sheet.getDataValidationHelper();
		var constraint = helper.createExplicitListConstraint(values.toArray(String[]::new));
		var validation = helper.createValidation(constraint, new CellRangeAddressList(1, 10000, column, column));
		validation.setShowErrorBox(true);
		sheet.addValidationData(validation);
	}
}
