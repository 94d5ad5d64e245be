package cn.partybuilding.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.bench.WarmUp;
import cn.partybuilding.orglife.MeetingListPlans;
import cn.partybuilding.transfer.TransferListPlans;
import cn.partybuilding.bench.ScalePeople;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.dues.DuesRollSections;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.member.MemberDirectory;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 23's rolls at every level of the tree: the meetings list, the transfers list and the dues roll at the root
 * (the province when the data holds one), the largest school, its largest college and that college's largest branch.
 * On the province generator's data (a data folder with 500 000 members or more, {@code -Dprovince.data=...}) it
 * reads what is there; otherwise it makes its own: 50 000 members ({@code -Dbench.people}), a year of dues for them, about 600 000 meetings
 * and 3 000 closed transfers, written straight into the tables. Prints p50/p95 server side (MockMvc), then
 * {@code wrk -t2 -c4 -d10s} against each list and a trivial authenticated endpoint ({@code /api/v1/me}) of the same
 * server in the same run with their ratio, each list warmed first until two 5 s runs agree within 3%
 * ({@link WarmUp}, at most {@code -Dbench.warm-seconds}, 90), and the plans. Asserts nothing about time.
 * {@code ./mvnw -o -q test -Pbench -Dtest=ProvinceRollsBenchmark}; on a province folder
 * {@code -Dprovince.data=target/province -Dbench.clean=false} (without the second the folder is wiped, as a test's is).
 * {@code -Dbench.dues-only=true}: the dues roll alone (no meetings or transfers made or measured), with what each
 * section of its page costs. Each list's ratio is given twice: to {@code /api/v1/me} measured once for the run, and to
 * it measured right before and after that list ("adjacent": the host's load drifts within a run); and the server JVM's
 * CPU time per request of each against the trivial endpoint's ("cpu ratio": what throughput on two free cores would be,
 * whatever else the host runs).
 * {@code -Dbench.profile=root|school|college|branch|rules|me}: instead of the figures, a JFR sample of that dues roll
 * page (or {@code /dues/rules}, {@code /api/v1/me}; {@code api-root} and so on: the JSON roll) under {@code wrk} for 20 s,
 * printed by library and method.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "party.data-dir=${province.data:target/bench-data}",
				// a province folder is measured as it is: not wiped at start and stop like a test's database
				"party.embedded.clean-on-start=${bench.clean:true}",
				// large scopes' totals kept as the platform keeps them (application.properties), not summed on every page as
				// the tests' configuration has them (0 s: tests compare totals right after writing); measured with the tests'
				// setting, the province root's roll page summed a million members' bills each time: 170 req/s instead of 600
				"party.lists.large-scope-totals-max-age=${bench.totals-max-age:10s}" })
class ProvinceRollsBenchmark extends PlatformTest {

	@LocalServerPort
	int port;

	@Autowired
	MemberDirectory members;

	@Autowired
	DuesDemo demo;

	@Autowired
	DuesManagement dues;

	@Autowired
	Clock clock;

	@Autowired
	org.springframework.context.ApplicationContext context;

	record Level(String name, long id, String code, long members) {
	}

	static final boolean DUES_ONLY = Boolean.getBoolean("bench.dues-only");

