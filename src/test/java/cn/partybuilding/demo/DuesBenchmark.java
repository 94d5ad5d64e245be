package cn.partybuilding.demo;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.MemberDirectory;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * 党费 at the 50 000-people scale: a year of bills and payments for everyone (about 600 000 bills), then
 * the month's bill generation for all members (and again, which must create nothing), and the
 * committee's collection report for the year, a college's arrears and a branch's roll, server side
 * through MockMvc. Prints the figures and plans; asserts nothing about time. {@code ./mvnw verify -Pbench}.
 * {@code aMonthsBilling}: the month's billing alone for {@code -Dbench.people} members (50 000), its time and the peak
 * of the heap while it runs (sampled), in the bench profile's 512 MB heap.
 * Here beside the demo, whose year of dues it writes at scale.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class DuesBenchmark extends PlatformTest {

	@Autowired
	MemberDirectory members;

	@Autowired
	DuesDemo demo;

	@Autowired
	DuesManagement dues;

	@Autowired
	Clock clock;

	@Test
	void aYearOfDuesForFiftyThousandMembers() throws Exception {
		long people = cn.partybuilding.bench.ScalePeople.atLeast(50_000, jdbc, members, clock);
		YearMonth now = YearMonth.now(clock);
		jdbc.sql("truncate dues_warning, dues_bill, dues_bill_tally, dues_payment, dues_order, dues_relief, dues_base, sandbox_charge").update();
		long started = System.nanoTime();
		demo.seed(now.minusMonths(12), now.minusMonths(1), 50, Map.of());
		jdbc.sql("analyze").update();
		System.out.printf("%n== 党费: %d members, %d bills, %d payments over 12 months (written in %d s) ==%n", people,
				jdbc.sql("select count(*) from dues_bill").query(Long.class).single(),
				jdbc.sql("select count(*) from dues_payment").query(Long.class).single(), (System.nanoTime() - started) / 1_000_000_000);

		long t = System.nanoTime();
		int made = dues.openBills(now);
		System.out.printf("  monthly bill generation for %s: %d bills in %.1f s%n", now, made, (System.nanoTime() - t) / 1e9);
		t = System.nanoTime();
		int again = dues.openBills(now);
		System.out.printf("  the same month again: %d bills in %.1f s%n", again, (System.nanoTime() - t) / 1e9);

		RequestPostProcessor admin = login("admin");
		measure("committee collection report, " + now.getYear(), admin, "/api/v1/dues/collection?period=" + now.getYear());
		measure("committee collection report, " + now, admin, "/api/v1/dues/collection?period=" + now);
		long college = jdbc.sql("select id from organization where code = 'SFDX-JSJ'").query(Long.class).single();
		measure("a college's arrears list", admin, "/api/v1/dues/arrears?orgId=" + college);
		long branch = jdbc.sql("select id from organization where code = 'SFDX-JSJ-01'").query(Long.class).single();
		measure("a branch's roll for the month (page)", admin, "/dues?orgId=" + branch);
		measure("the school's roll, first page of 100 (page)", admin, "/dues");
		long member = jdbc.sql("select member_id from dues_bill group by member_id order by count(*) desc limit 1").query(Long.class).single();
		measure("a member's dues", admin, "/api/v1/members/" + member + "/dues");
		explain("""
				select organization_id, sum(bills) filter (where state <> 'EXEMPT'), sum(bills) filter (where state = 'PAID'),
				       coalesce(sum(amount) filter (where state = 'PAID'), 0)
				from dues_bill_tally where month >= date '%d-01-01' and month < date '%d-01-01' group by organization_id"""
			.formatted(now.getYear(), now.getYear() + 1));
		System.out.printf("  tally rows: %d; tally agrees with the bills: %s%n",
				jdbc.sql("select count(*) from dues_bill_tally").query(Long.class).single(),
				jdbc.sql("""
						select not exists (
						  select organization_id, month, state, relief_id is not null, count(*), sum(amount) from dues_bill group by 1, 2, 3, 4
						  except select organization_id, month, state, relieved, bills, amount from dues_bill_tally where bills <> 0)""")
					.query(Boolean.class).single());
	}

	@Test
	void aMonthsBilling() throws Exception {
		long people = cn.partybuilding.bench.ScalePeople.atLeast(Integer.getInteger("bench.people", 50_000), jdbc, members, clock);
		YearMonth month = YearMonth.now(clock);
		jdbc.sql("delete from dues_bill where month = ?").param(month.atDay(1)).update();
		System.gc();
		java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
		long before = memory.getHeapMemoryUsage().getUsed();
		java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(before);
		java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		});
		sampler.start();
		long t = System.nanoTime();
		int made = dues.openBills(month);
		double seconds = (System.nanoTime() - t) / 1e9;
		running.set(false);
		sampler.join();
		System.out.printf("%n== 党费 billing: %d members, the month %s: %d bills in %.1f s; heap in use before %d MB, peak while billing %d MB"
				+ " (max %d MB) ==%n", people, month, made, seconds, before >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
		t = System.nanoTime();
		int again = dues.openBills(month);
		System.out.printf("  the same month again: %d bills in %.1f s%n", again, (System.nanoTime() - t) / 1e9);
		System.out.printf("  tally agrees with the month's bills: %s%n", jdbc.sql("""
				select not exists (
				  select organization_id, state, relief_id is not null, count(*)::int, sum(amount) from dues_bill where month = ? group by 1, 2, 3
				  except select organization_id, state, relieved, bills, amount from dues_bill_tally where month = ? and bills <> 0)""")
			.params(month.atDay(1), month.atDay(1)).query(Boolean.class).single());
		explain("""
				select distinct on (member_id) member_id, category, base from dues_base
				where state = 'APPROVED' and effective_from <= date '%s-01'
				  and member_id = any(array(select id from member order by id limit 5000))
				order by member_id, effective_from desc, id desc""".formatted(month));
	}

	void measure(String what, RequestPostProcessor who, String url) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 5) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-45s p50 %7.1f ms   p95 %7.1f ms%n", what, percentile(times, 50), percentile(times, 95));
	}

	static double percentile(List<Double> values, int p) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN ANALYZE " + sql.strip().replaceAll("\\s+", " "));
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(line -> System.out.println("  " + line));
	}
}
