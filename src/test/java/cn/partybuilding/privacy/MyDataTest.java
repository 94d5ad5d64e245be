package cn.partybuilding.privacy;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** 我的数据: everything held about the member, as a page, JSON and a readable PDF; corrections answered by the branch. */
class MyDataTest extends PrivacyTestBase {

	@Test
	void aMemberDownloadsEverythingHeldAboutThemAsJsonAndPdf() throws Exception {
		Person p = member("SFDX-JSJ-01");
		var self = login(p.username());
		jdbc.sql("""
				insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, created_at)
				values (?, date '2026-03-01', ?, 'FACULTY', 12.34, (select min(id) from dues_rule_version), 'UNPAID', now())""")
			.params(p.id(), orgId("SFDX-JSJ-01")).update();
		String json = mvc.perform(get("/api/v1/me/data").with(self))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("my-data.json")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<String>read(json, "$.profile['姓名']")).isEqualTo("隐私测试员");
		assertThat(JsonPath.<String>read(json, "$.profile['学号/工号']")).isEqualTo(p.username());
		assertThat(JsonPath.<List<String>>read(json, "$.sections[*].title")).contains("纪实", "党费", "组织生活", "组织关系转接");
		assertThat(json).contains("2026-03", "12.34", "登记党员").doesNotContain(p.idCard()).doesNotContain(p.phone());

		byte[] pdf = mvc.perform(get("/api/v1/me/data.pdf").with(self))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andReturn().getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
			assertThat(text).contains("我的数据", "隐私测试员", "谁查看了我的数据", "党费", "12.34");
		}
		assertThat(auditCount("privacy.download", p.username())).isEqualTo(2);
		mvc.perform(get("/me/data").with(self)).andExpect(status().isOk())
			.andExpect(content().string(containsString("谁查看了我的数据")))
			.andExpect(content().string(containsString("12.34")));
		// an account that is no member's: nothing to show
		mvc.perform(get("/api/v1/me/data").with(login("auditor"))).andExpect(status().isNotFound());
	}

	@Test
	void aCorrectionGoesToTheBranchWhichAnswersWithAReasonTheMemberSees() throws Exception {
		Person p = member("SFDX-JSJ-01");
		var self = login(p.username());
		// nothing named, nothing said: 400 on both fields, nothing written
		mvc.perform(post("/api/v1/me/data/corrections").with(self).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"fields\": [], \"description\": \" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("fields", "description")));
		mvc.perform(post("/api/v1/me/data/corrections").with(self).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"fields\": [\"salary\"], \"description\": \"x\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/me/data/corrections").with(self).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"fields\": [null], \"description\": \"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("fields"));
		String what = unique("籍贯应为浙江宁波");
		String made = mvc.perform(post("/api/v1/me/data/corrections").with(self).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"fields\": [\"nativePlace\"], \"description\": \"" + what + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("OPEN"))
			.andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(made, "$.id")).longValue();

		// the branch sees it (and its 待办), another college's secretary does not, and cannot answer it
		var branch1 = login("branch1");
		assertThat(mvc.perform(get("/api/v1/data-corrections").param("open", "true").with(branch1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains(what);
		mvc.perform(get("/").with(branch1)).andExpect(content().string(containsString("/data-corrections?open=true")));
		var branch2 = login("branch2");
		assertThat(mvc.perform(get("/api/v1/data-corrections").with(branch2)).andReturn().getResponse()
			.getContentAsString()).doesNotContain(what);
		long denied = auditCount("access.denied", "branch2");
		mvc.perform(post("/api/v1/data-corrections/{id}/answer", id).with(branch2).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"accepted\": true, \"reason\": \"已核实\"}"))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch2")).isGreaterThan(denied);
		// a member answers nobody's
		mvc.perform(get("/api/v1/data-corrections").with(self)).andExpect(status().isForbidden());

		// an answer needs a reason
		mvc.perform(post("/api/v1/data-corrections/{id}/answer", id).with(branch1).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"accepted\": true}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(post("/api/v1/data-corrections/{id}/answer", id).with(branch1).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"accepted\": false, \"reason\": \"与入党档案一致\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("REFUSED"));
		// answered once only
		mvc.perform(post("/api/v1/data-corrections/{id}/answer", id).with(branch1).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"accepted\": true, \"reason\": \"再议\"}"))
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/me/data/corrections").with(self))
			.andExpect(jsonPath("$[0].state").value("REFUSED"))
			.andExpect(jsonPath("$[0].answer").value("与入党档案一致"));
		mvc.perform(get("/me/data").with(self)).andExpect(content().string(containsString("与入党档案一致")));
		assertThat(auditCount("privacy.correction.answer", "branch1")).isPositive();
		// without the CSRF token nothing is asked
		mvc.perform(post("/api/v1/me/data/corrections").with(self).contentType(MediaType.APPLICATION_JSON)
				.content("{\"fields\": [\"name\"], \"description\": \"x\"}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void theCorrectionPagesAskAndAnswerThroughForms() throws Exception {
		Person p = member("SFDX-JSJ-01");
		var self = login(p.username());
		String what = unique("手机号已换");
		mvc.perform(post("/me/data/corrections").with(self).with(csrf()).param("description", what))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("请选择有误的信息项")))
			.andExpect(content().string(containsString(what)));
		mvc.perform(post("/me/data/corrections").with(self).with(csrf()).param("fields", "phone").param("description", what))
			.andExpect(status().is3xxRedirection());
		long id = jdbc.sql("select id from privacy_correction where description = ?").param(what).query(Long.class).single();
		var branch1 = login("branch1");
		mvc.perform(get("/data-corrections").with(branch1)).andExpect(content().string(containsString(what)));
		mvc.perform(post("/data-corrections/{id}/answer", id).with(branch1).with(csrf()).param("accepted", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("请填写答复理由")));
		mvc.perform(post("/data-corrections/{id}/answer", id).with(branch1).with(csrf()).param("accepted", "true")
				.param("reason", "已按新号码更正"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select state from privacy_correction where id = ?").param(id).query(String.class).single())
			.isEqualTo("ACCEPTED");
	}
}
