package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/** The question import over HTTP with real spreadsheets: all five types, every wrong cell, all or nothing, scope. */
class QuestionImportTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The header as offices type it: spaces and lower case in the option columns. */
	private static final List<String> HEADER = List.of("题型", "题干", "选项 A", "选项b", "选项C", "选项 D", "选项E", "选项F", "答案",
			"解析", "分值", "难度", "标签");

	@Autowired
	QuestionImports imports;

	private RequestPostProcessor branch;

	private long jsj;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		jsj = orgId("SFDX-JSJ-01");
	}

	private static byte[] sheet(Workbook book, List<List<Object>> rows) throws Exception {
		try (book; var out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet("试题");
			// a title row above the header, as offices often have
			sheet.createRow(0).createCell(0).setCellValue("计算机学院应知应会题库");
			Row head = sheet.createRow(1);
			for (int c = 0; c < HEADER.size(); c++) {
				head.createCell(c).setCellValue(HEADER.get(c));
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 2);
				for (int c = 0; c < rows.get(r).size(); c++) {
					Object v = rows.get(r).get(c);
					if (v instanceof Number n) {
						row.createCell(c).setCellValue(n.doubleValue());
					}
					else if (v != null) {
						row.createCell(c).setCellValue(v.toString());
					}
				}
			}
			book.write(out);
			return out.toByteArray();
		}
	}

	private static List<Object> row(String type, String text, List<String> options, String answer, Object score,
			Object difficulty, String tags) {
		List<Object> row = new ArrayList<>(Arrays.asList(type, text, null, null, null, null, null, null, answer,
				"解析：" + text, score, difficulty, tags));
		for (int i = 0; i < options.size(); i++) {
			row.set(2 + i, options.get(i));
		}
		return row;
	}

	private List<List<Object>> fiveTypes(String mark, String tag) {
		return List.of(
				row("单选题", mark + "党的根本组织原则是（　）。", List.of("民主集中制", "集体领导", "个人负责", "少数服从多数"), "A", 2, 1, tag + "、党章"),
				row("多选", mark + "党的纪律包括（　）。", List.of("政治纪律", "组织纪律", "舞台纪律", "群众纪律", "工作纪律"), "acd", 3, 2, tag),
				row("判断题", mark + "预备党员的预备期为两年。", List.of(), "错误", 1, null, tag + "，党章"),
				row("填空题", mark + "发展党员，必须把（　）放在首位，坚持（　）的原则。", List.of(), "政治标准；个别吸收|个别吸收原则", 2.5, 3, tag),
				row("SHORT", mark + "简述三会一课的内容。", List.of(), "支部党员大会、支部委员会、党小组会和党课", 10, 4, tag));
	}

	private ResultActions upload(RequestPostProcessor who, String fileName, byte[] bytes, Long orgId) throws Exception {
		var request = multipart("/api/v1/exam/questions/imports")
			.file(new MockMultipartFile("file", fileName, "application/octet-stream", bytes));
		if (orgId != null) {
			request.param("orgId", orgId.toString());
		}
		return mvc.perform(request.with(csrf()).with(who));
	}

	private static JsonNode json(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	private long written(String mark) {
		return jdbc.sql("select count(*) from exam_question where text like ?").param(mark + "%").query(Long.class).single();
	}

	@Test
	void aGoodFileWritesAllFiveTypesWithTheirKeys() throws Exception {
		String mark = unique("导入");
		long before = auditCount("exam.questions.import", "branch1");
		JsonNode result = json(upload(branch, "题库.xlsx", sheet(new XSSFWorkbook(), fiveTypes(mark, "应知应会")), jsj)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DONE"))
			.andExpect(jsonPath("$.rows").value(5))
			.andExpect(jsonPath("$.created").value(5))
			.andExpect(jsonPath("$.ids.length()").value(5)));
		List<JsonNode> questions = new ArrayList<>();
		for (JsonNode id : result.get("ids")) {
			questions.add(json(mvc.perform(get("/api/v1/exam/questions/{id}", id.asLong()).with(branch))
				.andExpect(status().isOk())));
		}
		assertThat(questions).extracting(q -> q.get("type").asText())
			.containsExactly("SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL", "SHORT");
		assertThat(questions.get(0).get("answer").asText()).isEqualTo("A");
		assertThat(questions.get(0).get("options").size()).isEqualTo(4);
		assertThat(questions.get(0).get("tags").toString()).isEqualTo("[\"应知应会\",\"党章\"]");
		assertThat(questions.get(1).get("answer").toString()).isEqualTo("[\"A\",\"C\",\"D\"]");
		assertThat(questions.get(1).get("options").size()).isEqualTo(5);
		assertThat(questions.get(2).get("answer").asBoolean()).isFalse();
		assertThat(questions.get(2).get("difficulty").asInt()).isEqualTo(3);
		assertThat(questions.get(3).get("answer").toString()).isEqualTo("[[\"政治标准\"],[\"个别吸收\",\"个别吸收原则\"]]");
		assertThat(new java.math.BigDecimal(questions.get(3).get("score").asText())).isEqualByComparingTo("2.5");
		assertThat(questions.get(4).get("answer").asText()).startsWith("支部党员大会");
		assertThat(questions).allSatisfy(q -> assertThat(q.get("orgId").asLong()).isEqualTo(jsj));
		assertThat(auditCount("exam.questions.import", "branch1")).isEqualTo(before + 1);
	}

	@Test
	void wrongCellsAreNamedByRowAndColumnAndNothingIsWritten() throws Exception {
		String mark = unique("错误");
		List<List<Object>> rows = new ArrayList<>(fiveTypes(mark, "错误表"));
		rows.add(row("单选题", mark + "答案字母超出选项", List.of("甲", "乙", "丙", "丁"), "E", 2, 2, null)); // row 8
		rows.add(row("判断题", null, List.of(), "正确", 1, 1, null)); // row 9: no 题干
		rows.add(row("判断题", mark + "难度写错了", List.of(), "正确", 1, "很难", null)); // row 10
		rows.add(row("多选题", mark + "难度超出范围", List.of("甲", "乙"), "AB", 1, 9, null)); // row 11
		JsonNode result = json(upload(branch, "有错.xlsx", sheet(new XSSFWorkbook(), rows), jsj)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.rows").value(9))
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.message").isNotEmpty()));
		List<String> found = new ArrayList<>();
		result.get("errors").forEach(e -> found.add(e.get("row").asInt() + " " + e.get("column").asText() + " "
				+ e.get("cell").asText()));
		assertThat(found).containsExactly("8 答案 I8", "9 题干 B9", "10 难度 L10", "11 难度 L11");
		assertThat(result.get("errors").get(0).get("message").asText()).contains("A 至 D");
		assertThat(result.get("errors").get(1).get("message").asText()).isEqualTo("请填写题干");
		assertThat(written(mark)).as("nothing of a file with a wrong cell is written").isZero();
		// the same wrong cells as a sheet, to send back to whoever filled the file in
		byte[] errors = mvc.perform(multipart("/api/v1/exam/questions/imports/errors.xlsx")
			.file(new MockMultipartFile("file", "有错.xlsx", "application/octet-stream", sheet(new XSSFWorkbook(), rows)))
			.param("orgId", Long.toString(jsj))
			.with(csrf())
			.with(branch)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(errors))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(4);
			assertThat(book.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo("I8");
		}
		assertThat(written(mark)).isZero();
	}

	@Test
	void anOldXlsFileImportsToo() throws Exception {
		String mark = unique("旧版");
		upload(branch, "题库.xls", sheet(new HSSFWorkbook(), fiveTypes(mark, "旧版")), jsj)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.created").value(5));
		assertThat(written(mark)).isEqualTo(5);
	}

	@Test
	void aFileThatIsNoSpreadsheetIsRefusedOnTheFileField() throws Exception {
		upload(branch, "题库.xlsx", "题型,题干\n单选题,什么".getBytes(StandardCharsets.UTF_8), jsj)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("Excel")));
		upload(branch, "空.xlsx", new byte[0], jsj).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		// a spreadsheet with the wrong header
		try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			book.createSheet("名单").createRow(0).createCell(0).setCellValue("姓名");
			book.write(out);
			upload(branch, "名单.xlsx", out.toByteArray(), jsj).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("file"));
		}
		upload(branch, "题库.xlsx", sheet(new XSSFWorkbook(), fiveTypes(unique("无组织"), "x")), null)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("orgId"));
	}

	@Test
	void theTemplateHasTheHeaderAnExamplePerTypeAndInstructions() throws Exception {
		byte[] template = mvc.perform(get("/api/v1/exam/questions/template.xlsx").with(branch))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(template))) {
			Sheet sheet = book.getSheetAt(0);
			List<String> header = new ArrayList<>();
			sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
			assertThat(header).containsExactly("题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析",
					"分值", "难度", "标签");
			assertThat(sheet.getLastRowNum()).isEqualTo(5);
			Set<String> types = new TreeSet<>();
			for (int r = 1; r <= 5; r++) {
				types.add(sheet.getRow(r).getCell(0).getStringCellValue());
			}
			assertThat(types).containsExactlyInAnyOrder("单选题", "多选题", "判断题", "填空题", "简答题");
			assertThat(book.getSheet("说明")).isNotNull();
		}
		// the examples are left out: the untouched template holds no question
		upload(branch, "试题导入模板.xlsx", template, jsj).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(get("/api/v1/exam/questions/template.xlsx").with(login("member1"))).andExpect(status().isForbidden());
	}

	@Test
	void anExportImportsAgainAsTheSameQuestions() throws Exception {
		String tag = unique("往返");
		upload(branch, "题库.xlsx", sheet(new XSSFWorkbook(), fiveTypes(unique("往返"), tag)), jsj)
			.andExpect(status().isCreated());
		byte[] export = mvc.perform(get("/api/v1/exam/questions/export.xlsx").param("tag", tag).with(branch))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		upload(branch, "导出.xlsx", export, jsj).andExpect(status().isCreated())
			.andExpect(jsonPath("$.created").value(5));
		JsonNode all = json(mvc.perform(get("/api/v1/exam/questions").param("tag", tag).with(branch)));
		assertThat(all.get("totalElements").asInt()).isEqualTo(10);
		List<String> shapes = new ArrayList<>();
		for (JsonNode q : all.get("content")) {
			shapes.add(String.join("|", q.get("type").asText(), q.get("text").asText(), q.get("options").toString(),
					q.get("answer").toString(), new java.math.BigDecimal(q.get("score").asText()).stripTrailingZeros().toPlainString(),
					q.get("explanation").asText(), q.get("tags").toString(), q.get("difficulty").asText()));
		}
		// every question twice: once imported, once re-imported from the export
		assertThat(new TreeSet<>(shapes)).hasSize(5);
	}

	@Test
	void onlyThoseWhoManageTheOrganisationImportIntoIt() throws Exception {
		String mark = unique("越权");
		byte[] file = sheet(new XSSFWorkbook(), fiveTypes(mark, "越权"));
		upload(login("branch2"), "题库.xlsx", file, jsj).andExpect(status().isNotFound());
		upload(login("member1"), "题库.xlsx", file, jsj).andExpect(status().isNotFound());
		assertThat(written(mark)).isZero();
		mvc.perform(multipart("/api/v1/exam/questions/imports")
			.file(new MockMultipartFile("file", "题库.xlsx", "application/octet-stream", file))
			.param("orgId", Long.toString(jsj))
			.with(branch)).andExpect(status().isForbidden());
	}

	@Test
	void theTsvReaderLoadsAllOrNothing() {
		long college = orgId("SFDX-JSJ");
		Caller admin = new Caller(0L, "college1", "college1", List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, college)));
		String mark = unique("文本");
		String good = "题型\t题干\t选项A\t选项B\t答案\t分值\t难度\t标签\n" + "单选\t" + mark + "一\t甲\t乙\tB\t2\t\t党章\n" + "判断\t" + mark
				+ "二\t\t\t正确\t1\t1\t党史\n";
		assertThat(imports.loadTsv(admin, college, new ByteArrayInputStream(good.getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(2);
		assertThat(written(mark)).isEqualTo(2);
		String bad = good.replace(mark, mark + "坏") + "单选\t" + mark + "坏三\t甲\t乙\tC\t2\t\t\n";
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> imports.loadTsv(admin, college,
					new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("E4");
		assertThat(written(mark + "坏")).isZero();
	}

	@Test
	void anEncryptedFileAWordFileAndAFileTooLongAreRefusedOnTheFileField() throws Exception {
		byte[] plain = sheet(new XSSFWorkbook(), fiveTypes(unique("加密"), "加密"));
		org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
		org.apache.poi.poifs.crypt.Encryptor encryptor = new org.apache.poi.poifs.crypt.EncryptionInfo(
				org.apache.poi.poifs.crypt.EncryptionMode.agile).getEncryptor();
		encryptor.confirmPassword("secret");
		try (var opc = org.apache.poi.openxml4j.opc.OPCPackage.open(new ByteArrayInputStream(plain));
				var os = encryptor.getDataStream(fs)) {
			opc.save(os);
		}
		ByteArrayOutputStream locked = new ByteArrayOutputStream();
		fs.writeFilesystem(locked);
		upload(branch, "加密.xlsx", locked.toByteArray(), jsj).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("密码")));
		ByteArrayOutputStream docx = new ByteArrayOutputStream();
		try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
			doc.createParagraph().createRun().setText("试题");
			doc.write(docx);
		}
		upload(branch, "试题.xlsx", docx.toByteArray(), jsj).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		String mark = unique("超长");
		List<List<Object>> many = new ArrayList<>();
		for (int i = 0; i <= 2000; i++) {
			many.add(row("判断题", mark + i, List.of(), "正确", 1, 1, null));
		}
		upload(branch, "很长.xlsx", sheet(new XSSFWorkbook(), many), jsj).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("2000")));
		assertThat(written(mark)).isZero();
	}
}
