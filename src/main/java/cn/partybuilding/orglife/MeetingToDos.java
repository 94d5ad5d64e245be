package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * 组织生活's part of the home page's 待办, for those who organise meetings: a meeting today to open check-in for,
 * leave requests to decide, and minutes to write and sign off for meetings held in the last
 * {@value #MINUTES_DAYS} days. A branch's secretary and committee see their branch and its 党小组; a college's or
 * the committee's administrators the meetings they organise at their own level (not every branch's below).
 * Three small indexed queries, sent as one statement.
 */
@Component
@Transactional(readOnly = true)
class MeetingToDos implements ToDoList {

	static final int MINUTES_DAYS = 60;

	private static final int MOST = 5;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(PlatformZone.ZONE);

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Clock clock;

	MeetingToDos(JdbcTemplate jdbc, OrganizationScope scope, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.clock = clock;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		Set<Long> orgs = new HashSet<>();
		for (Caller.Grant g : caller.grants()) {
			if (g.role() == Role.BRANCH_SECRETARY || g.role() == Role.BRANCH_COMMITTEE) {
				orgs.addAll(scope.subtree(g.organizationId()));
			}
			else if (g.role() == Role.GENERAL_BRANCH_ADMIN || g.role() == Role.COMMITTEE_ADMIN) {
				orgs.add(g.organizationId());
			}
		}
		if (orgs.isEmpty()) {
			return List.of();
		}
		Instant now = clock.instant();
		Long[] ids = orgs.toArray(Long[]::new);
		record Found(long id, long orgId, String topic, Instant startAt, int count, int order, String key) {
		}
		List<Found> found = new ArrayList<>();
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		// the three in one statement (one round trip, not three), each part in its own order; kinds 10, 20, 30
		jdbc.query("""
				select * from (
				  (select 10 as kind, row_number() over (order by start_at) as seq, id, organization_id, topic, start_at,
				          0 as requests
				   from meeting
				   where organization_id = any(?) and start_at >= ? and start_at < ? and end_at > ?
				   order by start_at limit ?)
				  union all
				  (select 20, row_number() over (order by m.start_at), m.id, m.organization_id, m.topic, m.start_at, count(*)
				   from meeting m join meeting_invitee i on i.meeting_id = m.id and i.leave_state = 'REQUESTED'
				   where m.organization_id = any(?) and m.end_at > ?
				   group by m.id order by m.start_at limit ?)
				  union all
				  (select 30, row_number() over (order by m.start_at desc), m.id, m.organization_id, m.topic, m.start_at, 0
				   from meeting m
				   where m.organization_id = any(?) and m.end_at < ? and m.end_at > ?
				     and not exists (select 1 from meeting_minutes mm where mm.meeting_id = m.id and mm.signed_off_at is not null)
				   order by m.start_at desc limit ?)) due
				order by kind, seq""", rs -> {
			int kind = rs.getInt(1);
			found.add(new Found(rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7), kind,
					kind == 10 ? "orglife.todo.checkin" : kind == 20 ? "orglife.todo.leave" : "orglife.todo.minutes"));
		}, ids, Timestamp.from(today.atStartOfDay(PlatformZone.ZONE).toInstant()),
				Timestamp.from(today.plusDays(1).atStartOfDay(PlatformZone.ZONE).toInstant()), Timestamp.from(now), MOST,
				ids, Timestamp.from(now), MOST,
				ids, Timestamp.from(now), Timestamp.from(now.minus(Duration.ofDays(MINUTES_DAYS))), MOST);
		if (found.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = scope.qualifiedNames(found.stream().map(Found::orgId).toList());
		return found.stream().map(f -> new ToDo(f.order(), names.getOrDefault(f.orgId(), ""), f.key(),
				List.<Object>of(f.topic(), f.key().equals("orglife.todo.minutes") ? f.startAt().atZone(PlatformZone.ZONE).toLocalDate().toString()
						: f.key().equals("orglife.todo.checkin") ? TIME.format(f.startAt()) : f.count()),
				f.key().equals("orglife.todo.checkin") ? "/meetings/" + f.id() + "/screen" : "/meetings/" + f.id())).toList();
	}
}
