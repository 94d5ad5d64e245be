package cn.partybuilding.bench;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.assessment.AssessmentManagement;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.dues.PaymentMethod;
import cn.partybuilding.dues.PaymentOnFile;
import cn.partybuilding.member.MemberDirectory;

/**
 * The data set the figures' benchmarks share, written once into target/bench-data: 50 000 members, this year's
 * meetings (about 60 000 with a million invitations, as the orglife benchmark writes them), dues bills of every
 * month with nine in ten paid, and the year's published indicator system.
 */
final class ScaleYear {

	private ScaleYear() {
	}

	static void write(String what, JdbcClient jdbc, MemberDirectory members, DuesManagement dues,
			AssessmentManagement assessment, AccountManagement accounts, Clock clock) {
		long people = ScalePeople.atLeast(50_000, jdbc, members, clock);
		int year = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).getYear();
		long started = System.nanoTime();
		if (jdbc.sql("select count(*) from meeting where topic = '基准会议'").query(Long.class).single() == 0) {
			new OrglifeBenchmark().writeAYearOfMeetings(jdbc);
		}
		YearMonth now = YearMonth.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
		for (YearMonth m = YearMonth.of(year, 1); !m.isAfter(now); m = m.plusMonths(1)) {
			dues.openBills(m);
		}
		List<Long> payers = jdbc.sql("""
				select distinct b.member_id from dues_bill b where b.state = 'UNPAID' and b.member_id % 10 <> 0
				and b.month < date_trunc('month', now())""").query(Long.class).list();
		List<PaymentOnFile> chunk = new ArrayList<>();
		for (long member : payers) {
			List<YearMonth> months = new ArrayList<>();
			for (YearMonth m = YearMonth.of(year, 1); m.isBefore(now); m = m.plusMonths(1)) {
				months.add(m);
			}
			chunk.add(new PaymentOnFile(member, months, PaymentMethod.CASH, now.atDay(1), "BENCH-" + member));
			if (chunk.size() == 2000) {
				dues.takeOverPayments(chunk);
				chunk.clear();
			}
		}
		if (!chunk.isEmpty()) {
			dues.takeOverPayments(chunk);
		}
		if (jdbc.sql("select count(*) from assessment_system where year = ? and state = 'PUBLISHED'").param(year)
			.query(Long.class).single() == 0) {
			assessment.publishYear(accounts.callerFor("admin"), year, Map.of());
		}
		jdbc.sql("analyze").update();
		long branches = jdbc.sql("select count(*) from organization where type = 'BRANCH' and dissolved_at is null")
			.query(Long.class).single();
		System.out.printf("%n== %s: %d members, %d branches, %d meetings, %d dues bills (%d paid); data written in %d s ==%n",
				what, people, branches, jdbc.sql("select count(*) from meeting").query(Long.class).single(),
				jdbc.sql("select count(*) from dues_bill").query(Long.class).single(),
				jdbc.sql("select count(*) from dues_bill where state = 'PAID'").query(Long.class).single(),
				(System.nanoTime() - started) / 1_000_000_000);
	}
}
