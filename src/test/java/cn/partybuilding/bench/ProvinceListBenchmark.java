package cn.partybuilding.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDoList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

/**
 * The member list, the applicant list and the name search at a province's size, over real HTTP (random port): p50
 * and p95 of each list at each level of the tree (the root, a school, a college, a branch — asked through
 * {@code orgId}, which gives the same scope as an administrator of that level), of the searches 王, 张伟 and a
 * 学号 prefix, and of a deep page by the keyset cursor; then {@code wrk -t2 -c4 -d10s} against the list and against
 * {@code /api/v1/me} with the same session in the same run, and their ratio (each list warmed first, {@link WarmUp},
 * and also compared with {@code /api/v1/me} measured right before and after it); and the query plans. Asserts nothing
 * about time.
 * <p>
 * Data: whatever the database holds (the province generator's), topped up when it has fewer active members than
 * {@code -Dprovince.members} (default 1 000 000) with 100 synthetic schools (one of 40 colleges, the others of 10, each
 * college 25 branches) below the root of {@code -Dprovince.user}'s organisation, members and applicants written by
 * SQL. {@code ./mvnw -o -q test -Pbench -Dtest=ProvinceListBenchmark [-Dprovince.members=1000000
 * -Dprovince.user=admin -Dprovince.seconds=10]}; the data folder is {@code target/province-data} (several GB at
 * 1 000 000; delete it afterwards; {@code -Dbench.heap=2g} for a larger heap than the profile's 512m).
 * {@code -Dprovince.lists=false} measures only the applicant list, 张伟 and the home page with its 待办 at each level;
 * {@code -Dprovince.lists=home} only the home page; {@code -Dprovince.runs=20} times fewer requests per figure.
 * {@code -Dbench.data=target/small-province -Dbench.clean=false} keeps the data between runs in that folder (with
 * {@code -Dprovince.members=100000} a small province to iterate on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "party.data-dir=${bench.data:target/province-data}",
				// -Dbench.clean=false measures the folder as it is (the synthetic province is written once, not on every run)
				"party.embedded.clean-on-start=${bench.clean:true}",
				// large scopes' totals kept as the platform keeps them (application.properties), not summed on every page as
				// the tests' configuration has them (0 s: tests compare totals right after writing); measured with the tests'
				// setting, the province root's roll page summed a million members' bills each time: 170 req/s instead of 600
				"party.lists.large-scope-totals-max-age=${bench.totals-max-age:10s}" })
class ProvinceListBenchmark extends PlatformTest {

	static final int MEMBERS = Integer.getInteger("province.members", 1_000_000);

	static final String USER = System.getProperty("province.user", "province");

	static final int SECONDS = Integer.getInteger("province.seconds", 10);

	/** Requests timed per figure ({@code -Dprovince.runs}, 60): fewer for a quick look at a slow page. */
	static final int RUNS = Integer.getInteger("province.runs", 60);

	/**
	 * {@code -Dprovince.lists=false}: only the applicant list, 张伟 and the home page (the third round's figures);
	 * {@code home}: only the home page (the fourth round's); {@code member}: only a member's own pages (the twenty-fifth's).
	 */
	static final String PARTS = System.getProperty("province.lists", "true");

	static final boolean LISTS = Boolean.parseBoolean(PARTS);

	static final boolean HOME_ONLY = PARTS.equals("home");

	static final boolean MEMBER_ONLY = PARTS.equals("member");

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	String cookie;

	@Test
	void listsAtEveryLevel() throws Exception {
		var login = mvc.perform(formLogin("/login").user(USER).password(DEMO_PASSWORD)).andReturn();
		cookie = "SESSION=" + login.getResponse().getCookie("SESSION").getValue();
		long root = jdbc.sql("""
				select o.id from organization o join account_grant r on r.organization_id = o.id
				join account a on a.id = r.account_id where a.username = ? and r.role = 'COMMITTEE_ADMIN'
				order by o.depth limit 1""").param(USER).query(Long.class).single();
		topUp(root);
		jdbc.sql("analyze member").update();
		jdbc.sql("analyze applicant").update();
		jdbc.sql("analyze member_count").update();

		// the biggest school below the root, its biggest college, its biggest branch
		long school = ProvinceLevels.biggestChild(jdbc, root);
		long college = ProvinceLevels.biggestChild(jdbc, school);
		long branch = ProvinceLevels.biggestChild(jdbc, college);
		Map<String, String> levels = new LinkedHashMap<>();
		levels.put("root", "");
		levels.put("school", "orgId=" + school);
		levels.put("college", "orgId=" + college);
		levels.put("branch", "orgId=" + branch);
		long active = jdbc.sql("select count(*) from member where departed_on is null").query(Long.class).single();
		long organisations = jdbc.sql("select count(*) from organization where dissolved_at is null").query(Long.class).single();
		long applicants = jdbc.sql("select count(*) from applicant").query(Long.class).single();
		System.out.printf("%n== ProvinceListBenchmark: %d active members, %d applicants, %d organisations; %s at %d; "
				+ "%d cores; server-side + HTTP time per request (ms) over %d runs ==%n", active, applicants, organisations,
				USER, root, Runtime.getRuntime().availableProcessors(), RUNS);
		long roots = jdbc.sql("select count(*) from organization where parent_id is null and dissolved_at is null")
			.query(Long.class).single();
		boolean atRoot = jdbc.sql("select parent_id is null from organization where id = ?").param(root).query(Boolean.class).single();
		System.out.printf("the caller's organisation %s the only active root (%d active roots): the root level %s%n",
				atRoot && roots == 1 ? "is" : "is NOT", roots,
				atRoot && roots == 1 ? "lists without a scope filter" : "is filtered by the caller's scope");
		measure("me (the trivial endpoint: session, security, JSON)", "/api/v1/me");
		memberPages();
		if (MEMBER_ONLY) {
			return;
		}
		if (HOME_ONLY) {
			homePages(root, school, college, branch);
			return;
		}
		String prefix = jdbc.sql("select left(staff_number, length(staff_number) - 3) from member where departed_on is null order by id desc limit 1")
			.query(String.class).single();
		for (var level : levels.entrySet()) {
			String scope = level.getValue();
			if (!LISTS) {
				// only what the third round changed: the applicant list and 张伟 (at a school)
				measure("applicants " + level.getKey(), "/api/v1/applicants?" + scope);
				measure("members  " + level.getKey() + " 张伟", "/api/v1/members?q=" + enc("张伟") + "&" + scope);
				continue;
			}
			measure("members  " + level.getKey(), "/api/v1/members?" + scope);
			measure("members  " + level.getKey() + " page 50", "/api/v1/members?page=50&" + scope);
			measure("members  " + level.getKey() + " 王", "/api/v1/members?q=" + enc("王") + "&" + scope);
			measure("members  " + level.getKey() + " 张伟", "/api/v1/members?q=" + enc("张伟") + "&" + scope);
			measure("members  " + level.getKey() + " 学号 " + prefix, "/api/v1/members?q=" + prefix + "&" + scope);
			measure("members  " + level.getKey() + " status", "/api/v1/members?status=PROBATIONARY&" + scope);
			measure("members  " + level.getKey() + " by name", "/api/v1/members?sort=name&" + scope);
			measure("applicants " + level.getKey(), "/api/v1/applicants?" + scope);
			measure("applicants " + level.getKey() + " 王", "/api/v1/applicants?q=" + enc("王") + "&" + scope);
		}
		if (!LISTS) {
			wrk("/api/v1/applicants", "/api/v1/applicants?orgId=" + school,
					"/api/v1/members?q=" + enc("张伟") + "&orgId=" + school);
			plans(root, school, prefix);
			homePages(root, school, college, branch);
			return;
		}
		// a deep page by the cursor: the cursor of page 1 000 walked to, then that page timed
		String url = "/api/v1/members?size=100";
		for (int i = 0; i < 20; i++) {
			String next = JsonPath.read(get(url), "$.next");
			url = "/api/v1/members?size=100&after=" + next;
		}
		measure("members root page 21 by cursor (size 100)", url);
		System.out.println("\nthe page: " + get("/members").length() + " characters of /members; total line: "
				+ totalLine(get("/members?q=" + enc("王"))));

		wrk("/api/v1/members", "/api/v1/members?orgId=" + school, "/api/v1/applicants");
		plans(root, school, prefix);
		homePages(root, school, college, branch);
	}

	/**
	 * A member's own pages on the phone, signed in as a member whose only role is member (twenty-fifth round: every one
	 * of them read the whole member table to find the member's record by their account), and wrk on the phone home.
	 */
	private void memberPages() throws Exception {
		record Member(String username, long accountId) {
		}
		Member member = jdbc.sql("""
				select a.username, a.id as account_id from account a join member m on m.account_id = a.id
				where m.departed_on is null
				  and not exists (select 1 from account_grant g where g.account_id = a.id and g.role <> 'MEMBER')
				order by m.id desc limit 1""").query(Member.class).optional().orElse(null);
		if (member == null) {
			System.out.println("\nno member with an account of their own: a member's pages not measured");
			return;
		}
		String administrator = cookie;
		var login = mvc.perform(formLogin("/login").user(member.username()).password(DEMO_PASSWORD)).andReturn();
		cookie = "SESSION=" + login.getResponse().getCookie("SESSION").getValue();
		try {
			System.out.printf("%n== a member's own pages (%s) ==%n", member.username());
			for (String page : List.of("/api/v1/me", "/", "/me", "/me/meetings", "/me/dues", "/me/record", "/study")) {
				measure("member " + page, page);
			}
			explain("a member's record by their account", "select id from member where account_id = " + member.accountId());
			wrk("/");
		}
		finally {
			cookie = administrator;
		}
	}

	@Autowired
	List<ToDoList> toDoLists;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	/**
	 * The home page (its 待办 from every module) at each level, signed in as an administrator of the level (accounts
	 * made for the benchmark at the school, college and branch), each module's 待办 timed on its own, wrk on the
	 * page at the root and at the school, and the plans of the 待办 queries of issue 23's third round.
	 */
	private void homePages(long root, long school, long college, long branch) throws Exception {
		String rootCookie = cookie;
		Map<String, Object[]> levels = new LinkedHashMap<>();
		levels.put("root", new Object[] { USER, null, root });
		levels.put("school", new Object[] { benchAccount("bench-school", Role.COMMITTEE_ADMIN, school), Role.COMMITTEE_ADMIN, school });
		levels.put("college", new Object[] { benchAccount("bench-college", Role.GENERAL_BRANCH_ADMIN, college), Role.GENERAL_BRANCH_ADMIN, college });
		levels.put("branch", new Object[] { benchAccount("bench-branch", Role.BRANCH_SECRETARY, branch), Role.BRANCH_SECRETARY, branch });
		System.out.printf("%n== the home page / and its 待办 at each level (ms over %d runs) ==%n", RUNS);
		Map<String, String> cookies = new LinkedHashMap<>();
		for (var level : levels.entrySet()) {
			String user = (String) level.getValue()[0];
			var login = mvc.perform(formLogin("/login").user(user).password(DEMO_PASSWORD)).andReturn();
			cookie = "SESSION=" + login.getResponse().getCookie("SESSION").getValue();
			cookies.put(level.getKey(), cookie);
			Caller caller = callerOf(user);
			System.out.printf("  %s (%s): each part of the home page on its own, ms and MB allocated per call%n",
					level.getKey(), user);
			timed("OrganizationTree.reminders", () -> tree.reminders(caller).size());
			if (level.getKey().equals("root")) {
				// 预备期超期 as it was counted before the seventh round (every overdue member read), beside the kept counts
				String before = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusYears(2).toString();
				timed("预备期超期 counted from members", () -> jdbc.sql("select m.organization_id, count(*) from member m"
						+ " where m.departed_on is null and m.status = 'PROBATIONARY' and m.join_date < '" + before + "'"
						+ " group by m.organization_id order by count(*) desc, m.organization_id limit 5").query().listOfRows().size());
			}
			for (ToDoList list : toDoLists) {
				timed(org.springframework.aop.support.AopUtils.getTargetClass(list).getSimpleName(),
						() -> list.dueFor(caller).size());
			}
			// the page's own part, all of it as the page asks it — in one read-only transaction since the seventh round
			// (the rest of the request is the layout and the rendering)
			var reading = new org.springframework.transaction.support.TransactionTemplate(transactions);
			reading.setReadOnly(true);
			timed("all 待办 + reminders", () -> reading.execute(s -> toDoLists.stream()
				.mapToInt(list -> list.dueFor(caller).size()).sum() + tree.reminders(caller).size()));
			try {
				measure("home /  " + level.getKey() + " (" + user + ")", "/");
				dumpHome(level.getKey());
			}
			catch (AssertionError | Exception ex) {
				System.out.println("  home /  " + level.getKey() + " FAILED: " + ex.getMessage().lines().findFirst().orElse(""));
			}
		}
		String base = "http://127.0.0.1:" + port;
		String wrk = "/usr/bin/wrk";
		if (new java.io.File(wrk).canExecute()) {
			for (String level : List.of("root", "school", "college", "branch")) {
				cookie = cookies.get(level);
				run(wrk, base + "/api/v1/me", 3);
				var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
				long cpuBefore = os.getProcessCpuTime();
				double me = run(wrk, base + "/api/v1/me", SECONDS);
				// the server JVM's cpu per request (this process is the server; PostgreSQL's own processes not counted)
				double meCpu = (os.getProcessCpuTime() - cpuBefore) / 1e6 / Math.max(1, me * SECONDS);
				boolean statements = statementsKept();
				if (statements) {
					jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
				}
				Sampler sampler = new Sampler();
				sampler.start();
				double home;
				double homeCpu;
				try {
					long homeBefore = os.getProcessCpuTime();
					home = run(wrk, base + "/", SECONDS);
					homeCpu = (os.getProcessCpuTime() - homeBefore) / 1e6 / Math.max(1, home * SECONDS);
				}
				catch (AssertionError ex) {
					// the page failing (at the province root: out of heap) is a figure too
					System.out.println("  wrk / at the " + level + " FAILED: " + ex.getMessage().lines().findFirst().orElse(""));
					continue;
				}
				finally {
					sampler.interrupt();
					sampler.join();
				}
				System.out.printf("  wrk / at the %-8s %8.0f req/s; /api/v1/me %8.0f req/s; ratio %.2f   load %s%n", level,
						home, me, home / me, load());
				System.out.printf("    server jvm cpu a request: / %.1f ms, /api/v1/me %.1f ms: cpu ratio %.2f%n", homeCpu, meCpu,
						meCpu / homeCpu);
				sampler.print();
				if (statements) {
					printStatements(home * SECONDS);
				}
			}
		}
		cookie = rootCookie;
		String schoolOrgs = jdbc.sql("select '{' || string_agg(s.id::text, ',') || '}' from organization s where s.dissolved_at is null and s.path like (select path from organization where id = ?) || '%'")
			.param(school).query(String.class).single();
		String before = java.time.LocalDate.now().minusYears(2).toString();
		explain("home 待办, 预备期超期 at the root (no scope filter)", "select m.organization_id, count(*) from member m where m.departed_on is null"
				+ " and m.status = 'PROBATIONARY' and m.join_date < '" + before + "' group by m.organization_id order by count(*) desc, m.organization_id");
		explain("home 待办, 预备期超期 at the school (one array)", "select m.organization_id, count(*) from member m where m.departed_on is null"
				+ " and m.organization_id = any('" + schoolOrgs + "'::bigint[]) and m.status = 'PROBATIONARY' and m.join_date < '" + before
				+ "' group by m.organization_id order by count(*) desc, m.organization_id");
		// the seventh round's: the kept counts (V131) read when they are for today, else the members counted as above
		String kept = """
				with kept as (select exists (select 1 from member_probation_overdue_day where joined_before = '%1$s') as fresh)
				(select k.organization_id, k.members from member_probation_overdue k
				 where (select fresh from kept) and k.members > 0%2$s
				 order by k.members desc, k.organization_id limit 5)
				union all
				(select m.organization_id, count(*) from member m
				 where not (select fresh from kept) and m.departed_on is null and m.status = 'PROBATIONARY'
				   and m.join_date < '%1$s'%3$s
				 group by m.organization_id order by count(*) desc, m.organization_id limit 5)""";
		String keptDay = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusYears(2).toString();
		explain("home 待办, 预备期超期 at the root from the kept counts (V131)", kept.formatted(keptDay, "", ""));
		explain("home 待办, 预备期超期 at the school from the kept counts (V131)", kept.formatted(keptDay,
				" and k.organization_id = any('" + schoolOrgs + "'::bigint[])", " and m.organization_id = any('" + schoolOrgs + "'::bigint[])"));
		explain("home 待办, approvals waiting above, at the school (one array)", "select count(*) from applicant where closed is null"
				+ " and next_step in (4, 8, 11, 13, 16, 17, 24, 18) and (next_possible is null or next_possible <= current_date)"
				+ " and organization_id = any('" + schoolOrgs + "'::bigint[])");
		explain("home 待办, overdue talks at the school (one array)", "select id, name, staff_number, organization_id, applied_on from applicant"
				+ " where closed is null and next_step = 2 and applied_on < current_date - 30 and organization_id = any('" + schoolOrgs
				+ "'::bigint[]) order by applied_on, id limit 50");
		// the fourth round's: 换届 reminders on the path, grant confirmations counted, the assessment's level below
		String rootPath = jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single();
		String today = java.time.LocalDate.now().toString();
		String quiet = java.time.LocalDate.now().plusDays(90).toString();
		explain("home, 换届 reminders at the root (only the committees that may be due)", """
				select p.* from committee_position p join organization o on o.id = p.organization_id
				where o.dissolved_at is null and o.path like any (array['%s%%'])
				  and not exists (select 1 from committee_position q where q.organization_id = p.organization_id
				                  and (q.term_start > '%s' or (q.term_end > '%s' and q.term_end > '%s')))""".formatted(rootPath, today, today, quiet));
		explain("home, 换届 reminders at the root (eighth round: one JDBC statement, the caller's organisations and two dates a committee)", """
				select p.organization_id, o.name,
				       max(p.term_end) filter (where p.term_start <= '%1$s' and p.term_end > '%1$s'), max(p.term_end)
				from committee_position p join organization o on o.id = p.organization_id
				where o.dissolved_at is null
				  and exists (select 1 from organization t where t.id = any('{%3$d}'::bigint[]) and t.dissolved_at is null
				              and o.path like t.path || '%%')
				  and not exists (select 1 from committee_position q where q.organization_id = p.organization_id
				                  and (q.term_start > '%1$s' or (q.term_end > '%1$s' and q.term_end > '%2$s')))
				group by p.organization_id, o.name""".formatted(today, quiet, root));
		explain("home 待办, approvals waiting above at the root (no scope filter; V134's index since the eighth round)",
				"select count(*) from applicant where closed is null and next_step in (4, 8, 11, 13, 16, 17, 24, 18)"
						+ " and (next_possible is null or next_possible <= current_date)");
		explain("home 待办, transfers waiting at the root (eighth round: counted by kind, stage and the two sides)",
				"select t.kind, t.stage, t.from_org_id, t.to_org_id, count(*) from transfer t where t.state = 'PENDING'"
						+ " group by t.kind, t.stage, t.from_org_id, t.to_org_id");
		explain("home, grants to confirm at the root (whole tree: no filter)", """
				select count(*) from account_grant g where g.pending and g.account_id <> 0
				  and (true or not exists (select 1 from account_grant h where h.account_id = g.account_id
				                         and h.organization_id <> all('{}'::bigint[])))""");
		explain("home, grants to confirm at the school (one array)", """
				select count(*) from account_grant g where g.pending and g.account_id <> 0
				  and (false or not exists (select 1 from account_grant h where h.account_id = g.account_id
				                         and h.organization_id <> all('%s'::bigint[])))""".formatted(schoolOrgs));
		explain("home, passwords to hand over at the school (one array)", """
				select count(*) from account a where a.handover_requested_at is not null and a.id <> 0
				  and exists (select 1 from account_grant g where g.account_id = a.id)
				  and (false or not exists (select 1 from account_grant h where h.account_id = a.id
				                         and h.organization_id <> all('%s'::bigint[])))""".formatted(schoolOrgs));
		explain("home, assessment results waiting for approval at the root (before: one array of the subtree)",
				"select count(*) from assessment_result where reviewed_at is not null and approved_at is null"
						+ " and organization_id = any(array(select id from organization where dissolved_at is null))");
		explain("home, assessment results waiting for approval or changed since, at the root (now: both in one reading, no filter)", """
				select count(*) filter (where r.reviewed_at is not null and r.approved_at is null),
				       count(*) filter (where r.approved_at is not null
				           and (exists (select 1 from assessment_adjustment a where a.year = r.year
				                        and a.organization_id = r.organization_id and a.adjusted_at > r.approved_at)
				                or exists (select 1 from assessment_claim c where c.year = r.year
				                        and c.organization_id = r.organization_id and c.scored_at > r.approved_at)))
				from assessment_result r where (true or r.organization_id = any('{}'::bigint[]))""");
		explain("applicants at the root, counts by stage (kept totals, V117)", "select stage, files from applicant_stage_total");
		explain("applicants at the root, counts by stage (before: every organisation's counters)",
				"select c.stage, sum(c.files) from applicant_count c group by c.stage");
	}

	@Autowired
	cn.partybuilding.organization.OrganizationTree tree;

	/**
	 * Whether the database counts statements ({@code pg_stat_statements}: in the data folder's postgresql.auto.conf
	 * {@code shared_preload_libraries = 'pg_stat_statements'} and the extension created): then each level's wrk of the
	 * home page prints the statements it sent, a request's share of each and their time in the database.
	 */
	private boolean statementsKept() {
		return jdbc.sql("select count(*) from pg_extension where extname = 'pg_stat_statements'").query(Long.class).single() > 0;
	}

	private void printStatements(double requests) {
		System.out.printf("    statements a request (pg_stat_statements over %.0f requests; database ms a request):%n", requests);
		double[] total = new double[2];
		jdbc.sql("select calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) from pg_stat_statements"
				+ " where query not like '%pg_stat_statements%' order by calls desc, total_exec_time desc")
			.query((rs, n) -> {
				double calls = rs.getLong(1) / Math.max(1, requests);
				double ms = rs.getDouble(2) / Math.max(1, requests);
				total[0] += calls;
				total[1] += ms;
				if (calls >= 0.05) {
					System.out.printf("      %5.2f  %6.3f ms  %s%n", calls, ms, rs.getString(3));
				}
				return null;
			}).list();
		System.out.printf("      %5.2f  %6.3f ms  in all%n", total[0], total[1]);
	}

	/**
	 * With {@code -Dbench.home.dump=<name>}: the page's 待办, reminders, roles and menu at this level written to
	 * {@code target/home-dump/<name>-<level>.txt} (the page's text without its tokens), to compare two builds'
	 * answers on the same data.
	 */
	private void dumpHome(String level) throws Exception {
		String name = System.getProperty("bench.home.dump");
		if (name == null) {
			return;
		}
		String page = get("/").replaceAll("(?s)<script.*?</script>", "").replaceAll("(?s)<style.*?</style>", "")
			.replaceAll("(?i)<meta[^>]*csrf[^>]*>", "").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")
			.replaceAll("(?s)<[^>]*href=\"([^\"]*)\"[^>]*>", "\n[$1] ").replaceAll("(?s)<[^>]+>", " ")
			.replaceAll("[ \t]+", " ").replaceAll("\\s*\n\\s*", "\n").trim();
		java.nio.file.Path file = java.nio.file.Path.of("target/home-dump", name + "-" + level + ".txt");
		java.nio.file.Files.createDirectories(file.getParent());
		java.nio.file.Files.writeString(file, page);
		System.out.printf("      (the page's text written to %s: %d lines)%n", file, page.lines().count());
	}

	/** One part of the home page timed on its own (20 calls after 3; fewer with -Dprovince.runs), with the heap it allocates per call. */
	private static void timed(String name, java.util.function.IntSupplier part) {
		var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
		List<Double> times = new ArrayList<>();
		List<Double> cpu = new ArrayList<>();
		int n = 0;
		long allocated = 0;
		try {
			int warm = RUNS >= 20 ? 3 : 1;
			for (int i = 0; i < warm + Math.min(20, RUNS); i++) {
				long before = threads.getCurrentThreadAllocatedBytes();
				long c = threads.getCurrentThreadCpuTime();
				long t = System.nanoTime();
				n = part.getAsInt();
				if (i >= warm) {
					times.add((System.nanoTime() - t) / 1e6);
					cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
					allocated = Math.max(allocated, threads.getCurrentThreadAllocatedBytes() - before);
				}
			}
			// cpu: the calling thread's own (the JVM side: JDBC, mapping, messages), not the database's
			System.out.printf("      %-34s p50 %7.1f   p95 %7.1f   cpu p50 %6.1f   %6.1f MB   %d lines%n", name,
					MemberScaleBenchmark.percentile(times, 50), MemberScaleBenchmark.percentile(times, 95),
					MemberScaleBenchmark.percentile(cpu, 50), allocated / 1e6, n);
		}
		catch (Throwable ex) {
			System.out.printf("      %-34s FAILED: %s%n", name, ex);
		}
	}

	/** An account of the benchmark's with one role at the organisation, signing in with the demo password. */
	private String benchAccount(String username, Role role, long organization) {
		jdbc.sql("""
				insert into account (username, display_name, password_hash, must_change_password)
				select ?, '基准测试', password_hash, false from account where username = ?
				and not exists (select 1 from account where lower(username) = lower(?))""")
			.params(username, USER, username).update();
		jdbc.sql("delete from account_grant where account_id = (select id from account where username = ?)").param(username).update();
		jdbc.sql("""
				insert into account_grant (account_id, role, organization_id)
				select id, ?, ? from account where username = ?""").params(role.name(), organization, username).update();
		return username;
	}

	private Caller callerOf(String username) {
		long account = jdbc.sql("select id from account where username = ?").param(username).query(Long.class).single();
		List<Caller.Grant> grants = jdbc.sql("select role, organization_id from account_grant where account_id = ? and not pending")
			.param(account).query((rs, n) -> new Caller.Grant(Role.valueOf(rs.getString(1)), rs.getLong(2))).list();
		return new Caller(account, username, username, grants);
	}

	private String totalLine(String html) {
		Matcher m = Pattern.compile("member-total\">([^<]*)<").matcher(html);
		return m.find() ? m.group(1) : "?";
	}

	private static String enc(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private void measure(String label, String path) throws Exception {
		List<Double> times = new ArrayList<>();
		String body = null;
		for (int i = 0; i < RUNS + 5; i++) {
			long t = System.nanoTime();
			body = get(path);
			if (i >= 5) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		boolean paged = body.contains("\"totalElements\"");
		Object total = paged ? JsonPath.read(body, "$.totalElements") : "-";
		Object exact = paged ? JsonPath.read(body, "$.totalExact") : true;
		System.out.printf("  %-44s p50 %6.1f   p95 %6.1f   total %s%s   load %s%n", label,
				MemberScaleBenchmark.percentile(times, 50), MemberScaleBenchmark.percentile(times, 95), total,
				Boolean.TRUE.equals(exact) ? "" : " (estimated)", load());
	}

	/** The machine's load average over the last minute, printed beside each figure (the machine is shared). */
	private static String load() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (java.io.IOException ex) {
			return "?";
		}
	}

	/** wrk -t2 -c4 against each list and against /api/v1/me, in turn, with the same session; the ratio of each. */
	private void wrk(String... lists) throws Exception {
		String wrk = "/usr/bin/wrk";
		if (!new java.io.File(wrk).canExecute()) {
			System.out.println("\nwrk is not installed (apt-get install -y wrk): no throughput figures");
			return;
		}
		String base = "http://127.0.0.1:" + port;
		// warmed as each list is: a fresh JVM's trivial endpoint runs at half its speed for the first minute
		WarmUp.untilSteady(seconds -> run(wrk, base + "/api/v1/me", seconds));
		Sampler onMe = new Sampler();
		onMe.start();
		double me = run(wrk, base + "/api/v1/me", SECONDS);
		onMe.interrupt();
		onMe.join();
		System.out.printf("%n== wrk -t2 -c4 -d%ds, session cookie ==%n  %-40s %8.0f req/s   load %s%n", SECONDS, "/api/v1/me",
				me, load());
		onMe.print();
		for (String list : lists) {
			// warmed until its throughput holds, then the trivial endpoint right before and after it ("adjacent")
			int warmed = WarmUp.untilSteady(seconds -> run(wrk, base + list, seconds));
			double meBefore = run(wrk, base + "/api/v1/me", 5);
			Sampler sampler = new Sampler();
			sampler.start();
			double rps = run(wrk, base + list, SECONDS);
			sampler.interrupt();
			sampler.join();
			double meAfter = run(wrk, base + "/api/v1/me", 5);
			System.out.printf("  %-40s %8.0f req/s   ratio to /api/v1/me %.2f   adjacent %.2f (me %.0f / %.0f, warmed %d s)   load %s%n",
					list, rps, rps / me, rps / ((meBefore + meAfter) / 2), meBefore, meAfter, warmed, load());
			sampler.print();
		}
	}

	/**
	 * A profiler without a profiler: every 50 ms the stacks of the server's request threads that are inside a request,
	 * each counted once under its innermost frame of ours (cn.partybuilding) and the frame it was in at that moment
	 * (reduced to a library's entry: the driver reading the socket, Hibernate, Jackson...). Where the request time goes.
	 */
	static final class Sampler extends Thread {

		static final List<String> LIBRARIES = List.of("org.postgresql", "org.hibernate", "tools.jackson", "com.fasterxml",
				"org.springframework.jdbc", "org.springframework.security", "org.springframework.session",
				"org.thymeleaf", "com.zaxxer");

		final Map<String, Integer> counts = new java.util.HashMap<>();

		int samples;

		Sampler() {
			setDaemon(true);
		}

		@Override
		public void run() {
			var threads = java.lang.management.ManagementFactory.getThreadMXBean();
			while (!isInterrupted()) {
				for (var info : threads.dumpAllThreads(false, false, 400)) {
					if (!info.getThreadName().startsWith("http-nio") || info.getStackTrace().length == 0) {
						continue;
					}
					StackTraceElement[] stack = info.getStackTrace();
					if (java.util.Arrays.stream(stack).noneMatch(e -> e.getClassName().contains("FilterChain"))) {
						continue; // an idle thread of the pool
					}
					int mine = stack.length;
					for (int i = 0; i < stack.length; i++) {
						if (stack[i].getClassName().startsWith("cn.partybuilding") && !stack[i].getClassName().contains("$$")) {
							mine = i;
							break;
						}
					}
					String ours = mine == stack.length ? "(filters)" : simple(stack[mine]);
					// the library our frame (or the filters) called into: the outermost library frame inside it
					String top = simple(stack[0]);
					for (int i = mine - 1; i >= 0; i--) {
						String c = stack[i].getClassName();
						if (LIBRARIES.stream().anyMatch(c::startsWith)) {
							top = simple(stack[i]);
							break;
						}
					}
					// and where it was at that moment: the innermost frame outside the JDK
					String at = simple(stack[0]);
					for (StackTraceElement e : stack) {
						String c = e.getClassName();
						if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
							at = simple(e);
							break;
						}
					}
					counts.merge(ours + "  >  " + top + (at.equals(top) ? "" : "  ...  " + at), 1, Integer::sum);
					samples++;
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private static String simple(StackTraceElement e) {
			String c = e.getClassName();
			return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName();
		}

		void print() {
			System.out.printf("    where the request threads were (%d samples):%n", samples);
			counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(16)
				.forEach(e -> System.out.printf("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(samples, 1), e.getKey()));
		}
	}

	private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private double run(String wrk, String url, int seconds) throws Exception {
		Process process = new ProcessBuilder(wrk, "-t2", "-c4", "-d" + seconds + "s", "-H", "Cookie: " + cookie, url)
			.redirectErrorStream(true).start();
		StringBuilder out = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				out.append(line).append('\n');
			}
		}
		process.waitFor(seconds + 60L, TimeUnit.SECONDS);
		Matcher errors = NON2XX.matcher(out);
		assertThat(errors.find() ? Long.parseLong(errors.group(1)) : 0).as("non-2xx answers from " + url).isZero();
		Matcher m = RPS.matcher(out);
		return m.find() ? Double.parseDouble(m.group(1)) : 0;
	}

	private void plans(long root, long school, String prefix) {
		String schoolOrgs = jdbc.sql("select '{' || string_agg(s.id::text, ',') || '}' from organization s where s.path like (select path from organization where id = ?) || '%'")
			.param(school).query(String.class).single();
		explain("root, first page (no scope filter: the scope covers every member)",
				"select m.id from member m where m.departed_on is null order by m.organization_id, m.name, m.id limit 20");
		explain("school, first page",
				"select m.id from member m where m.departed_on is null and m.organization_id = any('" + schoolOrgs
						+ "'::bigint[]) order by m.organization_id, m.name, m.id limit 20");
		explain("root, page 50 (offset 1000)",
				"select m.id from member m where m.departed_on is null order by m.organization_id, m.name, m.id limit 20 offset 1000");
		explain("root, status filter", "select m.id from member m where m.departed_on is null and m.status = 'PROBATIONARY'"
				+ " order by m.organization_id, m.name, m.id limit 20");
		explain("root, sort=name", "select m.id from member m where m.departed_on is null order by m.name, m.id limit 20");
		explain("root, total from the counters", "select coalesce(sum(m.members), 0) from member_count m");
		explain("root, every row of the status filter (what the capped count and the estimate avoid reading)", "select 1 from member m where m.departed_on is null"
				+ " and m.status = 'PROBATIONARY'");
		explain("root, 王", "select m.id from member m where m.departed_on is null and ((m.name_grams @> member_name_grams('王')"
				+ " and m.name like '%王%') or lower(m.staff_number) like '王%') order by m.organization_id, m.name, m.id limit 20");
		explain("root, 张伟", "select m.id from member m where m.departed_on is null and ((m.name_grams @> member_name_query_grams('张伟')"
				+ " and m.name like '%张伟%') or lower(m.staff_number) like '张伟%') order by m.organization_id, m.name, m.id limit 20");
		explain("root, 学号 prefix", "select m.id from member m where m.departed_on is null and ((m.name_grams @> member_name_query_grams('"
				+ prefix + "') and m.name like '%" + prefix + "%') or lower(m.staff_number) like lower('" + prefix
				+ "') || '%') order by m.organization_id, m.name, m.id limit 20");
		explain("school, 张伟, before V117 (every gram of the text asked of the index)", "select m.id from member m where m.departed_on is null and m.organization_id = any('" + schoolOrgs
				+ "'::bigint[]) and ((m.name_grams @> member_name_grams('张伟') and m.name like '%张伟%')"
				+ " or lower(m.staff_number) like '张伟%') order by m.organization_id, m.name, m.id limit 20");
		explain("school, 张伟 (the pair alone)", "select m.id from member m where m.departed_on is null and m.organization_id = any('" + schoolOrgs
				+ "'::bigint[]) and ((m.name_grams @> member_name_query_grams('张伟') and m.name like '%张伟%')"
				+ " or lower(m.staff_number) like '张伟%') order by m.organization_id, m.name, m.id limit 20");
		explain("school, capped count of 张伟", "select count(*) from (select 1 from member m where m.departed_on is null"
				+ " and m.organization_id = any('" + schoolOrgs + "'::bigint[]) and ((m.name_grams @> member_name_query_grams('张伟')"
				+ " and m.name like '%张伟%') or lower(m.staff_number) like '张伟%') limit 1001) x");
		explain("root, capped count of 王", "select count(*) from (select 1 from member m where m.departed_on is null and "
				+ "((m.name_grams @> member_name_grams('王') and m.name like '%王%') or lower(m.staff_number) like '王%') limit 1001) x");
		explain("school, total from the counters", "select coalesce(sum(c.members), 0) from member_count c where c.organization_id = any('"
				+ schoolOrgs + "'::bigint[])");
		explain("root, applicants first page",
				"select a.id from applicant a order by a.organization_id, a.applied_on, a.id limit 20");
		explain("root, applicants 王", "select a.id from applicant a where ((a.name_grams @> member_name_grams('王')"
				+ " and a.name like '%王%') or lower(a.staff_number) like '王%') order by a.organization_id, a.applied_on, a.id limit 20");
	}

	private void explain(String label, String sql) {
		System.out.println("\n-- EXPLAIN (ANALYZE, BUFFERS) " + label);
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(l -> System.out.println("  " + l));
	}

	/**
	 * Tops the data up to {@link #MEMBERS} active members: 100 schools below the root (the first of 40 colleges, the
	 * others of 10; 25 branches a college), members spread over their branches, one applicant for every 20 members.
	 */
	private void topUp(long root) {
		long have = jdbc.sql("select count(*) from member where departed_on is null").query(Long.class).single();
		if (have >= MEMBERS) {
			return;
		}
		long started = System.nanoTime();
		if (jdbc.sql("select count(*) from organization where code = 'PB-S0'").query(Long.class).single() == 0) {
			jdbc.sql("""
					insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
					select x.id, 'PB-S' || x.s, '第' || (x.s + 1) || '大学党委', 'COMMITTEE', r.id, r.path || x.id || '/', r.depth + 1, 100 + x.s
					from organization r, (select nextval('organization_id_seq') as id, s from generate_series(0, 99) s) x
					where r.id = ?""").param(root).update();
			jdbc.sql("""
					insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
					select x.id, x.code || 'C' || x.c, '第' || (x.c + 1) || '学院党委', 'GENERAL_BRANCH', x.parent, x.path || x.id || '/', x.depth + 1, x.c
					from (select nextval('organization_id_seq') as id, o.code, c, o.id as parent, o.path, o.depth
					      from organization o, generate_series(0, case when o.code = 'PB-S0' then 39 else 9 end) c
					      where o.code like 'PB-S%' and o.type = 'COMMITTEE') x""").update();
			jdbc.sql("""
					insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
					select x.id, x.code || 'B' || x.b, '第' || (x.b + 1) || '党支部', 'BRANCH', x.parent, x.path || x.id || '/', x.depth + 1, x.b
					from (select nextval('organization_id_seq') as id, o.code, b, o.id as parent, o.path, o.depth
					      from organization o, generate_series(0, 24) b
					      where o.code like 'PB-S%' and o.type = 'GENERAL_BRANCH') x""").update();
		}
		jdbc.sql("drop table if exists bench_branch").update();
		jdbc.sql("""
				create unlogged table bench_branch as select row_number() over (order by id) as rn, id from organization
				where code like 'PB-S%' and type = 'BRANCH'""").update();
		int branches = jdbc.sql("select count(*) from bench_branch").query(Integer.class).single();
		long missing = MEMBERS - have;
		jdbc.sql("""
				insert into member (name, gender, ethnicity, birth_date, id_card_masked, education, category, staff_number,
				    organization_id, status, join_date, conversion_date, graduation_year)
				select (string_to_array('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈', null))[1 + (hashint4(g) & 2147483647) % 50]
				    || (string_to_array('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文玲国红斌鹏飞宇浩晨欣怡佳思雨', null))[1 + (hashint4(g * 7) & 2147483647) % 40]
				    || case when g % 3 = 0 then '' else (string_to_array('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文玲国红斌', null))[1 + (hashint4(g * 13) & 2147483647) % 30] end,
				    case when g % 2 = 0 then 'MALE' else 'FEMALE' end, '汉族', date '1960-01-01' + (g % 15000),
				    '110************' || lpad((g % 1000)::text, 3, '0'),
				    (array['DOCTORATE','MASTER','BACHELOR','JUNIOR_COLLEGE'])[1 + g % 4],
				    case when g % 4 = 0 then 'FACULTY' else 'STUDENT' end,
				    'PB' || (2015 + g % 10) || lpad(g::text, 8, '0'),
				    b.id, case when g % 10 = 0 then 'PROBATIONARY' else 'FULL' end,
				    date '2000-01-01' + (g % 9000),
				    case when g % 10 = 0 then null else date '2000-01-01' + (g % 9000) + 400 end,
				    2024 + g % 5
				from generate_series(1, cast(? as int)) g join bench_branch b on b.rn = 1 + (g - 1) % cast(? as int)""")
			.params(missing, branches).update();
		jdbc.sql("""
				insert into applicant (name, gender, birth_date, staff_number, category, organization_id, applied_on, stage,
				    stage_since)
				select (string_to_array('王李张刘陈杨黄赵吴周', null))[1 + g % 10] || (string_to_array('晓小子文思雨', null))[1 + g % 6] || '申',
				    case when g % 2 = 0 then 'MALE' else 'FEMALE' end, date '2000-01-01' + (g % 2000),
				    'PA' || lpad(g::text, 8, '0'), 'STUDENT', b.id, date '2024-01-01' + (g % 600),
				    (array['APPLICANT','ACTIVIST','CANDIDATE'])[1 + g % 3], date '2024-01-01' + (g % 600)
				from generate_series(1, cast(? as int)) g join bench_branch b on b.rn = 1 + (g - 1) % cast(? as int)""")
			.params(missing / 20, branches).update();
		jdbc.sql("drop table bench_branch").update();
		System.out.printf("%n== topped up: %d members, %d applicants over %d branches in %.0f s ==%n", missing, missing / 20,
				branches, (System.nanoTime() - started) / 1e9);
	}
}
