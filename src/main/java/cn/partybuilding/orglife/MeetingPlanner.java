package cn.partybuilding.orglife;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Keyset;
import cn.partybuilding.shared.ListTotal;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.RecentTotals;
import cn.partybuilding.shared.Role;

/**
 * Plans meetings, invites, and takes check-ins. Organisers are a branch's secretary and committee (for
 * the branch and its groups) or a general branch's / the committee's administrators (for their whole
 * subtree, e.g. a 党课 for a college). Invitees see their own meetings; nobody else does.
 */
@Service
@Transactional
class MeetingPlanner {

	static final Role[] ORGANISE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private final Meetings meetings;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final CheckinTokens tokens;

	private final AccountManagement accounts;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MessageSource messages;

	private final Duration opensBefore;

	private final Duration signInGrace;

	private final MeetingGuestList guestList;

	/** The meeting totals of large scopes. */
	private final RecentTotals<Long> large;

	MeetingPlanner(Meetings meetings, MemberDirectory members, OrganizationScope scope, CheckinTokens tokens,
			AccountManagement accounts, JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock,
			MessageSource messages, @Value("${party.orglife.checkin-opens-before:30m}") Duration opensBefore,
			@Value("${party.orglife.checkin-sign-in-grace:10m}") Duration signInGrace, MeetingGuestList guestList,
			@Value("${party.lists.large-scope-totals-max-age:10s}") Duration totalsMaxAge) {
		this.guestList = guestList;
		this.large = RecentTotals.keptFor(totalsMaxAge, clock);
		this.signInGrace = signInGrace;
		this.meetings = meetings;
		this.members = members;
		this.scope = scope;
		this.tokens = tokens;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.messages = messages;
		this.opensBefore = opensBefore;
	}

	/**
	 * Who is invited: the whole organisation ({@code scope = BRANCH}; a group's meeting is planned at the
	 * group), its committee ({@code COMMITTEE}: the members holding the secretary's or a committee member's
	 * role there), or the people named.
	 */
	record Invitees(@Size(max = 20) String scope, List<Long> memberIds, List<Long> applicantIds) {

		static final String WHOLE = "BRANCH";

		static final String COMMITTEE = "COMMITTEE";

		/** No members: the open 入党积极分子 and 发展对象 of the organisation's subtree, as guests. */
		static final String ACTIVISTS = "ACTIVISTS";

		Invitees(String scope, List<Long> memberIds) {
			this(scope, memberIds, null);
		}

		boolean named() {
			return !WHOLE.equals(scope) && !COMMITTEE.equals(scope) && !ACTIVISTS.equals(scope);
		}

		boolean noMembers() {
			return ACTIVISTS.equals(scope) || named() && (memberIds == null || memberIds.isEmpty());
		}

		boolean namesGuests() {
			return applicantIds != null && !applicantIds.isEmpty();
		}
	}

	record MeetingForm(Long orgId, MeetingType type, @Size(max = 100) String topic, Instant startAt, Instant endAt,
			@Size(max = 200) String place, @Size(max = 50) String lecturer, @Valid Invitees invitees) {
	}

	record MeetingView(long id, long orgId, String organizationName, MeetingType type, String topic,
			Instant startAt, Instant endAt, String place, String lecturer, String organiser, boolean recordedAfter,
			int invited) {

		/** This meeting with its organisation's name. */
		MeetingView at(String organizationName) {
			return new MeetingView(id, orgId, organizationName, type, topic, startAt, endAt, place, lecturer, organiser,
					recordedAfter, invited);
		}
	}

	enum Attendance { PRESENT, LATE, LEAVE, ABSENT, EXPECTED }

	record AttendanceRow(long memberId, String name, Attendance status, Instant checkedInAt, boolean manual,
			String leaveReason) {
	}

	/** A check-in: a member's ({@code memberId}), or a guest's ({@code guestId}, their development file). */
	record CheckedIn(long meetingId, Long memberId, Instant checkedInAt, boolean late, boolean already, Long guestId) {

