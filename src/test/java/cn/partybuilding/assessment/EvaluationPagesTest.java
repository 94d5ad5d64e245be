package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/** The 民主评议 pages: the managers' list and form, an evaluation's page, the member's phone page, the home card. */
class EvaluationPagesTest extends PlatformTest {

	private static final AtomicInteger YEARS = new AtomicInteger(2081);

	@Autowired
	private DemocraticEvaluations evaluations;

	private EvaluationFixture fixture;

	private RequestPostProcessor branch;

	private RequestPostProcessor member;

	@BeforeEach
	void signIn() throws Exception {
		fixture = new EvaluationFixture(evaluations, jdbc);
		branch = login("branch1");
		member = login("member1");
	}

	private Caller branch1() {
		long account = jdbc.sql("select id from account where username = 'branch1'").query(Long.class).single();
		return new Caller(account, "branch1", "张伟", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, orgId("SFDX-JSJ-01"))));
	}

	private long open(int year) {
		return evaluations.create(branch1(), orgId("SFDX-JSJ-01"), year, Instant.now().minusSeconds(60),
				Instant.now().plus(Duration.ofDays(2)));
	}

	private long memberId(String username) {
		return jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = ?")
			.param(username).query(Long.class).single();
	}

	@Test
	void theManagersSetAnEvaluationAndAFailedFormComesBackFilled() throws Exception {
		mvc.perform(get("/evaluations").with(branch))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"create-form\"")))
			.andExpect(content().string(containsString("发起民主评议")));
		String year = Integer.toString(YEARS.getAndIncrement());
		LocalDateTime opens = LocalDateTime.now(PlatformZone.ZONE).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
		mvc.perform(post("/evaluations").with(branch).with(csrf()).param("branchId", Long.toString(orgId("SFDX-JSJ-01")))
				.param("year", year).param("opensAt", opens.toString()).param("closesAt", opens.minusHours(1).toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("截止时间须晚于开始时间")))
			.andExpect(content().string(containsString("value=\"" + year + "\"")))
			.andExpect(content().string(containsString("is-invalid")));
		String location = mvc.perform(post("/evaluations").with(branch).with(csrf())
				.param("branchId", Long.toString(orgId("SFDX-JSJ-01"))).param("year", year)
				.param("opensAt", opens.toString()).param("closesAt", opens.plusDays(3).toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		mvc.perform(get(location).with(branch))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"turnout\"")))
			.andExpect(content().string(containsString("id=\"close-form\"")));
		mvc.perform(get("/evaluations").with(branch)).andExpect(content().string(containsString(year)));
	}

	@Test
	void theMemberWritesTheSelfAssessmentAndVotesOnThePhoneWithTheFormKeptOnAMistake() throws Exception {
		int year = YEARS.getAndIncrement();
		long id = open(year);
		mvc.perform(get("/").with(member)).andExpect(content().string(containsString(year + " 年度民主评议")));
		mvc.perform(get("/evaluations/mine").param("id", Long.toString(id)).with(member))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"ballot-form\"")))
			.andExpect(content().string(containsString("type=\"radio\"")));
		String tooLong = "自".repeat(Evaluations.MAX_SELF + 1);
		mvc.perform(post("/evaluations/mine/" + id + "/self").with(member).with(csrf()).param("text", tooLong))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(tooLong)))
			.andExpect(content().string(containsString("is-invalid")));
		mvc.perform(post("/evaluations/mine/" + id + "/self").with(member).with(csrf()).param("text", "本年度认真履行党员义务。"))
			.andExpect(redirectedUrl("/evaluations/mine?id=" + id + "&saved"));
		long other = fixture.otherFullMembers(orgId("SFDX-JSJ-01"), memberId("member1"), 2).get(1);
		// a grade that does not exist: the ballot comes back with the choices made
		mvc.perform(post("/evaluations/mine/" + id + "/ballot").with(member).with(csrf())
				.param("rows[0].memberId", Long.toString(other)).param("rows[0].grade", "EXCELLENT")
				.param("rows[1].memberId", Long.toString(memberId("member1"))).param("rows[1].grade", "QUALIFIED"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("不能评议自己")))
			.andExpect(content().string(containsString("value=\"EXCELLENT\" autocomplete=\"off\" name=\"rows[0].grade\" checked=\"checked\"")));
		mvc.perform(post("/evaluations/mine/" + id + "/ballot").with(member).with(csrf())
				.param("rows[0].memberId", Long.toString(other)).param("rows[0].grade", "EXCELLENT"))
			.andExpect(redirectedUrl("/evaluations/mine?id=" + id + "&voted"));
		mvc.perform(get("/evaluations/mine").param("id", Long.toString(id)).with(member))
			.andExpect(content().string(containsString("id=\"already\"")))
			.andExpect(content().string(not(containsString("id=\"ballot-form\""))))
			.andExpect(content().string(containsString("本年度认真履行党员义务。")));
		mvc.perform(get("/").with(member)).andExpect(content().string(not(containsString(year + " 年度民主评议"))));
	}

	@Test
	void theBranchProposesTheGeneralBranchApprovesAndTheExcelHasTheCounts() throws Exception {
		long id = open(YEARS.getAndIncrement());
		long me = memberId("member1");
		for (Long voter : fixture.otherFullMembers(orgId("SFDX-JSJ-01"), me, 3)) {
			fixture.vote(voter, id, java.util.Map.of(me, EvaluationGrade.EXCELLENT));
		}
		mvc.perform(post("/evaluations/" + id + "/close").with(branch).with(csrf()))
			.andExpect(redirectedUrl("/evaluations/" + id));
		// the form is filled with the grade of most votes
		String page = mvc.perform(get("/evaluations/" + id).with(branch)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(page).contains("id=\"proposal-form\"", "value=\"EXCELLENT\" selected=\"selected\"");
		List<Long> roll = jdbc.sql("select member_id from assessment_evaluation_result where evaluation_id = ? order by member_id")
			.param(id).query(Long.class).list();
		var bad = post("/evaluations/" + id + "/proposal").with(branch).with(csrf());
		for (int i = 0; i < roll.size(); i++) {
			bad.param("rows[" + i + "].memberId", Long.toString(roll.get(i)))
				.param("rows[" + i + "].grade", i == 0 ? "UNQUALIFIED" : "QUALIFIED")
				.param("rows[" + i + "].note", i == 0 ? "谈话后仍未改正" : "");
		}
		mvc.perform(bad).andExpect(status().isOk())
			.andExpect(content().string(containsString("须记录组织处置")))
			.andExpect(content().string(containsString("谈话后仍未改正")))
			.andExpect(content().string(containsString("is-invalid")));
		var good = post("/evaluations/" + id + "/proposal").with(branch).with(csrf());
		for (int i = 0; i < roll.size(); i++) {
			good.param("rows[" + i + "].memberId", Long.toString(roll.get(i))).param("rows[" + i + "].grade", "QUALIFIED");
		}
		mvc.perform(good).andExpect(redirectedUrl("/evaluations/" + id + "?proposed"));
		RequestPostProcessor college = login("college1");
		mvc.perform(post("/evaluations/" + id + "/return").with(college).with(csrf()).param("reason", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("请填写退回理由")));
		mvc.perform(get("/evaluations/" + id).with(college)).andExpect(content().string(containsString("id=\"approve-form\"")));
		mvc.perform(post("/evaluations/" + id + "/approval").with(college).with(csrf()))
			.andExpect(redirectedUrl("/evaluations/" + id + "?approved"));
		byte[] xlsx = mvc.perform(get("/evaluations/" + id + "/results.xlsx").with(branch))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			var sheet = book.getSheet("民主评议");
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("优秀");
			assertThat(sheet.getLastRowNum()).isEqualTo(roll.size());
		}
		mvc.perform(get("/evaluations/mine").param("id", Long.toString(id)).with(member))
			.andExpect(content().string(containsString("id=\"own-result\"")))
			.andExpect(content().string(containsString("优秀 3 票")));
	}
}
