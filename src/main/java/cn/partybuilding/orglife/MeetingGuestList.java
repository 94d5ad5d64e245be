package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * A meeting's guests: 入党积极分子 and 发展对象 (not members yet) invited to a 党课 or 培训班, chosen by name or all those of
 * the organisation's subtree, checked in by the same code (signed in with their own account) or by the organiser's
 * hand. Each check-in tells their development file ({@link MeetingGuestAttended}). Guests add no audience: the
 * branches' 三会一课 counts do not change through them.
 */
@Component
@Transactional
class MeetingGuestList {

	record GuestRow(long personId, String name, MeetingPlanner.Attendance status, Instant checkedInAt, boolean manual) {
	}

	private final ObjectProvider<MeetingGuests> guests;

	private final OrganizationScope scope;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MeetingGuestList(ObjectProvider<MeetingGuests> guests, OrganizationScope scope, JdbcTemplate jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.guests = guests;
		this.scope = scope;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The guests the organiser chose: all the activists and 发展对象 of the organisation's subtree in the organiser's
	 * reach ({@code all}), and the people named — each an open activist or 发展对象 there, else the audited 404.
	 */
	List<Guest> resolve(Caller caller, OrgRef org, boolean all, List<Long> personIds) {
		MeetingGuests source = guests.getIfAvailable();
		boolean named = personIds != null && !personIds.isEmpty();
		if (!all && !named) {
			return List.of();
		}
		if (source == null) {
			throw new FieldProblem("invitees", "orglife.guests.none");
		}
		Set<Long> allowed = new HashSet<>(scope.subtree(org.id()));
		allowed.retainAll(scope.visibleTo(caller, MeetingPlanner.ORGANISE));
		Map<Long, Guest> chosen = new LinkedHashMap<>();
		if (all) {
			source.candidatesIn(allowed).forEach(g -> chosen.put(g.personId(), g));
		}
		if (named) {
			Set<Long> ids = new HashSet<>(personIds);
			Map<Long, Guest> found = new LinkedHashMap<>();
			source.find(ids).stream().filter(g -> allowed.contains(g.organizationId())).forEach(g -> found.put(g.personId(), g));
			for (Long id : ids) {
				if (!found.containsKey(id)) {
					throw new OutOfScopeException("development-person", id);
				}
			}
			chosen.putAll(found);
		}
		if (chosen.isEmpty()) {
			throw new FieldProblem("invitees", "orglife.guests.none");
		}
		return List.copyOf(chosen.values());
	}

	void invite(long meetingId, List<Guest> chosen) {
		jdbc.batchUpdate("insert into meeting_guest (meeting_id, person_id, account_id, name, organization_id) values (?, ?, ?, ?, ?)",
				chosen.stream().map(g -> new Object[] { meetingId, g.personId(), g.accountId(), g.name(), g.organizationId() })
					.toList());
	}

	/** The guest file behind the signed-in account, if it is invited to the meeting. */
	@Transactional(readOnly = true)
	Optional<Long> guestOf(long meetingId, long accountId) {
		return jdbc.queryForList("select person_id from meeting_guest where meeting_id = ? and account_id = ?", Long.class,
				meetingId, accountId).stream().findFirst();
	}

	boolean invited(long meetingId, long personId) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from meeting_guest where meeting_id = ? and person_id = ?)", Boolean.class,
				meetingId, personId));
	}

	/** One row per guest and meeting; a second check-in records nothing new (and tells no one). */
	MeetingPlanner.CheckedIn record(Caller caller, Meeting meeting, long personId, boolean manual, Instant at,
			Duration opensBefore) {
		if (!manual && !meeting.openForCheckIn(at, opensBefore)) {
			throw new FieldProblem("token", "orglife.checkin.closed", opensBefore.toMinutes());
		}
		int inserted = jdbc.update("""
				insert into meeting_guest_checkin (meeting_id, person_id, checked_in_at, manual, recorded_by) values (?, ?, ?, ?, ?)
				on conflict (meeting_id, person_id) do nothing""", meeting.id(), personId, Timestamp.from(at), manual,
				caller.username());
		if (inserted == 0) {
			Instant first = jdbc.queryForObject("select checked_in_at from meeting_guest_checkin where meeting_id = ? and person_id = ?",
					Timestamp.class, meeting.id(), personId).toInstant();
			return MeetingPlanner.CheckedIn.guest(meeting.id(), personId, first, meeting.lateAt(first), true);
		}
		Long account = jdbc.queryForObject("select account_id from meeting_guest where meeting_id = ? and person_id = ?",
				Long.class, meeting.id(), personId);
		events.publishEvent(new MeetingGuestAttended(meeting.id(), meeting.organizationId(), personId, account, meeting.type(), meeting.topic(),
				meeting.startAt(), meeting.endAt(), manual, at, caller.username()));
		return MeetingPlanner.CheckedIn.guest(meeting.id(), personId, at, meeting.lateAt(at), false);
	}

	/** The guests apart from the members: present, late, absent once it is over, or still expected. */
	@Transactional(readOnly = true)
	List<GuestRow> attendance(Meeting meeting) {
		boolean over = clock.instant().isAfter(meeting.endAt());
		return jdbc.query("""
				select g.person_id, g.name, c.checked_in_at, c.manual
				from meeting_guest g left join meeting_guest_checkin c on c.meeting_id = g.meeting_id and c.person_id = g.person_id
				where g.meeting_id = ?""", (rs, n) -> {
			Timestamp at = rs.getTimestamp("checked_in_at");
			MeetingPlanner.Attendance status = at != null
					? (meeting.lateAt(at.toInstant()) ? MeetingPlanner.Attendance.LATE : MeetingPlanner.Attendance.PRESENT)
					: over ? MeetingPlanner.Attendance.ABSENT : MeetingPlanner.Attendance.EXPECTED;
			return new GuestRow(rs.getLong("person_id"), rs.getString("name"), status, at == null ? null : at.toInstant(),
					at != null && rs.getBoolean("manual"));
		}, meeting.id()).stream().sorted(Comparator.comparing(GuestRow::name)).toList();
	}
}
