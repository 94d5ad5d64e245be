package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The organisation drop-down at a province's root: a province-shaped tree is written below the demo's 教育工委 (100
 * schools × 10 colleges × 23 branches, 23 100 organisations), then pages with a drop-down are asked for by the
 * province's administrator at the root, a school and a college — their size and time — and the drop-down itself is
 * timed the old way (the whole visible tree, flattened) and the new way. Prints figures and the plans of the new
 * queries; asserts nothing about time. Before/after on the pages: run once as is ({@code party.organization.chooser-limit}
 * 500) and once with {@code -Dbench.chooserLimit=100000000} (every page lists the whole tree, as before):
 * {@code ./mvnw test -Pbench -Dtest=ChooserBenchmark [-Dbench.chooserLimit=100000000 -Dbench.clean=false]}. The tree page,
 * {@code GET /api/v1/organizations} (whole, paged, children) and the drop-downs moved onto the chooser (assessment's
 * claims, appeals and review, the question bank's owner filter) are measured the same way.
 */
@SpringBootTest(properties = { "party.data-dir=${bench.data:target/chooser-bench-data}",
		"party.embedded.clean-on-start=${bench.clean:true}",
		"party.organization.chooser-limit=${bench.chooserLimit:500}", "spring.test.mockmvc.print=none" })
class ChooserBenchmark extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Value("${party.organization.chooser-limit}")
	int limit;

	@Test
	void choosersAtTheProvinceRoot() throws Exception {
		long root = orgId("JYGW");
		ProvinceShapedTree.below(jdbc, root);
		jdbc.sql("analyze organization").update();
		long school = orgId("CHB-S1");
		long college = orgId("CHB-S1-C1");
		System.out.printf("%n== organisation chooser: %d organisations below the root, party.organization.chooser-limit=%d ==%n",
				jdbc.sql("select count(*) from organization where dissolved_at is null").query(Long.class).single(), limit);

		Caller province = new Caller(0, "bench", "bench", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, root)));
		System.out.println("\n-- the drop-down itself (façade, in process)");
		time("before: flattenWithPaths(visibleTree) at the root", 10,
				() -> TreeNode.flattenWithPaths(tree.visibleTree(province, Role.COMMITTEE_ADMIN)).size());
		time("after: chooser at the root", 10, () -> tree.chooser(province, null, Role.COMMITTEE_ADMIN).size());
		time("after: chooser at a school", 10, () -> tree.chooser(province, school, Role.COMMITTEE_ADMIN).size());
		time("after: chooser at a college", 10, () -> tree.chooser(province, college, Role.COMMITTEE_ADMIN).size());

		RequestPostProcessor reader = login("province");
		String[][] levels = { { "root", "" }, { "school", "?orgId=" + school }, { "college", "?orgId=" + college } };
		for (String[] level : levels) {
			System.out.println("\n-- pages at the " + level[0]);
			for (String page : List.of("/members", "/meetings", "/training/classes", "/development")) {
				measure(page + level[1], reader, page + level[1], 5);
			}
		}
		System.out.println("\n-- the organisation tree page and GET /api/v1/organizations at the root");
		measure("/organizations/{root}", reader, "/organizations/" + root, 5);
		measure("/organizations/{college}", reader, "/organizations/" + college, 5);
		measure("/api/v1/organizations/{root} (the page's details as JSON)", reader, "/api/v1/organizations/" + root, 5);
		measure("/api/v1/organizations (no parameters)", reader, "/api/v1/organizations", 5);
		measure("/api/v1/organizations?size=200", reader, "/api/v1/organizations?size=200", 5);
		String deep = deepCursor(reader, 12);
		measure("/api/v1/organizations?size=200&after= (12 000 in)", reader, "/api/v1/organizations?size=200&after=" + deep, 5);
		measure("/api/v1/organizations?parentId={root}", reader, "/api/v1/organizations?parentId=" + root, 5);
		measure("/api/v1/organizations?parentId={school}", reader, "/api/v1/organizations?parentId=" + school, 5);
		System.out.println("\n-- drop-downs now on the chooser (at the root)");
		// /assessment/review is left out: at the root it renders the ranking of every assessed organisation (minutes)
		for (String page : List.of("/assessment/claims", "/assessment/appeals", "/exam/questions")) {
			measure(page, reader, page, 5);
		}
		String path = jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single();
		explain("a page of the tree in path order, from halfway (GET /api/v1/organizations?size=200&after=)", """
				explain (analyze, buffers) select o.id, o.code, o.name, o.type, o.parent_id, o.depth, o.sort_order, o.path,
				       exists (select 1 from organization c where c.parent_id = o.id and c.dissolved_at is null) has_children
				from organization o
				where o.dissolved_at is null and o.path like any (cast(? as text[]))
				  and o.path ~>=~ ? and o.path ~<~ ? and o.path ~>~ ?
				order by o.path using ~<~ limit ?""", new String[] { path + "%" }, path, path + "~",
				jdbc.sql("select path from organization where code = 'CHB-S50-C5'").query(String.class).single(), 201);
		explain("the children of the root (GET /api/v1/organizations?parentId=)", """
				explain (analyze, buffers) select o.id, o.code, o.name, o.type, o.parent_id, o.depth, o.sort_order, o.path,
				       exists (select 1 from organization c where c.parent_id = o.id and c.dissolved_at is null) has_children
				from organization o
				where o.dissolved_at is null and o.parent_id = ? and (o.sort_order, o.id) > (?, ?)
				order by o.sort_order, o.id limit ?""", root, Integer.MIN_VALUE, Long.MIN_VALUE, 201);
		explain("how many the caller sees, counted up to the limit", """
				explain (analyze, buffers) select count(*) from (select 1 from organization
				where dissolved_at is null and path like any (cast(? as text[])) limit ?) c""",
				new String[] { path + "%" }, limit + 1);
		explain("the way down to a college: the path and the organisations right below each step", """
				explain (analyze, buffers) select * from organization
				where dissolved_at is null and (id = any(cast(? as bigint[])) or parent_id = any(cast(? as bigint[])))
				order by depth, sort_order, code""", new Long[] { root, school, college }, new Long[] { root, school, college });
	}

	/**
	 * The pages that were slow at the province's root for other reasons than the drop-down (issue 23, fourth round):
	 * the compliance page (summed per school, and every branch a page at a time), {@code /assessment/review}'s ranking
	 * and the question bank (whose owner filter and list read the organisations the caller may use), at the root, a
	 * school and a college; then the plans of the queries they rest on. Run alone with
	 * {@code ./mvnw -o -q test -Pbench -Dtest=ChooserBenchmark#slowPagesAtTheProvinceRoot}.
	 */
	@Test
	void slowPagesAtTheProvinceRoot() throws Exception {
		long root = orgId("JYGW");
		ProvinceShapedTree.below(jdbc, root);
		jdbc.sql("analyze organization").update();
		long school = orgId("CHB-S1");
		long college = orgId("CHB-S1-C1");
		System.out.printf("%n== slow pages at the province: %d organisations, %d branches, assessment systems published: %d ==%n",
				jdbc.sql("select count(*) from organization where dissolved_at is null").query(Long.class).single(),
				jdbc.sql("select count(*) from organization where dissolved_at is null and type = 'BRANCH'").query(Long.class).single(),
				jdbc.sql("select count(*) from assessment_system where published_at is not null").query(Long.class).single());
		RequestPostProcessor reader = login("province");
		String[][] levels = { { "root", "" }, { "school", "orgId=" + school }, { "college", "orgId=" + college } };
		for (String[] level : levels) {
			String q = level[1].isEmpty() ? "" : "?" + level[1];
			String and = level[1].isEmpty() ? "?" : "?" + level[1] + "&";
			System.out.println("\n-- at the " + level[0]);
			measure("/orglife/compliance", reader, "/orglife/compliance" + q, 3);
			measure("/orglife/compliance groupBy=branch", reader, "/orglife/compliance" + and + "groupBy=branch", 3);
			measure("/exam/questions", reader, "/exam/questions" + q, 5);
			measure("/assessment/review", reader, "/assessment/review" + q, level[0].equals("root") ? 1 : 3);
		}
		String path = jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single();
		Long[] subtree = jdbc.sql("select id from organization where dissolved_at is null and path like ?").param(path + "%")
			.query(Long.class).list().toArray(Long[]::new);
		shortExplain("the question bank's first page, the scope as one array of " + subtree.length + " organisations (before)", """
				explain (analyze, buffers) select id from exam_question where org_id = any (?) and retired_at is null
				order by id desc limit 20""", (Object) subtree);
		shortExplain("the question bank's first page at the only root: no organisation filter (after)", """
				explain (analyze, buffers) select id from exam_question where retired_at is null order by id desc limit 20""");
		shortExplain("the review's approval states of every organisation ranked at the root", """
				explain (analyze, buffers) select organization_id, reviewed_at, approved_at, indicators from assessment_result
				where year = ? and organization_id = any(?)""", java.time.Year.now().getValue(), subtree);
	}

	/** The {@code after} of the tree's page {@code pages} × 1 000 in (the API's own cursor, followed). */
	String deepCursor(RequestPostProcessor who, int pages) throws Exception {
		String after = null;
		for (int i = 0; i < pages; i++) {
			JsonNode page = new ObjectMapper().readTree(mvc.perform(get("/api/v1/organizations?size=1000"
					+ (after == null ? "" : "&after=" + after)).with(who)).andReturn().getResponse().getContentAsString());
			if (page.get("next") == null || page.get("next").isNull()) {
				break;
			}
			after = page.get("next").asText();
		}
		return after;
	}

	void time(String what, int runs, Supplier<Integer> work) {
		List<Double> times = new ArrayList<>();
		int size = 0;
		for (int i = 0; i < runs + 1; i++) {
			long t = System.nanoTime();
			size = work.get();
			if (i >= 1) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-52s p50 %8.1f ms   p95 %8.1f ms   %,d options%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95), size);
	}

	void measure(String what, RequestPostProcessor who, String url, int runs) throws Exception {
		List<Double> times = new ArrayList<>();
		int bytes = 0;
		for (int i = 0; i < runs + 1; i++) {
			long t = System.nanoTime();
			bytes = mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray().length;
			if (i >= 1) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-52s p50 %8.1f ms   p95 %8.1f ms   %,d bytes%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95), bytes);
	}

	/** A plan with its lines cut at 200 characters (an array of 24 000 ids is printed whole otherwise). */
	void shortExplain(String what, String sql, Object... params) {
		System.out.println("\n-- plan: " + what);
		var spec = jdbc.sql(sql);
		for (Object p : params) {
			spec = spec.param(p);
		}
		spec.query(String.class).list().forEach(l -> System.out.println(l.length() > 200 ? l.substring(0, 200) + " …" : l));
	}

	void explain(String what, String sql, Object... params) {
		System.out.println("\n-- plan: " + what);
		var spec = jdbc.sql(sql);
		for (Object p : params) {
			spec = spec.param(p);
		}
		spec.query(String.class).list().forEach(System.out::println);
	}
}
