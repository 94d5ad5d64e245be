package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
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
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;

/**
 * 考核 at scale: 50 000 members and a year of meetings (about 60 000 with a million invitations, as the orglife
 * benchmark writes them) and of dues (bills for every month, nine in ten paid); then the school's ranking of every
 * branch recomputed live, each module's figure for all branches at once, and one branch with its drill-down,
 * server side through MockMvc. Prints p50/p95; asserts nothing about time. Run with {@code ./mvnw verify -Pbench
 * -Dtest=AssessmentBenchmark}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class AssessmentBenchmark extends PlatformTest {

	@Autowired
	MemberDirectory members;

	@Autowired
	DuesManagement dues;

	@Autowired
	AssessmentManagement assessment;

	@Autowired
	AccountManagement accounts;

	@Autowired
	List<Figures> figures;

	@Autowired
	Clock clock;

	@Test
	void theSchoolsRankingFromLiveData() throws Exception {
		int year = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).getYear();
		ScaleYear.write("考核", jdbc, members, dues, assessment, accounts, clock);

		List<Long> branchIds = jdbc.sql("select id from organization where type = 'BRANCH' and dissolved_at is null order by id")
			.query(Long.class).list();
		Period period = Period.parse(Integer.toString(year));
		for (Figures f : figures) {
			for (Figures.Kind k : f.kinds()) {
				List<Double> times = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					long t = System.nanoTime();
					f.measure(k.code(), branchIds, period);
					if (i >= 3) {
						times.add((System.nanoTime() - t) / 1e6);
					}
				}
				System.out.printf("  figure %-38s all branches  p50 %7.1f ms%n", k.code(), MemberScaleBenchmark.percentile(times, 50));
			}
		}
		RequestPostProcessor admin = login("admin");
		measure("school ranking, every branch, live", admin, "/api/v1/assessment/scores?year=" + year, 12);
		long busiest = jdbc.sql("select organization_id from member group by organization_id order by count(*) desc limit 1")
			.query(Long.class).single();
		measure("one branch with its drill-down", admin, "/api/v1/assessment/scores/" + busiest + "?year=" + year, 25);
	}

	void measure(String what, RequestPostProcessor who, String url, int runs) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < runs + 3; i++) {
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 3) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-40s p50 %7.1f ms   p95 %7.1f ms%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95));
	}
}
