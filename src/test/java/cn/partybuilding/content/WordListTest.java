package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The committee's word list over HTTP: who may keep it, the contract's shapes, validation, duplicates in any form,
 * the audit, the screen rebuilt at once, the Excel import (all or nothing, every wrong cell), the export round trip
 * and the page. Every word here is made unique, so the shared database's other tests never meet it.
 */
class WordListTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	ContentScreening screening;

	@Autowired
	WordList words;

	@Autowired
	Screen screen;

	private RequestPostProcessor admin;

	@BeforeEach
	void signIn() throws Exception {
		admin = login("admin");
	}

	/** A word no other text in the shared database holds: 词 and eight letters. */
	private static String word() {
		return unique("测词").toLowerCase();
	}

	private static String body(String word, String action) throws Exception {
		var node = JSON.createObjectNode();
		node.put("word", word);
		node.put("action", action);
		return JSON.writeValueAsString(node);
	}

	private JsonNode add(String word, String action) throws Exception {
		String json = mvc.perform(post("/api/v1/content/words").with(admin).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(body(word, action)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return JSON.readTree(json);
	}

	@Test
	@DisplayName("the committee adds a word: 201 {id, word, action}, audited, and the screen finds it at once")
	void committeeAddsAWord() throws Exception {
		String w = word();
		JsonNode added = add(w, "BLOCK");
		assertThat(added.get("id").asLong()).isPositive();
		assertThat(added.get("word").asText()).isEqualTo(w);
		assertThat(added.get("action").asText()).isEqualTo("BLOCK");
		assertThat(auditCount("content.word.add", "admin")).isPositive();
		// spaces and full-width letters between its characters do not hide it
		String dodged = String.join(" ", w.split("")).toUpperCase().replace("A", "Ａ");
		ScreenVerdict verdict = screening.screen("正文" + dodged + "结束");
		assertThat(verdict.blocked()).isTrue();
		assertThat(verdict.blockWords()).containsExactly(w);
		assertThat(screen.screen(new Screen.Field("title", "标题：" + dodged)).blocked())
			.singleElement().satisfies(h -> {
				assertThat(h.matched()).isEqualTo(dodged);
				assertThat(h.field()).isEqualTo("title");
			});
	}

	@Test
	@DisplayName("others may not keep the list: a general branch's admin 403, a branch secretary 403, anonymous 401")
	void othersMayNot() throws Exception {
		for (String user : List.of("college1", "branch1")) {
			var session = login(user);
			mvc.perform(post("/api/v1/content/words").with(session).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body(word(), "BLOCK"))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/content/words").with(session)).andExpect(status().isForbidden());
			mvc.perform(get("/content/words").with(session)).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/content/words/export.xlsx").with(session)).andExpect(status().isForbidden());
		}
		mvc.perform(post("/api/v1/content/words").with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(body(word(), "BLOCK"))).andExpect(status().isUnauthorized());
		mvc.perform(get("/content/words").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/login"));
	}

	@Test
	@DisplayName("a 宣传 reviewer keeps the list only when granted at the root organisation")
	void reviewerAtTheRoot() {
		long root = jdbc.sql("select id from organization where parent_id is null order by id limit 1").query(Long.class).single();
		long college = orgId("SFDX-JSJ");
		assertThat(words.keeps(new Caller(-1, "r", "r", List.of(new Caller.Grant(Role.CONTENT_REVIEWER, root))))).isTrue();
		assertThat(words.keeps(new Caller(-1, "r", "r", List.of(new Caller.Grant(Role.CONTENT_REVIEWER, college)))))
			.isFalse();
	}

	@Test
	@DisplayName("CSRF missing: 403 and nothing written")
	void csrfMissing() throws Exception {
		String w = word();
		mvc.perform(post("/api/v1/content/words").with(admin).contentType(MediaType.APPLICATION_JSON)
			.content(body(w, "BLOCK"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from content_word where word = ?").param(w).query(Long.class).single())
			.isZero();
	}

	@Test
	@DisplayName("bad input: 400 on the field with a clear message (blank, only punctuation, over 50, unknown action)")
	void validation() throws Exception {
		for (String bad : new String[] { "", "   ", "，。!! ...", "党".repeat(51) }) {
			mvc.perform(post("/api/v1/content/words").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content(body(bad, "BLOCK")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("word"))
				.andExpect(jsonPath("$.errors[0].message").isNotEmpty());
		}
		mvc.perform(post("/api/v1/content/words").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(body(word(), "DELETE")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action"))
			.andExpect(jsonPath("$.message").value("处理方式只能是“拦截”（BLOCK）或“送审”（REVIEW）"));
		mvc.perform(post("/api/v1/content/words").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"word\":\"" + word() + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action"));
	}

	@Test
	@DisplayName("a word already on the list in another form (spaces, full-width, traditional) is a duplicate: 409 on word")
	void duplicate() throws Exception {
		String w = "黨" + word();
		add(w, "REVIEW");
		String same = ("党 " + w.substring(1)).toUpperCase();
		mvc.perform(post("/api/v1/content/words").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(body(same, "BLOCK")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors[0].field").value("word"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(w)));
	}

	@Test
	@DisplayName("list with a filter and pages, change the action (audited), delete (204, audited, off the screen)")
	void listChangeDelete() throws Exception {
		String w = word();
		long id = add(w, "REVIEW").get("id").asLong();
		mvc.perform(get("/api/v1/content/words").param("q", w).param("action", "REVIEW").with(admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].word").value(w));
		mvc.perform(get("/api/v1/content/words").param("q", w).param("action", "BLOCK").with(admin))
			.andExpect(jsonPath("$.totalElements").value(0));
		assertThat(screening.screen(w).flagged()).isTrue();

		mvc.perform(put("/api/v1/content/words/{id}", id).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"action\":\"BLOCK\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.action").value("BLOCK"));
		assertThat(screening.screen(w).blocked()).isTrue();
		mvc.perform(put("/api/v1/content/words/{id}", id).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"action\":\"MAYBE\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action"));
		assertThat(auditCount("content.word.change", "admin")).isPositive();

		mvc.perform(delete("/api/v1/content/words/{id}", id).with(admin).with(csrf())).andExpect(status().isNoContent());
		assertThat(screening.screen(w).clean()).isTrue();
		assertThat(auditCount("content.word.delete", "admin")).isPositive();
		mvc.perform(delete("/api/v1/content/words/{id}", id).with(admin).with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("another node's change is seen when the list's version moves")
	void otherNodesReload() {
		String w = word();
		// as another node would: the row and the version written behind this node's back
		jdbc.sql("insert into content_word (word, normalized, action, created_at, created_by, updated_at, updated_by) "
				+ "values (?, ?, 'BLOCK', now(), 'node2', now(), 'node2')").params(w, ScreenText.normalise(w)).update();
		jdbc.sql("update content_word_list set version = version + 1 where id = 1").update();
		screen.reload(); // what the periodic check does once the interval has passed
		assertThat(screening.screen(w).blocked()).isTrue();
		jdbc.sql("delete from content_word where word = ?").param(w).update();
		jdbc.sql("update content_word_list set version = version + 1 where id = 1").update();
		screen.reload();
	}

	// ---- Excel ----

	private static byte[] sheet(Workbook book, List<String> header, List<List<String>> rows) throws Exception {
		try (book; var out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet("词库");
			sheet.createRow(0).createCell(0).setCellValue("校党委宣传部敏感词");
			Row head = sheet.createRow(1);
			for (int c = 0; c < header.size(); c++) {
				head.createCell(c).setCellValue(header.get(c));
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 2);
				for (int c = 0; c < rows.get(r).size(); c++) {
					row.createCell(c).setCellValue(rows.get(r).get(c));
				}
			}
			book.write(out);
			return out.toByteArray();
		}
	}

	private static MockMultipartFile file(byte[] bytes, String name) {
		return new MockMultipartFile("file", name, "application/octet-stream", bytes);
	}

	@Test
	@DisplayName("an import with bad rows writes nothing and names each wrong cell: row number and reason")
	void importWithBadRows() throws Exception {
		String good = word();
		byte[] bytes = sheet(new XSSFWorkbook(), List.of("处理方式", "敏感词 "), List.of(
				List.of("拦截", good),
				List.of("删除", word()),          // row 4: unknown action
				List.of("送审", "。。。"),          // row 5: only punctuation
				List.of("", word()),               // row 6: no action
				List.of("BLOCK", "党".repeat(51)))); // row 7: too long
		String json = mvc.perform(multipart("/api/v1/content/words/imports").file(file(bytes, "词库.xlsx")).with(admin)
			.with(csrf()))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		JsonNode result = JSON.readTree(json);
		assertThat(result.get("status").asText()).isEqualTo("FAILED");
		List<String> where = new ArrayList<>();
		result.get("errors").forEach(e -> where.add(e.get("row").asInt() + " " + e.get("cell").asText() + " "
				+ e.get("column").asText()));
		assertThat(where).containsExactly("4 A4 处理方式", "5 B5 敏感词", "6 A6 处理方式", "7 B7 敏感词");
		assertThat(result.get("errors").get(0).get("message").asText()).contains("删除");
		assertThat(jdbc.sql("select count(*) from content_word where word = ?").param(good).query(Long.class).single())
			.isZero();
		assertThat(auditCount("content.word.import", "admin")).isPositive();

		// the same wrong cells as a sheet
		byte[] errors = mvc.perform(multipart("/api/v1/content/words/imports/errors.xlsx").file(file(bytes, "词库.xlsx"))
			.with(admin).with(csrf()))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(errors))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(4);
			assertThat(book.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo("A4");
		}
	}

	@Test
	@DisplayName("an import (.xls, forgiving headers) adds new words, updates the action of words on the list, the last of a repeat wins")
	void importAddsAndUpdates() throws Exception {
		String existing = word();
		add(existing, "REVIEW");
		String fresh = word();
		String repeated = word();
		byte[] bytes = sheet(new HSSFWorkbook(), List.of("关键词", "处理"), List.of(
				List.of(existing.toUpperCase(), "拦截"),
				List.of(fresh, "送审"),
				List.of(repeated, "REVIEW"),
				List.of(repeated + "。", "block")));
		mvc.perform(multipart("/api/v1/content/words/imports").file(file(bytes, "words.xls")).with(admin).with(csrf()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DONE"))
			.andExpect(jsonPath("$.added").value(2))
			.andExpect(jsonPath("$.updated").value(1))
			.andExpect(jsonPath("$.repeated").value(1));
		assertThat(screening.screen(existing).blocked()).isTrue();
		assertThat(screening.screen(fresh).flagged()).isTrue();
		assertThat(screening.screen(repeated).blocked()).isTrue();
	}

	@Test
	@DisplayName("the export imports unchanged: same layout, every word with its action; the template has the header")
	void exportRoundTrip() throws Exception {
		String w = word();
		add(w, "REVIEW");
		byte[] export = mvc.perform(get("/api/v1/content/words/export.xlsx").with(admin))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("words.xlsx")))
			.andReturn().getResponse().getContentAsByteArray();
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(export))) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("敏感词");
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("处理方式");
			boolean found = false;
			for (Row row : sheet) {
				if (row.getCell(0).getStringCellValue().equals(w)) {
					found = row.getCell(1).getStringCellValue().equals("送审");
				}
			}
			assertThat(found).isTrue();
		}
		mvc.perform(multipart("/api/v1/content/words/imports").file(file(export, "敏感词.xlsx")).with(admin).with(csrf()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.added").value(0))
			.andExpect(jsonPath("$.updated").value(0));
		byte[] template = mvc.perform(get("/api/v1/content/words/template.xlsx").with(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(template))) {
			assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("敏感词");
			assertThat(book.getSheet("说明")).isNotNull();
		}
	}

	@Test
	@DisplayName("the page: a failed add comes back filled with the message beside the field; add, switch and delete work")
	void page() throws Exception {
		mvc.perform(get("/content/words").with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"add-word\"")));
		String typed = "  ，，";
		mvc.perform(post("/content/words").with(admin).with(csrf()).param("word", typed).param("action", "BLOCK"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("敏感词不能只有标点、符号或空格")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + typed + "\"")));
		String w = word();
		mvc.perform(post("/content/words").with(admin).with(csrf()).param("word", w).param("action", "REVIEW"))
			.andExpect(status().is3xxRedirection());
		long id = jdbc.sql("select id from content_word where word = ?").param(w).query(Long.class).single();
		mvc.perform(get("/content/words").param("q", w).with(admin))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(w)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-confirm")));
		mvc.perform(post("/content/words/{id}/action", id).with(admin).with(csrf()).param("action", "BLOCK")
			.param("back", "/content/words?q=" + w)).andExpect(redirectedUrlPattern("/content/words?q=*"));
		assertThat(screening.screen(w).blocked()).isTrue();
		mvc.perform(post("/content/words/{id}/delete", id).with(admin).with(csrf()).param("back", "https://evil.example"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/content/words"));
		assertThat(screening.screen(w).clean()).isTrue();
		mvc.perform(get("/content/words").param("q", unique("无此词")).with(admin))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"empty\"")));
	}

	@Test
	@DisplayName("the façade puts a word for the demo, idempotently, and refuses a word of only punctuation")
	void facadePutsWords() {
		String w = word();
		screening.putWord(w, false, "demo");
		screening.putWord(w, true, "demo");
		assertThat(screening.screen("前" + w + "后").blockWords()).containsExactly(w);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> screening.putWord("、、", true, "demo"))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
