package cn.partybuilding.dues;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;

import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
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
		time("scope", () -> access.organizations(caller, orgId).size());
		time("roll", () -> roll.page(caller, orgId, month, DuesRoll.Show.ALL, 0, 100).listed());
		time("pending(old)", () -> bases.pending(caller, orgId).size());
		time("missing(old)", () -> bases.missing(caller, orgId, month).size());
		time("reliefs(old)", () -> reliefs.pendingFor(caller, orgId).size());
		DuesRoll.Read read = roll.read(caller, orgId, month, DuesRoll.Show.ALL, 0, 100); // after
		time("roll+read", () -> roll.read(caller, orgId, month, DuesRoll.Show.ALL, 0, 100).people().size()); // after
		time("pending(new)", () -> bases.pendingAmong(read.people(), 50).count()); // after
		time("reliefs(new)", () -> reliefs.pendingIn(read.organizations(), 50).count()); // after
		time("chooser", () -> TreeNode.flattenWithPaths(tree.visibleTree(caller, DuesAccess.MANAGE)).size());
		System.out.println();
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
