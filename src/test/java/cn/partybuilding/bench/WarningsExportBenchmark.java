package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.analytics.WarningsBench;

/**
 * The warnings' Excel ({@code /analytics/warnings.xlsx}) at a province's root with a province's number of kept
 * warnings, without generating a province of members: a province-shaped tree ({@link ProvinceShapedTree}, 23 100
 * organisations) below the demo's 教育工委, the kept copy refreshed (the demo's real warnings and what the empty
 * synthetic branches raise), then topped up to {@code -Dbench.warnings.rows} (70 000) rows by copying the demo's real
 * rows (their kinds, texts and arguments) onto the synthetic branches, each with its branch's name and college and
 * its dates moved by a few weeks. The rows added are deleted at the end. Prints, for each export at the root: the time
 * through MockMvc and the CPU time of the request's thread (the machine's load moves the first, hardly the second),
 * the MB allocated by the request's thread, the heap before and the heap pools' peak while it ran;
 * and, the export's method called straight, the time to its first byte and to its last, its thread's CPU and
 * allocation and the heap's peak, with the machine's load average. Asserts nothing about time.
 * <p>
 * {@code ./mvnw -o -q test -Pbench -Dtest=WarningsExportBenchmark [-Dbench.clean=false] [-Dbench.runs=3]} (heap
 * {@code -Dbench.heap}, 512 MB by default; data in {@code target/warnings-export-data}, another with
 * {@code -Dbench.data=<folder>}; rows of the kept copy read a query {@code -Dbench.warnings.chunk}, 1 000 by default;
 * {@code -Dbench.warnings.file=<path>} keeps the file of the last export through MockMvc).
 */
@SpringBootTest(properties = { "party.data-dir=${bench.data:target/warnings-export-data}",
		"party.embedded.clean-on-start=${bench.clean:true}", "spring.test.mockmvc.print=none",
		// the copy filled here must stay the one shown while it is measured: no refresh behind the reader or on a schedule
		"party.analytics.warnings.fresh-minutes=100000", "party.analytics.warnings.refresh-cron=-" })
class WarningsExportBenchmark extends PlatformTest {

	@Autowired
	ApplicationContext context;

	@Test
	void theWarningsExcelAtAProvincesRoot() throws Exception {
		long root = orgId("JYGW");
		ProvinceShapedTree.below(jdbc, root);
		jdbc.sql("analyze organization").update();
		long started = System.nanoTime();
		WarningsBench.refresh(context);
		long generation = jdbc.sql("select generation from analytics_warning_kept").query(Long.class).single();
		long raised = count("select count(*) from analytics_warning where generation = ?", generation);
		int wanted = Integer.getInteger("bench.warnings.rows", 70_000);
		// the demo's real rows (not the synthetic branches'), copied onto the synthetic branches until the copy holds wanted
		int added = jdbc.sql("""
				insert into analytics_warning (generation, kind, org_id, org_name, college, responsible, since_key, due_key, link,
				  sort_text, message_key, args)
				select w.generation, w.kind, b.id, b.name, c.name, w.responsible,
				  case when w.since_key = 'infinity' then w.since_key else w.since_key - (b.id % 40)::int end,
				  case when w.due_key = 'infinity' then w.due_key else w.due_key + (b.id % 40)::int end,
				  w.link, w.sort_text, w.message_key, w.args
				from (select row_number() over (order by id) - 1 as n, id, name, parent_id from organization
				      where code like 'CHB-S%-B%') b
				join organization c on c.id = b.parent_id
				join (select row_number() over (order by org_id, kind, sort_text) - 1 as n, count(*) over () as of, a.*
				      from analytics_warning a join organization o on o.id = a.org_id
				      where a.generation = ? and o.code not like 'CHB-%') w on true
				where (b.n * w.of + w.n) < ?""").params(generation, Math.max(0, wanted - raised)).update();
		jdbc.sql("analyze analytics_warning").update();
		int chunk = Integer.getInteger("bench.warnings.chunk", 1000);
		WarningsBench.exportChunk(context, chunk);
		long kept = count("select count(*) from analytics_warning where generation = ?", generation);
		System.out.printf("%n== the warnings' Excel at the province root: %d organisations, %d active roots (one: the export reads the copy without an organisation filter); kept copy %d rows (%d raised, %d copied) in %.1f s; heap max %d MB; %d rows a query; load average %.2f ==%n",
				count("select count(*) from organization where dissolved_at is null"),
				count("select count(*) from organization where parent_id is null and dissolved_at is null"), kept, raised, added,
				(System.nanoTime() - started) / 1e9, Runtime.getRuntime().maxMemory() >> 20, chunk,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		try {
			RequestPostProcessor province = login("province");
			String url = "/analytics/warnings.xlsx?orgId=" + root;
			export(province, url, "warm-up");
			for (int run = 1; run <= Integer.getInteger("bench.runs", 3); run++) {
				export(province, url, "run " + run);
			}
			for (int run = 1; run <= Integer.getInteger("bench.runs", 3); run++) {
				System.gc();
				List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
					.filter(p -> p.getType() == MemoryType.HEAP).toList();
				heap.forEach(MemoryPoolMXBean::resetPeakUsage);
				WarningsBench.Streamed s = WarningsBench.exportAtRoot(context, "province", root);
				System.out.printf("  straight %d: first byte %8.1f ms, first 8 KB %8.1f ms, last byte %8.1f ms (%7.1f ms CPU, %6.1f MB allocated, heap peak %d MB), %d bytes; load average %.2f%n",
						run, s.firstByteMs(), s.first8kMs(), s.lastByteMs(), s.cpuMs(), s.allocatedMb(),
						heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20, s.bytes(),
						ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			}
		}
		finally {
			jdbc.sql("delete from analytics_warning where generation = ? and org_id in (select id from organization where code like 'CHB-S%')")
				.param(generation).update();
		}
	}

	/** One export through MockMvc: its time, the MB its thread allocated, the heap before and the pools' peak. */
	void export(RequestPostProcessor reader, String url, String name) {
		Runtime rt = Runtime.getRuntime();
		System.gc();
		long before = rt.totalMemory() - rt.freeMemory();
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(p -> p.getType() == MemoryType.HEAP).toList();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		byte[][] file = { null };
		long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		double[] took = ProvinceReportsBenchmark.allocated(() -> {
			try {
				file[0] = mvc.perform(get(url).with(reader)).andExpect(status().isOk()).andReturn().getResponse()
					.getContentAsByteArray();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
		long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
		System.out.printf("  %-8s %8.1f ms (%7.1f ms CPU of the request's thread), %8.1f MB allocated, heap %d MB before, peak %d MB, %d bytes%n",
				name, took[0], cpu / 1e6, took[1], before >> 20, peak >> 20, file[0].length);
		String keep = System.getProperty("bench.warnings.file");
		if (keep != null) {
			// the file kept for a reader the project did not write
			try {
				java.nio.file.Files.write(java.nio.file.Path.of(keep), file[0]);
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}
	}

	long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}
}