		CheckedIn(long meetingId, long memberId, Instant checkedInAt, boolean late, boolean already) {
			this(meetingId, memberId, checkedInAt, late, already, null);
		}

		static CheckedIn guest(long meetingId, long personId, Instant checkedInAt, boolean late, boolean already) {
			return new CheckedIn(meetingId, null, checkedInAt, late, already, personId);
		}
	}

	public MeetingView plan(Caller caller, MeetingForm form) {
		if (form.orgId() == null) {
			throw new FieldProblem("orgId", "orglife.org.required");
		}
		scope.requireReach(caller, form.orgId(), ORGANISE);
		OrgRef org = scope.find(form.orgId()).orElseThrow(() -> new OutOfScopeException("organization", form.orgId()));
		check(form, org);
		List<MemberRef> invited = form.invitees().noMembers() ? List.of() : invitees(caller, org, form.invitees());
		List<Guest> guests = guestList.resolve(caller, org, Invitees.ACTIVISTS.equals(form.invitees().scope()),
				form.invitees().applicantIds());
		Meeting meeting = meetings.saveAndFlush(new Meeting(org.id(), form.type(), PlainText.clean(form.topic()),
				form.startAt(), form.endAt(), PlainText.clean(form.place()), PlainText.clean(form.lecturer()),
				caller.accountId(), caller.username(), clock.instant()));
		jdbc.batchUpdate("insert into meeting_invitee (meeting_id, member_id, organization_id) values (?, ?, ?)",
				invited.stream().map(m -> new Object[] { meeting.id(), m.id(), m.organizationId() }).toList());
		jdbc.batchUpdate("insert into meeting_audience (meeting_id, organization_id) values (?, ?)",
				invited.stream().map(MemberRef::organizationId).distinct()
					.map(o -> new Object[] { meeting.id(), o }).toList());
		guestList.invite(meeting.id(), guests);
		// the audit log is kept in Chinese, whatever the organiser reads
		String summary = "安排" + messages.getMessage(meeting.type().messageKey(), null, Locale.SIMPLIFIED_CHINESE) + "："
				+ meeting.topic() + "，" + org.name() + "，邀请 " + invited.size() + " 人"
				+ (guests.isEmpty() ? "" : "，入党积极分子和发展对象 " + guests.size() + " 人");
		events.publishEvent(new MeetingPlanned(meeting.id(), org.name(), meeting.type(), meeting.topic(), meeting.startAt(),
				PlainText.clean(form.place()), invited.stream().map(MemberRef::id).toList(), caller.username(), summary));
		return meeting.view(org.name(), invited.size());
	}

