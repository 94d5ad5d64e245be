package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The fifth round's part of the province reports: compliance summed per organisation below (the page and
 * {@code groupBy=child}) and the live dashboard (its transfer and compliance figures), at the province root, a school
 * and a college. The province is {@link ProvinceReportsBenchmark}'s
 * (its set-up reused: the synthetic 100 × 10 × 20 branches with last year's meetings, {@code -Dbench.members-per-branch}
 * members). Run only this method: {@code ./mvnw -o -q test -Pbench -Dtest='ProvinceComplianceBenchmark#complianceAndDashboard'
 * -Dbench.heap=2g -Dbench.members-per-branch=50 -Dbench.data=target/c-province [-Dbench.clean=false]}; with
 * {@code -Dbench.compliance.only=true} compliance alone (no dashboard: {@code ProvinceDashboardBenchmark} measures it),
 * {@code -Dbench.compliance.province-only=true} only at the root.
 * Prints p50/p95; asserts nothing about time.
 */
class ProvinceComplianceBenchmark extends ProvinceReportsBenchmark {

	@Test
	void complianceAndDashboard() throws Exception {
		int lastYear = LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear() - 1;
		long root = synthetic(lastYear);
		long school = jdbc.sql("select id from organization where code = 'BENCH-S1'").query(Long.class).single();
		long college = jdbc.sql("select id from organization where code = 'BENCH-S1-C1'").query(Long.class).single();
		System.out.printf("%nload average: %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
		long started = System.nanoTime();
		int counted = orglife.countSignedOffMeetings();
		System.out.printf("%n== province compliance and live dashboard: %d organisations, %d members; %d meetings counted in %.1f s ==%n",
				count("select count(*) from organization where dissolved_at is null"), count("select count(*) from member"), counted,
				(System.nanoTime() - started) / 1e9);
		jdbc.sql("analyze").update();
		RequestPostProcessor reader = login("admin");
		String month = lastYear + "-11";
		String quarter = lastYear + "-Q4";
		String year = Integer.toString(lastYear);
		boolean dashboard = !Boolean.getBoolean("bench.compliance.only");
		if (Boolean.getBoolean("bench.compliance.rebuild")) {
			rebuild();
		}
		if (Boolean.getBoolean("bench.compliance.explain")) {
			plans(root, lastYear);
		}
		// each module's figures alone first (the slow whole-dashboard runs after)
		if (dashboard) {
			dashboardSplit(root, Period.parse(month));
		}
		long[] levels = { root, school, college };
		String[] names = { "province", "school", "college" };
		// -Dbench.compliance.province-only=true: the root alone (the school and the college were within 1 s already)
		for (int i = 0; i < (Boolean.getBoolean("bench.compliance.province-only") ? 1 : levels.length); i++) {
			long org = levels[i];
			System.out.println("\n-- " + names[i] + " (organisation " + org + ")");
			String compliance = "/api/v1/orglife/compliance?orgId=" + org + "&period=";
			for (String period : List.of(month, quarter, year)) {
				dump(names[i] + "-" + period + "-child", reader, compliance + period + "&groupBy=child");
				dump(names[i] + "-" + period + "-size500", reader, compliance + period + "&size=500");
				dump(names[i] + "-" + period + "-page", reader, "/orglife/compliance?orgId=" + org + "&period=" + period);
				measure("compliance " + period + ", groupBy=child", reader, compliance + period + "&groupBy=child", 5);
			}
			measure("compliance " + year + ", size=500", reader, compliance + year + "&size=500", 5);
			measure("page /orglife/compliance " + quarter, reader, "/orglife/compliance?orgId=" + org + "&period=" + quarter, 5);
			measure("page /orglife/compliance " + year, reader, "/orglife/compliance?orgId=" + org + "&period=" + year, 3);
			if (!dashboard) {
				continue;
			}
			measure("dashboard " + month + ", computed live", reader,
					"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + month + "&fresh=true", 3);
			measure("dashboard " + year + ", computed live", reader,
					"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + year + "&fresh=true", 3);
		}
		System.out.printf("%nload average: %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
		if (dashboard) {
			dashboardSplit(root, Period.parse(year));
		}
		profile("compliance " + quarter + " groupBy=child at the province", reader,
				"/api/v1/orglife/compliance?orgId=" + root + "&period=" + quarter + "&groupBy=child", 3);
		profile("compliance " + year + " groupBy=child at the province", reader,
				"/api/v1/orglife/compliance?orgId=" + root + "&period=" + year + "&groupBy=child", 3);
		profile("compliance " + year + " size=500 at the province", reader,
				"/api/v1/orglife/compliance?orgId=" + root + "&period=" + year + "&size=500", 3);
		if (dashboard) {
			profile("dashboard " + month + " computed live at the province", reader,
					"/api/v1/analytics/dashboard?orgId=" + root + "&period=" + month + "&fresh=true", 2);
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.context.ApplicationContext context;

	/**
	 * With {@code -Dbench.compliance.rebuild=true}: the kept counts rebuilt from every signed-off meeting, timed (the
	 * write side: counting fills orglife_branch_year and, since V132, its sum per branch and year).
	 */
	void rebuild() throws Exception {
		Class<?> type = Class.forName("cn.partybuilding.orglife.ComplianceCounts");
		java.lang.reflect.Method rebuild = type.getDeclaredMethod("rebuild");
		rebuild.setAccessible(true);
		long started = System.nanoTime();
		Object counted = rebuild.invoke(context.getBean(type));
		System.out.printf("%n  compliance counts rebuilt: %s meetings in %.1f s (load %s)%n", counted, (System.nanoTime() - started) / 1e9,
				java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
	}

	/**
	 * With {@code -Dbench.compliance.explain=true}: the plans of the kept year's reads at the root, the rows of a branch,
	 * kind and group (orglife_branch_year, V112/V130) against the row of a branch (orglife_branch_year_held, V132), twice
	 * each (the second warm), and the tables' sizes.
	 */
	void plans(long root, int year) {
		Long[] branches = jdbc.sql("select id from organization where type = 'BRANCH' and dissolved_at is null and path like ?")
			.param(jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single() + "%")
			.query(Long.class).list().toArray(Long[]::new);
		String bits = java.util.stream.IntStream.rangeClosed(1, 12)
			.mapToObj(m -> "(case when meetings[" + m + "] > 0 then " + (1 << (m - 1)) + " else 0 end)")
			.collect(java.util.stream.Collectors.joining(" | "));
		String added = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(m -> "greatest(meetings[" + m + "], 0)")
			.collect(java.util.stream.Collectors.joining(" + "));
		for (int i = 0; i < 2; i++) {
			explain("the year per branch, kind and group (round six)", "explain (analyze, buffers) select branch_id, type, group_id, bits, counted from (select branch_id, type, group_id, "
					+ bits + " as bits, " + added + " as counted from orglife_branch_year where year = ? and branch_id = any(?)) y where bits <> 0",
					year, branches);
			explain("the year per branch (V132)", "explain (analyze, buffers) select branch_id, types, groups, meetings"
					+ " from orglife_branch_year_held where year = ? and branch_id = any(?)", year, branches);
		}
		jdbc.sql("select relname || ' ' || n_live_tup || ' rows, ' || n_dead_tup || ' dead, ' || pg_size_pretty(pg_relation_size(relid))"
				+ " || ' heap, ' || pg_size_pretty(pg_indexes_size(relid)) || ' indexes' from pg_stat_user_tables"
				+ " where relname like 'orglife_branch_%' order by relname")
			.query(String.class).list().forEach(System.out::println);
	}

	/**
	 * With {@code -Dbench.compliance.dump=<folder>} the answer to {@code url} is written there as it came (to compare the
	 * responses of two builds byte for byte).
	 */
	void dump(String name, RequestPostProcessor who, String url) throws Exception {
		String folder = System.getProperty("bench.compliance.dump");
		if (folder == null) {
			return;
		}
		java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of(folder));
		java.nio.file.Files.write(dir.resolve(name), mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsByteArray());
	}

	@Override
	void dashboardSplit(long root, Period period) {
		super.dashboardSplit(root, period);
		for (Figures f : figures) {
			if (f.getClass().getSimpleName().startsWith("Compliance") || f.getClass().getSimpleName().startsWith("Transfer")) {
				List<String> codes = f.kinds().stream().map(Figures.Kind::code).toList();
				time(f.getClass().getSimpleName().replaceAll("\\$.*", "") + " at one school, its colleges",
						() -> f.measureAll(codes, childrenAndSelf(jdbc.sql("select id from organization where code = 'BENCH-S1'")
							.query(Long.class).single()), period));
			}
		}
	}

	List<Long> childrenAndSelf(long org) {
		List<Long> orgs = new ArrayList<>(List.of(org));
		scope.childrenOf(org).forEach(c -> orgs.add(c.id()));
		return orgs;
	}
}
