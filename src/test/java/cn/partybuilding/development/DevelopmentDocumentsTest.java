package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/**
 * The development documents: filled from a person's facts (one by one, as a ZIP, a batch, the file as a PDF),
 * and the committee's replaceable templates over the API and the page.
 */
class DevelopmentDocumentsTest extends PlatformTest {

	@Autowired
	DevelopmentDocuments documents;

	@AfterEach
	void defaultsAgain() {
		jdbc.sql("delete from development_template").update();
	}

	static DocumentFacts facts(String name, String staffNumber) {
		Map<Integer, DocumentFacts.StepFacts> steps = Map.of(
				1, step(1, LocalDate.of(2024, 3, 1), "张伟", null, List.of(), null, null),
				2, step(2, LocalDate.of(2024, 3, 20), "张伟", "入党动机端正，对党的认识较深刻。", List.of(), null, null),
				3, step(3, LocalDate.of(2024, 9, 10), "张伟", "团组织推优", List.of("黄丽", "周强"), null, null),
				12, new DocumentFacts.StepFacts(12, LocalDate.of(2025, 10, 13), "张伟", "同意", null, List.of(), null, null, null,
						null, null),
				15, step(15, LocalDate.of(2025, 10, 27), "张伟", "同意接收为预备党员", List.of(),
						new BranchVote(31, 28, 27, 1, 0, 2, 0), null));
		return new DocumentFacts(7, name, "女", "汉族", LocalDate.of(2004, 5, 6), staffNumber, "学生", "本科", "13800000000",
				"计算机学院本科生第一党支部", "计算机学院", LocalDate.of(2024, 3, 1), Stage.PROBATIONARY, LocalDate.of(2025, 10, 27),
				LocalDate.of(2026, 10, 27), steps);
	}

	static DocumentFacts.StepFacts step(int n, LocalDate date, String actor, String note, List<String> people, BranchVote vote,
			Integer extension) {
		return new DocumentFacts.StepFacts(n, date, actor, note, null, people, null, null, vote, extension, null);
	}

	@Test
	void thePlaceholdersSayWhatWasRecordedAsFormsWriteIt() {
		Map<String, String> v = documents.placeholders(facts("张三", "2022001"));
		assertThat(v).containsEntry("name", "张三").containsEntry("birthDate", "2004年5月6日")
			.containsEntry("branch", "计算机学院本科生第一党支部").containsEntry("stage", "预备党员")
			.containsEntry("joinDate", "2025年10月27日").containsEntry("probationEnds", "2026年10月27日")
			.containsEntry("s02.date", "2024年3月20日").containsEntry("s03.people", "黄丽、周强")
			.containsEntry("s15.vote.expected", "31").containsEntry("s15.vote.writtenYes", "2")
			// the 公示 of the default 7 days from step 12's date: its last day
			.containsEntry("s12.noticeFrom", "2025年10月13日").containsEntry("s12.noticeUntil", "2025年10月19日")
			.containsKey("today").doesNotContainKey("s01.note").doesNotContainKey("s04.date");
		assertThat(v.get("s15.vote.outcome")).contains("赞成 29 票", "决议通过");
		assertThat(v.keySet()).allSatisfy(n -> assertThat(DevelopmentDocuments.known(n)).as(n).isTrue());
	}

	@Test
	void aStepsDocumentOnlyWhenTheStepIsDoneAndHasATemplate() throws IOException {
		DocumentFacts facts = facts("张三", "2022001");
		String talk = text(documents.document(facts, 2).orElseThrow());
		assertThat(talk).contains("谈话记实表", "张三", "2024年3月20日", "入党动机端正").doesNotContain("{{");
		assertThat(documents.document(facts, 4)).as("not done").isEmpty();
		assertThat(documents.document(facts, 1)).as("no template").isEmpty();
		String vote = text(documents.document(facts, 15).orElseThrow());
		assertThat(vote).contains("31", "决议通过");
	}

