package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.assessment.AssessmentManagement;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.CompositionQuery;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * 数据分析 at scale (the data set of {@link ScaleYear}: 50 000 members, a year of meetings and dues): the committee's
 * and a college's dashboard computed from live data (what the hourly refresh and a first look pay) and served from
 * the kept copy (what everyone else gets), with the plans of the queries they rest on. Prints p50/p95; asserts
 * nothing about time. Run with {@code ./mvnw test -Pbench -Dtest=AnalyticsBenchmark}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class AnalyticsBenchmark extends PlatformTest {

	@Autowired
	MemberDirectory members;

	@Autowired
	DuesManagement dues;

	@Autowired
	AssessmentManagement assessment;

	@Autowired
	AccountManagement accounts;

	@Autowired
	Clock clock;

	@Autowired
	List<Figures> figures;

	@Test
	void dashboardsAtScale() throws Exception {
		ScaleYear.write("数据分析", jdbc, members, dues, assessment, accounts, clock);
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		String month = today.minusMonths(1).toString().substring(0, 7);
		long school = orgId("SFDX");
		long college = jdbc.sql("""
				select o.parent_id from member m join organization o on o.id = m.organization_id
				group by o.parent_id order by count(*) desc limit 1""").query(Long.class).single();
		RequestPostProcessor admin = login("admin");
		String committee = "/api/v1/analytics/dashboard?orgId=" + school + "&period=" + month;
		String oneCollege = "/api/v1/analytics/dashboard?orgId=" + college + "&period=" + month;
		measure("committee dashboard, computed live", admin, committee + "&fresh=true", 6);
		measure("committee dashboard, kept copy", admin, committee, 40);
		measure("committee dashboard, a quarter, live", admin,
				"/api/v1/analytics/dashboard?orgId=" + school + "&period=" + today.getYear() + "-Q"
						+ ((today.getMonthValue() - 1) / 3 + 1) + "&fresh=true", 4);
		measure("committee dashboard, the year, live", admin,
				"/api/v1/analytics/dashboard?orgId=" + school + "&period=" + today.getYear() + "&fresh=true", 4);
		measure("largest college's dashboard, live", admin, oneCollege + "&fresh=true", 6);
		measure("largest college's dashboard, kept copy", admin, oneCollege, 40);

		System.out.println("\n-- what a live committee dashboard spends, per source (the school and its children, one period)");
		List<Long> orgs = new ArrayList<>(List.of(school));
		orgs.addAll(jdbc.sql("select id from organization where parent_id = ? and dissolved_at is null").param(school)
			.query(Long.class).list());
		Period period = Period.parse(month);
		for (Figures f : figures) {
			List<String> codes = f.kinds().stream().map(Figures.Kind::code).toList();
			List<Double> times = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				long t = System.nanoTime();
				f.measureAll(codes, orgs, period);
				times.add((System.nanoTime() - t) / 1e6);
			}
			System.out.printf("  %-42s p50 %8.1f ms%n", String.join(", ", codes).substring(0, Math.min(42, String.join(", ", codes).length())),
					MemberScaleBenchmark.percentile(times, 50));
		}
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			long t = System.nanoTime();
			members.composition(jdbc.sql("select id from organization where dissolved_at is null").query(Long.class).list(),
					period.until());
			times.add((System.nanoTime() - t) / 1e6);
		}
		System.out.printf("  %-42s p50 %8.1f ms%n", "members' composition", MemberScaleBenchmark.percentile(times, 50));

		System.out.println("\n-- plan: the members' composition of the whole school on a day (one pass, grouping sets)");
		List<Long> all = jdbc.sql("select id from organization where dissolved_at is null").query(Long.class).list();
		jdbc.sql("explain (analyze, buffers) " + CompositionQuery.sql()).param("orgs", all)
			.param("day", Date.valueOf(today.withDayOfMonth(1))).query(String.class).list().forEach(System.out::println);
		System.out.println("\n-- plan: a kept dashboard");
		jdbc.sql("explain (analyze, buffers) select body from analytics_dashboard where org_id = ? and period = ? and computed_at > now() - interval '15 minutes'")
			.params(school, month).query(String.class).list().forEach(System.out::println);
	}

	void measure(String what, RequestPostProcessor who, String url, int runs) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < runs + 2; i++) {
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 2) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-42s p50 %8.1f ms   p95 %8.1f ms%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95));
	}
}
