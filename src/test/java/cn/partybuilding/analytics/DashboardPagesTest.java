package cn.partybuilding.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.PlatformZone;

/**
 * The dashboard pages over HTTP with the demo university: every card a chart and a table, the names behind a bar
 * within scope only (out of scope: the audited 404), staff only (a member: 403), the export audited, and the 大屏
 * with no personal data.
 */
class DashboardPagesTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Autowired
	Clock clock;

	private String page(String url, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** A student admitted on {@code joined}, still probationary. */
	private FigureOrgs.Person probationary(long branch, LocalDate joined) {
		String first17 = "110105" + "20020304" + String.format("%03d", java.util.concurrent.ThreadLocalRandom.current().nextInt(500) * 2);
		String username = unique("N");
		String name = "分析新人" + username.substring(1, 5);
		long id = members.registerPrepared(new MemberForm(name, Gender.FEMALE, "汉族", LocalDate.of(2002, 3, 4),
				first17 + IdCardNumber.checkCharacter(first17), "北京", Education.BACHELOR, Category.STUDENT, username, null,
				branch, MemberStatus.PROBATIONARY, joined, null, 2027, false), accounts.encode(DEMO_PASSWORD), false);
		return new FigureOrgs.Person(id, username, name);
	}

	private String lastMonth() {
		return YearMonth.now(clock.withZone(PlatformZone.ZONE)).minusMonths(1).toString();
	}

	@Test
	@DisplayName("the committee's dashboard: a card per section with its chart data and its table, the period picker and the 数据截至")
	void theCommitteeSeesEveryCardWithItsTable() throws Exception {
		String html = page("/analytics", login("admin"));
		assertThat(html).contains("id=\"card-members-total\"", "id=\"card-funnel\"", "id=\"card-children\"",
				"class=\"analytics-chart\"", "data-chart=", "/js/analytics-dashboard.js", "数据截至",
				"value=\"" + lastMonth() + "\" selected", "/analytics/export.xlsx", "/analytics/screen");
		// the children's table links to each child's dashboard
		assertThat(html).contains("/analytics?orgId=" + orgId("SFDX-JSJ") + "&amp;period=" + lastMonth());
		// no inline script: the CSP holds
		assertThat(html).doesNotContain("<script>").doesNotContain("onclick=");
	}

	@Test
	@DisplayName("a college's secretary reads its college; another college is the audited 404; a member is refused; a visitor signs in")
	void theDashboardIsScoped() throws Exception {
		RequestPostProcessor college1 = login("college1");
		String own = page("/analytics", college1);
		assertThat(own).contains("计算机");
		page("/analytics?orgId=" + orgId("SFDX-JSJ-01") + "&period=2026-Q3", college1);

		long before = auditCount("access.denied", "college1");
		mvc.perform(get("/analytics").param("orgId", "" + orgId("SFDX-JX")).with(college1)).andExpect(status().isNotFound());
		mvc.perform(get("/analytics/drill/members").param("orgId", "" + orgId("SFDX-JX-01"))
			.param("dimension", "gender").param("key", "MALE").with(college1)).andExpect(status().isNotFound());
		mvc.perform(get("/analytics/export.xlsx").param("orgId", "" + orgId("SFDX-JX")).with(college1))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "college1")).isEqualTo(before + 3);

		mvc.perform(get("/analytics").param("orgId", "" + orgId("SFDX")).with(login("branch1")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/analytics").with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(get("/analytics/screen").with(login("branch1"))).andExpect(status().isForbidden());
		mvc.perform(get("/analytics").accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/analytics/screen/data")).andExpect(status().isUnauthorized());
	}

	@Test
	@DisplayName("a bad period or breakdown is a clear 400, not a server error")
	void badInputIsAClearMessage() throws Exception {
		RequestPostProcessor admin = login("admin");
		mvc.perform(get("/analytics").param("period", "2026-13").with(admin)).andExpect(status().isBadRequest());
		mvc.perform(get("/analytics/drill/members").param("orgId", "" + orgId("SFDX")).param("dimension", "salary")
			.param("key", "x").with(admin)).andExpect(status().isBadRequest());
		mvc.perform(get("/analytics/drill/figure").param("orgId", "" + orgId("SFDX")).param("code", "no.such.figure")
			.with(admin)).andExpect(status().isBadRequest());
		mvc.perform(get("/analytics/drill/funnel").param("orgId", "" + orgId("SFDX")).param("stage", "nowhere")
			.with(admin)).andExpect(status().isBadRequest());
	}

	@Test
	@DisplayName("the names behind a composition bar: the members of the bucket at the period's end, within the scope, audited")
	void theNamesBehindACompositionBar() throws Exception {
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		long college = orgs.generalBranch(orgId("SFDX"));
		long branch = orgs.branch(college, false);
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		FigureOrgs.Person student = orgs.member(branch, Category.STUDENT, today.minusYears(7));
		FigureOrgs.Person teacher = orgs.member(branch, Category.FACULTY, today.minusYears(7));
		FigureOrgs.Person newcomer = probationary(branch, today.minusDays(3));
		RequestPostProcessor admin = login("admin");
		String period = String.valueOf(today.getYear());

		long audited = auditCount("analytics.drill", "admin");
		String students = page("/analytics/drill/members?orgId=" + college + "&period=" + period
				+ "&dimension=category&key=STUDENT", admin);
		assertThat(students).contains(student.name(), newcomer.name(), "/members/" + student.id(), "id=\"drill-title\"",
				"/analytics/drill/members.xlsx?orgId=" + college).doesNotContain(teacher.name()).doesNotContain("&lt;title");
		assertThat(auditCount("analytics.drill", "admin")).isEqualTo(audited + 1);

		// the whole list as Excel, audited
		long exported = auditCount("analytics.export", "admin");
		byte[] sheet = mvc.perform(get("/analytics/drill/members.xlsx").param("orgId", "" + college)
			.param("period", period).param("dimension", "category").param("key", "STUDENT").with(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
			var rows = book.getSheetAt(0);
			assertThat(rows.getLastRowNum()).isEqualTo(2);
			assertThat(List.of(rows.getRow(1).getCell(0).getStringCellValue(), rows.getRow(2).getCell(0).getStringCellValue()))
				.containsExactlyInAnyOrder(student.name(), newcomer.name());
		}
		assertThat(auditCount("analytics.export", "admin")).isEqualTo(exported + 1);
		mvc.perform(get("/analytics/drill/members.xlsx").param("orgId", "" + college).param("dimension", "category")
			.param("key", "STUDENT").with(login("college1"))).andExpect(status().isNotFound());

		// 党龄 from the conversion (a year after joining): six years ago
		String sixYears = page("/analytics/drill/members?orgId=" + branch + "&period=" + period
				+ "&dimension=partyAge&key=5-9", admin);
		assertThat(sixYears).contains(student.name(), teacher.name()).doesNotContain(newcomer.name());
		String probationary = page("/analytics/drill/members?orgId=" + branch + "&period=" + period
				+ "&dimension=partyAge&key=none", admin);
		assertThat(probationary).contains(newcomer.name()).doesNotContain(student.name());

		// age at the period's end (the composition's day, exclusive): the bucket of each one's birth date
		LocalDate birth = jdbc.sql("select birth_date from member where id = ?").param(student.id()).query(LocalDate.class)
			.single();
		int age = java.time.Period.between(birth, LocalDate.of(today.getYear() + 1, 1, 1)).getYears();
		String band = age < 25 ? "0-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : age < 55 ? "45-54" : age < 65 ? "55-64" : "65-";
		assertThat(page("/analytics/drill/members?orgId=" + branch + "&period=" + period + "&dimension=age&key=" + band,
				admin)).contains(student.name());
		String other = "0-24".equals(band) ? "65-" : "0-24";
		assertThat(page("/analytics/drill/members?orgId=" + branch + "&period=" + period + "&dimension=age&key=" + other,
				admin)).doesNotContain(student.name());

		assertThat(page("/analytics/drill/members?orgId=" + branch + "&period=" + period
				+ "&dimension=graduation&key=2030", admin)).contains(student.name()).doesNotContain(teacher.name());
		assertThat(page("/analytics/drill/members?orgId=" + branch + "&period=" + period
				+ "&dimension=gender&key=FEMALE", admin)).contains(student.name(), teacher.name());
		assertThat(page("/analytics/drill/members?orgId=" + branch + "&period=" + period
				+ "&dimension=education&key=MASTER", admin)).contains(student.name());
		// a period before the newcomer joined does not list them
		assertThat(page("/analytics/drill/members?orgId=" + branch + "&period=" + (today.getYear() - 1)
				+ "&dimension=category&key=STUDENT", admin)).contains(student.name()).doesNotContain(newcomer.name());

		// the college's secretary of another college does not reach it
		mvc.perform(get("/analytics/drill/members").param("orgId", "" + branch).param("dimension", "category")
			.param("key", "STUDENT").with(login("college1"))).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("the people behind a funnel stage: those whose step was approved in the period")
	void thePeopleBehindAFunnelStage() throws Exception {
		List<Map<String, Object>> steps = jdbc.sql("""
				select a.name, s.done_on, a.id from development_step s join applicant a on a.id = s.applicant_id
				join organization o on o.id = s.organization_id
				where s.step = 1 and s.decision = 'APPROVED' and not s.cancelled and o.code like 'SFDX-JSJ%'
				order by s.done_on desc limit 1""").query().listOfRows();
		assertThat(steps).isNotEmpty();
		String name = (String) steps.get(0).get("name");
		LocalDate on = ((java.sql.Date) steps.get(0).get("done_on")).toLocalDate();
		String html = page("/analytics/drill/funnel?orgId=" + orgId("SFDX-JSJ") + "&period=" + YearMonth.from(on)
				+ "&stage=application", login("college1"));
		assertThat(html).contains(name, "/development/people/" + steps.get(0).get("id"), on.toString(),
				"/analytics/drill/funnel.xlsx").doesNotContain("&lt;title");
		String before = page("/analytics/drill/funnel?orgId=" + orgId("SFDX-JSJ") + "&period=" + (on.getYear() - 5)
				+ "&stage=application", login("college1"));
		assertThat(before).doesNotContain("/development/people/" + steps.get(0).get("id") + "\"");
	}

	@Test
	@DisplayName("the lines behind a figure come from the module that computes it")
	void theLinesBehindAFigure() throws Exception {
		String html = page("/analytics/drill/figure?orgId=" + orgId("SFDX-JSJ-01") + "&period=" + lastMonth()
				+ "&code=orglife.compliance.THEME_DAY", login("branch1"));
		assertThat(html).contains("id=\"drill-title\"").containsAnyOf("id=\"lines\"", "id=\"no-lines\"")
			.doesNotContain("&lt;title");
		mvc.perform(get("/analytics/drill/figure").param("orgId", "" + orgId("SFDX-JX-01"))
			.param("code", "orglife.compliance.THEME_DAY").with(login("branch1"))).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("the export holds the dashboard's tables as numbers, and is audited")
	void theExportHoldsTheTables() throws Exception {
		RequestPostProcessor admin = login("admin");
		long before = auditCount("analytics.export", "admin");
		byte[] body = mvc.perform(get("/analytics/export.xlsx").param("orgId", "" + orgId("SFDX-JSJ"))
			.param("period", lastMonth()).with(admin))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(".xlsx")))
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
			assertThat(book.getNumberOfSheets()).isEqualTo(2);
			var figures = book.getSheetAt(0);
			assertThat(figures.getRow(1).getCell(2).getNumericCellValue()).isPositive();
			var children = book.getSheetAt(1);
			assertThat(children.getLastRowNum()).isPositive();
			assertThat(children.getRow(1).getCell(0).getStringCellValue()).isNotBlank();
		}
		assertThat(auditCount("analytics.export", "admin")).isEqualTo(before + 1);
	}

	@Test
	@DisplayName("the 大屏: its page and its figures for the committee and the colleges, and no personal data")
	void theScreenShowsNoPersonalData() throws Exception {
		RequestPostProcessor admin = login("admin");
		String html = page("/analytics/screen", admin);
		assertThat(html).contains("id=\"screen\"", "data-refresh=\"300\"", "/analytics/screen/data?orgId=" + orgId("SFDX"),
				"/js/analytics-screen.js", "screen-clock").doesNotContain("/members/");
		String json = mvc.perform(get("/analytics/screen/data").with(admin)).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/json"))
			.andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(json, "$.members.total")).longValue()).isPositive();
		assertThat(json).doesNotContain("/members/").doesNotContain("/development/people/");
		String anyName = jdbc.sql("select name from member where departed_on is null limit 1").query(String.class).single();
		assertThat(json).doesNotContain("\"" + anyName + "\"");

		RequestPostProcessor college1 = login("college1");
		page("/analytics/screen", college1);
		mvc.perform(get("/analytics/screen/data").param("orgId", "" + orgId("SFDX-JX")).with(college1))
			.andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("the menu: the dashboard for the staff, the 大屏 for the committee and the colleges")
	void theMenu() throws Exception {
		assertThat(page("/", login("admin"))).contains("href=\"/analytics\"", "href=\"/analytics/screen\"");
		assertThat(page("/", login("branch1"))).contains("href=\"/analytics\"").doesNotContain("href=\"/analytics/screen\"");
		assertThat(page("/", login("member1"))).doesNotContain("href=\"/analytics\"");
	}
}
