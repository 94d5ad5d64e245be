package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/**
 * 考核 through its API as other tools see it: the yearly systems (draft, edit, publish, versions), the scores'
 * shape, scope on every endpoint, the Excel export. Years from 2050 on are this test's own.
 */
class AssessmentScoresApiTest extends PlatformTest {

	private long startDraft(RequestPostProcessor admin, int year) throws Exception {
		String body = mvc.perform(post("/api/v1/assessment/systems").with(admin).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"year\":" + year + "}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	private void publish(RequestPostProcessor admin, long id) throws Exception {
		mvc.perform(post("/api/v1/assessment/systems/" + id + "/publish").with(admin).with(csrf()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.state").value("PUBLISHED"));
	}

	private int freshYear(int from) {
		int year = from;
		while (jdbc.sql("select count(*) from assessment_system where year = ?").param(year).query(Long.class).single() > 0) {
			year++;
		}
		return year;
	}

	@Test
	@DisplayName("the committee drafts a year's system from the standard twenty, edits and publishes it; a new version copies it and the old one stays on file")
	void versionedSystems() throws Exception {
		RequestPostProcessor admin = login("admin");
		int year = freshYear(2050);
		long v1 = startDraft(admin, year);
		mvc.perform(post("/api/v1/assessment/systems").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":" + year + "}")).andExpect(status().isConflict());
		mvc.perform(get("/api/v1/assessment/systems").param("year", "" + year).with(admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.draft.version").value(1))
			.andExpect(jsonPath("$.draft.indicators[?(@.code == 'manual.feature')].automatic").value(false))
			.andExpect(jsonPath("$.published").doesNotExist());
		// a branch secretary sees no draft and may not start one
		mvc.perform(get("/api/v1/assessment/systems").param("year", "" + year).with(login("branch1")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.draft").doesNotExist());
		mvc.perform(post("/api/v1/assessment/systems").with(login("branch1")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"year\":" + (year + 100) + "}")).andExpect(status().isForbidden());

		// bad rows are named by their index and field; nothing changes
		mvc.perform(put("/api/v1/assessment/systems/" + v1).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"scoresGeneralBranches": true, "indicators": [
					 {"group":"特色","code":"manual.a","name":"特色活动","automatic":false,"max":10,"appliesTo":"BRANCH"},
					 {"group":"特色","code":"manual.a","name":"重复","automatic":false,"max":0,"appliesTo":"BRANCH"},
					 {"group":"数据","code":"nothing.like.this","name":"无","automatic":true,"max":5,"target":1,"appliesTo":"BOTH"}]}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", Matchers.hasItems("indicators[1].code", "indicators[1].max", "indicators[2].code")));
		mvc.perform(get("/api/v1/assessment/systems/" + v1).with(admin))
			.andExpect(jsonPath("$.indicators.length()", Matchers.greaterThanOrEqualTo(2)));

		mvc.perform(put("/api/v1/assessment/systems/" + v1).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"scoresGeneralBranches": true, "indicators": [
					 {"group":"特色","code":"manual.a","name":"特色活动","automatic":false,"max":10,"appliesTo":"BOTH"},
					 {"group":"特色","code":"manual.b","name":"获奖","automatic":false,"max":30,"appliesTo":"BRANCH"}]}"""))
			.andExpect(status().isOk()).andExpect(jsonPath("$.indicators.length()").value(2))
			.andExpect(result -> assertThat(((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.maxBranch"))
				.doubleValue()).isEqualTo(40.0));
		publish(admin, v1);
		mvc.perform(put("/api/v1/assessment/systems/" + v1).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"scoresGeneralBranches\":false,\"indicators\":[]}")).andExpect(status().isConflict());

		long v2 = startDraft(admin, year);
		mvc.perform(get("/api/v1/assessment/systems/" + v2).with(admin))
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.scoresGeneralBranches").value(true))
			.andExpect(jsonPath("$.indicators[*].code", Matchers.contains("manual.a", "manual.b")));
		publish(admin, v2);
		mvc.perform(get("/api/v1/assessment/systems").param("year", "" + year).with(admin))
			.andExpect(jsonPath("$.published.version").value(2))
			.andExpect(jsonPath("$.versions[*].state", Matchers.contains("PUBLISHED", "REPLACED")));
		assertThat(auditCount("assessment.system.publish", "admin")).isGreaterThanOrEqualTo(2);

		// the next year starts from this one
		long next = startDraft(admin, year + 1);
		mvc.perform(get("/api/v1/assessment/systems/" + next).with(admin))
			.andExpect(jsonPath("$.indicators[*].code", Matchers.contains("manual.a", "manual.b")));
	}

	@Test
	@DisplayName("scores: the contract's shape, best first, each reader within their subtree, out of scope 404 and audited")
	void scoresAndScope() throws Exception {
		RequestPostProcessor admin = login("admin");
		int year = freshYear(2060);
		long id = startDraft(admin, year);
		mvc.perform(put("/api/v1/assessment/systems/" + id).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"scoresGeneralBranches": false, "indicators": [
					 {"group":"特色","code":"manual.a","name":"特色活动","automatic":false,"max":10,"appliesTo":"BRANCH"},
					 {"group":"组织生活","code":"orglife.compliance.THEME_DAY","name":"主题党日","automatic":true,"max":10,"target":1,"appliesTo":"BRANCH"}]}"""))
			.andExpect(status().isOk());
		publish(admin, id);
		long branch1 = orgId("SFDX-JSJ-01");
		long branch2 = orgId("SFDX-JX-01");

		String all = mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).with(admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].orgId").isNumber())
			.andExpect(jsonPath("$[0].orgName").isString())
			.andExpect(jsonPath("$[0].total").isNumber())
			.andExpect(jsonPath("$[0].stars").isNumber())
			.andExpect(jsonPath("$[0].indicators[0].code").isString())
			.andExpect(jsonPath("$[0].indicators[0].name").isString())
			.andExpect(jsonPath("$[0].indicators[0].score").isNumber())
			.andExpect(jsonPath("$[0].indicators[0].max").isNumber())
			.andExpect(jsonPath("$[0].indicators[0].automatic").isBoolean())
			.andExpect(jsonPath("$[0].indicators[0].source").isString())
			.andReturn().getResponse().getContentAsString();
		List<Integer> ids = JsonPath.read(all, "$[*].orgId");
		assertThat(ids).contains((int) branch1, (int) branch2);
		List<String> types = JsonPath.read(all, "$[*].orgType");
		assertThat(types).containsOnly("BRANCH");
		List<Double> totals = JsonPath.read(all, "$[*].total");
		assertThat(totals).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		// nothing claimed: the manual indicator earns nothing and says so
		List<Map<String, Object>> manual = JsonPath.read(all, "$[0].indicators[?(@.code == 'manual.a')]");
		assertThat(manual.get(0)).containsEntry("state", "NOT_CLAIMED").containsEntry("automatic", false);

		String own = mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).with(login("branch1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(own, "$[*].orgId")).containsExactly((int) branch1);
		String college = mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).with(login("college1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(college, "$[*].orgId")).contains((int) branch1).doesNotContain((int) branch2);

		long denied = auditCount("access.denied", "branch1");
		mvc.perform(get("/api/v1/assessment/scores/" + branch2).param("year", "" + year).with(login("branch1")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).param("orgId", "" + branch2).with(login("branch1")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch1")).isEqualTo(denied + 2);
		mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).with(login("member1")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/assessment/scores").param("year", "3000").with(admin)).andExpect(status().isBadRequest());

		// one branch with its drill-down
		mvc.perform(get("/api/v1/assessment/scores/" + branch1).param("year", "" + year).with(login("branch1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.orgId").value(branch1))
			.andExpect(jsonPath("$.indicators[?(@.code == 'orglife.compliance.THEME_DAY')].formula").isNotEmpty())
			.andExpect(jsonPath("$.indicators[0].behind").isArray());
		// a year without a system: an empty ranking, a 404 for one organisation
		int empty = freshYear(2090);
		mvc.perform(get("/api/v1/assessment/scores").param("year", "" + empty).with(admin))
			.andExpect(status().isOk()).andExpect(content().json("[]"));
		mvc.perform(get("/api/v1/assessment/scores/" + branch1).param("year", "" + empty).with(admin))
			.andExpect(status().isNotFound());

		// the export: one row per organisation, every indicator a column; audited
		byte[] xlsx = mvc.perform(get("/api/v1/assessment/scores/export").param("year", "" + year).with(login("college1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).startsWith("特色活动");
			assertThat(sheet.getLastRowNum()).isEqualTo(JsonPath.<List<Integer>>read(college, "$[*].orgId").size());
		}
		assertThat(auditCount("assessment.export", "college1")).isPositive();
	}

	@Test
	@DisplayName("general branches are assessed at the committee's choice: their subtree's figures plus their own indicators")
	void generalBranchesAtTheCommitteesChoice() throws Exception {
		RequestPostProcessor admin = login("admin");
		int year = freshYear(2080);
		long id = startDraft(admin, year);
		mvc.perform(put("/api/v1/assessment/systems/" + id).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"scoresGeneralBranches": true, "indicators": [
					 {"group":"特色","code":"manual.branch","name":"支部特色","automatic":false,"max":10,"appliesTo":"BRANCH"},
					 {"group":"特色","code":"manual.college","name":"总支统筹","automatic":false,"max":10,"appliesTo":"GENERAL_BRANCH"},
					 {"group":"特色","code":"manual.both","name":"获奖","automatic":false,"max":10,"appliesTo":"BOTH"}]}"""))
			.andExpect(status().isOk());
		publish(admin, id);
		long college = orgId("SFDX-JSJ");
		String body = mvc.perform(get("/api/v1/assessment/scores").param("year", "" + year).param("orgId", "" + college)
			.with(login("college1"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> collegeCodes = JsonPath.read(body, "$[?(@.orgId == " + college + ")].indicators[*].code");
		assertThat(collegeCodes).containsExactly("manual.college", "manual.both");
		List<String> branchCodes = JsonPath.read(body, "$[?(@.orgId == " + orgId("SFDX-JSJ-01") + ")].indicators[*].code");
		assertThat(branchCodes).containsExactly("manual.branch", "manual.both");
		// a change without the CSRF token is refused
		mvc.perform(post("/api/v1/assessment/systems").with(admin).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\":" + year + "}")).andExpect(status().isForbidden());
	}

	@Test
	@DisplayName("pages: the ranking, a branch's score with its sources, and the editor that comes back filled on an error")
	void pages() throws Exception {
		RequestPostProcessor admin = login("admin");
		int year = freshYear(2070);
		mvc.perform(get("/assessment").param("year", "" + year).with(admin))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("id=\"no-system\"")));
		long id = startDraft(admin, year);
		mvc.perform(get("/assessment/systems").param("year", "" + year).with(admin))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("id=\"draft-form\"")));
		mvc.perform(post("/assessment/systems/" + id).with(admin).with(csrf())
			.param("scoresGeneralBranches", "false")
			.param("indicators[0].group", "特色").param("indicators[0].code", "").param("indicators[0].name", "特色活动甲")
			.param("indicators[0].max", "-1").param("indicators[0].appliesTo", "BRANCH"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("特色活动甲")))
			.andExpect(content().string(Matchers.containsString("is-invalid")));
		mvc.perform(post("/assessment/systems/" + id).with(admin).with(csrf())
			.param("scoresGeneralBranches", "false")
			.param("indicators[0].group", "特色").param("indicators[0].code", "").param("indicators[0].name", "特色活动甲")
			.param("indicators[0].max", "100").param("indicators[0].appliesTo", "BRANCH")
			.param("indicators[1].group", "").param("indicators[1].code", "").param("indicators[1].name", ""))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/assessment/systems/" + id + "/publish").with(admin).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get("/assessment").param("year", "" + year).with(admin))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("id=\"ranking\"")));
		mvc.perform(get("/assessment/orgs/" + orgId("SFDX-JSJ-01")).param("year", "" + year).with(login("branch1")))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("特色活动甲")));
		mvc.perform(get("/assessment/orgs/" + orgId("SFDX-JX-01")).param("year", "" + year).with(login("branch1")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/assessment/systems").param("year", "" + (year + 1)).with(admin)).andExpect(status().isForbidden());
	}
}
