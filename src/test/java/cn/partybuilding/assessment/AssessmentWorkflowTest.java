package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.assessment.Indicator.AppliesTo;
import cn.partybuilding.assessment.IndicatorSystems.IndicatorForm;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * The levels of the assessment: claims with evidence scored by the level above, review refused while a claim
 * waits, approval snapshots and differences to accept, one appeal per indicator, scope, the 五星 certificate.
 * Each test runs in a year of its own (2041 on) with a system of manual indicators only (30 points).
 */
class AssessmentWorkflowTest extends PlatformTest {

	@Autowired
	IndicatorSystems systems;

	@Autowired
	Scoreboard scoreboard;

	@Autowired
	AccountManagement accounts;

	@Autowired
	AssessmentWorkflow workflow;

	/** Publishes a system of three manual indicators (6 + 6 + 18 = 30 points) for the year, once. */
	private void system(int year) {
		if (systems.published(year).isPresent()) {
			return;
		}
		Caller admin = accounts.callerFor("admin");
		long id = systems.startDraft(admin, year);
		systems.edit(admin, id, false, List.of(
				new IndicatorForm("own", "manual.feature", "特色活动", false, new BigDecimal("6"), null, null, AppliesTo.BOTH, ""),
				new IndicatorForm("own", "manual.awards", "获奖", false, new BigDecimal("6"), null, null, AppliesTo.BOTH, ""),
				new IndicatorForm("own", "manual.work", "重点工作", false, new BigDecimal("18"), null, null, AppliesTo.BOTH, "")));
		systems.publish(admin, id);
	}

	private String claimJson(int year, long orgId, String code, String score) {
		return """
				{"year": %d, "orgId": %d, "code": "%s", "text": "%s", "claimedScore": %s}""".formatted(year, orgId, code,
				unique("开展特色主题党日"), score);
	}

