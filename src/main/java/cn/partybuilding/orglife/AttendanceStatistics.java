package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.member.MemberView;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;

/**
 * A member's year of meetings: invited, present, late, on leave, absent, and the rate — from the
 * invitations and check-ins themselves, never typed in. Meetings still to come are not counted.
 */
@Service
@Transactional(readOnly = true)
class AttendanceStatistics {

	private final JdbcTemplate jdbc;

	private final MemberDirectory members;

	private final MeetingPlanner planner;

	private final Clock clock;

	AttendanceStatistics(JdbcTemplate jdbc, MemberDirectory members, MeetingPlanner planner, Clock clock) {
		this.jdbc = jdbc;
		this.members = members;
		this.planner = planner;
		this.clock = clock;
	}

	record Year(long memberId, String name, int year, int invited, int present, int late, int leave, int absent,
			int rate) {
	}

	/** A member the caller may see (the member database's scope), or the audited 404. */
	public Year of(Caller caller, long memberId, int year) {
		MemberView member = members.find(caller, memberId);
		return years(List.of(memberId), year).getOrDefault(memberId, empty(memberId, member.name(), year));
	}

	public Year mine(Caller caller, int year) {
		long memberId = members.memberOfAccount(caller.accountId()).orElseThrow(() -> new OutOfScopeException("member", "me"));
		MemberView me = members.mine(caller);
		return years(List.of(memberId), year).getOrDefault(memberId, empty(memberId, me.name(), year));
	}

	/** Every member of an organisation's subtree in the organiser's reach, for the export. */
	public List<Year> ofOrganization(Caller caller, long orgId, int year) {
		List<MemberRef> refs = planner.membersFor(caller, orgId);
		Map<Long, Year> found = years(refs.stream().map(MemberRef::id).toList(), year);
		List<Year> all = new ArrayList<>();
		for (MemberRef m : refs) {
			Year y = found.getOrDefault(m.id(), empty(m.id(), m.name(), year));
			all.add(new Year(m.id(), m.name(), year, y.invited(), y.present(), y.late(), y.leave(), y.absent(), y.rate()));
		}
		return all;
	}

	private static Year empty(long memberId, String name, int year) {
		return new Year(memberId, name, year, 0, 0, 0, 0, 0, 100);
	}

	private Map<Long, Year> years(Collection<Long> memberIds, int year) {
		Map<Long, Year> result = new HashMap<>();
		if (memberIds.isEmpty()) {
			return result;
		}
		Timestamp from = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay(PlatformZone.ZONE).toInstant());
		Timestamp until = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(PlatformZone.ZONE).toInstant());
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.query("""
				select i.member_id,
				       count(*) as invited,
				       count(*) filter (where c.checked_in_at is not null and c.checked_in_at <= m.start_at) as present,
				       count(*) filter (where c.checked_in_at > m.start_at) as late,
				       count(*) filter (where c.checked_in_at is null and i.leave_state = 'APPROVED') as on_leave
				from meeting_invitee i
				join meeting m on m.id = i.meeting_id
				left join meeting_checkin c on c.meeting_id = i.meeting_id and c.member_id = i.member_id
				where i.member_id = any(?) and m.start_at >= ? and m.start_at < ? and m.end_at < ?
				group by i.member_id""", rs -> {
			int invited = rs.getInt("invited");
			int present = rs.getInt("present");
			int late = rs.getInt("late");
			int leave = rs.getInt("on_leave");
			int absent = invited - present - late - leave;
			long id = rs.getLong("member_id");
			result.put(id, new Year(id, "", year, invited, present, late, leave, absent,
					invited == 0 ? 100 : (present + late) * 100 / invited));
		}, memberIds.toArray(Long[]::new), from, until, now);
		return result;
	}
}
