package cn.partybuilding.learning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.bench.ProvinceLevels;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;

/**
 * 人均学习积分 (the dashboard's study points per member) when the members study: points written for half of the
 * accounts on eight days of November 2021 (before anything of the demo; {@code -Dbench.study-days}; their own rule,
 * {@code BENCH_STUDY}), then the figure
 * of a month at the largest branch, its college and its school, read the platform's way
 * ({@code party.learning.points-by-account-up-to}: a scope up to 50 000 members reads its own accounts' points) and
 * the way it was before (the period's earners of the whole platform, looked up), p50 / p95 of each and whether both
 * give the same figure. The points are deleted at the end. Asserts nothing about time. On the generated province:
 * {@code ./mvnw -o -q test -Pbench -Dtest=StudyPointsBenchmark -Dbench.data=<its folder> -Dbench.clean=false
 * -Dbench.heap=2g}; without it, on the demo.
 */
@SpringBootTest(properties = { "party.data-dir=${bench.data:target/bench-study}",
		"party.embedded.clean-on-start=${bench.clean:true}" })
class StudyPointsBenchmark extends PlatformTest {

	static final int DAYS = Integer.getInteger("bench.study-days", 8);

	static final int RUNS = 9;

	static final LocalDate FIRST = LocalDate.of(2021, 11, 1);

	@Autowired
	StudyFigures figures;

	@Autowired
	StudyOutlines outlines;

	@Autowired
	StudyPoints points;

	@Autowired
	MemberDirectory members;

	@Autowired
	OrganizationScope scope;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	Clock clock;

	@Test
	void pointsPerMemberWhenHalfThePlatformStudies() {
		long start = System.nanoTime();
		int written = jdbc.sql("""
				insert into learning_points (account_id, day, rule, points)
				select m.account_id, cast(? as date) + d, 'BENCH_STUDY', 1 + (m.id % 5)::int
				from member m cross join generate_series(0, ? - 1) d
				where m.account_id is not null and m.departed_on is null and m.id % 2 = 0""").params(FIRST, DAYS).update();
		jdbc.sql("analyze learning_points").update();
		try {
			System.out.printf("%n== StudyPointsBenchmark: %d points rows written for half the accounts on %d days of %s in %.1f s ==%n",
					written, DAYS, FIRST.getMonth(), (System.nanoTime() - start) / 1e9);
			long root = jdbc.sql("select id from organization where parent_id is null and dissolved_at is null order by id limit 1")
				.query(Long.class).single();
			long school = ProvinceLevels.biggestChild(jdbc, root);
			long college = ProvinceLevels.biggestChild(jdbc, school);
			long branch = ProvinceLevels.biggestChild(jdbc, college);
			Period month = Period.parse("2021-11");
			StudyFigures byEarners = new StudyFigures(outlines, points, members, scope, jdbcTemplate, clock, -1);
			for (long org : List.of(branch, college, school)) {
				long accounts = members.accountCountsIn(scope.subtree(org)).values().stream().mapToLong(Integer::longValue).sum();
				Map<Long, Figures.Measured> now = figures.measure(StudyFigures.POINTS, List.of(org), month);
				Map<Long, Figures.Measured> before = byEarners.measure(StudyFigures.POINTS, List.of(org), month);
				double[] platform = time(() -> figures.measure(StudyFigures.POINTS, List.of(org), month));
				double[] earners = time(() -> byEarners.measure(StudyFigures.POINTS, List.of(org), month));
				System.out.printf("  %-8d %7d members with an account: the platform's way p50 %8.1f p95 %8.1f ms; "
						+ "the period's earners p50 %8.1f p95 %8.1f ms; figure %s (%s)%n", org, accounts, platform[0], platform[1],
						earners[0], earners[1], now.get(org) == null ? "-" : now.get(org).value(),
						now.equals(before) ? "the same both ways" : "DIFFERS: " + before.get(org));
			}
		}
		finally {
			jdbc.sql("delete from learning_points where rule = 'BENCH_STUDY'").update();
		}
	}

	private double[] time(Runnable run) {
		run.run();
		List<Double> ms = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			long t = System.nanoTime();
			run.run();
			ms.add((System.nanoTime() - t) / 1e6);
		}
		Collections.sort(ms);
		return new double[] { ms.get(RUNS / 2), ms.get(RUNS - 1) };
	}
}