	private long claim(RequestPostProcessor who, int year, long orgId, String code, String score) throws Exception {
		String body = mvc.perform(post("/api/v1/assessment/claims").with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(claimJson(year, orgId, code, score)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	private void score(RequestPostProcessor who, long claimId, String score) throws Exception {
		mvc.perform(post("/api/v1/assessment/claims/{id}/score", claimId).with(who).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"score\": %s, \"reason\": \"材料齐全\"}".formatted(score)))
			.andExpect(status().isOk());
	}

	private Scoreboard.Standing standing(int year, long orgId) {
		return scoreboard.standing(accounts.callerFor("admin"), year, orgId, Locale.SIMPLIFIED_CHINESE);
	}

	private static byte[] png() throws Exception {
		var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	@Test
	@DisplayName("自评指标由支部申报、上级评分：评分后总分随之变化，评分不超过满分，申报不重复")
	void aClaimScoredByTheLevelAboveChangesTheTotal() throws Exception {
		int year = 2041;
		system(year);
		long branch = orgId("SFDX-JSJ-01");
		var branch1 = login("branch1");
		var college1 = login("college1");
		assertThat(standing(year, branch).score().total()).isEqualByComparingTo("0");

		long id = claim(branch1, year, branch, "manual.feature", "5");
		assertThat(standing(year, branch).score().indicator("manual.feature").orElseThrow().state()).isEqualTo("WAITING");
		// one claim per indicator and year
		mvc.perform(post("/api/v1/assessment/claims").with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(claimJson(year, branch, "manual.feature", "4"))).andExpect(status().isConflict());
		// above the maximum, or an automatic or unknown indicator: 400 beside the field
		mvc.perform(post("/api/v1/assessment/claims").with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(claimJson(year, branch, "manual.awards", "7"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("claimedScore"));
		mvc.perform(post("/api/v1/assessment/claims").with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(claimJson(year, branch, "no.such", "1"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		// the organisation edits while it waits; the level above may not claim for it, nor the branch score itself
		mvc.perform(put("/api/v1/assessment/claims/{id}", id).with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"改后的申报\", \"claimedScore\": 5.5}")).andExpect(status().isOk())
			.andExpect(jsonPath("$.claimedScore").value(5.5));
		mvc.perform(post("/api/v1/assessment/claims/{id}/score", id).with(branch1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"score\": 6, \"reason\": \"自己打分\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assessment/claims/{id}/score", id).with(college1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"score\": 6.5, \"reason\": \"超过满分\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("score"));
		mvc.perform(post("/api/v1/assessment/claims/{id}/score", id).with(college1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"score\": 4.5}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));

		score(college1, id, "4.5");
		Scoreboard.Standing after = standing(year, branch);
		assertThat(after.score().indicator("manual.feature").orElseThrow().score()).isEqualByComparingTo("4.5");
		assertThat(after.score().total()).isEqualByComparingTo("15.0");
		assertThat(jdbc.sql("select score_reason from assessment_claim where id = ?").param(id).query(String.class).single())
			.isEqualTo("材料齐全");
		// scored: no more edits, no second score
		mvc.perform(put("/api/v1/assessment/claims/{id}", id).with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"再改\", \"claimedScore\": 6}")).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/assessment/claims/{id}/score", id).with(college1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"score\": 6, \"reason\": \"再评\"}"))
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/assessment/claims").param("year", "" + year).param("state", "SCORED").with(college1))
			.andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == %d)].state".formatted(id)).value("SCORED"));
	}

	@Test
	@DisplayName("证明材料：识别文件类型、限制数量，只有能看到该组织考核的人可以下载，越权下载返回 404 并记录审计")
	void evidenceIsCheckedAndItsDownloadScoped() throws Exception {
		int year = 2042;
		system(year);
		long branch = orgId("SFDX-JSJ-01");
		var branch1 = login("branch1");
		long id = claim(branch1, year, branch, "manual.awards", "6");
		byte[] png = png();

		String body = mvc.perform(multipart("/api/v1/assessment/claims/{id}/files", id)
			.file(new MockMultipartFile("file", "获奖证书.png", "image/png", png)).with(branch1).with(csrf()))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String href = JsonPath.read(body, "$.href");
		// a script renamed .jpg is refused
		mvc.perform(multipart("/api/v1/assessment/claims/{id}/files", id)
			.file(new MockMultipartFile("file", "x.jpg", "image/jpeg", "#!/bin/sh\nrm -rf /".getBytes())).with(branch1)
			.with(csrf())).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		// the general branch may not add to the branch's claim
		mvc.perform(multipart("/api/v1/assessment/claims/{id}/files", id)
			.file(new MockMultipartFile("file", "a.png", "image/png", png)).with(login("college1")).with(csrf()))
			.andExpect(status().isForbidden());
		for (int i = 1; i < 5; i++) {
			mvc.perform(multipart("/api/v1/assessment/claims/{id}/files", id)
				.file(new MockMultipartFile("file", i + ".png", "image/png", png)).with(branch1).with(csrf()))
				.andExpect(status().isCreated());
		}
		mvc.perform(multipart("/api/v1/assessment/claims/{id}/files", id)
			.file(new MockMultipartFile("file", "6.png", "image/png", png)).with(branch1).with(csrf()))
			.andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from assessment_claim_file where claim_id = ?").param(id).query(Long.class).single())
			.isEqualTo(5);

		mvc.perform(get(href).with(login("college1"))).andExpect(status().isOk()).andExpect(content().bytes(png));
		mvc.perform(get(href).with(branch1)).andExpect(status().isOk());
		long denied = auditCount("access.denied", "branch2");
		mvc.perform(get(href).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/assessment/claims/{id}", id).with(login("branch2"))).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch2")).isGreaterThanOrEqualTo(denied + 2);
		mvc.perform(get(href).with(login("member1"))).andExpect(status().isForbidden());
	}

	@Test
	@DisplayName("党总支审核：仍有待评分的申报时不能审核；党委审定后排名显示审定时的快照，之后的调整显示为差异，确认后才更新")
	void approvalSnapshotsAndALaterAdjustmentIsADifferenceUntilAccepted() throws Exception {
		int year = 2043;
		system(year);
		long branch = orgId("SFDX-JSJ-01");
		long other = orgId("SFDX-JSJ-02");
		var branch1 = login("branch1");
		var college1 = login("college1");
		var admin = login("admin");
		long id = claim(branch1, year, branch, "manual.work", "18");

		mvc.perform(post("/api/v1/assessment/results/{orgId}/review", branch).param("year", "" + year).with(college1).with(csrf()))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("1")));
		// approval needs the review first
		mvc.perform(post("/api/v1/assessment/results/{orgId}/approve", branch).param("year", "" + year).with(admin).with(csrf()))
			.andExpect(status().isConflict());
		score(college1, id, "15");
		// the branch does not review itself; the general branch does
		mvc.perform(post("/api/v1/assessment/results/{orgId}/review", branch).param("year", "" + year).with(branch1).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assessment/results/{orgId}/review", branch).param("year", "" + year).with(college1).with(csrf()))
			.andExpect(status().isOk());
		assertThat(standing(year, branch).stage()).isEqualTo(Scoreboard.Stage.REVIEWED);
		// only the committee approves
		mvc.perform(post("/api/v1/assessment/results/{orgId}/approve", branch).param("year", "" + year).with(college1).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assessment/results/{orgId}/approve", branch).param("year", "" + year).with(admin).with(csrf()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.total").value(50.0));
		Scoreboard.Standing approved = standing(year, branch);
		assertThat(approved.stage()).isEqualTo(Scoreboard.Stage.APPROVED);
		assertThat(approved.score().total()).isEqualByComparingTo("50.0");
		assertThat(approved.changedSinceApproval()).isFalse();

		// a later adjustment changes the live score, not the approved one
		mvc.perform(post("/api/v1/assessment/adjustments").with(college1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"year": %d, "orgId": %d, "code": "manual.work", "score": 18, "reason": "补充了获奖材料"}""".formatted(year, branch)))
			.andExpect(status().isCreated());
		// an automatic or unknown indicator is not adjusted this way
		mvc.perform(post("/api/v1/assessment/adjustments").with(college1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"year": %d, "orgId": %d, "code": "dues.collection", "score": 1, "reason": "x"}""".formatted(year, branch)))
			.andExpect(status().isBadRequest());
		Scoreboard.Standing changed = standing(year, branch);
		assertThat(changed.score().total()).isEqualByComparingTo("50.0");
		assertThat(changed.liveTotal()).isEqualByComparingTo("60.0");

		long accepted = auditCount("assessment.result.accept", "admin");
		mvc.perform(post("/api/v1/assessment/results/{orgId}/accept", branch).param("year", "" + year).with(admin).with(csrf()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.total").value(60.0)).andExpect(jsonPath("$.previousTotal").value(50.0));
		assertThat(standing(year, branch).score().total()).isEqualByComparingTo("60.0");
		assertThat(standing(year, branch).liveTotal()).isNull();
		assertThat(auditCount("assessment.result.accept", "admin")).isEqualTo(accepted + 1);
		assertThat(jdbc.sql("select summary from audit_event where action = 'assessment.result.accept' order by id desc limit 1")
			.query(String.class).single()).contains("50 → 60");

		// bulk: every reviewed one named is approved, nothing when one is not reviewed
		mvc.perform(post("/api/v1/assessment/results/{orgId}/review", other).param("year", "" + year).with(college1).with(csrf()))
			.andExpect(status().isOk());
		long third = orgId("SFDX-JSJ-03");
		mvc.perform(post("/api/v1/assessment/results/approve").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\": %d, \"orgIds\": [%d, %d]}".formatted(year, other, third))).andExpect(status().isConflict());
		assertThat(standing(year, other).stage()).isEqualTo(Scoreboard.Stage.REVIEWED);
		mvc.perform(post("/api/v1/assessment/results/approve").with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\": %d, \"orgIds\": [%d]}".formatted(year, other))).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].orgId").value(other));
		assertThat(standing(year, other).stage()).isEqualTo(Scoreboard.Stage.APPROVED);
	}

	@Test
	@DisplayName("支部对一项得分每年只能申诉一次；上级支持申诉时以答复为理由调整得分，审定后的支持显示为待确认的差异")
	void anAppealIsMadeOnceAndAnUpheldOneAdjustsTheScore() throws Exception {
		int year = 2044;
		system(year);
		long branch = orgId("SFDX-JSJ-01");
		var branch1 = login("branch1");
		var college1 = login("college1");
		var admin = login("admin");
		mvc.perform(post("/api/v1/assessment/results/{orgId}/review", branch).param("year", "" + year).with(college1).with(csrf()))
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/assessment/results/{orgId}/approve", branch).param("year", "" + year).with(admin).with(csrf()))
			.andExpect(status().isOk());

		String appeal = """
				{"year": %d, "orgId": %d, "code": "manual.awards", "reason": "获奖证书已于年底补交"}""".formatted(year, branch);
		String body = mvc.perform(post("/api/v1/assessment/appeals").with(branch1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(appeal)).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		mvc.perform(post("/api/v1/assessment/appeals").with(branch1).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(appeal)).andExpect(status().isConflict());
		// the branch does not answer its own appeal; upheld needs a score within the maximum
		mvc.perform(post("/api/v1/assessment/appeals/{id}/answer", id).with(branch1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"upheld\": true, \"score\": 6, \"answer\": \"同意\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assessment/appeals/{id}/answer", id).with(college1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"upheld\": true, \"score\": 9, \"answer\": \"同意\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/assessment/appeals/{id}/answer", id).with(college1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"upheld\": true, \"score\": 6, \"answer\": \"证书属实，予以认定\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.state").value("UPHELD"));
		mvc.perform(post("/api/v1/assessment/appeals/{id}/answer", id).with(college1).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"upheld\": false, \"answer\": \"再答\"}"))
			.andExpect(status().isConflict());
		assertThat(jdbc.sql("select reason from assessment_adjustment where year = ? and organization_id = ? and code = 'manual.awards'")
			.params(year, branch).query(String.class).single()).isEqualTo("证书属实，予以认定");
		Scoreboard.Standing s = standing(year, branch);
		assertThat(s.score().total()).isEqualByComparingTo("0.0");
		assertThat(s.liveTotal()).isEqualByComparingTo("20.0");
		assertThat(s.changedSinceApproval()).isTrue();
	}

	@Test
	@DisplayName("范围：他院管理员 404 并审计，普通党员 403，未登录需登录，缺 CSRF 403")
	void scopeRolesAndCsrf() throws Exception {
		int year = 2045;
		system(year);
		long branch = orgId("SFDX-JSJ-01");
		long denied = auditCount("access.denied", "branch2");
		mvc.perform(post("/api/v1/assessment/claims").with(login("branch2")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(claimJson(year, branch, "manual.feature", "3"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/assessment/appeals").with(login("branch2")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"year\": %d, \"orgId\": %d, \"code\": \"manual.feature\", \"reason\": \"x\"}".formatted(year, branch)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/assessment/claims").param("orgId", "" + branch).with(login("branch2")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch2")).isGreaterThanOrEqualTo(denied + 3);

		// another college's general-branch administrator reaches nothing of this college
		Caller otherCollege = new Caller(0, unique("jx-admin"), "机械学院管理员",
				List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, orgId("SFDX-JX"))));
		assertThatThrownBy(() -> workflow.review(otherCollege, year, branch)).isInstanceOf(OutOfScopeException.class);

		mvc.perform(get("/api/v1/assessment/claims").with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assessment/claims").with(login("member1")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(claimJson(year, branch, "manual.feature", "3"))).andExpect(status().isForbidden());
		int anonymous = mvc.perform(get("/api/v1/assessment/claims")).andReturn().getResponse().getStatus();
		assertThat(anonymous).isIn(401, 302);
		mvc.perform(get("/assessment/claims").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
		mvc.perform(post("/api/v1/assessment/claims").with(login("branch1")).contentType(MediaType.APPLICATION_JSON)
			.content(claimJson(year, branch, "manual.feature", "3"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from assessment_claim where year = ?").param(year).query(Long.class).single())
			.isZero();
	}

	@Test
	@DisplayName("五星证书只给审定为五星的组织，本组织的人和上级可以打开")
	void theCertificateIsForApprovedFiveStarsOnly() throws Exception {
		int year = 2046;
		system(year);
		long branch = orgId("SFDX-JSJ-01");
		long four = orgId("SFDX-JSJ-02");
		Caller branch1 = accounts.callerFor("branch1");
		Caller college1 = accounts.callerFor("college1");
		Caller admin = accounts.callerFor("admin");
		for (var c : List.of(List.of("manual.feature", "6"), List.of("manual.awards", "6"), List.of("manual.work", "17"))) {
			long id = workflow.claim(branch1, year, branch, c.get(0), "申报", new BigDecimal(c.get(1)));
			workflow.score(college1, id, new BigDecimal(c.get(1)), "属实");
		}
		Caller secretary2 = new Caller(0, unique("jsj2-sec"), "书记", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, four)));
		long id = workflow.claim(secretary2, year, four, "manual.work", "申报", new BigDecimal("18"));
		workflow.score(college1, id, new BigDecimal("18"), "属实");
		String page = "/assessment/certificates/{orgId}";
		mvc.perform(get(page, branch).param("year", "" + year).with(login("branch1"))).andExpect(status().isNotFound());
		for (long org : List.of(branch, four)) {
			workflow.review(college1, year, org);
			workflow.approve(admin, year, org);
		}
		assertThat(standing(year, branch).score().stars()).isEqualTo(5);
		assertThat(standing(year, four).score().stars()).isLessThan(5);

		mvc.perform(get(page, branch).param("year", "" + year).with(login("branch1"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/assessment/certificates/" + branch + "?year=" + year)));
		mvc.perform(get(page, branch).param("year", "" + year).with(login("college1"))).andExpect(status().isOk());
		mvc.perform(get(page, branch).param("year", "" + year).with(login("member1"))).andExpect(status().isOk());
		mvc.perform(get(page, branch).param("year", "" + year).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get(page, four).param("year", "" + year).with(login("admin"))).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("申报、申诉与审核页面：表单出错时带着填写的内容返回")
	void pagesShowTheirFormsAndComeBackFilled() throws Exception {
		int year = 2047;
		system(year);
		long branch = orgId("SFDX-JSJ-01");
		var branch1 = login("branch1");
		mvc.perform(get("/assessment/claims").param("year", "" + year).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("claim-form")));
		mvc.perform(post("/assessment/claims").with(branch1).with(csrf()).param("year", "" + year)
			.param("orgId", "" + branch).param("code", "manual.feature").param("text", "我们的特色活动")
			.param("claimedScore", "99")).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("我们的特色活动")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("is-invalid")));
		mvc.perform(post("/assessment/claims").with(branch1).with(csrf()).param("year", "" + year)
			.param("orgId", "" + branch).param("code", "manual.feature").param("text", "我们的特色活动")
			.param("claimedScore", "5")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/assessment/claims").param("year", "" + year).with(login("college1"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("我们的特色活动")));
		mvc.perform(get("/assessment/appeals").param("year", "" + year).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("appeal-form")));
		mvc.perform(get("/assessment/review").param("year", "" + year).with(login("college1"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("standings")));
		mvc.perform(get("/assessment/review").param("year", "" + year).with(login("admin"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("bulk-approve")));
		mvc.perform(get("/assessment/review").with(branch1)).andExpect(status().isForbidden());
		// the drill-down page carries the links of the levels
		mvc.perform(get("/assessment/orgs/{id}", branch).param("year", "" + year).with(login("college1")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/assessment/appeals?year=" + year + "&amp;orgId=" + branch)));
	}

	@Autowired
	AssessmentWorkflowToDos toDos;

	@Test
	@DisplayName("待办：待评分的申报和待答复的申诉给上一级，已审核待审定的给党委")
	void toDosGoToTheLevelThatActs() throws Exception {
		int year = 2049;
		system(year);
		long branch = orgId("SFDX-JSJ-05");
		Caller college1 = accounts.callerFor("college1");
		Caller admin = accounts.callerFor("admin");
		Caller secretary = new Caller(0, unique("jsj5-sec"), "书记", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, branch)));
		long claims = count(toDos.dueFor(college1), "assessment.todo.claims");
		long appeals = count(toDos.dueFor(college1), "assessment.todo.appeals");
		long claimId = workflow.claim(secretary, year, branch, "manual.feature", "申报", new BigDecimal("3"));
		workflow.appeal(secretary, year, branch, "manual.awards", "请复核");
		assertThat(count(toDos.dueFor(college1), "assessment.todo.claims")).isEqualTo(claims + 1);
		assertThat(count(toDos.dueFor(college1), "assessment.todo.appeals")).isEqualTo(appeals + 1);
		assertThat(toDos.dueFor(secretary)).isEmpty();
		workflow.score(college1, claimId, new BigDecimal("3"), "属实");
		long approve = count(toDos.dueFor(admin), "assessment.todo.approve");
		workflow.review(college1, year, branch);
		assertThat(count(toDos.dueFor(admin), "assessment.todo.approve")).isEqualTo(approve + 1);
	}

	private static long count(List<cn.partybuilding.shared.ToDo> todos, String key) {
		return todos.stream().filter(t -> t.messageKey().equals(key)).mapToLong(t -> ((Number) t.args().get(0)).longValue())
			.sum();
	}
}
