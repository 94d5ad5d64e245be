package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * What other modules (and the demo) ask of 组织生活: meetings planned, leave asked for, and meetings already held
 * offline recorded with their sign-in sheets and minutes — the same rules as the meeting pages (the organiser's
 * reach, invitees inside the organisation, a 党小组会 only at a 党小组), in batches, so that a branch bringing
 * a year of paper records does it in one go.
 */
@Facade("组织生活 asked of and told by other modules: meetings planned, leave asked for, meetings held offline recorded with attendance and minutes")
@Service
@Transactional
public class OrgLifeManagement {

	private final MeetingPlanner planner;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ProvinceMeetings province;

	private final ComplianceCounts counts;

	OrgLifeManagement(MeetingPlanner planner, OrganizationScope scope, MemberDirectory members, JdbcTemplate jdbc,
			ApplicationEventPublisher events, Clock clock, ProvinceMeetings province, ComplianceCounts counts) {
		this.province = province;
		this.planner = planner;
		this.scope = scope;
		this.members = members;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.counts = counts;
	}

	/**
	 * Counts the signed-off meetings written straight into the tables (a generator's COPY) into the compliance counts
	 * per branch and month; a report would catch them up itself, this spares its first reader the wait. Returns how
	 * many meetings were counted.
	 */
	public int countSignedOffMeetings() {
		return counts.catchUp();
	}

	/** Plans a meeting as the meetings page does (the invitees are told); returns its id. */
	public long plan(Caller caller, NewMeeting meeting) {
		List<Long> named = meeting.inviteeMemberIds() == null ? List.of() : meeting.inviteeMemberIds();
		MeetingPlanner.Invitees invitees = named.isEmpty() ? new MeetingPlanner.Invitees(MeetingPlanner.Invitees.WHOLE, List.of())
				: new MeetingPlanner.Invitees("CHOSEN", named);
		return planner.plan(caller, new MeetingPlanner.MeetingForm(meeting.orgId(), meeting.type(), meeting.topic(),
				meeting.startAt(), meeting.endAt(), meeting.place(), meeting.lecturer(), invitees)).id();
	}

	/** The signed-in invitee asks for leave from a meeting, with the reason the organiser reads. */
	public void askForLeave(Caller caller, long meetingId, String reason) {
		planner.askForLeave(caller, meetingId, reason);
	}

	/**
	 * A year of 三会一课 for the generated province's branches (the province generator, inside its transaction;
	 * members by branch in a fixed order): meetings held and signed off, invitations, leave and check-ins written
	 * with COPY, no notifications and no 纪实. Branches with meetings already are left alone (returns 0). Returns
	 * the number of invitations.
	 */
	public long generateYear(Map<Long, List<Long>> membersByBranch, long organiserAccountId, String organiser,
			LocalDate today, long seed) {
		return province.write(membersByBranch, organiserAccountId, organiser, today, seed);
	}

