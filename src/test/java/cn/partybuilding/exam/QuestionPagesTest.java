package cn.partybuilding.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/** The bank's pages for a branch secretary: list, import with its error table, the form keeping what was typed. */
class QuestionPagesTest extends PlatformTest {

	private RequestPostProcessor branch;

	private long jsj;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		jsj = orgId("SFDX-JSJ-01");
	}

	private Document page(org.springframework.test.web.servlet.RequestBuilder request, int status) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	@Test
	void theBankListsWithFiltersExportTemplateAndMenu() throws Exception {
		String text = unique("列表题");
		mvc.perform(post("/exam/questions/new").with(csrf()).with(branch).param("type", "TRUE_FALSE").param("text", text)
			.param("answer", "正确").param("score", "1").param("difficulty", "2").param("tags", "党章、列表")
			.param("orgId", Long.toString(jsj))).andExpect(status().is3xxRedirection());
		Document list = page(get("/exam/questions").param("text", text).with(branch), 200);
		assertThat(list.select("#questions tbody tr")).hasSize(1);
		assertThat(list.select("#questions tbody tr").text()).contains(text, "判断题");
		assertThat(list.select("#export-questions").attr("href")).startsWith("/api/v1/exam/questions/export.xlsx")
			.contains("text=");
		assertThat(list.select("#template").attr("href")).isEqualTo("/api/v1/exam/questions/template.xlsx");
		assertThat(list.select("a[href=/exam/questions]").text()).contains("题库");
		assertThat(list.select("script:not([src])")).as("no inline script").isEmpty();
		Document empty = page(get("/exam/questions").param("text", unique("没有这道题")).with(branch), 200);
		assertThat(empty.select("#empty")).hasSize(1);
		page(get("/exam/questions").with(login("member1")), 403);
	}

	@Test
	void aFormWithErrorsComesBackAsTypedWithTheErrorBesideTheField() throws Exception {
		String text = unique("保留的题干");
		Document form = page(post("/exam/questions/new").with(csrf()).with(branch).param("type", "SINGLE")
			.param("text", text).param("optionA", "甲").param("optionB", "乙").param("answer", "D").param("score", "2")
			.param("difficulty", "3").param("tags", "党章").param("orgId", Long.toString(jsj)), 200);
		assertThat(form.select("#text").text()).isEqualTo(text);
		assertThat(form.select("#optionB").val()).isEqualTo("乙");
		assertThat(form.select("#answer").hasClass("is-invalid")).isTrue();
		assertThat(form.select("#answer ~ .invalid-feedback").text()).contains("A 至 B");
		assertThat(form.select("#orgId option[selected]").val()).isEqualTo(Long.toString(jsj));
		Document gap = page(post("/exam/questions/new").with(csrf()).with(branch).param("type", "MULTIPLE")
			.param("text", text).param("optionA", "甲").param("optionC", "丙").param("answer", "AC").param("score", "2")
			.param("orgId", Long.toString(jsj)), 200);
		assertThat(gap.select("#options-error").text()).isNotEmpty();
		assertThat(jdbc.sql("select count(*) from exam_question where text = ?").param(text).query(Long.class).single())
			.isZero();
	}

	@Test
	void aQuestionIsEditedAndRetired() throws Exception {
		String text = unique("可改的题");
		String location = mvc.perform(post("/exam/questions/new").with(csrf()).with(branch).param("type", "FILL")
			.param("text", text).param("answer", "税|税收；党支部").param("score", "2").param("orgId", Long.toString(jsj)))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).isEqualTo("/exam/questions");
		long id = jdbc.sql("select id from exam_question where text = ?").param(text).query(Long.class).single();
		Document edit = page(get("/exam/questions/{id}", id).with(branch), 200);
		assertThat(edit.select("#answer").text()).isEqualTo("税|税收；党支部");
		assertThat(edit.select("#save-question")).hasSize(1);
		assertThat(edit.select("#used")).isEmpty();
		mvc.perform(post("/exam/questions/{id}", id).with(csrf()).with(branch).param("type", "FILL")
			.param("text", text + "改").param("answer", "税").param("score", "3").param("orgId", Long.toString(jsj)))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select score from exam_question where id = ?").param(id).query(java.math.BigDecimal.class)
			.single()).isEqualByComparingTo("3");
		mvc.perform(post("/exam/questions/{id}/retire", id).with(csrf()).with(branch))
			.andExpect(status().is3xxRedirection());
		Document retired = page(get("/exam/questions/{id}", id).with(branch), 200);
		assertThat(retired.select("#retired-note")).hasSize(1);
		assertThat(retired.select("#save-question")).isEmpty();
		// another college's secretary does not see it
		page(get("/exam/questions/{id}", id).with(login("branch2")), 404);
	}

	@Test
	void aFailedImportShowsEveryWrongCellAndKeepsTheOrganisation() throws Exception {
		String tsvAsXlsx = "not a spreadsheet";
		Document notSheet = page(multipart("/exam/questions/imports")
			.file(new MockMultipartFile("file", "题库.xlsx", "application/octet-stream", tsvAsXlsx.getBytes()))
			.param("orgId", Long.toString(jsj)).with(csrf()).with(branch), 200);
		assertThat(notSheet.select("#file.is-invalid")).hasSize(1);
		assertThat(notSheet.select("#orgId option[selected]").val()).isEqualTo(Long.toString(jsj));
		byte[] bad;
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
			var sheet = book.createSheet("试题");
			String[] head = { "题型", "题干", "选项A", "选项B", "答案", "分值", "难度" };
			var row = sheet.createRow(0);
			for (int c = 0; c < head.length; c++) {
				row.createCell(c).setCellValue(head[c]);
			}
			String[] cells = { "单选题", unique("坏题"), "甲", "乙", "C", "2", "6" };
			row = sheet.createRow(1);
			for (int c = 0; c < cells.length; c++) {
				row.createCell(c).setCellValue(cells[c]);
			}
			book.write(out);
			bad = out.toByteArray();
		}
		Document failed = page(multipart("/exam/questions/imports")
			.file(new MockMultipartFile("file", "题库.xlsx", "application/octet-stream", bad))
			.param("orgId", Long.toString(jsj)).with(csrf()).with(branch), 200);
		assertThat(failed.select("#errors tbody tr")).hasSize(2);
		assertThat(failed.select("#errors tbody").text()).contains("E2", "答案", "G2", "难度");
		assertThat(failed.select("#orgId option[selected]").val()).isEqualTo(Long.toString(jsj));
		assertThat(page(get("/exam/questions/imports").with(branch), 200).select("#import-form")).hasSize(1);
	}

	@Test
	void aBranchUsesItsCollegesQuestionsButDoesNotChangeOrRetireThem() throws Exception {
		RequestPostProcessor college = login("college1");
		String text = unique("学院的题");
		String body = "{\"type\":\"TRUE_FALSE\",\"text\":\"" + text + "\",\"answer\":true,\"score\":1,\"orgId\":"
				+ orgId("SFDX-JSJ") + "}";
		mvc.perform(post("/api/v1/exam/questions").with(csrf()).with(college)
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated());
		long id = jdbc.sql("select id from exam_question where text = ?").param(text).query(Long.class).single();
		Document view = page(get("/exam/questions/{id}", id).with(branch), 200);
		assertThat(view.select("#not-mine")).hasSize(1);
		assertThat(view.select("#save-question")).isEmpty();
		assertThat(view.select("#retire-form")).isEmpty();
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/exam/questions/{id}", id)
			.with(csrf()).with(branch)).andExpect(status().isForbidden());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/exam/questions/{id}", id)
			.with(csrf()).with(branch).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(body.replace(text, text + "改").replace(Long.toString(orgId("SFDX-JSJ")), Long.toString(jsj))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/exam/questions/{id}/retire", id).with(csrf()).with(branch)).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from exam_question where id = ? and text = ? and retired_at is null and org_id = ?")
			.params(java.util.List.of(id, text, orgId("SFDX-JSJ"))).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aQuestionAnExamUsedSaysWhyItCannotChange() throws Exception {
		// the demo's quizzes draw from the school's bank, which branch1 uses
		java.util.List<Long> used = jdbc.sql("""
				select q.id from exam_question q where q.org_id = any (?) and q.retired_at is null
				    and exists (select 1 from exam_part p where q.id = any (p.pool))
				order by q.id limit 1""").param(new Long[] { jsj, orgId("SFDX-JSJ"), orgId("SFDX") }).query(Long.class).list();
		org.junit.jupiter.api.Assumptions.assumeFalse(used.isEmpty(), "the demo has an exam");
		Document view = page(get("/exam/questions/{id}", used.get(0)).with(branch), 200);
		assertThat(view.select("#used").text()).isNotEmpty();
		assertThat(view.select("#save-question")).isEmpty();
		assertThat(view.select("fieldset[disabled]")).hasSize(1);
	}
}