	private void check(MeetingForm form, OrgRef org) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		check(problems, org, form.type(), form.topic(), form.startAt(), form.endAt(), form.place(), form.lecturer());
		if (form.invitees() == null || form.invitees().named()
				&& (form.invitees().memberIds() == null || form.invitees().memberIds().isEmpty())
				&& !form.invitees().namesGuests()) {
			problems.add(new FieldProblem.Problem("invitees", "orglife.invitees.required", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
	}

	/**
	 * What every meeting must be, planned or recorded afterwards: a kind (a 党小组会 only at a 党小组), a topic,
	 * a start before the end within a day, and place and lecturer within their lengths.
	 */
	static void check(List<FieldProblem.Problem> problems, OrgRef org, MeetingType type, String topic, Instant startAt,
			Instant endAt, String place, String lecturer) {
		if (type == null) {
			problems.add(new FieldProblem.Problem("type", "orglife.type.required", new Object[0]));
		}
		else if (type == MeetingType.GROUP_MEETING && org.type() != OrgType.GROUP) {
			problems.add(new FieldProblem.Problem("type", "orglife.type.groupOnly", new Object[0]));
		}
		String clean = PlainText.clean(topic);
		if (clean.isEmpty() || clean.length() > 100) {
			problems.add(new FieldProblem.Problem("topic", "orglife.topic.required", new Object[0]));
		}
		if (startAt == null || endAt == null || !endAt.isAfter(startAt)) {
			problems.add(new FieldProblem.Problem("endAt", "orglife.time.order", new Object[0]));
		}
		else if (Duration.between(startAt, endAt).toHours() >= 24) {
			problems.add(new FieldProblem.Problem("endAt", "orglife.time.tooLong", new Object[0]));
		}
		if (PlainText.clean(place).length() > 200) {
			problems.add(new FieldProblem.Problem("place", "orglife.place.length", new Object[0]));
		}
		if (PlainText.clean(lecturer).length() > 50) {
			problems.add(new FieldProblem.Problem("lecturer", "orglife.lecturer.length", new Object[0]));
		}
	}

	/** The whole organisation's members, its committee, or the people named: each within the organiser's reach. */
	private List<MemberRef> invitees(Caller caller, OrgRef org, Invitees invitees) {
		if (Invitees.WHOLE.equals(invitees.scope())) {
			List<MemberRef> all = members.membersIn(scope.subtree(org.id()));
			if (all.isEmpty()) {
				throw new FieldProblem("invitees", "orglife.invitees.none");
			}
			return all;
		}
		if (Invitees.COMMITTEE.equals(invitees.scope())) {
			List<MemberRef> committee = members.membersOfAccounts(
					accounts.holdersAt(org.id(), Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE));
			if (committee.isEmpty()) {
				throw new FieldProblem("invitees", "orglife.invitees.noCommittee");
			}
			return committee;
		}
		Set<Long> ids = new HashSet<>(invitees.memberIds());
		List<MemberRef> found = members.refs(ids);
		// inside the meeting's organisation and in the organiser's reach: two look-ups, not one per person
		Set<Long> allowed = new HashSet<>(scope.subtree(org.id()));
		allowed.retainAll(scope.visibleTo(caller, ORGANISE));
		Set<Long> ok = found.stream().filter(m -> allowed.contains(m.organizationId())).map(MemberRef::id)
			.collect(Collectors.toSet());
		for (Long id : ids) {
			if (!ok.contains(id)) {
				throw new OutOfScopeException("member", id);
			}
		}
		return found;
	}

	/**
	 * Organisations in a scope above which a filtered list is planned for its values and the scope alone chooses how its
	 * page is found ({@link #walksAll}). Up to it one kept plan reads the scope's meetings by organisation and sorts
	 * them (a college's 1 800: 0.6 ms).
	 */
	static final int PLANNED_FOR_VALUES_ABOVE = 100;

	/** The scope of many organisations, alone, as the list's page reads it (its ids: one array parameter). */
	private static final String HASHED_SCOPE = "coalesce(m.organization_id in (select unnest(?::bigint[])), false)";

	/** A filtered list's meetings (dates, type) exactly counted up to this many; a larger list says an estimate. */
	static final int COUNTED_UP_TO = 10_000;

	/**
	 * A page of a list: its meetings, the list's total (a filtered list's estimated above {@link #COUNTED_UP_TO}) and where the next
	 * page begins (null on the last).
	 */
	record MeetingPage(List<MeetingView> meetings, ListTotal total, Keyset next) {
	}

	/**
	 * The meetings of the caller's organisations (or one subtree), newest first, {@code size} at a time from
	 * {@code after}: read through the index on (start, id), never by skipping rows, so a province's thousandth page
	 * costs what its first does. The organisations are one array parameter, however many a province has.
	 */
	@Transactional(readOnly = true)
	public MeetingPage list(Caller caller, Long orgId, Instant from, Instant to, MeetingType type, Keyset after, int size) {
		// at the root of the tree (a province) no scope filter: 25 000 ids would cost more than the page
		StringBuilder filters = new StringBuilder();
		List<Object> args = new ArrayList<>();
		Set<Long> covered = null;
		Long[] organizations = null;
		if (!scope.coversWholeTree(caller, orgId, ORGANISE)) {
			covered = scope.covered(caller, orgId, "meeting", ORGANISE);
			organizations = covered.toArray(Long[]::new);
			args.add(organizations);
		}
		if (from != null) {
			filters.append(" and m.start_at >= ?");
			args.add(Timestamp.from(from));
		}
		if (to != null) {
			filters.append(" and m.start_at < ?");
			args.add(Timestamp.from(to));
		}
		if (type != null) {
			filters.append(" and m.type = ?");
			args.add(type.name());
		}
		// filtered by scope alone: the meetings kept per organisation (V138), exact (a scope of more than a thousand
		// organisations: their sum kept a few seconds, said so), read before the plan mode below (one plan for any
		// scope; planned for a school's 1 183 ids it cost 0.9 ms against 0.3 of running)
		boolean scopeAlone = from == null && to == null && type == null;
		Long[] inScope = organizations;
		boolean recent = scopeAlone && large.applyTo(inScope == null ? scope.activeOrganizations() : inScope.length);
		Long kept = !scopeAlone ? null : recent ? large.get(null, covered, () -> kept(inScope)) : kept(inScope);
		boolean many = organizations != null && organizations.length > PLANNED_FOR_VALUES_ABOVE;
		String whereScoped = "from meeting m where true" + (organizations == null ? "" : " and m.organization_id = any(?)") + filters;
		ListTotal total = scopeAlone ? new ListTotal(kept, !recent)
				: ListTotal.of(jdbc, COUNTED_UP_TO, whereScoped, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		String keyset = "";
		if (after != null) {
			keyset = " and (m.start_at, m.id) < (?, ?)";
			pageArgs.add(Timestamp.from(after.at()));
			pageArgs.add(after.id());
		}
		String sql;
		if (many && scopeAlone) {
			// one kept plan whatever the scope (its limits written in: with the limit a parameter the kept plan read
			// every meeting for a hash join); planned for a school's 1 183 values, "= any" cost 0.75 ms of planning
			jdbc.execute("set local plan_cache_mode = force_generic_plan");
			boolean walk = walksAll(allMeetings(), kept, organizations.length, size + 1);
			Instant since = walk ? null : lookBackTo(after == null ? clock.instant() : after.at(), oldestMeeting(), kept, size + 1);
			if (since != null) {
				List<Object> boundArgs = new ArrayList<>(pageArgs);
				boundArgs.add(Timestamp.from(since));
				List<MeetingView> found = viewsOf(scopePage(false, keyset + " and m.start_at >= ?", size + 1), boundArgs.toArray());
				if (found.size() > size) {
					return page(found, size, total);
				}
			}
			sql = scopePage(walk, keyset, size + 1);
		}
		else {
			// filtered, of many organisations: planned for its values on every call, since the plan PostgreSQL keeps
			// (pgjdbc prepares a statement on the server after five calls) reads the scope's own meetings and sorts
			// them, right for a rare type, not for a school's every 主题党日
			if (many) {
				jdbc.execute("set local plan_cache_mode = force_custom_plan");
			}
			sql = pageStatement(whereScoped + keyset);
			pageArgs.add(size + 1);
		}
		return page(viewsOf(sql, pageArgs.toArray()), size, total);
	}

	/** The page of {@code size} in rows read one further (that one says there is a next page). */
	private static MeetingPage page(List<MeetingView> rows, int size, ListTotal total) {
		boolean more = rows.size() > size;
		List<MeetingView> shown = more ? rows.subList(0, size) : rows;
		MeetingView last = more ? shown.get(shown.size() - 1) : null;
		return new MeetingPage(shown, total, last == null ? null : Keyset.after(last.startAt(), last.id()));
	}

	/**
	 * How far back from {@code from} each organisation's newest are first read, for a scope's page found by merging
	 * them: the time that holds three pages of the scope's {@code scoped} meetings at their pace since the platform's
	 * oldest meeting. A page filled within it is the page (every meeting left out is older than all it holds); one not
	 * filled is read again without it. A small school of a province (101 organisations, 3 201 meetings in a year) reads
	 * a fortnight's hundred-odd entries instead of all 3 201. Null: nothing to bound (no meetings, or the bound would
	 * reach past the oldest).
	 */
	static Instant lookBackTo(Instant from, Instant oldest, long scoped, int limit) {
		if (oldest == null || scoped == 0 || !oldest.isBefore(from)) {
			return null;
		}
		long history = Duration.between(oldest, from).toSeconds();
		double back = (double) history * 3 * limit / scoped;
		return back >= history ? null : from.minusSeconds((long) back);
	}

	/** The platform's oldest meeting's start (null: none), kept as the root's total is. */
	private Instant oldestMeeting() {
		Long millis = large.get("oldest", null, () -> jdbc.query("select min(start_at) from meeting",
				rs -> rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).getTime() : -1L));
		return millis == null || millis < 0 ? null : Instant.ofEpochMilli(millis);
	}

	/**
	 * Whether a page of a scope alone is found sooner walking the newest meetings of all and keeping the scope's (about
	 * {@code limit × all ÷ scoped} index entries read) than reading each organisation's newest and merging them (at most
	 * {@code limit} of each, and a descent of its index, worth a few entries, per organisation). A school of a
	 * province's 5 % of the meetings walks a thousand; one of 0.4 % would walk twelve thousand, where its 101
	 * organisations hold 3 200 (2.2 ms against 1.2); a school without meetings would walk them all.
	 */
	static boolean walksAll(long all, long scoped, int organizations, int limit) {
		double walked = scoped == 0 ? Double.MAX_VALUE : (double) limit * all / scoped;
		double each = Math.min(scoped, (double) organizations * limit) + 4.0 * organizations;
		return walked < each;
	}

	/**
	 * The page of a scope alone, its organisations one array parameter, then the cursor's if {@code keyset}: through
	 * {@link #HASHED_SCOPE} walking all meetings newest first, or each organisation's newest from its index, merged.
	 */
	static String scopePage(boolean walk, String keyset, int limit) {
		String newestFirst = " order by m.start_at desc, m.id desc limit " + limit;
		return pageOf(walk ? "select m.id from meeting m where " + HASHED_SCOPE + keyset + newestFirst
				: "select x.id from unnest(?::bigint[]) o(id) cross join lateral (select m.id, m.start_at from meeting m "
						+ "where m.organization_id = o.id" + keyset + newestFirst + ") x "
						+ "order by x.start_at desc, x.id desc limit " + limit);
	}

	/** The meetings of the whole tree, for {@link #walksAll}: the root's total, kept as the root's list keeps it. */
	private long allMeetings() {
		return large.applyTo(scope.activeOrganizations()) ? large.get(null, null, () -> kept(null)) : kept(null);
	}

	/** The meetings of these organisations (null: every organisation) from the counts kept per organisation. */
	private long kept(Long[] organizations) {
		return organizations == null
				? jdbc.queryForObject("select coalesce(sum(meetings), 0) from meeting_count", Long.class)
				: jdbc.queryForObject("select coalesce(sum(meetings), 0) from meeting_count where organization_id = any(?)", Long.class,
						(Object) organizations);
	}

	/** The caller's own meetings as an invitee, from {@code from} on (their phone page). */
	@Transactional(readOnly = true)
	public List<MeetingView> mine(Caller caller, Instant from) {
		Long memberId = members.memberOfAccount(caller.accountId()).orElse(null);
		// a member's invitations, and an activist's or 发展对象's as a guest (by their account); the ids first, from
		// each one's index: asked as "exists … or exists …" on every meeting, the planner walked all the meetings
		// (143 ms for a member of the generated province's 758 898, on every phone home)
		return viewsOf(VIEW_COLUMNS + """
				from meeting m
				where m.id in (select i.meeting_id from meeting_invitee i where i.member_id = ?
				               union select g.meeting_id from meeting_guest g where g.account_id = ?)
				  and m.end_at >= ?
				order by m.start_at""", memberId, caller.accountId(), Timestamp.from(from));
	}

	@Transactional(readOnly = true)
	public MeetingView find(Caller caller, long id) {
		return views(List.of(visible(caller, id))).get(0);
	}

	/** A meeting's view and its invitee count, from a statement's {@code meeting m} (then its from and where). */
	private static final String VIEW_COLUMNS = """
			select m.id, m.organization_id, m.type, m.topic, m.start_at, m.end_at, m.place, m.lecturer, m.organiser,
			       m.recorded_after, m.invitees
			""";

	/**
	 * A list page's statement: {@code fromWhere} is its from and where clauses with the cursor; the limit its last
	 * parameter. The page's ids are found first, from {@code meeting_start_scope_idx} alone (the order, the cursor, the
	 * organisation and the type are in it: V138), and only their rows are read.
	 */
	static String pageStatement(String fromWhere) {
		return pageOf("select m.id " + fromWhere + " order by m.start_at desc, m.id desc limit ?");
	}

	/** The page's rows, newest first, of the ids {@code pageIds} selects. */
	private static String pageOf(String pageIds) {
		return "with page as (" + pageIds + ")\n" + VIEW_COLUMNS
				+ "from page join meeting m on m.id = page.id order by m.start_at desc, m.id desc";
	}

	/**
	 * The views a {@link #VIEW_COLUMNS} statement reads, with their organisations' names: lists read meetings as rows,
	 * not entities (loading a page's entities by id cost more than the rest of the list: Hibernate translated its id
	 * list again on every call).
	 */
	private List<MeetingView> viewsOf(String sql, Object... args) {
		List<MeetingView> rows = jdbc.query(sql,
				(rs, n) -> new MeetingView(rs.getLong(1), rs.getLong(2), "", MeetingType.valueOf(rs.getString(3)), rs.getString(4),
						rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8),
						rs.getString(9), rs.getBoolean(10), rs.getInt(11)),
				args);
		Map<Long, String> names = organizationNames(rows.stream().map(MeetingView::orgId).collect(Collectors.toSet()));
		return rows.stream().map(v -> v.at(names.getOrDefault(v.orgId(), ""))).toList();
	}

	/** The current check-in code, for the organiser's screen (it changes every few seconds). */
	@Transactional(readOnly = true)
	public CheckinTokens.Token token(Caller caller, long id) {
		Meeting meeting = organised(caller, id);
		return tokens.issue(meeting.id());
	}

	/** The signed-in member checks in with the code they scanned; a second time records nothing new. */
	public CheckedIn checkIn(Caller caller, long id, String token) {
		return checkIn(caller, id, token, null);
	}

	/**
	 * As {@link #checkIn(Caller, long, String)}, for a member who scanned the code at {@code scannedAt} and
	 * then had to sign in: the code is judged, and the member checked in, as of the scan — if that was
	 * within the sign-in grace ({@code party.orglife.checkin-sign-in-grace}), since typing a password on a
	 * phone takes longer than a code lives.
	 */
	CheckedIn checkIn(Caller caller, long id, String token, Instant scannedAt) {
		Meeting meeting = meetings.findById(id).orElseThrow(() -> new OutOfScopeException("meeting", id));
		Instant now = clock.instant();
		Instant at = scannedAt != null && !scannedAt.isAfter(now) && !scannedAt.isBefore(now.minus(signInGrace)) ? scannedAt
				: now;
		switch (tokens.check(token, id, at)) {
			case FORGED -> throw new FieldProblem("token", "orglife.checkin.forged");
			case EXPIRED -> throw new FieldProblem("token", "orglife.checkin.expired");
			case VALID -> {
			}
		}
		Long memberId = members.memberOfAccount(caller.accountId()).filter(m -> invited(id, m)).orElse(null);
		if (memberId == null) {
			// an activist or 发展对象 invited as a guest scans the same code with their own account
			long guest = guestList.guestOf(id, caller.accountId())
				.orElseThrow(() -> new FieldProblem("token", "orglife.checkin.notInvited"));
			return guestList.record(caller, meeting, guest, false, at, opensBefore);
		}
		return record(caller, meeting, memberId, false, at);
	}

	/** The organiser checks in someone without a phone; marked as done by hand. */
	public CheckedIn checkInByHand(Caller caller, long id, long memberId) {
		Meeting meeting = organised(caller, id);
		requireAttendanceOpen(id, "memberId");
		if (!invited(id, memberId)) {
			throw new FieldProblem("memberId", "orglife.checkin.notInvited");
		}
		return record(caller, meeting, memberId, true, clock.instant());
	}

	/** The organiser ticks a guest (an activist or 发展对象) present by hand. */
	public CheckedIn checkInGuestByHand(Caller caller, long id, long personId) {
		Meeting meeting = organised(caller, id);
		requireAttendanceOpen(id, "personId");
		if (!guestList.invited(id, personId)) {
			throw new FieldProblem("personId", "orglife.checkin.notInvited");
		}
		return guestList.record(caller, meeting, personId, true, clock.instant(), opensBefore);
	}

	/** The signed-off minutes hold the attendance list; it does not change behind them. */
	private void requireAttendanceOpen(long id, String field) {
		if (Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from meeting_minutes where meeting_id = ? and signed_off_at is not null)", Boolean.class, id))) {
			throw new FieldProblem(field, "orglife.minutes.attendanceLocked");
		}
	}

