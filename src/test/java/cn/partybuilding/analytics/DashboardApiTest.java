package cn.partybuilding.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.PlatformZone;

/** The dashboard's JSON as other tools read it: its shape, its numbers from the modules, and its scope. */
class DashboardApiTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	private static String lastMonth() {
		return LocalDate.now(PlatformZone.ZONE).minusMonths(1).toString().substring(0, 7);
	}

	@Test
	@DisplayName("the committee's dashboard carries members.total, orglife.rate, dues.rate and the rest, with the previous period and last year beside them")
	void contractShape() throws Exception {
		String body = mvc.perform(get("/api/v1/analytics/dashboard").param("period", lastMonth()).param("fresh", "true")
			.with(login("admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.period").value(lastMonth()))
			.andExpect(jsonPath("$.members.total").isNumber())
			.andExpect(jsonPath("$.members.previous.total").isNumber())
			.andExpect(jsonPath("$.members.byCategory[0].key").isString())
			.andExpect(jsonPath("$.members.byPartyAge").isArray())
			.andExpect(jsonPath("$.orglife.rate").isNumber())
			.andExpect(jsonPath("$.orglife.kinds").isArray())
			.andExpect(jsonPath("$.dues.rate").isNumber())
			.andExpect(jsonPath("$.dues.previous").exists())
			.andExpect(jsonPath("$.development.funnel.length()").value(5))
			.andExpect(jsonPath("$.children[0].orgName").isString())
			.andReturn().getResponse().getContentAsString();
		long total = ((Number) JsonPath.read(body, "$.members.total")).longValue();
		List<Number> perChild = JsonPath.read(body, "$.children[*].members");
		assertThat(perChild.stream().mapToLong(Number::longValue).sum()).isLessThanOrEqualTo(total);
		assertThat(total).isGreaterThan(1000);
		// asked again, it is the kept copy: the same moment
		String again = mvc.perform(get("/api/v1/analytics/dashboard").param("period", lastMonth()).with(login("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(again, "$.asOf")).isEqualTo(JsonPath.read(body, "$.asOf"));
	}

	@Test
	@DisplayName("members are counted as on the period's last day (one who left since is not), by category, and a quarter compares with the quarter before")
	void membersAsOfThePeriod() throws Exception {
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		long general = orgs.generalBranch(orgId("SFDX"));
		long branch = orgs.branch(general, false);
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		orgs.members(branch, 3, today.minusYears(3));
		orgs.member(branch, Category.FACULTY, today.minusYears(3));
		members.depart(orgs.member(branch, Category.FACULTY, today.minusYears(2)).id(), today.minusDays(1));
		String period = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
		String body = mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + general).param("period", period)
			.with(login("admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.members.total").value(4))
			.andExpect(jsonPath("$.members.lastYear.total").value(5))
			.andExpect(jsonPath("$.children.length()").value(1))
			.andExpect(jsonPath("$.children[0].members").value(4))
			.andReturn().getResponse().getContentAsString();
		List<Map<String, Object>> categories = JsonPath.read(body, "$.members.byCategory");
		assertThat(categories).extracting(c -> c.get("key") + "=" + c.get("count")).containsExactly("STUDENT=3", "FACULTY=1");
		assertThat((String) JsonPath.read(body, "$.previousPeriod")).matches("\\d{4}-Q[1-4]");
		// a standing figure (members in arrears today) is not compared with a past period it cannot be computed for
		assertThat((Object) JsonPath.read(body, "$.dues.arrears")).isNotNull();
		assertThat((Object) JsonPath.read(body, "$.dues.previous.arrears")).isNull();
	}

	@Test
	@DisplayName("an earlier period's own figures are computed once the period is over and kept: the next dashboard reads them")
	void earlierFiguresComputedOnceAndKept() throws Exception {
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		long general = orgs.generalBranch(orgId("SFDX"));
		long branch = orgs.branch(general, false);
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		orgs.members(branch, 3, today.minusYears(3));
		String period = lastMonth();
		String body = mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + general).param("period", period)
			.param("fresh", "true").with(login("admin")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.members.previous.total").value(3))
			.andReturn().getResponse().getContentAsString();
		String previous = JsonPath.read(body, "$.previousPeriod");
		// the kept figures are the count they stand for
		assertThat(jdbc.sql("select (body->>'members')::int from analytics_dashboard_earlier where org_id = ? and period = ?")
			.params(general, previous).query(Integer.class).single()).isEqualTo(3);
		// read, not computed again: what is kept is what the next dashboard shows
		jdbc.sql("update analytics_dashboard_earlier set body = jsonb_set(body, '{members}', '7') where org_id = ? and period = ?")
			.params(general, previous).update();
		mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + general).param("period", period)
			.param("fresh", "true").with(login("admin")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.members.previous.total").value(7))
			.andExpect(jsonPath("$.members.total").value(3));
	}

	@Test
	@DisplayName("scope: another college's dashboard is 404 and audited, a member 403, no sign-in 401, a bad period 400")
	void scope() throws Exception {
		long denied = auditCount("access.denied", "college1");
		mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + orgId("SFDX-JX")).with(login("college1")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "college1")).isEqualTo(denied + 1);
		mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + orgId("SFDX")).with(login("branch1")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/analytics/dashboard").with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/analytics/dashboard")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/analytics/dashboard").param("period", "2026-13").with(login("admin")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("period"));
		mvc.perform(get("/api/v1/analytics/dashboard").param("period", "2099-01").with(login("admin")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("period"));
		mvc.perform(get("/api/v1/analytics/dashboard").with(login("branch1")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.orgId").value(orgId("SFDX-JSJ-01")));
	}

	@Test
	@DisplayName("a stale kept dashboard is shown at once with its 数据截至 and computed again behind the reader")
	void staleCopyShownThenRefreshed() throws Exception {
		FigureOrgs orgs = new FigureOrgs(tree, members, accounts);
		long general = orgs.generalBranch(orgId("SFDX"));
		mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + general).param("period", lastMonth())
			.with(login("admin"))).andExpect(status().isOk());
		jdbc.sql("update analytics_dashboard set body = jsonb_set(body, '{asOf}', to_jsonb('2020-01-01T00:00:00Z'::text)) where org_id = ?")
			.param(general).update();
		mvc.perform(get("/api/v1/analytics/dashboard").param("orgId", "" + general).param("period", lastMonth())
			.with(login("admin"))).andExpect(status().isOk()).andExpect(jsonPath("$.asOf").value("2020-01-01T00:00:00Z"));
		String asOf = "2020-01-01T00:00:00Z";
		for (int i = 0; i < 300 && asOf.startsWith("2020"); i++) {
			Thread.sleep(100);
			asOf = jdbc.sql("select body->>'asOf' from analytics_dashboard where org_id = ?").param(general).query(String.class)
				.single();
		}
		assertThat(asOf).doesNotStartWith("2020");
	}
}
