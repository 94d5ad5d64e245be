package cn.partybuilding.member;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Probe 9: files that are not spreadsheets — a zip bomb, XXE, a cut-off zip, a PDF renamed .xlsx — are refused
 * at upload with their own reason, on the API (JSON 400) and the upload page (the form comes back with it);
 * and the probation rules of an import row, with the 历史记录 column.
 */
class MemberImportRefusalTest extends PlatformTest {

	static final String XLSX = MemberSheet.XLSX;

	Map<String, Object> importFile(RequestPostProcessor who, String fileName, byte[] bytes, String mode, String onExisting)
			throws Exception {
		String location = mvc.perform(multipart("/api/v1/members/imports")
			.file(new MockMultipartFile("file", fileName, XLSX, bytes)).param("mode", mode).param("onExisting", onExisting)
			.with(csrf()).with(who))
			.andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
		long until = System.currentTimeMillis() + 120_000;
		while (true) {
			Map<String, Object> job = JsonPath.read(mvc.perform(get(location).with(who)).andReturn().getResponse()
				.getContentAsString(), "$");
			if (!"RUNNING".equals(job.get("status")) || System.currentTimeMillis() > until) {
				return job;
			}
			Thread.sleep(100);
		}
	}

	static List<Object> header() {
		return new ArrayList<>(SheetFiles.HEADER);
	}

	long membersWithStaff(String staff) {
		return jdbc.sql("select count(*) from member where staff_number = ?").param(staff).query(Long.class).single();
	}

	static boolean hasError(Map<String, Object> job, int row, String column, String messagePart) {
		return MemberImportTest.hasError(job, row, column, messagePart);
	}

	void refused(RequestPostProcessor who, String name, byte[] bytes, String messagePart) throws Exception {
		MemberImportTest.refusedAt(mvc, who, name, bytes, messagePart);
	}

	static final String SHEET = "xl/worksheets/sheet1.xml";

