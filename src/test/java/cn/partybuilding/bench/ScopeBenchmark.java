package cn.partybuilding.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The scope API at scale: a province level (教育工委) above 10 schools, each with 10 colleges of about 48
 * branches — about 4 900 organisations beside the demo university. Prints timings and the query plans; asserts nothing
 * about time (speed is measured, not tested). Run with {@code ./mvnw verify -Pbench}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class ScopeBenchmark {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	OrganizationScope scope;

	@Autowired
	OrganizationTree tree;

	long nextId() {
		return jdbc.sql("select nextval('organization_id_seq')").query(Long.class).single();
	}

	@Test
	void scopeAtFiveThousandOrganisations() {
		long province = nextId();
		List<Object[]> rows = new ArrayList<>();
		rows.add(new Object[] { province, "BENCH-P", "省教育工委", "COMMITTEE", null, "/" + province + "/", 0, 0 });
		long firstSchool = 0;
		long firstCollege = 0;
		long lastBranch = 0;
		for (int s = 0; s < 10; s++) {
			long school = nextId();
			firstSchool = firstSchool == 0 ? school : firstSchool;
			String sp = "/" + province + "/" + school + "/";
			rows.add(new Object[] { school, "BENCH-S" + s, "第" + s + "大学党委", "COMMITTEE", province, sp, 1, s });
			for (int c = 0; c < 10; c++) {
				long college = nextId();
				firstCollege = firstCollege == 0 ? college : firstCollege;
				String cp = sp + college + "/";
				rows.add(new Object[] { college, "BENCH-S" + s + "C" + c, "学院" + c, "GENERAL_BRANCH", school, cp, 2, c });
				for (int b = 0; b < 48; b++) {
					long branch = nextId();
					lastBranch = branch;
					rows.add(new Object[] { branch, "BENCH-S" + s + "C" + c + "B" + b, "支部" + b, "BRANCH", college,
							cp + branch + "/", 3, b });
				}
			}
		}
		template.batchUpdate("insert into organization (id, code, name, type, parent_id, path, depth, sort_order) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
		jdbc.sql("analyze organization").update();
		long total = jdbc.sql("select count(*) from organization").query(Long.class).single();
		System.out.printf("%n=== Scope benchmark: %d organisations in all ===%n", total);

		long school = firstSchool;
		long college = firstCollege;
		long branch = lastBranch;
		time("subtree(school) ~491 ids", 200, () -> scope.subtree(school).size());
		time("subtree(province) ~4911 ids", 50, () -> scope.subtree(province).size());
		time("contains(province, branch)", 2000, () -> scope.contains(province, branch) ? 1 : 0);
		time("contains(college, branch) false", 2000, () -> scope.contains(college, branch) ? 1 : 0);
		Caller schoolAdmin = new Caller(0, "bench", "bench", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, school)));
		time("visibleTree(school admin)", 100, () -> tree.visibleTree(schoolAdmin).size());
		Caller provinceAdmin = new Caller(0, "bench", "bench", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, province)));
		time("visibleTree(province admin)", 20, () -> tree.visibleTree(provinceAdmin).size());

		String prefix = jdbc.sql("select path from organization where id = ?").param(school).query(String.class).single();
		System.out.println("\nPlan of the subtree query (one school):");
		jdbc.sql("explain analyze select id from organization where dissolved_at is null and path like ?")
			.param(prefix + "%").query(String.class).list().forEach(line -> System.out.println("  " + line));
	}

	static void time(String what, int iterations, Supplier<Integer> work) {
		for (int i = 0; i < Math.min(iterations, 20); i++) {
			work.get();
		}
		long start = System.nanoTime();
		int result = 0;
		for (int i = 0; i < iterations; i++) {
			result = work.get();
		}
		double micros = (System.nanoTime() - start) / 1000.0 / iterations;
		System.out.printf("  %-36s %10.1f µs/op  (result %d, %d runs)%n", what, micros, result, iterations);
	}
}
