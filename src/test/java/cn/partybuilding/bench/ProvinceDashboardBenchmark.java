package cn.partybuilding.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The sixth round's part of the province reports: the live dashboard's own figures — 口袋党员 and the 回执 days
 * ({@code TransferFigures}), the dues collection and arrears ({@code DuesFigures}) and the composition of the members
 * ({@code members.composition}) — each timed alone at the province root, a school and a college, then the whole
 * dashboard computed live. The province is {@link ProvinceReportsBenchmark}'s synthetic 100 × 10 × 20 branches with
 * {@code -Dbench.members-per-branch} members; this set-up adds what those figures read and the synthetic province lacks
 * (straight SQL, once): every member's last contact (one in 50 stale, one in 200 never contacted and registered a year
 * ago), a lapsed letter out for one in 1 000, a letter out whose 回执 came back in the month measured for one in 500 (the
 * member departed), a graduate kept too long for one in 2 000, abroad for one in 5 000.
 * Run only this method: {@code ./mvnw -o -q test -Pbench -Dtest='ProvinceDashboardBenchmark#liveDashboard'
 * -Dbench.heap=2g -Dbench.members-per-branch=50 -Dbench.data=target/l-province [-Dbench.clean=false]
 * -Dbench.dashboard.levels=1 (the root only) -Dbench.profile=true (where the live dashboard spends)}. Prints p50;
 * asserts nothing about time.
 */
class ProvinceDashboardBenchmark extends ProvinceReportsBenchmark {

	@Test
	void liveDashboard() throws Exception {
		int lastYear = LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear() - 1;
		long root = synthetic(lastYear);
		transfers(lastYear);
		long school = jdbc.sql("select id from organization where code = 'BENCH-S1'").query(Long.class).single();
		long college = jdbc.sql("select id from organization where code = 'BENCH-S1-C1'").query(Long.class).single();
		jdbc.sql("analyze").update();
		System.out.printf("%n== the live dashboard at the province: %d organisations, %d members, %d transfers, %d last contacts ==%n",
				count("select count(*) from organization where dissolved_at is null"), count("select count(*) from member"),
				count("select count(*) from transfer"), count("select count(*) from transfer_last_contact"));
		RequestPostProcessor reader = login("admin");
		String month = lastYear + "-11";
		Period period = Period.parse(month);
		long[] levels = { root, school, college };
		String[] names = { "province", "school", "college" };
		// -Dbench.dashboard.levels=1: the province root only
		for (int i = 0; i < Math.min(levels.length, Integer.getInteger("bench.dashboard.levels", 3)); i++) {
			long org = levels[i];
			System.out.println("\n-- " + names[i] + " (organisation " + org + "), its figures alone, " + month);
			List<Long> orgs = new ArrayList<>(List.of(org));
			scope.childrenOf(org).forEach(c -> orgs.add(c.id()));
			Set<Long> own = scope.subtree(org);
			time("members.composition(" + own.size() + " organisations)", () -> members.composition(own, period.until()));
			for (Figures f : figures) {
				String name = f.getClass().getSimpleName().replaceAll("\\$.*", "");
				if (name.startsWith("Transfer") || name.startsWith("Dues")) {
					List<String> codes = f.kinds().stream().map(Figures.Kind::code).toList();
					time(name + ".measureAll(" + orgs.size() + " orgs)", () -> f.measureAll(codes, orgs, period));
				}
			}
			measure("dashboard " + month + ", computed live", reader,
					"/api/v1/analytics/dashboard?orgId=" + org + "&period=" + month + "&fresh=true", 3);
		}
		if (Boolean.parseBoolean(System.getProperty("bench.profile", "false"))) {
			profile("dashboard " + month + " computed live at the province", reader,
					"/api/v1/analytics/dashboard?orgId=" + root + "&period=" + month + "&fresh=true", 2);
		}
	}

	/** What the transfer figures read, for the synthetic members; written once (the lapsed letters mark it). */
	void transfers(int year) {
		if (count("select count(*) from transfer where letter_no like 'BENCH-L-%'") > 0
				|| count("select count(*) from member where staff_number like 'BENCH%'") == 0) {
			return;
		}
		long started = System.nanoTime();
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(t -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("""
					insert into transfer_last_contact (member_id, last_at, how)
					select m.id, case when m.id % 50 = 7 then now() - interval '8 months' else now() - interval '20 days' end, '交纳党费'
					from member m where m.staff_number like 'BENCH%' and m.id % 200 <> 3
					on conflict do nothing""").update();
			jdbc.sql("update member set created_at = now() - interval '1 year' where staff_number like 'BENCH%' and id % 200 = 3").update();
			// a letter out, lapsed, no 回执
			jdbc.sql("""
					insert into transfer (member_id, kind, state, from_org_id, to_org_name, letter_no, issued_at, valid_until,
					  crosses, reason, started_by, started_at)
					select m.id, 'OUTGOING', 'ISSUED', m.organization_id, '外省某党委', 'BENCH-L-' || m.id, ?::date - 100, ?::date - 10,
					  true, '工作调动', 'admin', ?::date - 100
					from member m where m.staff_number like 'BENCH%' and m.id % 1000 = 11""").params(today, today, today).update();
			// a letter out whose 回执 came back in November: the member has left
			jdbc.sql("""
					insert into transfer (member_id, kind, state, from_org_id, to_org_name, letter_no, issued_at, valid_until,
					  receipt_on, crosses, reason, started_by, started_at, closed_at)
					select m.id, 'OUTGOING', 'RECEIPTED', m.organization_id, '外省某党委', 'BENCH-R-' || m.id,
					  make_date(?, 10, 1 + (m.id % 28)::int), make_date(?, 12, 31), make_date(?, 11, 1 + (m.id % 29)::int),
					  true, '工作调动', 'admin', make_date(?, 10, 1), make_date(?, 11, 1 + (m.id % 29)::int)
					from member m where m.staff_number like 'BENCH%' and m.id % 500 = 13""").params(year, year, year, year, year).update();
			jdbc.sql("""
					update member m set departed_on = t.receipt_on from transfer t
					where t.member_id = m.id and t.letter_no like 'BENCH-R-%'""").update();
			jdbc.sql("""
					insert into graduate_stay (member_id, organization_id, contact_name, since)
					select m.id, m.organization_id, '联系人', ?::date - 1000 from member m
					where m.staff_number like 'BENCH%' and m.id % 2000 = 17""").param(today).update();
			jdbc.sql("""
					insert into transfer_member_abroad (member_id, country, since, recorded_by)
					select m.id, '英国', ?::date - 400, 'admin' from member m
					where m.staff_number like 'BENCH%' and m.id % 5000 = 7""").param(today).update();
		});
		System.out.printf("  transfers and contacts written for the synthetic members in %.1f s%n", (System.nanoTime() - started) / 1e9);
	}
}
