package cn.partybuilding.orglife;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.BulkCopy;
import cn.partybuilding.shared.PlatformZone;

/**
 * A year of 三会一课 for the generated province's branches, written with COPY: each month a 主题党日 and a 支委会,
 * each quarter a 支部党员大会 and a 党课, once a year a 组织生活会 — held, signed off, with invitations, leave and
 * check-ins (about nine in ten attend). About 20 invitations per member and year. Deterministic for the seed.
 */
@Component
class ProvinceMeetings {

	/** The first members of a branch are taken as its 支委 (invited to the 支委会). */
	private static final int COMMITTEE = 5;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	ProvinceMeetings(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	record Planned(long id, long branchId, MeetingType type, Instant start, List<Long> invitees) {
	}

	/**
	 * Writes the year before {@code today} for these branches (members by branch, in a fixed order) inside the
	 * caller's transaction, unless one of them has meetings already. Returns the number of invitations written.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	long write(Map<Long, List<Long>> membersByBranch, long organiserAccountId, String organiser, LocalDate today,
			long seed) {
		if (membersByBranch.isEmpty() || Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from meeting where organization_id = any(?))", Boolean.class,
				(Object) membersByBranch.keySet().toArray(Long[]::new)))) {
			return 0;
		}
		List<Planned> meetings = new ArrayList<>();
		YearMonth first = YearMonth.from(today).minusMonths(12);
		membersByBranch.keySet().stream().sorted().forEach(branch -> {
			List<Long> people = membersByBranch.get(branch);
			List<Long> committee = people.subList(0, Math.min(COMMITTEE, people.size()));
			Random random = new Random(seed * 31 + branch);
			for (int m = 0; m < 12; m++) {
				YearMonth month = first.plusMonths(m);
				meetings.add(planned(branch, MeetingType.BRANCH_COMMITTEE, month, 3 + random.nextInt(5), committee));
				meetings.add(planned(branch, MeetingType.THEME_DAY, month, 10 + random.nextInt(8), people));
				if (m % 3 == 0) {
					meetings.add(planned(branch, MeetingType.BRANCH_ASSEMBLY, month, 20 + random.nextInt(5), people));
					meetings.add(planned(branch, MeetingType.PARTY_LECTURE, month, 25 + random.nextInt(3), people));
				}
				if (m == 11) {
					meetings.add(planned(branch, MeetingType.ORG_LIFE_MEETING, month, 15 + random.nextInt(10), people));
				}
			}
		});
		List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('meeting', 'id')) from generate_series(1, ?)",
				Long.class, meetings.size());
		for (int i = 0; i < meetings.size(); i++) {
			Planned p = meetings.get(i);
			meetings.set(i, new Planned(ids.get(i), p.branchId(), p.type(), p.start(), p.invitees()));
		}
		String now = Instant.now().toString();
		boolean unchecked = Boolean.TRUE.equals(jdbc.queryForObject(
				"select rolsuper from pg_roles where rolname = current_user", Boolean.class));
		// the invitations' count kept on each meeting (V140): by its trigger when the invitations are checked, written
		// here when they are not (the trigger is skipped with the checks)
		BulkCopy.copy(dataSource, "meeting", List.of("id", "organization_id", "type", "topic", "start_at", "end_at", "place",
				"organiser_account_id", "organiser", "recorded_after", "created_at", "version", "invitees"),
				meetings.stream()
					.map(p -> new Object[] { p.id(), p.branchId(), p.type().name(), topic(p), p.start(),
							p.start().plusSeconds(2 * 3600), "党员活动室", organiserAccountId, organiser, false, now, 0,
							unchecked ? p.invitees().size() : 0 })
					.iterator());
		BulkCopy.copy(dataSource, "meeting_audience", List.of("meeting_id", "organization_id"),
				meetings.stream().map(p -> new Object[] { p.id(), p.branchId() }).iterator());
		BulkCopy.copy(dataSource, "meeting_minutes",
				List.of("meeting_id", "text", "signed_off_at", "signed_off_by", "updated_at", "version"),
				meetings.stream()
					.map(p -> new Object[] { p.id(), "会议按议程进行，应到 " + p.invitees().size() + " 人。", p.start().plusSeconds(3 * 3600),
							organiser, p.start().plusSeconds(3 * 3600), 0 })
					.iterator());
		// Twenty million invitations and check-ins: their foreign keys (meeting, member, organisation) hold by
		// construction (the meetings above, the members and branches given), and checking them row by row would lock
		// every member and meeting row once per invitation. A superuser skips those checks for these two tables only;
		// anyone else has them checked.
		if (unchecked) {
			jdbc.execute("set local session_replication_role = replica");
		}
		// whether each invitee came (or was on leave) is drawn per meeting from its own seed: the same in both passes
		long written = BulkCopy.copy(dataSource, "meeting_invitee",
				List.of("meeting_id", "member_id", "organization_id", "leave_state", "leave_reason"),
				meetings.stream().flatMap(p -> {
					Random random = new Random(seed * 17 + p.id());
					return p.invitees().stream().map(member -> {
						boolean leave = random.nextInt(100) >= 97;
						random.nextInt(900); // the check-in minute, drawn in step with the second pass
						return new Object[] { p.id(), member, p.branchId(), leave ? "APPROVED" : null, leave ? "因公出差" : null };
					});
				}).iterator());
		BulkCopy.copy(dataSource, "meeting_checkin",
				List.of("meeting_id", "member_id", "checked_in_at", "manual", "recorded_by"),
				meetings.stream().flatMap(p -> {
					Random random = new Random(seed * 17 + p.id());
					return p.invitees().stream().map(member -> {
						int draw = random.nextInt(100);
						Instant at = p.start().plusSeconds(random.nextInt(900) - 600);
						return draw < 90 ? new Object[] { p.id(), member, at, false, organiser } : null;
					});
				}).filter(java.util.Objects::nonNull).iterator());
		if (unchecked) {
			jdbc.execute("set local session_replication_role = origin");
		}
		return written;
	}

	private static Planned planned(long branch, MeetingType type, YearMonth month, int day, List<Long> invitees) {
		Instant start = month.atDay(Math.min(day, month.lengthOfMonth())).atTime(14, 30).atZone(PlatformZone.ZONE).toInstant();
		return new Planned(0, branch, type, start, invitees);
	}

	private static String topic(Planned p) {
		YearMonth month = YearMonth.from(p.start().atZone(PlatformZone.ZONE));
		return month.getYear() + " 年 " + month.getMonthValue() + " 月" + switch (p.type()) {
			case BRANCH_COMMITTEE -> "支委会";
			case THEME_DAY -> "主题党日";
			case BRANCH_ASSEMBLY -> "支部党员大会";
			case PARTY_LECTURE -> "党课";
			case ORG_LIFE_MEETING -> "组织生活会";
			default -> "会议";
		};
	}
}