	@Test
	void rollsAtEveryLevel() throws Exception {
		makeData();
		jdbc.sql("analyze meeting").update();
		jdbc.sql("analyze transfer").update();
		jdbc.sql("analyze dues_bill").update();
		List<Level> levels = levels();
		System.out.printf("%n== ProvinceRollsBenchmark: %d members, %d organisations, %d meetings, %d transfers, %d dues bills ==%n",
				count("member"), count("organization"), count("meeting"), count("transfer"), count("dues_bill"));
		levels.forEach(l -> System.out.printf("  %-8s %s (id %d), %d members in its subtree%n", l.name(), l.code(), l.id(), l.members()));
		long admin = jdbc.sql("select id from account where username = 'admin'").query(Long.class).single();
		jdbc.sql("""
				insert into account_grant (account_id, role, organization_id)
				select ?, 'COMMITTEE_ADMIN', ? where not exists (
				  select 1 from account_grant where account_id = ? and role = 'COMMITTEE_ADMIN' and organization_id = ?)""")
			.params(admin, levels.get(0).id(), admin, levels.get(0).id()).update();
		Cookie session = session("admin");
		RequestPostProcessor who = request -> {
			request.setCookies(session);
			return request;
		};
		String month = YearMonth.now(clock).toString();
		String dumped = System.getProperty("bench.dump");
		if (dumped != null) {
			// -Dbench.dump=<folder>: every answer of the roll (page and JSON, each filter, a second page) at every level,
			// CSRF tokens blanked, to compare before and after a change byte for byte; then the figures as without it
			dump(java.nio.file.Path.of(dumped), levels, who, month);
		}
		String profiled = System.getProperty("bench.profile");
		if (profiled != null) {
			// -Dbench.profile=root|school|college|branch|rules|me (api-root and so on: the JSON roll): only a JFR sample of that page under wrk
			String url = switch (profiled) {
				case "rules" -> "/dues/rules";
				case "me" -> "/api/v1/me";
				default -> (profiled.startsWith("api-") ? "/api/v1/dues/roll" : "/dues") + "?month=" + month + "&orgId="
						+ levels.stream().filter(l -> l.name().equals(profiled.replaceFirst("^api-", ""))).findFirst().orElseThrow().id();
			};
			// the page as it is written, to compare markup before and after a change (CSRF tokens aside)
			java.nio.file.Files.writeString(java.nio.file.Path.of("target", "page-" + profiled + ".html"),
					mvc.perform(get(url).with(who)).andReturn().getResponse().getContentAsString());
			profile("http://127.0.0.1:" + port + url, "Cookie: SESSION=" + session.getValue());
			return;
		}
		System.out.println("\n-- server-side time per request, ms (MockMvc, 40 requests after 5 to warm up)");
		Caller province = new Caller(admin, "admin", "admin", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, levels.get(0).id())));
		for (Level l : levels) {
			DuesRollSections.print(context, province, l.name(), l.id(), YearMonth.now(clock));
		}
		for (Level l : levels) {
			if (DUES_ONLY) {
				measure("dues roll page (HTML)", l, who, "/dues?month=" + month + "&orgId=" + l.id());
				measure("dues roll API, first page of 100", l, who, "/api/v1/dues/roll?month=" + month + "&orgId=" + l.id());
				String deep = duesDeepCursor(l, month);
				if (deep != null) {
					measure("dues roll API, page after 10 000", l, who, "/api/v1/dues/roll?month=" + month + "&orgId=" + l.id() + "&after=" + deep);
				}
				measure("dues roll API, unpaid", l, who, "/api/v1/dues/roll?status=UNPAID&month=" + month + "&orgId=" + l.id());
				measure("dues roll API, arrears", l, who, "/api/v1/dues/roll?status=ARREARS&month=" + month + "&orgId=" + l.id());
				continue;
			}
			String deep = deepCursor(l);
			measure("meetings API, first page of 50", l, who, "/api/v1/meetings?size=50&orgId=" + l.id());
			if (deep != null) {
				measure("meetings API, page after 10 000", l, who, "/api/v1/meetings?size=50&orgId=" + l.id() + "&after=" + deep);
			}
			measure("transfers API, first page of 50", l, who, "/api/v1/transfers?size=50&orgId=" + l.id());
			measure("dues roll page (HTML)", l, who, "/dues?month=" + month + "&orgId=" + l.id());
			measure("meetings page (HTML)", l, who, "/meetings?orgId=" + l.id());
		}
		if (!DUES_ONLY) {
			measure("transfers page (HTML), whole scope", levels.get(0), who, "/transfers");
		}
		measure("trivial: /api/v1/me", levels.get(0), who, "/api/v1/me");
		// the shared layout alone, around a page that reads next to nothing (the standards): what a page costs before its own work
		measure("layout baseline: /dues/rules (HTML)", levels.get(0), who, "/dues/rules");

		System.out.println("\n-- wrk -t2 -c4 -d10s against the same server (port " + port + "), requests/s; ratio to /api/v1/me");
		String base = "http://127.0.0.1:" + port;
		String cookie = "Cookie: SESSION=" + session.getValue();
		Level root = levels.get(0);
		Level college = levels.get(Math.min(2, levels.size() - 1));
		// warmed as each list is: a fresh JVM's trivial endpoint runs at half its speed for the first minute
		WarmUp.untilSteady(seconds -> wrk(base + "/api/v1/me", cookie, seconds));
		double trivial = wrk(base + "/api/v1/me", cookie, 10);
		Map<String, String> lists = new LinkedHashMap<>();
		// the bare layout page also between two runs of the trivial endpoint: its cpu ratio is the layout's cost
		lists.put("layout baseline /dues/rules (HTML)", "/dues/rules");
		if (!DUES_ONLY) {
			lists.put("meetings API at " + root.code(), "/api/v1/meetings?size=50&orgId=" + root.id());
			lists.put("transfers API at " + root.code(), "/api/v1/transfers?size=50&orgId=" + root.id());
			// round 13: where a school holds few of the province's meetings and transfers
			levels.stream().filter(l -> l.name().equals("small school")).forEach(l -> {
				lists.put("meetings API at small school " + l.code(), "/api/v1/meetings?size=50&orgId=" + l.id());
				lists.put("transfers API at small school " + l.code(), "/api/v1/transfers?size=50&orgId=" + l.id());
			});
		}
		else {
			for (Level l : levels) {
				lists.put("dues roll API at " + l.name() + " " + l.code(), "/api/v1/dues/roll?month=" + month + "&orgId=" + l.id());
			}
			for (Level l : levels) {
				lists.put("dues roll page at " + l.name() + " " + l.code(), "/dues?month=" + month + "&orgId=" + l.id());
			}
		}
		if (!DUES_ONLY) {
			// the roll as a list (its API, a page of 50 lines as the page shows) and as the page
			lists.put("dues roll API at " + college.code(), "/api/v1/dues/roll?size=50&month=" + month + "&orgId=" + college.id());
			lists.put("dues roll API at " + root.code(), "/api/v1/dues/roll?size=50&month=" + month + "&orgId=" + root.id());
			lists.put("dues roll page (HTML) at " + college.code(), "/dues?month=" + month + "&orgId=" + college.id());
			lists.put("dues roll page (HTML) at " + root.code(), "/dues?month=" + month + "&orgId=" + root.id());
		}
		System.out.printf("  %-40s %8.1f req/s%n", "trivial /api/v1/me", trivial);
		double layout = wrk(base + "/dues/rules", cookie, 10);
		double layoutCpu = cpuPerRequest;
		System.out.printf("  %-40s %8.1f req/s   ratio %.2f   cpu %.1f ms a request%n", "layout baseline /dues/rules (HTML)", layout,
				layout / trivial, layoutCpu);
		// on a shared host the load drifts within a run: each list is also compared with the trivial endpoint measured
		// right before and after it (5 s each), the "adjacent" ratio
		// and the server's CPU time per request (the whole JVM's, background jobs included): what the page costs whatever
		// else the host runs; "cpu ratio" = the trivial endpoint's CPU per request / the list's
		// each list warmed first until its throughput holds (WarmUp), then the trivial endpoint before and after it
		for (var e : lists.entrySet()) {
			int warmed = WarmUp.untilSteady(seconds -> wrk(base + e.getValue(), cookie, seconds));
			double meBefore = wrk(base + "/api/v1/me", cookie, 5);
			double meCpuBefore = cpuPerRequest;
			double rps = wrk(base + e.getValue(), cookie, 10);
			double cpu = cpuPerRequest;
			double meAfter = wrk(base + "/api/v1/me", cookie, 5);
			double meCpu = (meCpuBefore + cpuPerRequest) / 2;
			System.out.printf("  %-40s %8.1f req/s   ratio %.2f   adjacent %.2f (me %.1f / %.1f)   cpu %.1f ms a request, me %.1f: cpu ratio %.2f   (warmed %d s)%n",
					e.getKey(), rps, rps / trivial, rps / ((meBefore + meAfter) / 2), meBefore, meAfter, cpu, meCpu, meCpu / cpu, warmed);
		}

		System.out.println("\n-- plans of the queries changed (the organisations of the root as one array parameter)");
		String rootOrgs = orgArray(root.id());
		duesPlans(month, levels);
		if (DUES_ONLY) {
			return;
		}
		explain(MeetingListPlans.pageStatement("from meeting m where m.organization_id = any('" + rootOrgs + "'::bigint[])", 51));
		String deepRoot = deepCursor(root);
		if (deepRoot != null) {
			String[] at = deepRoot.split("\\.");
			explain(MeetingListPlans.pageStatement("from meeting m where m.organization_id = any('" + rootOrgs + "'::bigint[]) and (m.start_at, m.id) < "
					+ "(timestamptz 'epoch' + " + at[0] + " * interval '1 microsecond', " + at[1] + ")", 51));
		}
		// round 10: the unfiltered list's total from the meetings kept per organisation (V138), at the root and a school
		explain("select coalesce(sum(meetings), 0) from meeting_count");
		for (Level l : levels.subList(1, levels.size())) {
			if (l == levels.get(1)) {
				explain("select coalesce(sum(meetings), 0) from meeting_count where organization_id = any('" + orgArray(l.id()) + "'::bigint[])");
			}
			explain(MeetingListPlans.pageStatement("from meeting m where m.organization_id = any('" + orgArray(l.id()) + "'::bigint[])", 51));
		}
		// round 12: a school's page through the hash of its ids; the transfers' page from the covering index (V139).
		// Round 13: the same school's meetings merged from its organisations' newest (what a school of few meetings
		// reads); its transfers through its organisations' indexes (read where it holds few) and walking all
		String schoolOrgs = "'" + orgArray(levels.get(1).id()) + "'";
		explain(MeetingListPlans.scopePage(true, schoolOrgs, 51));
		explain(MeetingListPlans.scopePage(false, schoolOrgs, 51));
		explain(TransferListPlans.pageStatement(schoolOrgs, false, 51));
		explain(TransferListPlans.pageStatement(schoolOrgs, true, 51));
	}

	private static final Pattern CSRF = Pattern.compile("(name=\"_csrf\"\\s+(?:content|value)=\")[^\"]*\"");

	/** The roll's answers at every level into {@code folder} (see {@code -Dbench.dump}). */
	void dump(java.nio.file.Path folder, List<Level> levels, RequestPostProcessor who, String month) throws Exception {
		java.nio.file.Files.createDirectories(folder);
		List<String> urls = new ArrayList<>();
		urls.add("/dues");
		urls.add("/api/v1/dues/roll");
		String previous = YearMonth.parse(month).minusMonths(1).toString();
		for (Level l : levels) {
			for (String m : List.of(month, previous)) {
				for (String show : List.of("ALL", "UNPAID", "PAID", "ARREARS", "NO_BILL")) {
					urls.add("/dues?month=" + m + "&orgId=" + l.id() + "&show=" + show);
					urls.add("/api/v1/dues/roll?month=" + m + "&orgId=" + l.id() + "&status=" + show);
					urls.add("/api/v1/dues/roll?month=" + m + "&orgId=" + l.id() + "&status=" + show + "&size=7");
				}
			}
		}
		int n = 0;
		while (!urls.isEmpty()) {
			String url = urls.remove(0);
			var response = mvc.perform(get(url).with(who)).andReturn().getResponse();
			String body = CSRF.matcher(response.getContentAsString(StandardCharsets.UTF_8)).replaceAll("$1\"");
			String next = response.getHeader("X-Next-After");
			java.nio.file.Files.writeString(folder.resolve(String.format("%03d.txt", n++)), url + "\n" + response.getStatus() + " "
					+ response.getContentType() + " next=" + next + "\n" + body);
			// the page after each first page too (a cursor), for the API's and the page's
			if (!url.contains("after=")) {
				Matcher page = Pattern.compile("after=([0-9]+\\.[0-9]+)").matcher(body);
				String after = next != null ? next : page.find() ? page.group(1) : null;
				if (after != null) {
					urls.add(0, url + (url.contains("?") ? "&" : "?") + "after=" + after);
				}
			}
		}
		System.out.printf("%n(%d answers of the roll written to %s)%n", n, folder);
	}

	/** Where the dues roll API's page 10 000 lines deep begins at this level (null when it has fewer). */
	String duesDeepCursor(Level l, String month) {
		return jdbc.sql("""
				select organization_id || '.' || member_id from dues_bill where month = ?::date and organization_id = any(?::bigint[])
				order by organization_id, member_id offset 10000 limit 1""")
			.params(month + "-01", orgArray(l.id())).query(String.class).optional().orElse(null);
	}

	/** The dues roll's queries (round 3): a page by cursor at the root (no filter) and a school (one array), the totals. */
	void duesPlans(String month, List<Level> levels) {
		Level root = levels.get(0);
		Level college = levels.get(Math.min(2, levels.size() - 1));
		explain("select coalesce(sum(bills), 0) from dues_bill_tally where month = date '" + month + "-01'");
		explain("select b.member_id, b.organization_id, b.state from dues_bill b where b.month = date '" + month
				+ "-01' order by b.organization_id, b.member_id limit 100");
		String deepRoot = duesDeepCursor(root, month);
		if (deepRoot != null) {
			String[] at = deepRoot.split("\\.");
			explain("select b.member_id, b.organization_id, b.state from dues_bill b where b.month = date '" + month
					+ "-01' and (b.organization_id, b.member_id) > (" + at[0] + ", " + at[1] + ") order by b.organization_id, b.member_id limit 100");
		}
		explain("select b.member_id from dues_bill b where b.month = date '" + month + "-01' and b.state = 'UNPAID'"
				+ " order by b.organization_id, b.member_id limit 100");
		explain("select b.member_id from dues_bill b where b.month = date '" + month + "-01' and (select s.state from dues_bill s"
				+ " where s.member_id = b.member_id and s.month < date '" + month + "-01' order by s.month desc limit 1) = 'UNPAID'"
				+ " order by b.organization_id, b.member_id limit 100");
		for (Level l : levels.subList(1, levels.size())) {
			explain("select b.member_id, b.organization_id, b.state from dues_bill b where b.month = date '" + month
					+ "-01' and b.organization_id = any('" + orgArray(l.id()) + "'::bigint[]) order by b.organization_id, b.member_id limit 100");
		}
		// round 8: the page's one statement (totals, bills, 党费交至, runs) at every level
		for (Level l : levels) {
			java.util.Set<Long> orgs = l == root ? null : orgIds(l.id());
			DuesRollSections.explainPage(context, orgs, YearMonth.parse(month), 50);
		}
		explain("select distinct member_id from dues_base where state = 'PENDING'");
		// round 4: the bases waiting narrowed to a school's organisations by the organisation kept on them (V121)
		Level school = levels.get(Math.min(1, levels.size() - 1));
		explain("select distinct member_id from dues_base where state = 'PENDING' and (organization_id = any('" + orgArray(school.id())
				+ "'::bigint[]) or organization_id is null)");
		if (Boolean.getBoolean("bench.old-plans")) {
			oldDuesPlans(month, root, college);
		}
	}

	/** The second round's roll queries (before the cursor). */
	void oldDuesPlans(String month, Level root, Level college) {
		explain("select coalesce(sum(bills), 0) from dues_bill_tally where month = date '" + month + "-01' and organization_id = any('"
				+ orgArray(root.id()) + "'::bigint[])");
		String collegeMembers = "array(select id from member where organization_id = any('" + orgArray(college.id()) + "'::bigint[]))";
		explain("select member_id, category, base, amount, state from dues_bill where month = date '" + month
				+ "-01' and member_id = any(" + collegeMembers + ")");
		String page = "array(select id from member where organization_id = any('" + orgArray(college.id()) + "'::bigint[]) order by id limit 100)";
		explain("""
				with first_unpaid as (
				  select member_id, min(month) as m from dues_bill where state = 'UNPAID' and member_id = any(%1$s) group by member_id)
				select b.member_id, max(b.month) from dues_bill b left join first_unpaid f on f.member_id = b.member_id
				where b.member_id = any(%1$s) and b.state <> 'UNPAID' and b.month < coalesce(f.m, 'infinity')
				group by b.member_id""".formatted(page));
		explain("select count(*) from dues_base where state = 'PENDING' and member_id = any(" + collegeMembers + ")");
		explain("select b.id from dues_base b where b.state = 'PENDING' and b.member_id = any(" + collegeMembers
				+ ") order by b.declared_at, b.id limit 50");
		explain("select count(*) from dues_relief where state = 'PENDING' and organization_id = any('" + orgArray(college.id())
				+ "'::bigint[])");
		explain("""
				select distinct on (member_id) member_id, category, base from dues_base
				where state = 'APPROVED' and effective_from <= date '%s-01' and member_id = any(%s)
				order by member_id, effective_from desc, id desc""".formatted(month, collegeMembers));
	}

	/** The root, the largest school below it (the root itself when it is a school), its largest college and branch. */
	List<Level> levels() {
		record Org(long id, String code, String type, String path) {
		}
		List<Org> orgs = jdbc.sql("select id, code, type, path from organization where dissolved_at is null").query(Org.class).list();
		Map<Long, Long> direct = new java.util.HashMap<>();
		jdbc.sql("select organization_id, count(*) from member group by organization_id")
			.query(rs -> {
				direct.put(rs.getLong(1), rs.getLong(2));
			});
		Map<Long, Long> subtree = new java.util.HashMap<>();
		for (Org o : orgs) {
			long n = direct.getOrDefault(o.id(), 0L);
			for (String id : o.path().split("/")) {
				if (!id.isEmpty()) {
					subtree.merge(Long.valueOf(id), n, Long::sum);
				}
			}
		}
		Org root = orgs.stream().min(java.util.Comparator.comparing((Org o) -> o.path().length()).thenComparing(Org::id)).orElseThrow();
		java.util.function.BiFunction<Org, java.util.function.Predicate<Org>, Org> largest = (above, kind) -> orgs.stream()
			.filter(o -> o.id() != above.id() && o.path().startsWith(above.path()) && kind.test(o))
			.max(java.util.Comparator.comparing((Org o) -> subtree.getOrDefault(o.id(), 0L))).orElse(above);
		// a school is a committee right below the root with colleges (general branches, 二级党委) of its own
		int depth = root.path().split("/").length;
		java.util.function.Predicate<Org> isSchool = o -> o.type().equals("COMMITTEE") && o.path().split("/").length == depth + 1
				&& orgs.stream().anyMatch(c -> c.path().startsWith(o.path()) && c.id() != o.id() && !c.type().equals("BRANCH")
						&& !c.type().equals("GROUP"));
		Org school = largest.apply(root, isSchool);
		// round 13: the smallest school of more than 100 organisations, where a page chooses between walking all the
		// province's meetings or transfers and reading the school's own (the largest school holds 5 % of them, this 0.4 %)
		Org small = orgs.stream().filter(o -> o.id() != school.id() && isSchool.test(o))
			.filter(o -> orgs.stream().filter(c -> c.path().startsWith(o.path())).count() > 100)
			.min(java.util.Comparator.comparing((Org o) -> subtree.getOrDefault(o.id(), 0L))).orElse(null);
		Org college = largest.apply(school, o -> !o.type().equals("BRANCH") && !o.type().equals("GROUP"));
		Org branch = largest.apply(college, o -> o.type().equals("BRANCH"));
		List<Level> levels = new ArrayList<>();
		levels.add(new Level("root", root.id(), root.code(), subtree.getOrDefault(root.id(), 0L)));
		if (school.id() != root.id()) {
			levels.add(new Level("school", school.id(), school.code(), subtree.getOrDefault(school.id(), 0L)));
		}
		levels.add(new Level("college", college.id(), college.code(), subtree.getOrDefault(college.id(), 0L)));
		levels.add(new Level("branch", branch.id(), branch.code(), subtree.getOrDefault(branch.id(), 0L)));
		if (small != null) {
			levels.add(new Level("small school", small.id(), small.code(), subtree.getOrDefault(small.id(), 0L)));
		}
		return levels;
	}

	/** Our own data when there is no province: 50 000 members, a year of their dues, ~600 000 meetings, 3 000 transfers. */
	void makeData() {
		long started = System.nanoTime();
		YearMonth now = YearMonth.now(clock);
		if (count("member") < 500_000) {
			ScalePeople.atLeast(Integer.getInteger("bench.people", 50_000), jdbc, members, clock);
			if (count("dues_bill") < 300_000) {
				jdbc.sql("truncate dues_warning, dues_bill, dues_bill_tally, dues_payment, dues_order, dues_relief, dues_base, sandbox_charge").update();
				demo.seed(now.minusMonths(12), now.minusMonths(1), 50, Map.of());
				dues.openBills(now);
			}
		}
		else if (count("dues_bill") < 1_000_000) {
			provinceDues(now.minusMonths(2), now);
		}
		if (!DUES_ONLY && count("meeting") < 300_000) {
			long branches = jdbc.sql("select count(*) from organization where type = 'BRANCH' and dissolved_at is null").query(Long.class).single();
			long organiser = jdbc.sql("select id from account where username = 'admin'").query(Long.class).single();
			jdbc.sql("""
					insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser, recorded_after)
					select o.id, (array['BRANCH_ASSEMBLY','BRANCH_COMMITTEE','PARTY_LECTURE','THEME_DAY','ORG_LIFE_MEETING','TALK'])[1 + n % 6],
					       '基准会议', now() - interval '365 days' + ((n * 7919 + o.id * 104729) % 525600) * interval '1 minute',
					       now() - interval '365 days' + ((n * 7919 + o.id * 104729) % 525600) * interval '1 minute' + interval '1 hour',
					       ?, 'admin', true
					from organization o cross join generate_series(1, ?) n
					where o.type = 'BRANCH' and o.dissolved_at is null""").params(organiser, (int) Math.max(24, 600_000 / branches)).update();
		}
		if (!DUES_ONLY && count("transfer") < 3_000) {
			jdbc.sql("""
					insert into transfer (member_id, kind, state, from_org_id, to_org_id, crosses, reason, started_by, started_at, closed_at)
					select m.id, 'INTERNAL', 'ACCEPTED', m.organization_id, m.organization_id, false, '基准转接', 'admin',
					       now() - (m.id % 365) * interval '1 day', now() - (m.id % 365) * interval '1 day' + interval '3 days'
					from member m order by m.id limit 3000""").update();
		}
		System.out.printf("%n(data made in %d s)%n", (System.nanoTime() - started) / 1_000_000_000);
	}

	/**
	 * Three months of dues for a province without them, written straight into the tables (the demo's seeding holds
	 * every member and payment in memory): about 55 % of the member-months paid in cash, the rest unpaid.
	 */
	void provinceDues(YearMonth first, YearMonth last) {
		String months = "select generate_series(date '" + first + "-01', date '" + last + "-01', interval '1 month')::date as month";
		jdbc.sql("""
				insert into dues_payment (receipt_no, member_id, amount, method, paid_on, payer_name, organization_id, recorded_by, recorded_at)
				select 'BENCH-' || m.id || '-' || to_char(mm.month, 'YYYYMM'), m.id, 10, 'CASH', mm.month + 5, '基准', m.organization_id,
				       'bench', now()
				from member m cross join (%s) mm where (m.id * 7 + extract(month from mm.month)::int) %% 100 < 55""".formatted(months))
			.update();
		jdbc.sql("""
				insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, payment_id, created_at)
				select m.id, mm.month, m.organization_id, 'STUDENT', 10, (select max(id) from dues_rule_version),
				       case when p.id is null then 'UNPAID' else 'PAID' end, p.id, now()
				from member m cross join (%s) mm
				left join dues_payment p on p.receipt_no = 'BENCH-' || m.id || '-' || to_char(mm.month, 'YYYYMM')
				on conflict (member_id, month) do nothing""".formatted(months)).update();
	}

	/** The position 10 000 meetings deep in the level's list (null when it has fewer). */
	String deepCursor(Level l) {
		return jdbc.sql("""
				select (extract(epoch from m.start_at) * 1000000)::bigint || '.' || m.id from meeting m
				where m.organization_id = any(?::bigint[]) order by m.start_at desc, m.id desc offset 10000 limit 1""")
			.param(orgArray(l.id())).query(String.class).optional().orElse(null);
	}

	java.util.Set<Long> orgIds(long rootId) {
		String path = jdbc.sql("select path from organization where id = ?").param(rootId).query(String.class).single();
		return new java.util.HashSet<>(jdbc.sql("select id from organization where dissolved_at is null and path like ?")
			.param(path + "%").query(Long.class).list());
	}

	String orgArray(long rootId) {
		String path = jdbc.sql("select path from organization where id = ?").param(rootId).query(String.class).single();
		return jdbc.sql("select id from organization where dissolved_at is null and path like ?").param(path + "%").query(Long.class)
			.list().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	Cookie session(String username) throws Exception {
		return mvc.perform(formLogin("/login").user(username).password(DEMO_PASSWORD)).andReturn().getResponse().getCookie("SESSION");
	}

	void measure(String what, Level level, RequestPostProcessor who, String url) throws Exception {
		List<Double> times = new ArrayList<>();
		List<Double> cpu = new ArrayList<>();
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		for (int i = 0; i < 45; i++) {
			long c = threads.getCurrentThreadCpuTime();
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 5) {
				times.add((System.nanoTime() - t) / 1e6);
				cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
			}
		}
		// the request thread's own CPU (MockMvc runs the request in this thread): the Java side of one request, the
		// database's work and the host's other load aside
		System.out.printf("  %-8s %-36s p50 %7.1f   p95 %7.1f   thread cpu p50 %5.2f ms%n", level.name(), what, percentile(times, 50),
				percentile(times, 95), percentile(cpu, 50));
	}

	static double percentile(List<Double> values, int p) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN (ANALYZE, BUFFERS) " + abbreviated(sql.strip().replaceAll("\\s+", " ")));
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(line -> System.out.println("  " + line));
	}

	/** A query with thousands of ids, printed without them. */
	static String abbreviated(String sql) {
		return sql.replaceAll("'\\{([0-9]+),[0-9,]*,([0-9]+)\\}'", "'{$1,…,$2}'");
	}

	/**
	 * A JFR sample of the request threads under {@code wrk} for 20 s on one URL (after 5 s to warm up): prints the share of
	 * samples by the top frames' own method and by library (a frame of the library anywhere on the stack).
	 */
	void profile(String url, String cookie) throws Exception {
		wrk(url, cookie, 5);
		java.nio.file.Path file = java.nio.file.Path.of("target", "profile-" + System.getProperty("bench.profile") + ".jfr");
		double rps;
		try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
			recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
			recording.start();
			rps = wrk(url, cookie, 20);
			recording.stop();
			recording.dump(file);
		}
		Map<String, Integer> self = new java.util.HashMap<>();
		Map<String, Integer> inclusive = new java.util.HashMap<>();
		int total = 0;
		String[] libraries = { "org.thymeleaf.", "org.springframework.expression.", "org.springframework.security.",
				"org.springframework.session.", "org.springframework.jdbc.", "org.postgresql.", "com.zaxxer.", "org.apache.catalina.",
				"org.apache.coyote.", "org.springframework.web.servlet.resource.", "cn.partybuilding.", "org.springframework.context.support.",
				"org.attoparser.", "org.unbescape.", "java.util.regex.", "org.springframework.web.servlet.support.RequestContext",
				"org.thymeleaf.spring6.requestdata", "org.thymeleaf.standard.expression.StandardExpressionParser",
				"org.springframework.validation.", "org.springframework.beans." };
		for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
			if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			jdk.jfr.consumer.RecordedThread thread = e.getThread("sampledThread");
			if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains("exec")) {
				continue;
			}
			var frames = e.getStackTrace().getFrames();
			total++;
			var top = frames.get(0).getMethod();
			self.merge(top.getType().getName() + "." + top.getName(), 1, Integer::sum);
			java.util.Set<String> seen = new java.util.HashSet<>();
			for (var f : frames) {
				String type = f.getMethod().getType().getName();
				for (String lib : libraries) {
					if (type.startsWith(lib) && seen.add(lib)) {
						inclusive.merge(lib, 1, Integer::sum);
					}
				}
				String m = type + "." + f.getMethod().getName();
				if (seen.add(m)) {
					inclusive.merge(m, 1, Integer::sum);
				}
			}
		}
		int n = total;
		System.out.printf("%n-- JFR of %s under wrk: %.1f req/s, %d samples of the request threads (%s)%n", url, rps, n, file);
		System.out.println("   by library or method anywhere on the stack:");
		inclusive.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(70)
			.forEach(x -> System.out.printf("   %5.1f %%  %s%n", 100.0 * x.getValue() / n, x.getKey()));
		System.out.println("   by the method on top:");
		self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(30)
			.forEach(x -> System.out.printf("   %5.1f %%  %s%n", 100.0 * x.getValue() / n, x.getKey()));
	}

	private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	/** The server's CPU time per request in the last {@link #wrk} run, ms (this JVM's, so the other loads of the host aside). */
	double cpuPerRequest;

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	double wrk(String url, String header, int seconds) throws Exception {
		long cpuBefore = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		Process process = new ProcessBuilder("wrk", "-t2", "-c4", "-d" + seconds + "s", "-H", header, url).redirectErrorStream(true).start();
		StringBuilder out = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				out.append(line).append('\n');
			}
		}
		process.waitFor(seconds + 60L, TimeUnit.SECONDS);
		Matcher errors = NON2XX.matcher(out);
		if (errors.find()) {
			System.out.println("  (" + errors.group(1) + " answers not 2xx from " + url + ")");
		}
		long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() - cpuBefore;
		Matcher requests = REQUESTS.matcher(out);
		cpuPerRequest = requests.find() ? cpu / 1e6 / Math.max(1, Long.parseLong(requests.group(1))) : Double.NaN;
		Matcher rps = RPS.matcher(out);
		return rps.find() ? Double.parseDouble(rps.group(1)) : 0;
	}
}
