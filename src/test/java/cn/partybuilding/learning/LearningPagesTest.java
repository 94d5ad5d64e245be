package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The management pages of 学习: forms that come back filled with their errors, scope, the completion sheet. */
class LearningPagesTest extends PlatformTest {

	private RequestPostProcessor branch;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
	}

	@Test
	void anonymousVisitorsAreSentToSignIn() throws Exception {
		mvc.perform(get("/learning/materials").accept(org.springframework.http.MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void aMaterialFormComesBackFilledWithItsErrors() throws Exception {
		mvc.perform(get("/learning/materials/new").with(branch)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("tinymce")));
		String page = mvc.perform(post("/learning/materials/new").with(csrf()).with(branch).param("kind", "ARTICLE")
			.param("title", "留着的标题").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE")
			.param("body", "<script>alert(1)</script>"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("留着的标题", "请填写正文");
		// a file that is not what it says
		page = mvc.perform(multipart("/learning/materials/new").file(new MockMultipartFile("file", "a.pdf", "application/pdf",
				"not a pdf".getBytes())).param("kind", "PDF").param("title", "假 PDF")
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE").with(csrf()).with(branch))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("假 PDF", "id=\"file-error\"", "这不是 PDF 文件");
		mvc.perform(post("/learning/materials/new").with(csrf()).with(branch).param("kind", "ARTICLE")
			.param("title", "页面发布的文章").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE")
			.param("tags", "党章，党史 初心").param("body", "<p>学习党章。</p>"))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/learning/materials"));
		assertThat(jdbc.sql("select array_to_string(tags, '|') from learning_material where title = '页面发布的文章'")
			.query(String.class).single()).isEqualTo("党章|党史|初心");
		assertThat(mvc.perform(get("/learning/materials").param("tag", "党史").with(branch)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("页面发布的文章");
	}

	@Test
	void anOutlineIsPublishedFromItsPageAndItsCompletionIsExported() throws Exception {
		mvc.perform(post("/learning/materials/new").with(csrf()).with(branch).param("kind", "ARTICLE")
			.param("title", "纲要页资料").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE")
			.param("body", "<p>学习。</p>")).andExpect(status().is3xxRedirection());
		long material = jdbc.sql("select max(id) from learning_material where title = '纲要页资料'").query(Long.class).single();
		mvc.perform(get("/learning/outlines/new").with(branch)).andExpect(status().isOk());
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		// no required material: the form comes back as typed
		assertThat(mvc.perform(post("/learning/outlines/new").with(csrf()).with(branch)
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("week", StudyPoints.isoWeek(today))
			.param("title", "页面纲要").param("dueOn", today.plusDays(2).toString()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("页面纲要", "请至少选择一项必学资料");
		String location = mvc.perform(post("/learning/outlines/new").with(csrf()).with(branch)
			.param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("week", StudyPoints.isoWeek(today))
			.param("title", "页面纲要").param("dueOn", today.plusDays(2).toString()).param("required", Long.toString(material)))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/learning/outlines/\\d+");
		assertThat(mvc.perform(get(location).with(branch)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("页面纲要", "completion-people", "赵红梅");
		byte[] sheet = mvc.perform(get(location + "/completion.xlsx").with(branch)).andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(".xlsx")))
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
			assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("党组织 / 党员");
			assertThat(book.getSheetAt(0).getPhysicalNumberOfRows()).isGreaterThan(3);
		}
		// another college's secretary: not found, on the page and the sheet
		mvc.perform(get(location).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get(location + "/completion.xlsx").with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/learning/outlines").with(branch)).andExpect(status().isOk());
	}

	@Test
	void theSearchPageFindsATwoCharacterWordAndAsksAgainForAnEmptyQuery() throws Exception {
		mvc.perform(post("/learning/materials/new").with(csrf()).with(branch).param("kind", "ARTICLE")
			.param("title", "搜索页测试：重温入党初心").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("audience", "SUBTREE")
			.param("body", "<p>回顾入党誓词。</p>")).andExpect(status().is3xxRedirection());
		var member = login("member1");
		assertThat(mvc.perform(get("/study/search").param("q", "初心").with(member)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("搜索页测试：重温入党初心", "id=\"hits\"");
		assertThat(mvc.perform(get("/study/search").param("q", " ").with(member)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("search-problem", "请输入要搜索的内容");
		// another college's member does not find it
		assertThat(mvc.perform(get("/study/search").param("q", "搜索页测试").with(login("member2"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).doesNotContain("重温入党初心");
	}
}