	/** A real workbook with one part replaced. */
	static byte[] withPart(byte[] xlsx, String part, UnaryOperator<byte[]> change) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx)); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				byte[] data = in.readAllBytes();
				zip.putNextEntry(new ZipEntry(e.getName()));
				zip.write(e.getName().equals(part) ? change.apply(data) : data);
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	/** Written by the non-streaming workbook, whose zip entries carry their sizes (ZipInputStream reads them). */
	byte[] goodFile() throws IOException {
		try (XSSFWorkbook book = new XSSFWorkbook()) {
			return SheetFiles.write(book, List.of(header(),
					SheetFiles.row("炸弹", unique("ZB"), "SFDX-JSJ-01", LocalDate.of(1999, 1, 1))));
		}
	}

	/** A valid workbook whose sheet XML unpacks to 32 MB from well under a megabyte (blank rows after the data). */
	byte[] zipBomb() throws IOException {
		return withPart(goodFile(), SHEET, xml -> {
			String text = new String(xml, StandardCharsets.UTF_8);
			int end = text.indexOf("</sheetData>");
			byte[] padding = new byte[32 * 1024 * 1024];
			Arrays.fill(padding, (byte) ' ');
			ByteArrayOutputStream b = new ByteArrayOutputStream(padding.length + xml.length);
			b.writeBytes(text.substring(0, end).getBytes(StandardCharsets.UTF_8));
			b.writeBytes(padding);
			b.writeBytes(text.substring(end).getBytes(StandardCharsets.UTF_8));
			return b.toByteArray();
		});
	}

	/** The sheet XML declares an external entity and uses it in a cell. */
	byte[] xxe() throws IOException {
		return withPart(goodFile(), SHEET, xml -> {
			String text = new String(xml, StandardCharsets.UTF_8);
			int root = text.indexOf("<worksheet");
			return (text.substring(0, root) + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
					+ text.substring(root).replace("炸弹", "&xxe;")).getBytes(StandardCharsets.UTF_8);
		});
	}

	byte[] truncated() throws IOException {
		byte[] good = goodFile();
		return Arrays.copyOf(good, good.length * 2 / 3);
	}

	static byte[] pdf() {
		return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
	}

	void refusedOnThePage(RequestPostProcessor who, String name, byte[] bytes, String messagePart) throws Exception {
		mvc.perform(multipart("/members/import").file(new MockMultipartFile("file", name, XLSX, bytes)).with(csrf()).with(who))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString(messagePart)));
	}

	@Test
	@DisplayName("Probe 9: zip bombs, XXE, cut-off zips and a PDF renamed .xlsx are refused at upload with the reason")
	void filesThatAreNotSpreadsheetsAreRefusedAtUploadWithTheSpecificReason() throws Exception {
		RequestPostProcessor admin = login("admin");
		long jobsBefore = jdbc.sql("select count(*) from member_import").query(Long.class).single();
		byte[] bomb = zipBomb();
		assertThat(bomb.length).as("the bomb is small").isLessThan(1024 * 1024);
		Map<String, byte[]> files = Map.of("不是 Excel 文件", pdf(), "文件已损坏（压缩包不完整）", truncated(), "文件展开后过大", bomb,
				"文件含外部实体", xxe());
		for (var file : files.entrySet()) {
			refused(admin, "党员.xlsx", file.getValue(), file.getKey());
			refusedOnThePage(admin, "党员.xlsx", file.getValue(), file.getKey());
		}
		assertThat(jdbc.sql("select count(*) from member_import").query(Long.class).single()).as("no job was started")
			.isEqualTo(jobsBefore);
		// the same workbook without the bomb or the DTD goes through
		mvc.perform(multipart("/api/v1/members/imports").file(new MockMultipartFile("file", "好.xlsx", XLSX, goodFile()))
			.with(csrf()).with(admin)).andExpect(status().isAccepted());
	}

	@Test
	@DisplayName("发展党员工作细则 in imports: a row outside the probation rules is refused unless marked 历史记录, then imported with a warning")
	void anImportRowOutsideTheProbationRulesIsRefusedUnlessMarkedAsAHistoricalRecord() throws Exception {
		RequestPostProcessor college1 = login("college1");
		String wrong = unique("HW");
		String marked = unique("HM");
		String onTime = unique("HT");
		List<Object> rowWrong = SheetFiles.row("未标记", wrong, "SFDX-JSJ-01", LocalDate.of(1980, 2, 2));
		rowWrong.set(11, LocalDate.of(2001, 2, 3)); // joined 2000-02-02
		List<Object> rowMarked = SheetFiles.row("旧档案", marked, "SFDX-JSJ-01", LocalDate.of(1980, 3, 3));
		rowMarked.set(11, LocalDate.of(2003, 9, 1)); // joined 2000-03-03, converted late
		rowMarked.add("是");
		List<Object> rowOnTime = SheetFiles.row("按期", onTime, "SFDX-JSJ-01", LocalDate.of(1980, 4, 4));
		rowOnTime.add("否");
		List<Object> head = header();
		assertThat(head).contains("历史记录");
		Map<String, Object> job = importFile(college1, "旧档案.xlsx",
				SheetFiles.xlsx(List.of(head, rowWrong, rowMarked, rowOnTime)), "VALID_ONLY", "SKIP");

		assertThat(job.get("status")).as(String.valueOf(job)).isEqualTo("DONE");
		assertThat(job).containsEntry("created", 2).containsEntry("errorCount", 1).containsEntry("warningCount", 1);
		assertThat(hasError(job, 2, "转正日期", "预备期")).as(String.valueOf(job)).isTrue();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> warnings = (List<Map<String, Object>>) job.get("warnings");
		assertThat(warnings).singleElement().satisfies(w -> {
			assertThat(w).containsEntry("row", 3).containsEntry("column", "转正日期");
			assertThat(w.get("message").toString()).contains("历史记录").contains("2001-03-03");
		});
		assertThat(membersWithStaff(wrong)).isZero();
		long id = jdbc.sql("select id from member where staff_number = ?").param(marked).query(Long.class).single();
		mvc.perform(get("/api/v1/members/{id}", id).with(college1)).andExpect(jsonPath("$.lateConversion").value(true));
		mvc.perform(get("/members/imports/{id}", job.get("id")).with(college1))
			.andExpect(content().string(Matchers.containsString("id=\"import-warnings\"")))
			.andExpect(content().string(Matchers.containsString("id=\"import-errors\"")));
		// the polled fragment too
		mvc.perform(get("/members/imports/{id}/progress", job.get("id")).with(college1))
			.andExpect(content().string(Matchers.containsString("id=\"import-warnings\"")))
			.andExpect(content().string(Matchers.containsString("2001-03-03")));
	}
}
