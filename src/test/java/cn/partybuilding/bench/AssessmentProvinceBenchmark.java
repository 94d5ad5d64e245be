package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/**
 * {@code /assessment/review} and {@code GET /api/v1/assessment/scores} at a province's root (issue 23, fifth round):
 * the province-shaped tree of {@link ChooserBenchmark} (100 schools × 10 colleges × 23 branches below the demo's
 * 教育工委), the province's administrator at the root, a school and a college. Before/after in one build: run once as
 * is (the kept ranking above {@code party.assessment.ranking.live-up-to}, 500) and once with
 * {@code -Dbench.liveUpTo=100000000} (every ranking scored live, as before):
 * {@code ./mvnw -o -q test -Pbench -Dtest=AssessmentProvinceBenchmark [-Dbench.liveUpTo=100000000]}. Prints p50/p95,
 * bytes answered and heap allocated per call, the time and heap of computing the kept ranking whole, and the plans of
 * the kept ranking's reads; asserts nothing about time.
 */
@SpringBootTest(properties = { "party.data-dir=${bench.data:target/assessment-bench-data}",
		"party.embedded.clean-on-start=${bench.clean:true}", "party.assessment.ranking.live-up-to=${bench.liveUpTo:500}",
		"spring.test.mockmvc.print=none" })
class AssessmentProvinceBenchmark extends PlatformTest {

	@Autowired
	cn.partybuilding.organization.OrganizationScope scope;

	@Value("${party.assessment.ranking.live-up-to}")
	int liveUpTo;

	@Test
	void reviewAndScoresAtTheProvinceRoot() throws Exception {
		long root = orgId("JYGW");
		ProvinceShapedTree.below(jdbc, root);
		jdbc.sql("analyze organization").update();
		long school = orgId("CHB-S1");
		long college = orgId("CHB-S1-C1");
		int year = java.time.Year.now(cn.partybuilding.shared.PlatformZone.ZONE).getValue();
		boolean live = liveUpTo > 100_000;
		System.out.printf("%n== assessment at the province: %d organisations, %d branches; live-up-to=%d (%s) ==%n",
				jdbc.sql("select count(*) from organization where dissolved_at is null").query(Long.class).single(),
				jdbc.sql("select count(*) from organization where dissolved_at is null and type = 'BRANCH'").query(Long.class).single(),
				liveUpTo, live ? "every ranking live: before" : "the kept ranking above it: after");
		RequestPostProcessor reader = login("province");
		if (!live) {
			// the first look computes the kept ranking whole (as the background and the hourly job do), then reads it
			long heap = allocated();
			long t = System.nanoTime();
			mvc.perform(get("/assessment/review").with(reader)).andExpect(status().isOk());
			System.out.printf("  first look at the root, computing the kept ranking whole: %.0f ms, %.0f MB allocated, %d rows%n",
					(System.nanoTime() - t) / 1e6, (allocated() - heap) / 1e6,
					jdbc.sql("select count(*) from assessment_standing where year = ?").param(year).query(Long.class).single());
			Runtime.getRuntime().gc();
			System.out.printf("  heap used after it (max %d MB): %d MB%n", Runtime.getRuntime().maxMemory() >> 20,
					(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
		}
		String[][] levels = { { "root", "" }, { "school", "orgId=" + school }, { "college", "orgId=" + college } };
		for (String[] level : levels) {
			String q = level[1].isEmpty() ? "" : "?" + level[1];
			int runs = live && level[0].equals("root") ? 1 : 5;
			System.out.println("\n-- at the " + level[0]);
			measure("/assessment/review", reader, "/assessment/review" + q, runs);
			measure("/assessment/review page 100", reader, "/assessment/review" + (q.isEmpty() ? "?" : q + "&") + "page=100", runs);
			if (!live || !level[0].equals("root")) {
				measure("GET /api/v1/assessment/scores", reader, "/api/v1/assessment/scores" + q, runs);
			}
			measure("GET /api/v1/assessment/scores?size=50&after=10000", reader,
					"/api/v1/assessment/scores" + (q.isEmpty() ? "?" : q + "&") + "size=50&after=10000", runs);
		}
		if (!live) {
			long systemId = jdbc.sql("select system_id from assessment_ranking where year = ?").param(year).query(Long.class).single();
			String rows = """
					explain (analyze, buffers) select s.organization_id, s.org_name, s.org_type, s.total, s.stars, r.reviewed_at,
					       r.approved_at, r.total
					from assessment_standing s
					left join assessment_result r on r.year = s.year and r.organization_id = s.organization_id
					where s.year = ? and s.system_id = ?""";
			explain("the kept rows at the only root (no organisation filter)", rows, year, systemId);
			Long[] schoolIds = scope.subtree(school).toArray(Long[]::new);
			explain("the kept rows at a school (" + schoolIds.length + " organisations as one array)",
					rows + " and s.organization_id = any(?)", year, systemId, schoolIds);
			Long[] page = jdbc.sql("select organization_id from assessment_standing where year = ? order by organization_id limit 50")
				.param(year).query(Long.class).list().toArray(Long[]::new);
			explain("a page's kept indicators (50 organisations)",
					"explain (analyze, buffers) select organization_id, indicators from assessment_standing where year = ? and organization_id = any(?)",
					year, page);
		}
	}

	static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	void measure(String what, RequestPostProcessor who, String url, int runs) throws Exception {
		List<Double> times = new ArrayList<>();
		int bytes = 0;
		long heap = 0;
		for (int i = 0; i < runs + 1; i++) {
			long a = allocated();
			long t = System.nanoTime();
			bytes = mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray().length;
			if (i >= 1) {
				times.add((System.nanoTime() - t) / 1e6);
				heap = allocated() - a;
			}
		}
		System.out.printf("  %-52s p50 %8.1f ms   p95 %8.1f ms   %,d bytes   %.1f MB allocated%n", what,
				MemberScaleBenchmark.percentile(times, 50), MemberScaleBenchmark.percentile(times, 95), bytes, heap / 1e6);
	}

	void explain(String what, String sql, Object... params) {
		System.out.println("\n-- plan: " + what);
		var spec = jdbc.sql(sql);
		for (Object p : params) {
			spec = spec.param(p);
		}
		spec.query(String.class).list().forEach(l -> System.out.println(l.length() > 200 ? l.substring(0, 200) + " …" : l));
	}
}
