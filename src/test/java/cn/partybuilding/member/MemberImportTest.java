package cn.partybuilding.member;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class MemberImportTest extends PlatformTest {

	static final String XLSX = MemberSheet.XLSX;

	// ---- helpers ----

	Map<String, Object> importFile(RequestPostProcessor who, String fileName, byte[] bytes, String mode, String onExisting)
			throws Exception {
		String location = mvc.perform(multipart("/api/v1/members/imports")
			.file(new MockMultipartFile("file", fileName, XLSX, bytes))
			.param("mode", mode)
			.param("onExisting", onExisting)
			.with(csrf())
			.with(who))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		return await(who, location);
	}

	Map<String, Object> await(RequestPostProcessor who, String location) throws Exception {
		long until = System.currentTimeMillis() + 120_000;
		while (true) {
			String json = mvc.perform(get(location).with(who)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
			Map<String, Object> job = JsonPath.read(json, "$");
			if (!"RUNNING".equals(job.get("status")) || System.currentTimeMillis() > until) {
				return job;
			}
			Thread.sleep(100);
		}
	}

	static List<Object> header() {
		return new ArrayList<>(SheetFiles.HEADER);
	}

	long membersWithStaff(String... staff) {
		return jdbc.sql("select count(*) from member where lower(staff_number) in (:s)")
			.param("s", List.of(staff).stream().map(String::toLowerCase).toList())
			.query(Long.class)
			.single();
	}

	long accountsNamed(String... usernames) {
		return jdbc.sql("select count(*) from account where lower(username) in (:s)")
			.param("s", List.of(usernames).stream().map(String::toLowerCase).toList())
			.query(Long.class)
			.single();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> errors(Map<String, Object> job) {
		return (List<Map<String, Object>>) job.get("errors");
	}

	static boolean hasError(Map<String, Object> job, int row, String column, String messagePart) {
		return errors(job).stream().anyMatch(e -> e.get("row").equals(row) && e.get("column").equals(column)
				&& e.get("message").toString().contains(messagePart));
	}

	// ---- a good file ----

	@Test
	void aGoodXlsxWithTitleRowDatesNumbersAndBlankTrailingRowsImportsEveryRow() throws Exception {
		RequestPostProcessor college1 = login("college1");
		String a = unique("IA");
		String b = Long.toString(3_000_000_000L + (long) (Math.random() * 900_000_000L));
		String c = unique("IC");
		List<Object> rowA = SheetFiles.row("  张 明  ", a, "SFDX-JSJ-01", LocalDate.of(2003, 4, 5));
		List<Object> rowB = SheetFiles.row("李华", b, "教工第二党支部", LocalDate.of(2002, 9, 1));
		rowB.set(5, Long.parseLong(b)); // 学号 typed as a number
		rowB.set(3, "2002/9/1");
		rowB.set(10, "2022年6月1日");
		rowB.set(11, "2023.6.1");
		rowB.set(13, "2026年");
		List<Object> rowC = SheetFiles.row("王芳", c, "计算机科学与技术学院党委/本科生第一党支部", LocalDate.of(2004, 1, 2));
		rowC.set(1, "女");
		rowC.set(4, SheetFiles.idCard(LocalDate.of(2004, 1, 2), false));
		rowC.set(9, "预备党员");
		rowC.set(10, "2025-07-01");
		rowC.set(11, null);
		rowC.set(12, 13712345678L); // phone as a number
		byte[] file = SheetFiles.xlsx(List.of(List.of("计算机学院党员信息表"), header(), rowA, rowB, rowC, List.of("  ", ""), List.of()));

		Map<String, Object> job = importFile(college1, "党员信息.xlsx", file, "ALL_OR_NOTHING", "SKIP");

		assertThat(job.get("status")).as(String.valueOf(job)).isEqualTo("DONE");
		assertThat(job).containsEntry("created", 3).containsEntry("errorCount", 0).containsEntry("progress", 100);
		assertThat(membersWithStaff(a, b, c)).isEqualTo(3);
		mvc.perform(get("/api/v1/members").param("q", b).with(college1))
			.andExpect(jsonPath("$.content[0].name").value("李华"))
			.andExpect(jsonPath("$.content[0].joinDate").value("2022-06-01"))
			.andExpect(jsonPath("$.content[0].conversionDate").value("2023-06-01"))
			.andExpect(jsonPath("$.content[0].idCard").value(Matchers.containsString("********")))
			.andExpect(jsonPath("$.content[0].phone").value("139****1111"));
		mvc.perform(get("/api/v1/members").param("q", c).with(college1))
			.andExpect(jsonPath("$.content[0].status").value("PROBATIONARY"))
			.andExpect(jsonPath("$.content[0].phone").value("137****5678"));
		mvc.perform(get("/api/v1/members").param("q", a).with(college1))
			.andExpect(jsonPath("$.content[0].name").value("张 明"));
		long memberId = jdbc.sql("select id from member where staff_number = ?").param(b).query(Long.class).single();
		awaitChronicle(memberId);
		mvc.perform(get("/api/v1/members/{id}/record", memberId).with(college1))
			.andExpect(jsonPath("$[0].kind").value("MEMBER_REGISTERED"))
			.andExpect(jsonPath("$[0].actor").value("college1"))
			.andExpect(jsonPath("$[0].detail").value(Matchers.containsString("第 4 行")));
		assertThat(auditCount("member.import", "college1")).isPositive();

		// the one-time passwords: once, and they work (with a forced change)
		byte[] sheet = mvc.perform(post("/api/v1/members/imports/{id}/credentials", job.get("id")).with(csrf()).with(college1))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		String password = null;
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
			var passwords = book.getSheetAt(0);
			assertThat(passwords.getRow(0).getCell(0).getStringCellValue()).contains("/login").contains("首次登录须修改密码");
			assertThat(passwords.getLastRowNum()).isEqualTo(4); // the note, the header, three people
			for (var row : passwords) {
				if (row.getRowNum() > 1 && row.getCell(1).getStringCellValue().equals(b)) {
					password = row.getCell(3).getStringCellValue();
				}
			}
		}
		assertThat(password).isNotNull();
		mvc.perform(post("/api/v1/members/imports/{id}/credentials", job.get("id")).with(csrf()).with(college1))
			.andExpect(status().isNotFound());
		mvc.perform(formLogin("/login").user(b).password(password)).andExpect(redirectedUrl("/"));
		assertThat(jdbc.sql("select must_change_password from account where username = ?").param(b).query(Boolean.class).single())
			.isTrue();
		assertThat(jdbc.sql("select count(*) from account a join account_grant g on g.account_id = a.id where a.username = ? and g.role = 'MEMBER'")
			.param(b).query(Long.class).single()).isEqualTo(1);
	}

	void awaitChronicle(long memberId) throws InterruptedException {
		long until = System.currentTimeMillis() + 20_000;
		while (jdbc.sql("select count(*) from record_entry where member_id = ?").param(memberId).query(Long.class).single() == 0
				&& System.currentTimeMillis() < until) {
			Thread.sleep(100);
		}
	}

	@Test
	void aLegacyXlsWithTextDatesImportsToo() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		String a = unique("XA");
		String b = unique("XB");
		List<Object> rowA = SheetFiles.row("赵刚", a, "SFDX-JSJ-01", LocalDate.of(1990, 3, 3));
		rowA.set(6, "教职工");
		rowA.set(7, "博士");
		List<Object> rowB = SheetFiles.row("钱敏", b, "sfdx-jsj-01", LocalDate.of(1991, 5, 6));
		rowB.set(3, "1991年5月6日");
		rowB.set(10, "2011年7月1日");
		rowB.set(11, "2012/7/1");
		byte[] file = SheetFiles.xls(List.of(header(), rowA, rowB));

		Map<String, Object> job = importFile(branch1, "旧表.xls", file, "ALL_OR_NOTHING", "SKIP");

		assertThat(job.get("status")).as(String.valueOf(job)).isEqualTo("DONE");
		assertThat(job.get("created")).isEqualTo(2);
		assertThat(jdbc.sql("select education from member where staff_number = ?").param(a).query(String.class).single())
			.isEqualTo("DOCTORATE");
	}

	@Test
	void theTemplateFilledInBelowItsExampleImportsAndTheExampleIsPassedOver() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		byte[] template = mvc.perform(get("/api/v1/members/import-template").with(branch1)).andReturn().getResponse()
			.getContentAsByteArray();
		String staff = unique("T");
		ByteArrayOutputStream filled = new ByteArrayOutputStream();
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			var row = book.getSheetAt(0).createRow(2);
			List<Object> values = SheetFiles.row("模板填写", staff, "SFDX-JSJ-01", LocalDate.of(2000, 10, 10));
			for (int i = 0; i < values.size(); i++) {
				row.createCell(i).setCellValue(values.get(i).toString());
			}
			book.write(filled);
		}
		Map<String, Object> job = importFile(branch1, "模板.xlsx", filled.toByteArray(), "ALL_OR_NOTHING", "SKIP");
		assertThat(job.get("status")).as(String.valueOf(job)).isEqualTo("DONE");
		assertThat(job).containsEntry("created", 1).containsEntry("errorCount", 0);
		assertThat(jdbc.sql("select count(*) from member where name like '示例%'").query(Long.class).single()).isZero();
	}

	// ---- wrong rows ----

	/** One file with a wrong row of each kind; row 2 is good. */
	byte[] fileWithEveryMistake(String good, String dup) throws Exception {
		LocalDate birth = LocalDate.of(2000, 2, 2);
		List<Object> ok = SheetFiles.row("周好", good, "SFDX-JSJ-02", birth);
		List<Object> badCheck = SheetFiles.row("错校验", unique("E"), "SFDX-JSJ-02", birth);
		String id = badCheck.get(4).toString();
		badCheck.set(4, id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'));
		List<Object> badGender = SheetFiles.row("错性别", unique("E"), "SFDX-JSJ-02", birth);
		badGender.set(1, "男的");
		List<Object> badDate = SheetFiles.row("错日期", unique("E"), "SFDX-JSJ-02", birth);
		badDate.set(10, "2021-13-45");
		List<Object> badOrg = SheetFiles.row("错组织", unique("E"), "不存在的支部", birth);
		List<Object> badPhone = SheetFiles.row("错手机", unique("E"), "SFDX-JSJ-02", birth);
		badPhone.set(12, "12345");
		List<Object> duplicate = SheetFiles.row("重复", good, "SFDX-JSJ-02", birth);
		List<Object> young = SheetFiles.row("太年轻", unique("E"), "SFDX-JSJ-02", birth);
		young.set(10, LocalDate.of(2017, 1, 1));
		young.set(11, LocalDate.of(2018, 1, 1));
		List<Object> probationary = SheetFiles.row("预备有转正", unique("E"), "SFDX-JSJ-02", birth);
		probationary.set(9, "预备党员");
		List<Object> numericId = SheetFiles.row("数字身份证", unique("E"), "SFDX-JSJ-02", birth);
		numericId.set(4, 110101200002021234.0);
		List<Object> noName = SheetFiles.row("", unique("E"), "SFDX-JSJ-02", birth);
		List<Object> conversionFirst = SheetFiles.row("转正在前", dup, "SFDX-JSJ-02", birth);
		conversionFirst.set(11, LocalDate.of(2019, 1, 1));
		return SheetFiles.xlsx(List.of(header(), ok, badCheck, badGender, badDate, badOrg, badPhone, duplicate, young,
				probationary, numericId, noName, conversionFirst));
	}

	@Test
	void everyKindOfMistakeIsReportedWithItsRowAndColumnAndAllOrNothingWritesNothing() throws Exception {
		RequestPostProcessor college1 = login("college1");
		String good = unique("G");
		Map<String, Object> job = importFile(college1, "有错.xlsx", fileWithEveryMistake(good, unique("D")), "ALL_OR_NOTHING", "SKIP");

		assertThat(job.get("status")).isEqualTo("FAILED");
		assertThat(job.get("created")).isEqualTo(0);
		assertThat(job.get("message").toString()).contains("未写入任何数据");
		assertThat(hasError(job, 3, "身份证号", "校验位")).as(String.valueOf(job.get("errors"))).isTrue();
		assertThat(hasError(job, 4, "性别", "男的")).isTrue();
		assertThat(hasError(job, 5, "入党日期", "2021-13-45")).isTrue();
		assertThat(hasError(job, 6, "所在党组织", "不存在的支部")).isTrue();
		assertThat(hasError(job, 7, "手机号", "11位")).isTrue();
		assertThat(hasError(job, 8, "学号/工号", "第 2 行")).isTrue();
		assertThat(hasError(job, 8, "身份证号", "第 2 行")).isFalse(); // a different (unique) ID card
		assertThat(hasError(job, 9, "出生日期", "十八")).isTrue();
		assertThat(hasError(job, 10, "转正日期", "预备党员")).isTrue();
		assertThat(hasError(job, 11, "身份证号", "数字")).isTrue();
		assertThat(hasError(job, 12, "姓名", "姓名")).isTrue();
		assertThat(hasError(job, 13, "转正日期", "晚于入党日期")).isTrue();
		assertThat(errors(job)).allSatisfy(e -> assertThat(e.get("cell").toString()).matches("[A-N]" + e.get("row")));
		byte[] list = mvc.perform(get("/api/v1/members/imports/{id}/errors.xlsx", job.get("id")).with(college1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(list))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(errors(job).size());
		}
		assertThat(membersWithStaff(good)).isZero();
		assertThat(accountsNamed(good)).isZero();
		// an import that wrote nothing is in the audit log too
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'member.import' and outcome = 'FAILURE' and entity_id = ?")
			.param(job.get("id")).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void validOnlyWritesTheGoodRowsAndListsTheWrongOnes() throws Exception {
		RequestPostProcessor college1 = login("college1");
		String good = unique("G");
		Map<String, Object> job = importFile(college1, "有错.xlsx", fileWithEveryMistake(good, unique("D")), "VALID_ONLY", "SKIP");

		assertThat(job.get("status")).isEqualTo("DONE");
		assertThat(job.get("created")).isEqualTo(1);
		assertThat((int) job.get("errorCount")).isGreaterThanOrEqualTo(11);
		assertThat(membersWithStaff(good)).isEqualTo(1);
	}

	@Test
	void rowsOutsideTheImportersScopeAreErrorsNeverWrites() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		String elsewhere = unique("OS");
		// someone already registered in another college
		importFile(login("admin"), "他院.xlsx", SheetFiles.xlsx(List.of(header(),
				SheetFiles.row("他院人", elsewhere, "SFDX-JX-01", LocalDate.of(1999, 9, 9)))), "ALL_OR_NOTHING", "SKIP");
		assertThat(membersWithStaff(elsewhere)).isEqualTo(1);

		String mine = unique("OM");
		String theirs = unique("OT");
		byte[] file = SheetFiles.xlsx(List.of(header(), SheetFiles.row("本支部", mine, "SFDX-JSJ-01", LocalDate.of(1999, 1, 1)),
				SheetFiles.row("外支部", theirs, "SFDX-JX-01", LocalDate.of(1999, 1, 1)),
				SheetFiles.row("同院他支部", unique("OX"), "SFDX-JSJ-02", LocalDate.of(1999, 1, 1)),
				SheetFiles.row("已在他院", elsewhere, "SFDX-JSJ-01", LocalDate.of(1999, 9, 9))));

		Map<String, Object> job = importFile(branch1, "越权.xlsx", file, "VALID_ONLY", "SKIP");

		assertThat(job.get("status")).isEqualTo("DONE");
		assertThat(job.get("created")).isEqualTo(1);
		assertThat(job.get("skipped")).isEqualTo(0);
		assertThat(hasError(job, 3, "所在党组织", "不在您的管理范围")).isTrue();
		assertThat(hasError(job, 4, "所在党组织", "不在您的管理范围")).isTrue();
		assertThat(hasError(job, 5, "学号/工号", "组织关系转接")).isTrue();
		assertThat(membersWithStaff(mine)).isEqualTo(1);
		assertThat(membersWithStaff(theirs)).isZero();
		assertThat(jdbc.sql("select o.code from member m join organization o on o.id = m.organization_id where m.staff_number = ?")
			.param(elsewhere).query(String.class).single()).isEqualTo("SFDX-JX-01");
	}

	@Test
	void existingMembersAreSkippedOrUpdatedAndAnUpdateMovesTheirAccount() throws Exception {
		RequestPostProcessor college1 = login("college1");
		String staff = unique("U");
		List<Object> row = SheetFiles.row("孙更", staff, "SFDX-JSJ-01", LocalDate.of(1998, 8, 8));
		importFile(college1, "第一次.xlsx", SheetFiles.xlsx(List.of(header(), row)), "ALL_OR_NOTHING", "SKIP");

		Map<String, Object> skipped = importFile(college1, "第二次.xlsx", SheetFiles.xlsx(List.of(header(), row)),
				"ALL_OR_NOTHING", "SKIP");
		assertThat(skipped).containsEntry("status", "DONE").containsEntry("skipped", 1).containsEntry("created", 0);

		// what the file does not say is kept: the template has no 籍贯, and 毕业年份 is left empty
		jdbc.sql("update member set native_place = '江苏南京' where staff_number = ?").param(staff).update();
		row.set(8, "SFDX-JSJ-02");
		row.set(12, "13512340000");
		row.set(13, null);
		Map<String, Object> updated = importFile(college1, "第三次.xlsx", SheetFiles.xlsx(List.of(header(), row)),
				"ALL_OR_NOTHING", "UPDATE");
		assertThat(updated).containsEntry("status", "DONE").containsEntry("updated", 1).containsEntry("created", 0);
		long memberId = jdbc.sql("select id from member where staff_number = ?").param(staff).query(Long.class).single();
		assertThat(jdbc.sql("select phone_masked from member where id = ?").param(memberId).query(String.class).single())
			.isEqualTo("135****0000");
		assertThat(jdbc.sql("select native_place || '/' || graduation_year from member where id = ?").param(memberId)
			.query(String.class).single()).isEqualTo("江苏南京/2026");
		assertThat(jdbc.sql("""
				select o.code from account a join account_grant g on g.account_id = a.id join organization o on o.id = g.organization_id
				where a.username = ? and g.role = 'MEMBER'""").param(staff).query(String.class).list()).containsExactly("SFDX-JSJ-02");
		long until = System.currentTimeMillis() + 20_000;
		while (jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'ORGANIZATION_CORRECTED'")
			.param(memberId).query(Long.class).single() == 0 && System.currentTimeMillis() < until) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("select detail from record_entry where member_id = ? and kind = 'ORGANIZATION_CORRECTED'")
			.param(memberId).query(String.class).single()).contains("手机号").contains("所在党组织");
	}

	// ---- crashes and refused files ----

	@Test
	void aCrashHalfWayThroughWritingLeavesNothingOfTheFileBehind() throws Exception {
		RequestPostProcessor admin = login("admin");
		String crash = unique("CRASH");
		List<List<Object>> rows = new ArrayList<>();
		rows.add(header());
		List<String> staff = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			String s = i == 2400 ? crash : unique("H" + i + "-");
			staff.add(s);
			rows.add(SheetFiles.row("批量" + i, s, "SFDX-WX-01", LocalDate.of(1985, 1, 1).plusDays(i % 3000)));
		}
		// the database fails on the 2 401st member, after two batches of inserts went through
		jdbc.sql("""
				create or replace function member_crash_test() returns trigger language plpgsql as $$
				begin if new.staff_number = '%s' then raise exception 'disk full (test)'; end if; return new; end $$""".formatted(crash))
			.update();
		jdbc.sql("create trigger member_crash_test before insert on member for each row execute function member_crash_test()").update();
		try {
			Map<String, Object> job = importFile(admin, "大文件.xlsx", SheetFiles.xlsx(rows), "ALL_OR_NOTHING", "SKIP");
			assertThat(job.get("status")).isEqualTo("FAILED");
			assertThat(job.get("message").toString()).contains("未写入任何数据");
		}
		finally {
			jdbc.sql("drop trigger member_crash_test on member").update();
			jdbc.sql("drop function member_crash_test()").update();
		}
		assertThat(membersWithStaff(staff.toArray(String[]::new))).isZero();
		assertThat(accountsNamed(staff.toArray(String[]::new))).isZero();
	}

	@Test
	void theRowsAndTheJobsDoneCommitTogetherSoAStopBetweenThemCannotReportAWrittenFileAsFailed() throws Exception {
		RequestPostProcessor admin = login("admin");
		String a = unique("DONE");
		String file = unique("完成失败") + ".xlsx";
		// recording "done" fails after every row was written, as a stop between two commits would
		jdbc.sql("""
				create or replace function member_import_done_test() returns trigger language plpgsql as $$
				begin if new.status = 'DONE' and new.file_name = '%s' then raise exception 'stopped (test)'; end if;
				return new; end $$""".formatted(file)).update();
		jdbc.sql("create trigger member_import_done_test before update on member_import for each row "
				+ "execute function member_import_done_test()").update();
		try {
			Map<String, Object> job = importFile(admin, file,
					SheetFiles.xlsx(List.of(header(), SheetFiles.row("未完成", a, "SFDX-WX-01", LocalDate.of(1990, 1, 1)))),
					"ALL_OR_NOTHING", "SKIP");
			assertThat(job.get("status")).isEqualTo("FAILED");
			assertThat(job.get("message").toString()).contains("未写入任何数据");
		}
		finally {
			jdbc.sql("drop trigger member_import_done_test on member_import").update();
			jdbc.sql("drop function member_import_done_test()").update();
		}
		assertThat(membersWithStaff(a)).as("a file reported as not written has no row written").isZero();
		assertThat(accountsNamed(a)).isZero();
	}

	@Autowired
	ImportJobs jobs;

	@Test
	void aJobCutOffByAStopIsReportedAsFailed() throws Exception {
		long adminId = jdbc.sql("select id from account where username = 'admin'").query(Long.class).single();
		UUID id = UUID.randomUUID();
		jobs.create(id, adminId, "admin", "停机.xlsx", ImportJobs.Mode.ALL_OR_NOTHING, ImportJobs.OnExisting.SKIP);
		jdbc.sql("update member_import set heartbeat_at = now() - interval '10 minutes' where id = ?").param(id).update();
		// a job this instance still holds is kept alive by its heartbeat, queued or not
		jobs.heartbeat(Set.of(id));
		mvc.perform(get("/api/v1/members/imports/{id}", id).with(login("admin"))).andExpect(jsonPath("$.status").value("RUNNING"));
		jdbc.sql("update member_import set heartbeat_at = now() - interval '10 minutes' where id = ?").param(id).update();
		mvc.perform(get("/api/v1/members/imports/{id}", id).with(login("admin")))
			.andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.message").value(Matchers.containsString("中断")));
	}

	void refused(RequestPostProcessor who, String name, byte[] bytes, String messagePart) throws Exception {
		refusedAt(mvc, who, name, bytes, messagePart);
	}

	/** The upload is refused at once on the API: 400, the file named, the reason in the message. */
	static void refusedAt(org.springframework.test.web.servlet.MockMvc mvc, RequestPostProcessor who, String name, byte[] bytes,
			String messagePart) throws Exception {
		mvc.perform(multipart("/api/v1/members/imports").file(new MockMultipartFile("file", name, XLSX, bytes))
			.with(csrf()).with(who))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.message").value(Matchers.containsString(messagePart)));
	}

	@Test
	void filesThatAreNotSpreadsheetsOrAreLockedAreRefusedAtOnce() throws Exception {
		RequestPostProcessor admin = login("admin");
		refused(admin, "伪装.xlsx", "姓名,身份证号\n张三,1\n".getBytes(StandardCharsets.UTF_8), "不是 Excel");
		refused(admin, "空.xlsx", new byte[0], "空");
		ByteArrayOutputStream docx = new ByteArrayOutputStream();
		try (XWPFDocument doc = new XWPFDocument()) {
			doc.createParagraph().createRun().setText("党员名单");
			doc.write(docx);
		}
		refused(admin, "名单.xlsx", docx.toByteArray(), "不是 Excel");

		byte[] plain = SheetFiles.xlsx(List.of(header(), SheetFiles.row("加密", unique("P"), "SFDX-JSJ-01", LocalDate.of(1999, 1, 1))));
		POIFSFileSystem fs = new POIFSFileSystem();
		Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
		encryptor.confirmPassword("secret");
		try (OPCPackage opc = OPCPackage.open(new ByteArrayInputStream(plain)); OutputStream os = encryptor.getDataStream(fs)) {
			opc.save(os);
		}
		ByteArrayOutputStream locked = new ByteArrayOutputStream();
		fs.writeFilesystem(locked);
		refused(admin, "加密.xlsx", locked.toByteArray(), "密码");

		Biff8EncryptionKey.setCurrentUserPassword("secret");
		ByteArrayOutputStream lockedXls = new ByteArrayOutputStream();
		try (HSSFWorkbook book = new HSSFWorkbook()) {
			book.createSheet("党员").createRow(0).createCell(0).setCellValue("姓名");
			book.write(lockedXls);
		}
		finally {
			Biff8EncryptionKey.setCurrentUserPassword(null);
		}
		refused(admin, "加密.xls", lockedXls.toByteArray(), "密码");

		mvc.perform(multipart("/api/v1/members/imports").with(csrf()).with(admin))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
	}

	@Test
	void aSheetWithoutTheColumnsOrWithoutRowsFailsWithTheReason() throws Exception {
		RequestPostProcessor admin = login("admin");
		Map<String, Object> missing = importFile(admin, "缺列.xlsx",
				SheetFiles.xlsx(List.of(List.of("姓名", "身份证号", "性别"), List.of("张三", "1", "男"))), "ALL_OR_NOTHING", "SKIP");
		assertThat(missing.get("status")).isEqualTo("FAILED");
		assertThat(missing.get("message").toString()).contains("学号/工号").contains("所在党组织");
		Map<String, Object> empty = importFile(admin, "空表.xlsx", SheetFiles.xlsx(List.of(header())), "ALL_OR_NOTHING", "SKIP");
		assertThat(empty.get("message").toString()).contains("没有数据");
		Map<String, Object> noHeader = importFile(admin, "无表头.xlsx", SheetFiles.xlsx(List.of(List.of("随便"), List.of("什么"))),
				"ALL_OR_NOTHING", "SKIP");
		assertThat(noHeader.get("message").toString()).contains("表头");
	}

	@Test
	void anImportIsSeenOnlyByItsImporterAndMembersCannotImport() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		Map<String, Object> job = importFile(branch1, "一个.xlsx", SheetFiles.xlsx(List.of(header(),
				SheetFiles.row("只给自己看", unique("V"), "SFDX-JSJ-01", LocalDate.of(1997, 7, 7)))), "ALL_OR_NOTHING", "SKIP");
		long denied = jdbc.sql("select count(*) from audit_event where action = 'access.denied' and actor = 'admin'")
			.query(Long.class).single();
		mvc.perform(get("/api/v1/members/imports/{id}", job.get("id")).with(login("admin"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/members/imports/{id}/credentials", job.get("id")).with(csrf()).with(login("admin")))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'access.denied' and actor = 'admin'")
			.query(Long.class).single()).isGreaterThan(denied);
		mvc.perform(multipart("/api/v1/members/imports")
			.file(new MockMultipartFile("file", "x.xlsx", XLSX, SheetFiles.xlsx(List.of(header()))))
			.with(csrf()).with(login("member1")))
			.andExpect(status().isForbidden());
	}
}