	@Test
	void aPersonsDocumentsAsAZipAndABatchWithAFolderEach() throws IOException {
		Map<String, byte[]> one = unzip(documents.zip(facts("张三", "2022001")));
		assertThat(one.keySet()).containsExactly("02-谈话记实表-张三.docx", "03-入党积极分子推荐表-张三.docx", "12-发展对象公示-张三.docx",
				"15-支部大会决议-张三.docx");
		assertThat(text(one.get("12-发展对象公示-张三.docx"))).contains("2025年10月13日至2025年10月19日");

		Map<String, byte[]> batch = unzip(documents.zipBatch(
				List.of(facts("张三", "2022001"), facts("张三", "2022002"), facts("李/四", "2022003"))));
		assertThat(batch.keySet()).contains("张三-2022001/", "张三-2022001/02-谈话记实表-张三.docx", "张三-2022002/15-支部大会决议-张三.docx",
				"李_四-2022003/03-入党积极分子推荐表-李_四.docx");
	}

	@Test
	void theWholeFileAsOnePdfForTheArchive() throws IOException {
		byte[] pdf = documents.filePdf(facts("张三", "2022001"), List.of("入党申请书.pdf", "思想汇报（2024年第三季度）.docx"));
		try (PDDocument read = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(read);
			assertThat(text).contains("张三", "预备党员", "计算机学院本科生第一党支部", "递交入党申请书", "党组织派人谈话", "材料归档",
					"2024年3月20日", "入党动机端正", "黄丽、周强", "未办理", "入党申请书.pdf", "思想汇报（2024年第三季度）.docx", "应到 31 人");
		}
		try (PDDocument read = Loader.loadPDF(documents.filePdf(facts("张三", "2022001"), List.of()))) {
			assertThat(new PDFTextStripper().getText(read)).contains("无附件");
		}
	}

	@Test
	void theCommitteeReplacesAStepsTemplateAndResetsIt() throws Exception {
		RequestPostProcessor admin = login("province");
		long uploads = auditCount("development.template.upload", "province");
		byte[] mine = docx("我校谈话记录：{{name}}，{{s02.date}}，{{nmae}}", "{{branch}}");

		upload(admin, 2, "我校谈话表.docx", mine).andExpect(status().isOk())
			.andExpect(jsonPath("$.custom").value(true))
			.andExpect(jsonPath("$.fileName").value("我校谈话表.docx"))
			.andExpect(jsonPath("$.placeholders", Matchers.contains("name", "s02.date", "nmae", "branch")))
			.andExpect(jsonPath("$.unknown", Matchers.contains("nmae")));
		assertThat(auditCount("development.template.upload", "province")).isEqualTo(uploads + 1);

		mvc.perform(get("/api/v1/development/templates").with(admin)).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(25))
			.andExpect(jsonPath("$[1].step").value(2))
			.andExpect(jsonPath("$[1].custom").value(true))
			.andExpect(jsonPath("$[2].custom").value(false))
			.andExpect(jsonPath("$[2].hasDefault").value(true))
			.andExpect(jsonPath("$[0].hasDefault").value(false));
		byte[] downloaded = mvc.perform(get("/api/v1/development/templates/2.docx").with(admin)).andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", Matchers.containsString("filename*=UTF-8''")))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(downloaded).isEqualTo(mine);

		// the documents are written from the upload now
		String talk = text(documents.document(facts("张三", "2022001"), 2).orElseThrow());
		assertThat(talk).contains("我校谈话记录：张三，2024年3月20日，" + DocxFiller.BLANK, "计算机学院本科生第一党支部");

