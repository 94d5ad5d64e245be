package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/**
 * The compliance counts kept per branch and month are the counts of the meetings themselves: after sign-offs,
 * 补录, rows written in bulk and concurrent writers, they equal a recount from the meetings. Each test keeps to its own
 * year (2019–2021), before everything else.
 */
class ComplianceCountsTest extends PlatformTest {

	@Autowired
	OrgLifeManagement orglife;

	@Autowired
	MeetingRecords records;

	@Autowired
	ComplianceCounts counts;

	@Autowired
	Compliance compliance;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MemberDirectory members;

	@Autowired
	OrganizationScope scope;

	@Autowired
	JdbcTemplate jdbcTemplate;

	static Instant at(LocalDate day) {
		return ZonedDateTime.of(day, LocalTime.of(14, 30), PlatformZone.ZONE).toInstant();
	}

	List<Long> everyone(long orgId) {
		return members.membersIn(scope.subtree(orgId)).stream().map(MemberRef::id).toList();
	}

	long held(Caller who, long orgId, MeetingType type, LocalDate day, List<Long> invited, boolean signed) {
		Instant start = at(day);
		List<Attendee> sheet = invited.stream().map(id -> new Attendee(id, Turnout.ON_TIME, start.minusSeconds(60), null)).toList();
		return orglife.recordHeld(who, List.of(new HeldMeeting(orgId, type, "计数测试", start, start.plus(Duration.ofHours(1)), null,
				null, sheet, signed ? "会议记录" : null, null, signed ? start.plus(Duration.ofDays(1)) : null))).get(0);
	}

	/** The kept rows of a year: branch-month counts and talk counts, as text lines to compare. */
	List<String> kept(int year) {
		List<String> rows = new ArrayList<>(jdbcTemplate.queryForList("""
				select branch_id || ' ' || month || ' ' || type || ' ' || group_id || ' ' || meetings from orglife_branch_month
				where extract(year from month) = ? order by 1""", String.class, year));
		rows.addAll(jdbcTemplate.queryForList("""
				select 'talk ' || branch_id || ' ' || months || ' ' || from_month || ' ' || members from orglife_talk_count
				where extract(year from from_month) = ? order by 1""", String.class, year));
		List<String> years = jdbcTemplate.queryForList("""
				select 'year ' || branch_id || ' ' || type || ' ' || group_id || ' ' || meetings::text from orglife_branch_year
				where year = ? order by 1""", String.class, year);
		// the year's rows hold the months' counts, month by month
		assertThat(years).containsExactlyElementsOf(jdbcTemplate.queryForList("""
				select 'year ' || k.branch_id || ' ' || k.type || ' ' || k.group_id || ' ' || array(
				  select coalesce((select m.meetings from orglife_branch_month m where m.branch_id = k.branch_id and m.type = k.type
				    and m.group_id = k.group_id and m.month = make_date(?, g.n, 1)), 0) from generate_series(1, 12) g(n) order by g.n)::text
				from (select distinct branch_id, type, group_id from orglife_branch_month where date_part('year', month) = ?) k
				order by 1""", String.class, year, year));
		rows.addAll(years);
		return rows;
	}

