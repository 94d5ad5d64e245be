package cn.partybuilding.bench;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.development.DevelopmentActivity;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.orglife.OrgLifeManagement;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * Province reports: the compliance table, the dashboard (computed live and kept), the dues collection and the
 * development funnel at the province root, a school and a college, with the plans of the queries they rest on.
 * <p>
 * The province is the generated one when the data folder holds it ({@code --party.generate.province=true}: a 教育工委
 * above 100 schools); otherwise a province-shaped tree is written here below the demo school (100 schools × 10
 * colleges × 20 branches = 20 000 branches) with last year's 三会一课 (35 signed-off meetings per branch, 700 000
 * meetings) and dues tallies, so the compliance counts are measured at province size without a million members. Prints
 * p50/p95; asserts nothing about time. Run with {@code ./mvnw test -Pbench -Dtest=ProvinceReportsBenchmark}; again on the
 * same folder with {@code -Dbench.clean=false} (the folder is wiped otherwise, as a test's is).
 */
@SpringBootTest(properties = { "party.data-dir=${bench.data:target/province-reports-data}",
		// -Dbench.clean=false measures the folder as it is (the synthetic province is written once, not on every run)
		"party.embedded.clean-on-start=${bench.clean:true}",
		// MockMvc otherwise keeps every response printed, to show it on a failure: megabytes a province request, which
		// the heap then holds to the end of the test (live heap 89 MB → 338 MB over one run, an OutOfMemoryError once)
		"spring.test.mockmvc.print=none" })
class ProvinceReportsBenchmark extends PlatformTest {

	@Autowired
	OrgLifeManagement orglife;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	@Autowired
	OrganizationScope scope;

	@Autowired
	OrganizationTree tree;

	@Autowired
	MemberDirectory members;

	@Autowired
	DevelopmentActivity development;

	@Autowired
	List<Figures> figures;

	@Autowired
	List<cn.partybuilding.shared.Warnings> warningSources;

	@Test
	void reportsAtProvinceDepth() throws Exception {
		int lastYear = LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear() - 1;
		Long generated = jdbc.sql("""
				select o.id from organization o where o.parent_id is null and o.dissolved_at is null
				and (select count(*) from organization c where c.parent_id = o.id and c.type = 'COMMITTEE') >= 50""")
			.query(Long.class).optional().orElse(null);
		long root = generated != null ? generated : synthetic(lastYear);
		String who = generated != null ? "province" : "admin";
		long school = jdbc.sql("""
				select o.id from organization o where o.parent_id = ? and o.type = 'COMMITTEE' and o.dissolved_at is null
				order by (select count(*) from organization b where b.path like o.path || '%') desc limit 1""").param(root)
			.query(Long.class).single();
		long college = jdbc.sql("""
				select o.id from organization o where o.parent_id = ? and o.dissolved_at is null
				order by (select count(*) from organization b where b.path like o.path || '%') desc limit 1""").param(school)
			.query(Long.class).single();
		System.out.printf("%n== province reports: %s province, %d organisations, %d branches, %d members, %d meetings (%d signed off), %d invitations ==%n",
				generated != null ? "generated" : "synthetic", count("select count(*) from organization where dissolved_at is null"),
				count("select count(*) from organization where type = 'BRANCH' and dissolved_at is null"),
				count("select count(*) from member"), count("select count(*) from meeting"),
				count("select count(*) from meeting_minutes where signed_off_at is not null"),
				count("select count(*) from meeting_invitee"));

		if ("warnings".equals(System.getProperty("bench.reports.only"))) {
			// -Dbench.reports.only=warnings: the warnings and the live dashboard only (fourth round)
			jdbc.sql("analyze").update();
			warningsAndDashboard(root, school, college, login(who), Period.parse(lastYear + "-11"));
			return;
		}
		long started = System.nanoTime();
		int counted = orglife.countSignedOffMeetings();
		System.out.printf("  compliance counts caught up: %d meetings in %.1f s (once, after a bulk load or the upgrade)%n", counted,
				(System.nanoTime() - started) / 1e9);
		jdbc.sql("analyze").update();
		System.out.printf("  kept: %d branch-month rows, %d branch-year rows, %d talk-interval rows%n",
				count("select count(*) from orglife_branch_month"), count("select count(*) from orglife_branch_year"),
				count("select count(*) from orglife_talk_count"));

		System.out.println("\n-- where the province's compliance table spends: the organisation and member façades it asks");
		List<Long> subtree = List.copyOf(scope.subtree(root));
		List<Long> branchIds = scope.findAll(subtree).stream().filter(o -> o.type() == OrgType.BRANCH).map(OrgRef::id).toList();
		time("scope.subtree(province)", () -> scope.subtree(root));
		time("scope.findAll(" + subtree.size() + " organisations)", () -> scope.findAll(subtree));
		time("tree.withBranchCommittee(" + branchIds.size() + " branches)", () -> tree.withBranchCommittee(branchIds));
		time("scope.qualifiedNames(" + branchIds.size() + " branches)", () -> scope.qualifiedNames(branchIds));
		time("members.countsIn(" + subtree.size() + " organisations)", () -> members.countsIn(subtree));
		time("scope.subtreesOf(province and its schools)", () -> {
			List<Long> roots = new ArrayList<>(List.of(root));
			scope.childrenOf(root).forEach(c -> roots.add(c.id()));
			return scope.subtreesOf(roots);
		});

		String month = lastYear + "-11";
		dashboardSplit(root, Period.parse(month));

		RequestPostProcessor reader = login(who);
		String quarter = lastYear + "-Q4";
		String year = Integer.toString(lastYear);
		long[][] levels = { { root }, { school }, { college } };
		String[] names = { "province", "school", "college" };
		for (int i = 0; i < levels.length; i++) {
			long org = levels[i][0];
			String level = names[i];
			System.out.println("\n-- " + level + " (organisation " + org + ")");
			String compliance = "/api/v1/orglife/compliance?orgId=" + org + "&period=";
			measure("compliance " + month, reader, compliance + month, 5);
			measure("compliance " + quarter, reader, compliance + quarter, 5);
			// the year's table: every branch's 96 intervals summed as they are read, never all kept (512 MB heap)
			measure("compliance " + year, reader, compliance + year, 3);
			// the same a page at a time: what a province's client reads instead of 12 MB at once
			measure("compliance " + year + ", size=500", reader, compliance + year + "&size=500", 5);
			if (i < 2) {
				measure("compliance " + month + ", groupBy=child", reader, compliance + month + "&groupBy=child", 5);
				measure("compliance " + quarter + ", groupBy=child", reader, compliance + quarter + "&groupBy=child", 5);
				measure("compliance " + year + ", groupBy=child", reader, compliance + year + "&groupBy=child", 3);
			}
			// the page sums per organisation below above party.orglife.compliance.summary-above branches; so does its sheet
			measure("page /orglife/compliance " + quarter, reader, "/orglife/compliance?orgId=" + org + "&period=" + quarter, 3);
			measure("sheet compliance.xlsx " + quarter, reader, "/orglife/compliance.xlsx?orgId=" + org + "&period=" + quarter, 3);
			measure("dashboard " + month + ", computed live", reader,
					"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + month + "&fresh=true", 3);
			measure("dashboard " + month + ", kept copy", reader,
					"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + month, 10);
			if (i == 0) {
				profile("compliance " + year + " at the province", reader, compliance + year, 3);
				profile("dashboard " + month + " computed live at the province", reader,
						"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + month + "&fresh=true", 2);
			}
			measure("page /analytics " + month, reader, "/analytics?orgId=" + org + "&period=" + month, 5);
			measure("warnings API", reader, "/api/v1/warnings?orgId=" + org, 3);
			measure("dues collection " + quarter, reader, "/api/v1/dues/collection?orgId=" + org + "&period=" + quarter, 5);
			measure("development funnel " + year, reader, "/api/v1/development/funnel?orgId=" + org + "&year=" + year, 5);
		}

		// the analysis report of the province's month, written in the background (a job, not a page)
		long asked = System.nanoTime();
		String created = mvc.perform(post("/api/v1/analytics/reports").with(reader).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"orgId\":" + root + ",\"period\":\"" + month + "\"}"))
			.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		String id = JsonPath.read(created, "$.id");
		String state = "QUEUED";
		for (int i = 0; i < 1200 && !state.equals("DONE") && !state.equals("FAILED"); i++) {
			Thread.sleep(250);
			state = JsonPath.read(mvc.perform(get("/api/v1/analytics/reports/" + id).with(reader)).andReturn().getResponse()
				.getContentAsString(), "$.state");
		}
		System.out.printf("%n  analysis report of the province's %s: %s after %.1f s%n", month, state, (System.nanoTime() - asked) / 1e9);

		Long[] branches = jdbc.sql("select id from organization where type = 'BRANCH' and dissolved_at is null and path like ?")
			.param(jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single() + "%")
			.query(Long.class).list().toArray(Long[]::new);
		explain("the kept counts of a year, every branch of the province (one row per branch, kind and group)", """
				explain (analyze, buffers) select branch_id, type, group_id, year, meetings from orglife_branch_year
				where year between ? and ? and branch_id = any(?)""", lastYear, lastYear, branches);
		explain("the same from the months (before V112)", """
				explain (analyze, buffers) select branch_id, type, month, group_id, meetings from orglife_branch_month
				where month >= ? and month < ? and branch_id = any(?)""", LocalDate.of(lastYear, 1, 1),
				LocalDate.of(lastYear + 1, 1, 1), branches);
		explain("the talks kept for a year, every branch of the province", """
				explain (analyze, buffers) select branch_id, from_month, members from orglife_talk_count
				where months = 12 and from_month >= ? and from_month < ? and branch_id = any(?)""", LocalDate.of(lastYear, 1, 1),
				LocalDate.of(lastYear + 1, 1, 1), branches);
		explain("before: the year's signed-off meetings read from the meetings themselves", """
				explain (analyze, buffers) select a.organization_id, m.type, m.id, m.start_at, m.organization_id
				from meeting m
				join meeting_minutes mm on mm.meeting_id = m.id and mm.signed_off_at is not null
				join meeting_audience a on a.meeting_id = m.id
				where m.start_at >= ? and m.start_at < ? and a.organization_id = any(?)""",
				LocalDate.of(lastYear, 1, 1).atStartOfDay(PlatformZone.ZONE).toOffsetDateTime(),
				LocalDate.of(lastYear + 1, 1, 1).atStartOfDay(PlatformZone.ZONE).toOffsetDateTime(), branches);
		explain("dues: the quarter's tallies of every organisation of the province", """
				explain (analyze, buffers) select organization_id, sum(bills), sum(amount) from dues_bill_tally
				where month >= ? and month < ? and organization_id = any(?) group by organization_id""",
				LocalDate.of(lastYear, 10, 1), LocalDate.of(lastYear + 1, 1, 1), branches);
	}

	/**
	 * Where the dashboard computed live at the province spends its time: each module's figures for the province and
	 * its children, the composition of the members and the funnel, each timed on its own.
	 */
	void dashboardSplit(long root, Period period) {
		System.out.println("\n-- where the province's live dashboard spends (" + period.name() + ")");
		List<Long> orgs = new ArrayList<>(List.of(root));
		scope.childrenOf(root).forEach(c -> orgs.add(c.id()));
		Set<Long> own = scope.subtree(root);
		time("members.composition(" + own.size() + " organisations)", () -> members.composition(own, period.until()));
		time("development.funnel(province)", () -> development.funnel(own, period.from(), period.until()));
		for (Figures f : figures) {
			List<String> codes = f.kinds().stream().map(Figures.Kind::code).toList();
			time(f.getClass().getSimpleName().replaceAll("\\$.*", "") + ".measureAll(" + orgs.size() + " orgs)",
					() -> f.measureAll(codes, orgs, period));
		}
	}

	/** A province-shaped tree below the demo school, last year's meetings of every branch, and dues tallies. */
	long synthetic(int year) {
		Long kept = jdbc.sql("select id from organization where code = 'BENCH-PROV'").query(Long.class).optional().orElse(null);
		if (kept != null) {
			return kept;
		}
		long started = System.nanoTime();
		long sfdx = orgId("SFDX");
		String top = jdbc.sql("select path from organization where id = ?").param(sfdx).query(String.class).single();
		long root = jdbc.sql("select nextval('organization_id_seq')").query(Long.class).single();
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth) values (?, 'BENCH-PROV', '基准教育工委', 'COMMITTEE', ?, ?, 1)""")
			.params(root, sfdx, top + root + "/").update();
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select nextval('organization_id_seq'), 'BENCH-S' || s, '基准学校' || s || '党委', 'COMMITTEE', ?, '', 2, s
				from generate_series(1, 100) s""").param(root).update();
		jdbc.sql("update organization set path = ? || id || '/' where parent_id = ?").params(top + root + "/", root).update();
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select nextval('organization_id_seq'), s.code || '-C' || c, '基准学院' || c || '党委', 'GENERAL_BRANCH', s.id, s.path, 3, c
				from organization s cross join generate_series(1, 10) c where s.parent_id = ?""").param(root).update();
		jdbc.sql("""
				update organization o set path = o.path || o.id || '/' where o.depth = 3 and o.code like 'BENCH-S%'""").update();
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select nextval('organization_id_seq'), c.code || '-B' || b, '基准第' || b || '党支部', 'BRANCH', c.id, c.path, 4, b
				from organization c cross join generate_series(1, 20) b where c.depth = 3 and c.code like 'BENCH-S%'""").update();
		jdbc.sql("""
				update organization o set path = o.path || o.id || '/' where o.depth = 4 and o.code like 'BENCH-S%'""").update();
		long organiser = jdbc.sql("select id from account where username = 'admin'").query(Long.class).single();
		// the meetings in one transaction without the row-by-row foreign-key checks (rows consistent by construction;
		// 700 000 meetings, audiences and minutes took over 20 minutes with them on a loaded machine), as the generator
		// does as a superuser
		new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(t -> {
			jdbc.sql("set local session_replication_role = replica").update();
			if (!"warnings".equals(System.getProperty("bench.reports.only"))) {
				meetings(year, organiser);
			}
		});
		// dues: each branch's bills of every month, nine in ten paid
		jdbc.sql("""
				insert into dues_bill_tally (organization_id, month, state, relieved, bills, amount)
				select b.id, make_date(?, m, 1), s.state, false, s.bills, s.bills * 12.5
				from organization b cross join generate_series(1, 12) m
				cross join (values ('PAID', 45), ('UNPAID', 5)) s(state, bills)
				where b.type = 'BRANCH' and b.code like 'BENCH-S%'
				on conflict do nothing""").param(year).update();
		members(Integer.getInteger("bench.members-per-branch", 0));
		System.out.printf("%n  synthetic province written in %.1f s%n", (System.nanoTime() - started) / 1e9);
		return root;
	}

	/**
	 * {@code -Dbench.members-per-branch=n}: n members in every synthetic branch (written here, not through the member
	 * module: rows for a measurement), with the dues bills of the six months before this one: every member's settled (waived) but
	 * one in 20 whose last three are unpaid, so the arrears counted are a province's few among its many.
	 */
	void members(int perBranch) {
		if (perBranch <= 0) {
			return;
		}
		long started = System.nanoTime();
		int written = jdbc.sql("""
				insert into member (name, gender, ethnicity, birth_date, id_card_encrypted, id_card_hash, id_card_masked,
				  education, category, staff_number, organization_id, status, join_date, conversion_date)
				select '基准党员' || b.id || '-' || n, 'MALE', '汉族', date '1990-01-01', 'x', 'bench-' || b.id || '-' || n,
				  '110101********0000', 'BACHELOR', 'FACULTY', 'BENCH' || b.id || '-' || n, b.id, 'FULL', date '2015-07-01', date '2016-07-01'
				from organization b cross join generate_series(1, ?) n where b.type = 'BRANCH' and b.code like 'BENCH-S%'""")
			.param(perBranch).update();
		java.time.YearMonth now = java.time.YearMonth.now(clock.withZone(PlatformZone.ZONE));
		new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(t -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("""
					insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, created_at)
					select m.id, make_date(extract(year from d)::int, extract(month from d)::int, 1), m.organization_id, 'FACULTY', 12.5,
					  (select min(id) from dues_rule_version),
					  case when m.id % 20 = 0 and d >= ?::date - interval '3 months' then 'UNPAID' else 'EXEMPT' end, now()
					from member m cross join generate_series(?::date - interval '6 months', ?::date - interval '1 month', interval '1 month') d
					where m.staff_number like 'BENCH%'""").params(now.atDay(1), now.atDay(1), now.atDay(1)).update();
		});
		System.out.printf("  synthetic members: %d, with six months of bills, in %.1f s%n", written, (System.nanoTime() - started) / 1e9);
	}

	/**
	 * The fourth round: the early-warning count (each module's {@code count} against its {@code raisedIn}, with the
	 * memory each allocates), the warnings API a page against the whole list, the live dashboard each figure timed,
	 * and the plans of the queries the count and the figures now rest on.
	 */
	void warningsAndDashboard(long root, long school, long college, RequestPostProcessor reader, Period period) throws Exception {
		java.time.LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		List<Long> province = List.copyOf(scope.subtree(root));
		System.out.println("\n-- warnings at the province (" + province.size() + " organisations): count against the list, each module");
		long countAll = 0;
		long listAll = 0;
		// -Dbench.warnings.modules=false: not each module's count and list (the pocket members' list of a whole province
		// needs more than 512 MB: the kept copy below is measured within that heap without it)
		for (cn.partybuilding.shared.Warnings source : Boolean.parseBoolean(System.getProperty("bench.warnings.modules", "true"))
				? warningSources : List.<cn.partybuilding.shared.Warnings>of()) {
			String name = source.getClass().getSimpleName().replaceAll("\\$.*", "");
			int[] n = new int[2];
			double[] count = allocated(() -> n[0] = source.count(province, today));
			double[] list = allocated(() -> n[1] = source.raisedIn(province, today).size());
			System.out.printf("  %-22s count %7d in %8.1f ms, %7.1f MB   list %7d in %8.1f ms, %7.1f MB%n", name, n[0], count[0], count[1],
					n[1], list[0], list[1]);
			countAll += (long) count[0];
			listAll += (long) list[0];
		}
		System.out.printf("  %-22s count in %d ms, list in %d ms%n", "all modules", countAll, listAll);
		keptWarnings(root);
		if (Boolean.getBoolean("bench.warnings.refresh-only")) {
			return; // -Dbench.warnings.refresh-only=true: does the refresh run within the heap given (-Dbench.heap=512m)?
		}
		long[][] levels = { { root }, { school }, { college } };
		String[] names = { "province", "school", "college" };
		for (int i = 0; i < levels.length; i++) {
			long org = levels[i][0];
			System.out.println("\n-- " + names[i] + " (organisation " + org + ")");
			measure("warnings API, first page (size=200)", reader, "/api/v1/warnings?orgId=" + org + "&size=200", 3);
			measure("warnings API, no size (the list up to the limit)", reader, "/api/v1/warnings?orgId=" + org, 3);
			measure("page /analytics/warnings", reader, "/analytics/warnings?orgId=" + org, 3);
			Object next = JsonPath.read(mvc.perform(get("/api/v1/warnings?orgId=" + org + "&size=100").with(reader)).andReturn()
				.getResponse().getContentAsString(), "$.next");
			if (next != null) {
				measure("page /analytics/warnings, second page", reader, "/analytics/warnings?orgId=" + org + "&after=" + next, 3);
			}
			measure("Excel /analytics/warnings.xlsx", reader, "/analytics/warnings.xlsx?orgId=" + org, 1);
			exportHeap(reader, "/analytics/warnings.xlsx?orgId=" + org);
			measure("dashboard " + period.name() + ", computed live", reader,
					"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + period.name() + "&fresh=true", 3);
			measure("dashboard " + period.name() + ", kept copy", reader,
					"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + period.name(), 5);
		}
		dashboardSplit(root, period);
		profile("dashboard " + period.name() + " computed live at the province", reader,
				"/api/v1/analytics/dashboard?orgId=" + root + "&period=" + period.name() + "&fresh=true", 2);
		java.sql.Date month = java.sql.Date.valueOf(today.withDayOfMonth(1));
		explain("the members in arrears anywhere (DuesWarnings.owingIn above four batches: the count and the dashboard's figure)", """
				explain (analyze, buffers)
				with candidate as (
				  select member_id from dues_bill where state = 'UNPAID' and month < ? group by member_id having count(*) >= 3)
				select c.member_id from candidate c
				where (select count(*) from dues_bill u where u.member_id = c.member_id and u.state = 'UNPAID' and u.month < ?
				       and u.month > coalesce((select max(s.month) from dues_bill s
				                               where s.member_id = c.member_id and s.state <> 'UNPAID' and s.month < ?), '-infinity')) >= 3""",
				month, month, month);
		explainKept(root);
		explain("the points earned in a month by whoever earned them (StudyFigures, learning_points_day_idx)", """
				explain (analyze, buffers) select account_id, sum(points) from learning_points where day >= ? and day < ?
				group by account_id""", period.from(), period.until());
	}

	@Autowired
	org.springframework.context.ApplicationContext context;

	/**
	 * The fifth round: the kept copy of the warnings written (time, memory this thread allocated, the heap after), and
	 * the report's summary of the province's warnings read from it.
	 */
	void keptWarnings(long root) {
		Runtime rt = Runtime.getRuntime();
		System.out.printf("%n-- the kept copy of the warnings (heap max %d MB)%n", rt.maxMemory() >> 20);
		for (int i = 0; i < 2; i++) {
			double[] took = allocated(() -> cn.partybuilding.analytics.WarningsBench.refresh(context));
			System.gc();
			System.out.printf("  refresh %d: %8.1f ms, %8.1f MB allocated by the refreshing thread, %d rows kept, heap used after %d MB%n",
					i + 1, took[0], took[1], count("select count(*) from analytics_warning"), (rt.totalMemory() - rt.freeMemory()) >> 20);
		}
		for (int lines : new int[] { 30 }) {
			double[] took = allocated(() -> cn.partybuilding.analytics.WarningsBench.summary(context, root, lines));
			System.out.printf("  the analysis report's warnings (counts per kind and college, the first %d lines): %8.1f ms, %8.1f MB%n",
					lines, took[0], took[1]);
		}
	}

	/** The plans of the kept copy's first page at the province: its scope as one array, and with no filter (the only root). */
	void explainKept(long root) {
		Long generation = jdbc.sql("select generation from analytics_warning_kept").query(Long.class).single();
		Long[] orgs = scope.subtree(root).toArray(Long[]::new);
		explain("the kept warnings' first page, the province as one array of " + orgs.length, """
				explain (analyze, buffers) select * from analytics_warning where generation = ? and org_id = any(?)
				order by due_key, since_key, org_name, kind, link, sort_text limit 201""", generation, orgs);
		explain("the same page at the only root (no filter)", """
				explain (analyze, buffers) select * from analytics_warning where generation = ?
				order by due_key, since_key, org_name, kind, link, sort_text limit 201""", generation);
		explain("their counts per college, the province as one array", """
				explain (analyze, buffers) select college, count(*) from analytics_warning where generation = ? and org_id = any(?)
				group by college""", generation, orgs);
	}

	/**
	 * The sixth round: one export's time, the memory this thread allocated for it and the heap's peak while it ran (the
	 * heap collected first, the pools' peaks reset: what the export held at most, with whatever else the JVM kept).
	 */
	void exportHeap(RequestPostProcessor reader, String url) {
		Runtime rt = Runtime.getRuntime();
		System.gc();
		long before = rt.totalMemory() - rt.freeMemory();
		List<java.lang.management.MemoryPoolMXBean> heap = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
		heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
		double[] took = allocated(() -> {
			try {
				mvc.perform(get(url).with(reader)).andExpect(status().isOk());
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
		System.out.printf("  %-48s %8.1f ms, %8.1f MB allocated, heap %d MB before, peak %d MB (max %d MB)%n",
				"  the export's memory", took[0], took[1], before >> 20, peak >> 20, rt.maxMemory() >> 20);
	}

	/** {ms, MB allocated by this thread} of one run of {@code work}. */
	static double[] allocated(Runnable work) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
		long bytes = threads.getCurrentThreadAllocatedBytes();
		long t = System.nanoTime();
		work.run();
		return new double[] { (System.nanoTime() - t) / 1e6, (threads.getCurrentThreadAllocatedBytes() - bytes) / 1e6 };
	}

	/** 35 meetings a branch a year, each with its audience and signed-off minutes. */
	void meetings(int year, long organiser) {
		// 35 meetings a branch a year: 支委会 and 主题党日 monthly, 党员大会 and 党课 quarterly, 组织生活会, 民主评议, 谈心谈话
		jdbc.sql("""
				insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser, recorded_after)
				select b.id, k.type, '基准省级会议', make_timestamptz(?, k.month, 10, 9, 0, 0, 'Asia/Shanghai'),
				       make_timestamptz(?, k.month, 10, 10, 0, 0, 'Asia/Shanghai'), ?, 'admin', true
				from organization b cross join (
				  select 'BRANCH_COMMITTEE' as type, m as month from generate_series(1, 12) m
				  union all select 'THEME_DAY', m from generate_series(1, 12) m
				  union all select 'BRANCH_ASSEMBLY', m from generate_series(2, 11, 3) m
				  union all select 'PARTY_LECTURE', m from generate_series(3, 12, 3) m
				  union all select 'ORG_LIFE_MEETING', 1 union all select 'DEMOCRATIC_EVALUATION', 1 union all select 'TALK', 6) k
				where b.type = 'BRANCH' and b.code like 'BENCH-S%'""").params(year, year, organiser).update();
		jdbc.sql("""
				insert into meeting_audience (meeting_id, organization_id)
				select id, organization_id from meeting where topic = '基准省级会议'""").update();
		jdbc.sql("""
				insert into meeting_minutes (meeting_id, text, signed_off_at, signed_off_by, updated_at)
				select id, '记录', end_at, 'admin', end_at from meeting where topic = '基准省级会议'""").update();
	}

	void time(String what, java.util.function.Supplier<?> work) {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			long t = System.nanoTime();
			work.get();
			times.add((System.nanoTime() - t) / 1e6);
		}
		System.out.printf("  %-42s p50 %8.1f ms%n", what, MemberScaleBenchmark.percentile(times, 50));
	}

	/**
	 * Samples the request threads while {@code url} is asked {@code runs} times (Java Flight Recorder, in this JVM)
	 * and prints where they were: the topmost frames, and the topmost frames of this project's code.
	 */
	void profile(String what, RequestPostProcessor who, String url, int runs) throws Exception {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("province-reports", ".jfr");
		try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
			recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(5));
			recording.start();
			for (int i = 0; i < runs; i++) {
				mvc.perform(get(url).with(who)).andExpect(status().isOk());
			}
			recording.stop();
			recording.dump(file);
		}
		java.util.Map<String, Integer> top = new java.util.HashMap<>();
		java.util.Map<String, Integer> ours = new java.util.HashMap<>();
		int samples = 0;
		for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
			if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
					|| !e.getThread("sampledThread").getJavaName().equals(Thread.currentThread().getName())) {
				continue;
			}
			samples++;
			List<jdk.jfr.consumer.RecordedFrame> frames = e.getStackTrace().getFrames();
			if (!frames.isEmpty()) {
				top.merge(frame(frames.get(0)), 1, Integer::sum);
			}
			frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("cn.partybuilding.")
					&& !f.getMethod().getType().getName().startsWith("cn.partybuilding.bench")).findFirst()
				.ifPresent(f -> ours.merge(frame(f), 1, Integer::sum));
		}
		java.nio.file.Files.deleteIfExists(file);
		System.out.printf("%n-- profile: %s, %d samples of the test thread%n", what, samples);
		int all = Math.max(1, samples);
		for (var table : List.of(top, ours)) {
			System.out.println(table == top ? "  topmost frames:" : "  topmost frames of the project's code:");
			table.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
				.forEach(en -> System.out.printf("    %5.1f %%  %s%n", 100.0 * en.getValue() / all, en.getKey()));
		}
	}

	private static String frame(jdk.jfr.consumer.RecordedFrame f) {
		return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	void explain(String what, String sql, Object... params) {
		System.out.println("\n-- plan: " + what);
		var spec = jdbc.sql(sql);
		for (Object p : params) {
			spec = spec.param(p);
		}
		spec.query(String.class).list().forEach(System.out::println);
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
		System.out.printf("  %-48s p50 %8.1f ms   p95 %8.1f ms   %,d bytes%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95), bytes);
	}
}