		mvc.perform(delete("/api/v1/development/templates/2").with(admin).with(csrf().asHeader())).andExpect(status().isOk())
			.andExpect(jsonPath("$.custom").value(false)).andExpect(jsonPath("$.fileName").value("step-02.docx"));
		assertThat(auditCount("development.template.reset", "province")).isPositive();
		byte[] back = mvc.perform(get("/api/v1/development/templates/2.docx").with(admin)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(back).isEqualTo(DevelopmentTemplatesTest.shipped(2));

		// a step without a default can get one, and then writes its document
		upload(admin, 20, "宣誓.docx", docx("{{name}}于{{s20.date}}入党宣誓", null)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/development/templates/1.docx").with(admin)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/development/templates/26.docx").with(admin)).andExpect(status().isNotFound());
	}

	@Test
	void whatIsNotAWordDocumentIsRefusedSayingWhy() throws Exception {
		RequestPostProcessor admin = login("province");
		upload(admin, 2, "谈话.docx", "%PDF-1.4 not a docx".getBytes()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.message", Matchers.containsString(".docx")));
		upload(admin, 2, "谈话.docx", zip("word/other.xml", "<x/>")).andExpect(status().isBadRequest());
		upload(admin, 2, "谈话.docx", zip("word/document.xml", "not xml at all")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", Matchers.containsString("Word")));
		upload(admin, 2, "谈话.docx", new byte[0]).andExpect(status().isBadRequest());
		upload(admin, 26, "谈话.docx", docx("{{name}}", null)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from development_template").query(Long.class).single()).isZero();
	}

	@Test
	void onlyTheCommitteeManagesTemplates() throws Exception {
		// the templates are the platform's: at a province the 教育工委's, not a school's 党委 (admin)
		for (String who : List.of("branch1", "college1", "admin")) {
			RequestPostProcessor session = login(who);
			mvc.perform(get("/api/v1/development/templates").with(session)).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/development/templates/2.docx").with(session)).andExpect(status().isForbidden());
			upload(session, 2, "谈话.docx", docx("{{name}}", null)).andExpect(status().isForbidden());
			mvc.perform(delete("/api/v1/development/templates/2").with(session).with(csrf().asHeader()))
				.andExpect(status().isForbidden());
			mvc.perform(get("/development/templates").with(session)).andExpect(status().isForbidden());
		}
		assertThat(jdbc.sql("select count(*) from development_template").query(Long.class).single()).isZero();
	}

	@Test
	void theCommitteesPageListsUploadsAndResets() throws Exception {
		RequestPostProcessor admin = login("province");
		mvc.perform(get("/development/templates").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("谈话记实表"), Matchers.containsString("s02.date"), Matchers.containsString("{{sNN.date}}"),
					Matchers.containsString("{{sNN.vote.outcome}}"), Matchers.containsString("/api/v1/development/templates/2.docx"))));
		mvc.perform(multipart("/development/templates/3").file(new MockMultipartFile("file", "a.docx", "application/octet-stream",
				"MZ".getBytes())).with(admin).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("templateError", Matchers.containsString(".docx")));
		mvc.perform(multipart("/development/templates/3").file(new MockMultipartFile("file", "推优表.docx",
				"application/octet-stream", docx("{{name}} {{typo}}", null))).with(admin).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("notice", Matchers.containsString("推优表.docx")));
		mvc.perform(get("/development/templates").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("推优表.docx"), Matchers.containsString("typo"))));
		mvc.perform(post("/development/templates/3/reset").with(admin).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from development_template").query(Long.class).single()).isZero();
	}

	private ResultActions upload(RequestPostProcessor who, int step, String name, byte[] bytes) throws Exception {
		return mvc.perform(multipart(HttpMethod.PUT, "/api/v1/development/templates/{step}", step)
			.file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
			.with(who).with(csrf().asHeader()));
	}

	/** A real Word file: the body text (the placeholder split over two runs), and a header when given. */
	static byte[] docx(String body, String header) throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFParagraph p = document.createParagraph();
		int half = body.length() / 2;
		DocxFillerTest.run(p, body.substring(0, half), true, false);
		DocxFillerTest.run(p, body.substring(half), false, false);
		if (header != null) {
			document.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun().setText(header);
		}
		return DocxFillerTest.bytes(document);
	}

	private static byte[] zip(String entry, String text) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry(entry));
			zip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	private static String text(byte[] docx) throws IOException {
		try (XWPFDocument document = DocxFillerTest.open(docx); XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
			return extractor.getText();
		}
	}

	private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
		Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
			ZipEntry e;
			while ((e = zip.getNextEntry()) != null) {
				entries.put(e.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}
}