	@Test
	@DisplayName("the kept compliance counts equal a recount from the meetings after 补录, sign-offs and rows written in bulk")
	void theKeptCountsEqualARecountFromTheMeetings() {
		Caller college1 = accounts.callerFor("college1");
		long jsj02 = orgId("SFDX-JSJ-02");
		List<Long> all = everyone(jsj02);
		held(college1, jsj02, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2019, 1, 8), all.subList(0, 3), true);
		held(college1, jsj02, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2019, 1, 20), all.subList(0, 3), true);
		held(college1, jsj02, MeetingType.THEME_DAY, LocalDate.of(2019, 2, 8), all, true);
		held(college1, jsj02, MeetingType.TALK, LocalDate.of(2019, 3, 8), all.subList(0, 2), true);
		held(college1, jsj02, MeetingType.TALK, LocalDate.of(2019, 5, 8), all.subList(1, 4), true); // one talked with twice
		long unsigned = held(college1, jsj02, MeetingType.BRANCH_ASSEMBLY, LocalDate.of(2019, 4, 8), all, false);
		// a meeting whose minutes are signed off later, through the minutes page
		records.write(college1, unsigned, "会议记录", null);
		records.signOff(college1, unsigned);
		records.signOff(college1, unsigned); // a second sign-off changes nothing
		// and one written straight into the tables, as a generator does: counted before the next report reads
		long bulk = jdbcTemplate.queryForObject("""
				insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser, recorded_after)
				values (?, 'PARTY_LECTURE', '批量写入', ?, ?, (select id from account where username = 'college1'), 'college1', true)
				returning id""", Long.class, jsj02, java.sql.Timestamp.from(at(LocalDate.of(2019, 6, 8))),
				java.sql.Timestamp.from(at(LocalDate.of(2019, 6, 8)).plusSeconds(3600)));
		jdbcTemplate.update("insert into meeting_audience (meeting_id, organization_id) values (?, ?)", bulk, jsj02);
		jdbcTemplate.update("""
				insert into meeting_minutes (meeting_id, text, signed_off_at, signed_off_by, updated_at) values (?, '记录', now(), 'college1', now())""",
				bulk);

		Compliance.BranchCompliance year = compliance.report(college1, jsj02, "2019").branches().get(0);
		assertThat(year.meetings()).containsEntry(MeetingType.BRANCH_COMMITTEE, 2).containsEntry(MeetingType.THEME_DAY, 1)
			.containsEntry(MeetingType.BRANCH_ASSEMBLY, 1).containsEntry(MeetingType.PARTY_LECTURE, 1)
			.containsEntry(MeetingType.TALK, 2);
		assertThat(year.held()).containsEntry(MeetingType.BRANCH_COMMITTEE, 1).containsEntry(MeetingType.TALK, 4);
		assertThat(year.required()).containsEntry(MeetingType.TALK, all.size());
		assertThat(counts.behind()).isFalse();

		List<String> incremental = kept(2019);
		assertThat(incremental).isNotEmpty();
		counts.rebuild();
		assertThat(kept(2019)).containsExactlyElementsOf(incremental);
	}

	@Test
	@DisplayName("concurrent sign-offs and 补录 count each meeting once, and each member talked with once an interval")
	void concurrentWritersCountEachMeetingOnce() throws Exception {
		Caller college1 = accounts.callerFor("college1");
		long jsj02 = orgId("SFDX-JSJ-02");
		List<Long> all = everyone(jsj02);
		List<Long> meetings = new ArrayList<>();
		for (int month = 1; month <= 6; month++) {
			long id = held(college1, jsj02, MeetingType.THEME_DAY, LocalDate.of(2020, month, 8), all.subList(0, 2), false);
			records.write(college1, id, "会议记录", null);
			meetings.add(id);
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Object>> work = new ArrayList<>();
			for (long id : meetings) {
				work.add(() -> records.signOff(college1, id));
				work.add(() -> records.signOff(college1, id));
			}
			for (int i = 0; i < 4; i++) {
				int day = 10 + i;
				work.add(() -> held(college1, jsj02, MeetingType.TALK, LocalDate.of(2020, 7, day), all.subList(0, 3), true));
			}
			for (Future<Object> f : pool.invokeAll(work)) {
				try {
					f.get();
				}
				catch (java.util.concurrent.ExecutionException e) {
					// a sign-off losing the race to the same minutes fails cleanly (optimistic lock); nothing is counted twice
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbcTemplate.queryForObject("select count(*) from meeting_minutes where meeting_id = any(?) and signed_off_at is not null",
				Long.class, (Object) meetings.toArray(Long[]::new))).isEqualTo(6);
		Compliance.BranchCompliance year = compliance.report(college1, jsj02, "2020").branches().get(0);
		assertThat(year.meetings()).containsEntry(MeetingType.THEME_DAY, 6).containsEntry(MeetingType.TALK, 4);
		assertThat(year.held()).containsEntry(MeetingType.TALK, 3);

		List<String> incremental = kept(2020);
		counts.rebuild();
		assertThat(kept(2020)).containsExactlyElementsOf(incremental);
	}

	@Test
	@DisplayName("a recount restores the kept counts from the meetings themselves")
	void aRecountRestoresTheCountsFromTheMeetings() {
		Caller admin = accounts.callerFor("admin");
		long jsj02 = orgId("SFDX-JSJ-02");
		List<Long> all = everyone(jsj02);
		held(admin, jsj02, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2021, 3, 8), all.subList(0, 2), true);
		assertThat(kept(2021)).anyMatch(row -> row.startsWith(jsj02 + " 2021-03-01 BRANCH_COMMITTEE 0 "));
		jdbcTemplate.update("delete from orglife_branch_month where month = date '2021-03-01' and branch_id = ?", jsj02);
		jdbcTemplate.update("delete from orglife_branch_year where year = 2021 and branch_id = ?", jsj02);
		assertThat(kept(2021)).noneMatch(row -> row.startsWith(jsj02 + " 2021-03-01"));
		counts.rebuild();
		assertThat(kept(2021)).anyMatch(row -> row.startsWith(jsj02 + " 2021-03-01 BRANCH_COMMITTEE 0 1"));
		assertThat(counts.behind()).isFalse();
	}
}