	/**
	 * Records meetings held offline (补录), each with its sign-in sheet and, when given, its signed-off minutes:
	 * nothing is written unless every meeting passes (a field error names the first that does not). Each
	 * attendee's 纪实 learns of it ({@link MeetingsRecorded}); the invitees are not notified of a meeting past.
	 * Returns the new meetings' ids, in order.
	 */
	public List<Long> recordHeld(Caller caller, List<HeldMeeting> held) {
		if (held.isEmpty()) {
			return List.of();
		}
		Instant now = clock.instant();
		Map<Long, OrgRef> orgs = new HashMap<>();
		Map<Long, Set<Long>> allowed = new HashMap<>();
		Set<Long> visible = null;
		Set<Long> people = new HashSet<>();
		for (HeldMeeting m : held) {
			if (!orgs.containsKey(m.orgId())) {
				scope.requireReach(caller, m.orgId(), MeetingPlanner.ORGANISE);
				orgs.put(m.orgId(), scope.find(m.orgId()).orElseThrow(() -> new OutOfScopeException("organization", m.orgId())));
				if (visible == null) {
					visible = scope.visibleTo(caller, MeetingPlanner.ORGANISE);
				}
				Set<Long> inside = new HashSet<>(scope.subtree(m.orgId()));
				inside.retainAll(visible);
				allowed.put(m.orgId(), inside);
			}
			check(m, orgs.get(m.orgId()), now);
			m.attendance().forEach(a -> people.add(a.memberId()));
		}
		Map<Long, MemberRef> refs = new HashMap<>();
		members.refs(people).forEach(r -> refs.put(r.id(), r));
		for (HeldMeeting m : held) {
			for (Attendee a : m.attendance()) {
				MemberRef ref = refs.get(a.memberId());
				if (ref == null || !allowed.get(m.orgId()).contains(ref.organizationId())) {
					throw new OutOfScopeException("member", a.memberId());
				}
			}
		}

		List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('meeting', 'id')) from generate_series(1, ?)",
				Long.class, held.size());
		List<Object[]> meetingRows = new ArrayList<>();
		List<Object[]> inviteeRows = new ArrayList<>();
		List<Object[]> audienceRows = new ArrayList<>();
		List<Object[]> checkinRows = new ArrayList<>();
		List<Object[]> minutesRows = new ArrayList<>();
		List<MeetingsRecorded.Recorded> recorded = new ArrayList<>();
		Timestamp nowTs = Timestamp.from(now);
		for (int i = 0; i < held.size(); i++) {
			HeldMeeting m = held.get(i);
			long id = ids.get(i);
			String topic = PlainText.clean(m.topic());
			meetingRows.add(new Object[] { id, m.orgId(), m.type().name(), topic, m.startAt().toString(),
					m.endAt().toString(), blankToNull(m.place()), blankToNull(m.lecturer()) });
			Set<Long> audience = new HashSet<>();
			for (Attendee a : m.attendance()) {
				long org = refs.get(a.memberId()).organizationId();
				audience.add(org);
				boolean leave = a.turnout() == Turnout.ON_LEAVE;
				inviteeRows.add(new Object[] { id, a.memberId(), org, leave ? "APPROVED" : null,
						leave ? blankToNull(a.leaveReason()) : null });
				if (a.turnout() == Turnout.ON_TIME || a.turnout() == Turnout.LATE) {
					checkinRows.add(new Object[] { id, a.memberId(), a.at().toString() });
				}
			}
			audience.forEach(o -> audienceRows.add(new Object[] { id, o }));
			if (m.minutes() != null && !PlainText.clean(m.minutes()).isEmpty()) {
				Instant signed = m.minutesSignedOffAt() == null ? now : m.minutesSignedOffAt();
				minutesRows.add(new Object[] { id, m.minutes().strip(), m.resolutions() == null ? null : m.resolutions().strip(),
						signed.toString() });
			}
			recorded.add(new MeetingsRecorded.Recorded(id, m.type(), topic, m.startAt(), m.attendance()));
		}
		// one statement per table, the columns as arrays: a year of a branch's meetings is a few thousand rows
		jdbc.update("""
				insert into meeting (id, organization_id, type, topic, start_at, end_at, place, lecturer, organiser_account_id,
				                     organiser, recorded_after, created_at)
				select id, org, type, topic, start_at, end_at, place, lecturer, ?, ?, true, ?
				from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::varchar[],
				            ?::varchar[]) as t(id, org, type, topic, start_at, end_at, place, lecturer)""",
				caller.accountId(), caller.username(), nowTs, column(meetingRows, 0), column(meetingRows, 1), column(meetingRows, 2),
				column(meetingRows, 3), column(meetingRows, 4), column(meetingRows, 5), column(meetingRows, 6),
				column(meetingRows, 7));
		jdbc.update("""
				insert into meeting_invitee (meeting_id, member_id, organization_id, leave_state, leave_reason)
				select * from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[])""",
				column(inviteeRows, 0), column(inviteeRows, 1), column(inviteeRows, 2), column(inviteeRows, 3),
				column(inviteeRows, 4));
		jdbc.update("insert into meeting_audience (meeting_id, organization_id) select * from unnest(?::bigint[], ?::bigint[])",
				column(audienceRows, 0), column(audienceRows, 1));
		jdbc.update("""
				insert into meeting_checkin (meeting_id, member_id, checked_in_at, manual, recorded_by)
				select m, p, at, true, ? from unnest(?::bigint[], ?::bigint[], ?::timestamptz[]) as t(m, p, at)""",
				caller.username(), column(checkinRows, 0), column(checkinRows, 1), column(checkinRows, 2));
		jdbc.update("""
				insert into meeting_minutes (meeting_id, text, resolutions, signed_off_at, signed_off_by, updated_at)
				select m, text, resolutions, at, ?, at from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[])
				  as t(m, text, resolutions, at)""",
				caller.username(), column(minutesRows, 0), column(minutesRows, 1), column(minutesRows, 2),
				column(minutesRows, 3));
		counts.count(minutesRows.stream().map(r -> (Long) r[0]).toList());
		events.publishEvent(new MeetingsRecorded(recorded, caller.username(), now,
				"补录已召开的会议 " + held.size() + " 次（签到 " + checkinRows.size() + " 人次，会议记录签发 " + minutesRows.size() + " 份）"));
		return ids;
	}

	private static void check(HeldMeeting m, OrgRef org, Instant now) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		MeetingPlanner.check(problems, org, m.type(), m.topic(), m.startAt(), m.endAt(), m.place(), m.lecturer());
		if (m.endAt() != null && m.endAt().isAfter(now)) {
			problems.add(new FieldProblem.Problem("endAt", "orglife.held.notOver", new Object[0]));
		}
		if (m.attendance() == null || m.attendance().isEmpty()) {
			problems.add(new FieldProblem.Problem("attendance", "orglife.invitees.required", new Object[0]));
		}
		else {
			Set<Long> seen = new HashSet<>();
			for (Attendee a : m.attendance()) {
				boolean came = a.turnout() == Turnout.ON_TIME || a.turnout() == Turnout.LATE;
				boolean timeRight = !came || a.at() != null && m.startAt() != null && m.endAt() != null
						&& !a.at().isAfter(m.endAt()) && (a.turnout() == Turnout.LATE ? a.at().isAfter(m.startAt())
								: !a.at().isAfter(m.startAt()));
				if (a.turnout() == null || !seen.add(a.memberId()) || !timeRight
						|| a.leaveReason() != null && PlainText.clean(a.leaveReason()).length() > 200) {
					problems.add(new FieldProblem.Problem("attendance", "orglife.held.attendance", new Object[] { a.memberId() }));
					break;
				}
			}
		}
		if (m.minutesSignedOffAt() != null && (m.endAt() == null || m.minutesSignedOffAt().isBefore(m.endAt())
				|| m.minutesSignedOffAt().isAfter(now))) {
			problems.add(new FieldProblem.Problem("minutesSignedOffAt", "orglife.held.signedOffAt", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
	}

	/** One column of the rows as an array the driver sends as a PostgreSQL array (Long[], String[]; times as ISO text). */
	private static Object column(List<Object[]> rows, int index) {
		Object first = rows.stream().map(r -> r[index]).filter(java.util.Objects::nonNull).findFirst().orElse(null);
		Class<?> type = first == null ? String.class : first.getClass();
		Object array = java.lang.reflect.Array.newInstance(type, rows.size());
		for (int i = 0; i < rows.size(); i++) {
			java.lang.reflect.Array.set(array, i, rows.get(i)[index]);
		}
		return array;
	}

	private static String blankToNull(String text) {
		String clean = PlainText.clean(text);
		return clean.isEmpty() ? null : clean;
	}
}
