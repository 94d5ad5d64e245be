package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/**
 * 组织生活 at scale: a year of meetings for every branch (about 60 000) with about 1 000 000 invitations
 * and their check-ins and signed-off minutes, written straight into the tables; then the committee's
 * compliance table for a quarter and a member's attendance statistics, server side through MockMvc.
 * Prints p50/p95 and the plans; asserts nothing about time. Run with {@code ./mvnw verify -Pbench}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class OrglifeBenchmark extends PlatformTest {

	@Test
	void aYearOfMeetingsForEveryBranch() throws Exception {
		long members = jdbc.sql("select count(*) from member").query(Long.class).single();
		long branches = jdbc.sql("select count(*) from organization where type = 'BRANCH' and dissolved_at is null")
			.query(Long.class).single();
		long started = System.nanoTime();
		writeAYearOfMeetings(jdbc);
		jdbc.sql("analyze").update();
		long meetings = jdbc.sql("select count(*) from meeting").query(Long.class).single();
		long invitations = jdbc.sql("select count(*) from meeting_invitee").query(Long.class).single();
		System.out.printf("%n== 组织生活: %d members, %d branches, %d meetings, %d invitations, %d check-ins (written in %d s) ==%n",
				members, branches, meetings, invitations, jdbc.sql("select count(*) from meeting_checkin").query(Long.class).single(),
				(System.nanoTime() - started) / 1_000_000_000);

		RequestPostProcessor admin = login("admin");
		measure("committee compliance table, 2026-Q4", admin, "/api/v1/orglife/compliance?period=2026-Q4");
		measure("committee compliance table, 2026", admin, "/api/v1/orglife/compliance?period=2026");
		long member = jdbc.sql("select member_id from meeting_invitee group by member_id order by count(*) desc limit 1")
			.query(Long.class).single();
		measure("a member's attendance statistics, 2026", admin, "/api/v1/members/" + member + "/attendance?year=2026");
		explain("""
				select a.organization_id, m.type, m.id from meeting m
				join meeting_minutes mm on mm.meeting_id = m.id and mm.signed_off_at is not null
				join meeting_audience a on a.meeting_id = m.id
				where m.start_at >= timestamptz '2026-10-01 00:00+08' and m.start_at < timestamptz '2027-01-01 00:00+08'""");
		explain("""
				select i.member_id, count(*) from meeting_invitee i join meeting m on m.id = i.meeting_id
				left join meeting_checkin c on c.meeting_id = i.meeting_id and c.member_id = i.member_id
				where i.member_id = %d and m.start_at >= timestamptz '2026-01-01 00:00+08' group by i.member_id""".formatted(member));
	}

	/** Meetings spread over the year, of every kind, for every branch: about 60 000, each inviting up to 17 members. */
	void writeAYearOfMeetings(JdbcClient jdbc) {
		long branches = jdbc.sql("select count(*) from organization where type = 'BRANCH' and dissolved_at is null")
			.query(Long.class).single();
		int perBranch = (int) Math.max(1, 60_000 / branches);
		long organiser = jdbc.sql("select id from account where username = 'admin'").query(Long.class).single();
		// meetings spread over the year, of every kind, for every branch
		jdbc.sql("""
				insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser, recorded_after)
				select o.id, (array['BRANCH_ASSEMBLY','BRANCH_COMMITTEE','GROUP_MEETING','PARTY_LECTURE','THEME_DAY','ORG_LIFE_MEETING','TALK'])[1 + n % 7],
				       '基准会议', timestamptz '2026-01-01 09:00+08' + (n * interval '8 hours'), timestamptz '2026-01-01 10:00+08' + (n * interval '8 hours'),
				       ?, 'admin', true
				from organization o cross join generate_series(1, ?) n
				where o.type = 'BRANCH' and o.dissolved_at is null""").params(List.of(organiser, perBranch)).update();
		// each meeting invites up to 17 members of its branch
		jdbc.sql("""
				insert into meeting_invitee (meeting_id, member_id, organization_id)
				select m.id, x.id, x.organization_id
				from meeting m
				cross join lateral (select mb.id, mb.organization_id from member mb where mb.organization_id = m.organization_id
				                    order by mb.id limit 17) x
				where m.topic = '基准会议'""").update();
		jdbc.sql("""
				insert into meeting_audience (meeting_id, organization_id)
				select distinct i.meeting_id, i.organization_id from meeting_invitee i join meeting m on m.id = i.meeting_id
				where m.topic = '基准会议'""").update();
		jdbc.sql("""
				insert into meeting_checkin (meeting_id, member_id, checked_in_at, manual, recorded_by)
				select i.meeting_id, i.member_id, m.start_at - interval '5 minutes' + ((i.member_id % 10) * interval '1 minute'), false, 'bench'
				from meeting_invitee i join meeting m on m.id = i.meeting_id
				where m.topic = '基准会议' and i.member_id % 5 <> 0""").update();
		jdbc.sql("""
				insert into meeting_minutes (meeting_id, text, signed_off_at, signed_off_by, updated_at)
				select id, '记录', end_at + interval '1 day', 'admin', end_at from meeting where topic = '基准会议'""").update();
	}

	void measure(String what, RequestPostProcessor who, String url) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 5) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-40s p50 %7.1f ms   p95 %7.1f ms%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95));
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN ANALYZE " + sql.strip().replaceAll("\\s+", " "));
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(line -> System.out.println("  " + line));
	}
}
