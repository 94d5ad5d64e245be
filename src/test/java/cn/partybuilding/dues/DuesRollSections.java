package cn.partybuilding.dues;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;

import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;

/**
 * What each section of the dues roll page (/dues) costs, called one by one as the page calls them: for the
 * benchmarks ({@code ProvinceRollsBenchmark}), which sit in another package. Prints median times; asserts nothing.
 */
public final class DuesRollSections {

	private DuesRollSections() {
	}

	public static void print(ApplicationContext context, Caller caller, String level, long orgId, YearMonth month) {
		DuesAccess access = context.getBean(DuesAccess.class);
		DuesRoll roll = context.getBean(DuesRoll.class);
		DuesBases bases = context.getBean(DuesBases.class);
		DuesReliefs reliefs = context.getBean(DuesReliefs.class);
		OrganizationTree tree = context.getBean(OrganizationTree.class);
		System.out.printf("  %-8s sections of /dues (median of 9 calls, ms):", level);
		time("scope", () -> {
			Set<Long> orgs = access.organizationsOrAll(caller, orgId);
			return orgs == null ? "all" : orgs.size();
		});
		Set<Long> orgs = access.organizationsOrAll(caller, orgId);
		DuesRoll.Reading alone = DuesRoll.Reading.ALONE;
		time("totals", () -> roll.totals(month, orgs).billed());
		time("roll page of 100", () -> roll.page(caller, orgId, orgs, month, DuesRoll.Show.ALL, null, 100, alone).lines().size());
		time("roll page of 50", () -> roll.page(caller, orgId, orgs, month, DuesRoll.Show.ALL, null, 50, alone).lines().size());
		DuesRoll.Roll first = roll.page(caller, orgId, orgs, month, DuesRoll.Show.ALL, null, 100, alone);
		time("page 2", () -> roll.page(caller, orgId, orgs, month, DuesRoll.Show.ALL, first.next(), 100, alone).lines().size());
		time("unpaid", () -> roll.page(caller, orgId, orgs, month, DuesRoll.Show.UNPAID, null, 100, alone).lines().size());
		time("arrears", () -> roll.page(caller, orgId, orgs, month, DuesRoll.Show.ARREARS, null, 100, alone).listed());
		time("pending", () -> bases.pendingIn(orgs, 50).count());
		time("unbilled", () -> roll.unbilled(orgs, first.totals()));
		time("missing (its own page now)", () -> {
			var missing = roll.withoutBase(caller, orgId, orgs, month, first.totals());
			return missing == null ? "above limit" : missing.size();
		});
		time("reliefs", () -> reliefs.pendingIn(orgs, 50).count());
		// kept per caller (party.organization.chooser-seconds): the first call reads it, the others find it kept
		time("chooser (kept)", () -> tree.chooser(caller, orgId, DuesAccess.MANAGE).size());
		System.out.println();
	}

	/**
	 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the roll page's one statement (a first page of {@code size} lines with its
	 * totals) in these organisations (null: the whole tree), planned for these values as the roll plans it.
	 */
	public static void explainPage(ApplicationContext context, Set<Long> orgs, YearMonth month, int size) {
		var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
		String where = "from dues_bill b where b.month = ?" + (orgs == null ? "" : " and b.organization_id = any(?)");
		List<Object> args = new ArrayList<>();
		java.sql.Date first = java.sql.Date.valueOf(month.atDay(1));
		Long[] scope = orgs == null ? null : orgs.toArray(Long[]::new);
		for (int i = 0; i < 2; i++) {
			args.add(first);
			if (scope != null) {
				args.add(scope);
			}
		}
		args.add(size);
		args.add(first);
		args.add(first);
		System.out.printf("%nEXPLAIN (ANALYZE, BUFFERS) the roll's page statement, %s organisations, %d lines%n",
				orgs == null ? "all" : Integer.toString(orgs.size()), size);
		new org.springframework.transaction.support.TransactionTemplate(
				context.getBean(org.springframework.transaction.PlatformTransactionManager.class)).executeWithoutResult(tx -> {
			jdbc.execute("set local plan_cache_mode = force_custom_plan");
			jdbc.queryForList("explain (analyze, buffers) " + DuesRoll.pageStatement(where, true, orgs != null), String.class,
					args.toArray()).forEach(line -> System.out.println("  " + line));
		});
	}

	private static void time(String what, Supplier<Object> section) {
		List<Double> times = new ArrayList<>();
		Object result = null;
		for (int i = 0; i < 11; i++) {
			long t = System.nanoTime();
			result = section.get();
			if (i >= 2) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		times.sort(null);
		System.out.printf(" %s %.1f [%s]", what, times.get(times.size() / 2), result);
	}
}
