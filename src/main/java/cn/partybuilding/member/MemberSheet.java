package cn.partybuilding.member;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;

/**
 * The member spreadsheet as party offices keep it: the import template (with drop-downs where values
 * are fixed) and the export of the caller's scope, streamed, with sensitive fields masked.
 */
@Component
class MemberSheet {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static final List<String> COLUMNS = List.of("姓名", "性别", "民族", "出生日期", "身份证号", "学号/工号", "人员类别", "学历",
			"所在党组织", "党员状态", "入党日期", "转正日期", "手机号", "毕业年份");

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
	static org.springframework.http.ResponseEntity<byte[]> download(String fileName, Writing writing) throws IOException {
		var buffer = new java.io.ByteArrayOutputStream();
		writing.to(buffer);
		return org.springframework.http.ResponseEntity.ok()
			.header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
				.filename(fileName, java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.header("Cache-Control", "no-store")
			.contentType(org.springframework.http.MediaType.parseMediaType(XLSX))
			.body(buffer.toByteArray());
	}

	/** An export of personal data, even masked, is recorded. */
	record MembersExported(long rows, String summary) implements AuditableEvent {

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

	void template(OutputStream out) throws IOException {
		try (XSSFWorkbook book = new XSSFWorkbook()) {
			Sheet sheet = book.createSheet("党员信息");
			header(book, sheet);
			Row example = sheet.createRow(1);
			List<String> values = List.of("张三", "男", "汉族", "2001-09-01", "11010519491231002X", "2020123456", "学生",
					"大学本科", "SFDX-JSJ-03", "预备党员", "2024-06-20", "", "13800001234", "2025");
			for (int i = 0; i < values.size(); i++) {
				example.createCell(i).setCellValue(values.get(i));
			}
			dropDown(sheet, 1, GENDERS.values());
			dropDown(sheet, 6, CATEGORIES.values());
			dropDown(sheet, 7, EDUCATIONS.values());
			dropDown(sheet, 9, STATUSES.values());
			book.write(out);
		}
	}

	void export(Caller caller, MemberRegistry.Filter filter, OutputStream out) throws IOException {
		// streaming: only a window of rows is held in memory, whatever the scope's size
		SXSSFWorkbook book = new SXSSFWorkbook(200);
		try {
			Sheet sheet = book.createSheet("党员信息");
			header(book, sheet);
			int rowIndex = 1;
			int page = 0;
			Page<MemberRegistry.MemberView> chunk;
			do {
				chunk = registry.list(caller, filter, page++, 1000);
				for (MemberRegistry.MemberView m : chunk) {
					Row row = sheet.createRow(rowIndex++);
					String[] cells = { m.name(), GENDERS.get(m.gender()), m.ethnicity(), String.valueOf(m.birthDate()),
							m.idCard(), m.staffNumber(), CATEGORIES.get(m.category()), EDUCATIONS.get(m.education()),
							m.organizationName(), STATUSES.get(m.status()), String.valueOf(m.joinDate()),
							m.conversionDate() == null ? "" : m.conversionDate().toString(), m.phone() == null ? "" : m.phone(),
							m.graduationYear() == null ? "" : m.graduationYear().toString() };
					for (int i = 0; i < cells.length; i++) {
						row.createCell(i).setCellValue(cells[i]);
					}
				}
			}
			while (chunk.hasNext());
			book.write(out);
			events.publishEvent(new MembersExported(rowIndex - 1, "导出党员信息 " + (rowIndex - 1) + " 条（敏感字段已脱敏）"));
		}
		finally {
			book.close();
		}
	}

	/** 初始密码单: the accounts an import opened, with their one-time passwords, to hand to each person. */
	void credentials(List<MemberImports.Credential> list, OutputStream out) throws IOException {
		try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
			Sheet sheet = book.createSheet("初始密码单");
			header(book, sheet, List.of("学号/工号（用户名）", "姓名", "所在党组织", "初始密码（首次登录须修改）"));
			int r = 1;
			for (MemberImports.Credential c : list) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(c.staffNumber());
				row.createCell(1).setCellValue(c.name());
				row.createCell(2).setCellValue(c.organization());
				row.createCell(3).setCellValue(c.password());
			}
			sheet.setColumnWidth(3, 28 * 256);
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

	private static void dropDown(Sheet sheet, int column, java.util.Collection<String> values) {
		DataValidationHelper helper = sheet.getDataValidationHelper();
		var constraint = helper.createExplicitListConstraint(values.toArray(String[]::new));
		var validation = helper.createValidation(constraint, new CellRangeAddressList(1, 10000, column, column));
		validation.setShowErrorBox(true);
		sheet.addValidationData(validation);
	}
}