	/** The guests' standing, apart from the members'. */
	@Transactional(readOnly = true)
	public List<MeetingGuestList.GuestRow> guestAttendance(Caller caller, long id) {
		return guestList.attendance(organised(caller, id));
	}

	private CheckedIn record(Caller caller, Meeting meeting, long memberId, boolean manual, Instant now) {
		if (!meeting.openForCheckIn(now, opensBefore) && !manual) {
			throw new FieldProblem("token", "orglife.checkin.closed", opensBefore.toMinutes());
		}
		// one row per person and meeting, whatever arrives at the same moment
		int inserted = jdbc.update("""
				insert into meeting_checkin (meeting_id, member_id, checked_in_at, manual, recorded_by) values (?, ?, ?, ?, ?)
				on conflict (meeting_id, member_id) do nothing""", meeting.id(), memberId, Timestamp.from(now), manual,
				caller.username());
		if (inserted == 0) {
			Instant at = jdbc.queryForObject("select checked_in_at from meeting_checkin where meeting_id = ? and member_id = ?",
					Timestamp.class, meeting.id(), memberId).toInstant();
			return new CheckedIn(meeting.id(), memberId, at, meeting.lateAt(at), true);
		}
		events.publishEvent(new MeetingAttended(meeting.id(), memberId, meeting.type(), meeting.topic(), meeting.lateAt(now),
				manual, now, caller.username()));
		return new CheckedIn(meeting.id(), memberId, now, meeting.lateAt(now), false);
	}

	/** An invitee asks for leave, with a reason the organiser reads. */
	public void askForLeave(Caller caller, long id, String reason) {
		visible(caller, id);
		long memberId = members.memberOfAccount(caller.accountId()).filter(m -> invited(id, m))
			.orElseThrow(() -> new FieldProblem("reason", "orglife.checkin.notInvited"));
		String why = PlainText.clean(reason);
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "orglife.leave.reason");
		}
		jdbc.update("update meeting_invitee set leave_state = 'REQUESTED', leave_reason = ? where meeting_id = ? and member_id = ?",
				why, id, memberId);
	}

	public void decideLeave(Caller caller, long id, long memberId, boolean approve) {
		organised(caller, id);
		int changed = jdbc.update("""
				update meeting_invitee set leave_state = ? where meeting_id = ? and member_id = ? and leave_state is not null""",
				approve ? "APPROVED" : "REFUSED", id, memberId);
		if (changed == 0) {
			throw new FieldProblem("memberId", "orglife.leave.none");
		}
	}

	/** Each invitee's standing: present, late, on leave, absent (once it is over), or still expected. */
	@Transactional(readOnly = true)
	public List<AttendanceRow> attendance(Caller caller, long id) {
		Meeting meeting = organised(caller, id);
		boolean over = clock.instant().isAfter(meeting.endAt());
		Map<Long, String> names = new HashMap<>();
		List<Long> invitedIds = jdbc.queryForList("select member_id from meeting_invitee where meeting_id = ?", Long.class, id);
		members.refs(invitedIds).forEach(m -> names.put(m.id(), m.name()));
		return jdbc.query("""
				select i.member_id, i.leave_state, i.leave_reason, c.checked_in_at, c.manual
				from meeting_invitee i left join meeting_checkin c on c.meeting_id = i.meeting_id and c.member_id = i.member_id
				where i.meeting_id = ?""", (rs, n) -> {
			Timestamp at = rs.getTimestamp("checked_in_at");
			Attendance status = at != null ? (meeting.lateAt(at.toInstant()) ? Attendance.LATE : Attendance.PRESENT)
					: "APPROVED".equals(rs.getString("leave_state")) ? Attendance.LEAVE
							: over ? Attendance.ABSENT : Attendance.EXPECTED;
			long memberId = rs.getLong("member_id");
			return new AttendanceRow(memberId, names.getOrDefault(memberId, ""), status, at == null ? null : at.toInstant(),
					at != null && rs.getBoolean("manual"), rs.getString("leave_reason"));
		}, id).stream().sorted(Comparator.comparing(AttendanceRow::name)).toList();
	}

	/** That the caller organises meetings at this organisation, else the audited 404 (the plan form's first choice). */
	void requireOrganiser(Caller caller, long orgId) {
		scope.requireReach(caller, orgId, ORGANISE);
	}

	/** The members of an organisation's subtree, for an organiser in reach (attendance exports). */
	@Transactional(readOnly = true)
	public List<MemberRef> membersFor(Caller caller, long orgId) {
		scope.requireReach(caller, orgId, ORGANISE);
		return members.membersIn(scope.subtree(orgId));
	}

	/** Whether the caller organises this meeting (sees attendance, shows the code, checks in by hand). */
	@Transactional(readOnly = true)
	public boolean organises(Caller caller, long id) {
		return meetings.findById(id).map(m -> scope.reaches(caller, m.organizationId(), ORGANISE)).orElse(false);
	}

	// ---- access ----

	private boolean invited(long meetingId, long memberId) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from meeting_invitee where meeting_id = ? and member_id = ?)", Boolean.class,
				meetingId, memberId));
	}

	/** An organiser in reach, or an invitee; anyone else gets the audited 404. */
	Meeting visible(Caller caller, long id) {
		Meeting meeting = meetings.findById(id).orElseThrow(() -> new OutOfScopeException("meeting", id));
		if (scope.reaches(caller, meeting.organizationId(), ORGANISE)) {
			return meeting;
		}
		boolean invitee = members.memberOfAccount(caller.accountId()).map(m -> invited(id, m)).orElse(false)
				|| guestList.guestOf(id, caller.accountId()).isPresent();
		if (!invitee) {
			throw new OutOfScopeException("meeting", id);
		}
		return meeting;
	}

	Meeting organised(Caller caller, long id) {
		Meeting meeting = visible(caller, id);
		if (!scope.reaches(caller, meeting.organizationId(), ORGANISE)) {
			throw new NotPermittedException("meeting", id, "organise");
		}
		return meeting;
	}

	private List<MeetingView> views(Collection<Meeting> found) {
		if (found.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = organizationNames(found.stream().map(Meeting::organizationId).collect(Collectors.toSet()));
		// kept on the row (V140), not mapped: the entity never writes it
		Map<Long, Integer> counts = new HashMap<>();
		jdbc.query("select id, invitees from meeting where id = any(?)", rs -> {
			counts.put(rs.getLong(1), rs.getInt(2));
		}, (Object) found.stream().map(Meeting::id).toArray(Long[]::new));
		return found.stream()
			.map(m -> m.view(names.getOrDefault(m.organizationId(), ""), counts.getOrDefault(m.id(), 0)))
			.toList();
	}

	private Map<Long, String> organizationNames(Set<Long> organizations) {
		return scope.findAll(organizations).stream().collect(Collectors.toMap(OrgRef::id, OrgRef::name));
	}
}
