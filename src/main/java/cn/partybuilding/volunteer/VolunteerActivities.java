package cn.partybuilding.volunteer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * Activities and their shifts, teams, and sign-up: a place while there is one, else the waiting list in the order
 * people came; a freed place goes to the first waiting. Every change of a shift's places happens under the
 * shift's row lock, so 1 000 people at once still give exactly its places.
 */
@Service
@Transactional
class VolunteerActivities {

	/** Who publishes activities for an organisation (and reads their sign-ups): its managers. */
	static final Role[] ORGANISERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	static final String CONFIRMED = "CONFIRMED";

	static final String WAITING = "WAITING";

	record NewShift(Instant startAt, Instant endAt, Integer places) {
	}

	/** Repeat every shift given {@code times} times in all, a day or a week apart. */
	record Repeat(@Size(max = 10) String every, Integer times) {
	}

	record NewActivity(Long orgId, Long teamId, @Size(max = 200) String title, @Size(max = 200) String place,
			@Size(max = 4000) String description, @Size(max = 1000) String requirements,
			@Size(max = 200) String contact, @Size(max = 10) String audience, Instant signUpUntil,
			@Size(max = 200) List<@Valid NewShift> shifts, @Valid Repeat repeat) {
	}

	record ShiftRef(long id, int places) {
	}

	record Created(long id, List<ShiftRef> shifts) {
	}

	record SignedUp(String state, int position) {
	}

	record NewGuest(@Size(max = 100) String name, @Size(max = 30) String phone, @Size(max = 30) String schoolNumber) {
	}

	record NewTeam(Long orgId, @Size(max = 100) String name, @Size(max = 20) String kind, Long leaderMemberId) {
	}

	record Team(long id, long orgId, String orgName, String name, String kind, long leaderAccountId, String leaderName) {
	}

	/** An activity as lists show it; {@code mine} is the caller's state on any of its shifts (null: none). */
	record ActivityLine(long id, long orgId, String orgName, Long teamId, String teamName, String title, String place,
			Audience audience, Instant signUpUntil, Instant firstStart, Instant lastEnd, int shifts, int places,
			int taken, int waiting, String mine, int cancelled, String cancelledReason) {

		public boolean full() {
			return taken >= places;
		}

		/** Every shift of the activity is cancelled. */
		public boolean allCancelled() {
			return cancelled > 0 && cancelled >= shifts;
		}
	}

	record Shift(long id, long activityId, Instant startAt, Instant endAt, int places, int taken, int arrivals,
			int waiting, Instant cancelledAt, String cancelledReason) {

		public boolean full() {
			return taken >= places;
		}

		public boolean cancelled() {
			return cancelledAt != null;
		}

		Duration length() {
			return Duration.between(startAt, endAt);
		}
	}

	/** The caller's own sign-up on a shift: its state and the place in the waiting list (0 when confirmed). */
	record MyShift(Shift shift, String state, int position) {
	}

	record ActivityView(ActivityLine line, String description, String requirements, String contact,
			List<MyShift> shifts, boolean organiser, boolean open) {
	}

	record Activity(long id, long orgId, Long teamId, String title, String place, String description,
			String requirements, String contact, Audience audience, Instant signUpUntil, String teamName) {
	}

	/** One sign-up as the organiser sees it. */
	record Signup(long id, long shiftId, Long accountId, Long memberId, String name, boolean guest, String phone,
			String schoolNumber, String state, int position, Instant signedUpAt, Instant checkedInAt,
			Instant checkedOutAt, boolean manual, java.math.BigDecimal hours, String reason) {
	}

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final VolunteerSettings settings;

	VolunteerActivities(JdbcClient jdbc, OrganizationScope scope, MemberDirectory members,
			ApplicationEventPublisher events, Clock clock, VolunteerSettings settings) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.members = members;
		this.events = events;
		this.clock = clock;
		this.settings = settings;
	}

	// ---- teams ----

	/** A 服务队 or 党员先锋岗 of an organisation the caller manages, led by an account (its username). */
	Team createTeam(Caller caller, NewTeam request) {
		if (request.orgId() == null) {
			throw new FieldProblem("orgId", "volunteer.orgId.required");
		}
		scope.requireReach(caller, request.orgId(), ORGANISERS);
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String name = strip(request.name());
		if (name.isEmpty()) {
			problems.add(problem("name", "volunteer.team.name.required"));
		}
		String kind = request.kind() == null ? "SERVICE_TEAM" : request.kind();
		if (!kind.equals("SERVICE_TEAM") && !kind.equals("PIONEER_POST")) {
			problems.add(problem("kind", "volunteer.team.kind.invalid"));
		}
		Set<Long> subtree = scope.subtree(request.orgId());
		Optional<MemberRef> leaderRef = request.leaderMemberId() == null ? Optional.empty()
				: members.refs(List.of(request.leaderMemberId())).stream()
					.filter(m -> subtree.contains(m.organizationId())).findFirst();
		List<Long> leaderAccount = leaderRef.isEmpty() ? List.of() : members.accountsOf(List.of(leaderRef.get().id()));
		if (leaderAccount.isEmpty()) {
			problems.add(problem("leaderMemberId", "volunteer.team.leader.unknown"));
		}
		if (problems.isEmpty() && jdbc.sql("select count(*) from volunteer_team where organization_id = ? and name = ?")
			.params(request.orgId(), name).query(Long.class).single() > 0) {
			problems.add(problem("name", "volunteer.team.name.taken"));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long id = jdbc.sql("""
				insert into volunteer_team (organization_id, name, kind, leader_account_id, leader_name, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(request.orgId(), name, kind, leaderAccount.get(0), leaderRef.get().name(), caller.username(), now())
			.query(Long.class).single();
		events.publishEvent(new VolunteerChanged("volunteer.team.create", "volunteer-team", id,
				name + " (" + kind + "), leader member " + request.leaderMemberId()));
		return teams("where t.id = ?", id).get(0);
	}

	/** Whether the account leads a 服务队 or 党员先锋岗 (and so organises its activities). */
	@Transactional(readOnly = true)
	boolean leadsTeam(long accountId) {
		return jdbc.sql("select exists (select 1 from volunteer_team where leader_account_id = ?)").param(accountId)
			.query(Boolean.class).single();
	}

	/** The teams of the organisations the caller manages, and those the caller leads. */
	@Transactional(readOnly = true)
	List<Team> teams(Caller caller) {
		Set<Long> managed = scope.visibleTo(caller, ORGANISERS);
		return teams("where t.organization_id = any(?) or t.leader_account_id = ? order by t.organization_id, t.name",
				managed.toArray(Long[]::new), caller.accountId());
	}

	private List<Team> teams(String where, Object... params) {
		List<Team> rows = jdbc.sql("select t.* from volunteer_team t " + where).params(params)
			.query((rs, n) -> new Team(rs.getLong("id"), rs.getLong("organization_id"), "", rs.getString("name"),
					rs.getString("kind"), rs.getLong("leader_account_id"), rs.getString("leader_name")))
			.list();
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(Team::orgId).collect(Collectors.toSet()));
		return rows.stream().map(t -> new Team(t.id(), t.orgId(), names.getOrDefault(t.orgId(), ""), t.name(), t.kind(),
				t.leaderAccountId(), t.leaderName())).toList();
	}

	// ---- publishing ----

	Created create(Caller caller, NewActivity request) {
		Long orgId = request.orgId();
		Team team = null;
		if (request.teamId() != null) {
			team = teams("where t.id = ?", request.teamId()).stream().findFirst()
				.filter(t -> t.leaderAccountId() == caller.accountId() || scope.reaches(caller, t.orgId(), ORGANISERS))
				.orElseThrow(() -> new OutOfScopeException("volunteer-team", request.teamId()));
			if (orgId != null && orgId != team.orgId()) {
				throw new FieldProblem("teamId", "volunteer.team.otherOrganization");
			}
			orgId = team.orgId();
		}
		else if (orgId == null) {
			throw new FieldProblem("orgId", "volunteer.orgId.required");
		}
		else {
			scope.requireReach(caller, orgId, ORGANISERS);
		}
		Checked checked = check(request.title(), request.place(), request.audience(), request.signUpUntil(),
				request.shifts(), request.repeat(), null);
		long id = jdbc.sql("""
				insert into volunteer_activity (organization_id, team_id, title, place, description, requirements, contact,
				  audience, sign_up_until, created_by_account, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(orgId, request.teamId(), checked.title(), checked.place(), strip(request.description()),
					strip(request.requirements()), strip(request.contact()), checked.audience().name(),
					Timestamp.from(request.signUpUntil()), caller.accountId(), caller.username(), now())
			.query(Long.class).single();
		List<ShiftRef> refs = new ArrayList<>();
		for (NewShift s : checked.shifts()) {
			refs.add(new ShiftRef(jdbc.sql("""
					insert into volunteer_shift (activity_id, starts_at, ends_at, places) values (?, ?, ?, ?) returning id""")
				.params(id, Timestamp.from(s.startAt()), Timestamp.from(s.endAt()), s.places()).query(Long.class).single(),
					s.places()));
		}
		events.publishEvent(new VolunteerChanged("volunteer.activity.create", "volunteer-activity", id,
				"《" + checked.title() + "》 " + refs.size() + " shifts, " + checked.audience() + ", sign-up until "
						+ request.signUpUntil()));
		return new Created(id, refs);
	}

	record Checked(String title, String place, Audience audience, List<NewShift> shifts) {
	}

	/** Checks an activity's fields; {@code keptShifts} are the shifts an edit keeps (null: a new activity). */
	private Checked check(String rawTitle, String rawPlace, String rawAudience, Instant signUpUntil,
			List<NewShift> given, Repeat repeat, Integer keptShifts) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String title = strip(rawTitle);
		if (title.isEmpty()) {
			problems.add(problem("title", "volunteer.title.required"));
		}
		String place = strip(rawPlace);
		if (place.isEmpty()) {
			problems.add(problem("place", "volunteer.place.required"));
		}
		Audience audience = null;
		try {
			audience = Audience.valueOf(rawAudience == null ? "" : rawAudience);
		}
		catch (IllegalArgumentException e) {
			problems.add(problem("audience", "volunteer.audience.invalid"));
		}
		if (signUpUntil == null) {
			problems.add(problem("signUpUntil", "volunteer.signUpUntil.required"));
		}
		List<NewShift> shifts = given == null ? List.of() : given;
		if (shifts.isEmpty() && keptShifts == null) {
			problems.add(problem("shifts", "volunteer.shifts.required"));
		}
		for (int i = 0; i < shifts.size(); i++) {
			NewShift s = shifts.get(i);
			String at = "shifts[" + i + "].";
			if (s == null) {
				problems.add(problem("shifts[" + i + "]", "volunteer.shift.required"));
				continue;
			}
			if (s.startAt() == null) {
				problems.add(problem(at + "startAt", "volunteer.shift.startAt.required"));
			}
			if (s.endAt() == null) {
				problems.add(problem(at + "endAt", "volunteer.shift.endAt.required"));
			}
			else if (s.startAt() != null && !s.endAt().isAfter(s.startAt())) {
				problems.add(problem(at + "endAt", "volunteer.shift.endAt.beforeStart"));
			}
			else if (s.startAt() != null && Duration.between(s.startAt(), s.endAt()).toHours() >= 24) {
				problems.add(problem(at + "endAt", "volunteer.shift.tooLong"));
			}
			if (s.places() == null || s.places() < 1 || s.places() > settings.maxPlaces()) {
				problems.add(new FieldProblem.Problem(at + "places", "volunteer.shift.places.invalid",
						new Object[] { settings.maxPlaces() }));
			}
			if (keptShifts == null && signUpUntil != null && s.startAt() != null && signUpUntil.isAfter(s.startAt())
					&& problems.stream().noneMatch(p -> p.field().equals("signUpUntil"))) {
				problems.add(problem("signUpUntil", "volunteer.signUpUntil.afterStart"));
			}
		}
		int times = 1;
		Duration step = null;
		if (repeat != null && (repeat.every() != null || repeat.times() != null)) {
			if ("WEEKLY".equals(repeat.every())) {
				step = Duration.ofDays(7);
			}
			else if ("DAILY".equals(repeat.every())) {
				step = Duration.ofDays(1);
			}
			else {
				problems.add(problem("repeat.every", "volunteer.repeat.every.invalid"));
			}
			if (repeat.times() == null || repeat.times() < 1 || repeat.times() > settings.maxShifts()) {
				problems.add(new FieldProblem.Problem("repeat.times", "volunteer.repeat.times.invalid",
						new Object[] { settings.maxShifts() }));
			}
			else {
				times = repeat.times();
			}
		}
		int total = shifts.size() * times + (keptShifts == null ? 0 : keptShifts);
		if (total > settings.maxShifts()) {
			problems.add(new FieldProblem.Problem("shifts", "volunteer.shifts.tooMany", new Object[] { settings.maxShifts() }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		List<NewShift> all = new ArrayList<>();
		for (NewShift s : shifts) {
			for (int k = 0; k < times; k++) {
				Duration by = step == null ? Duration.ZERO : step.multipliedBy(k);
				all.add(new NewShift(s.startAt().plus(by), s.endAt().plus(by), s.places()));
			}
		}
		all.sort(Comparator.comparing(NewShift::startAt));
		return new Checked(title, place, audience, all);
	}

	/** The organiser changes the texts, the deadline, the places of shifts, or adds shifts. */
	record ActivityEdit(@Size(max = 200) String title, @Size(max = 200) String place,
			@Size(max = 4000) String description, @Size(max = 1000) String requirements,
			@Size(max = 200) String contact, @Size(max = 10) String audience, Instant signUpUntil,
			@Size(max = 200) List<@Valid ShiftPlaces> places, @Size(max = 200) List<@Valid NewShift> newShifts) {
	}

	record ShiftPlaces(Long shiftId, Integer places) {
	}

	void edit(Caller caller, long id, ActivityEdit request) {
		Activity a = organised(caller, id);
		List<Shift> shifts = shifts(id);
		Checked checked = check(request.title(), request.place(), request.audience(), request.signUpUntil(),
				request.newShifts(), null, shifts.size());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		List<ShiftPlaces> places = request.places() == null ? List.of() : request.places();
		for (int i = 0; i < places.size(); i++) {
			ShiftPlaces p = places.get(i);
			if (p == null || p.shiftId() == null) {
				continue;
			}
			Optional<Shift> s = shifts.stream().filter(x -> x.id() == p.shiftId()).findFirst();
			if (s.isEmpty()) {
				problems.add(problem("places[" + i + "].shiftId", "volunteer.shift.unknown"));
			}
			else if (p.places() == null || p.places() < 1 || p.places() > settings.maxPlaces()) {
				problems.add(new FieldProblem.Problem("places[" + i + "].places", "volunteer.shift.places.invalid",
						new Object[] { settings.maxPlaces() }));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		jdbc.sql("""
				update volunteer_activity set title = ?, place = ?, description = ?, requirements = ?, contact = ?,
				  audience = ?, sign_up_until = ? where id = ?""")
			.params(checked.title(), checked.place(), strip(request.description()), strip(request.requirements()),
					strip(request.contact()), checked.audience().name(), Timestamp.from(request.signUpUntil()), id)
			.update();
		for (ShiftPlaces p : places) {
			if (p == null || p.shiftId() == null) {
				continue;
			}
			Shift s = lockShift(p.shiftId());
			if (p.places() < s.taken()) {
				throw new ConflictProblem("places", "volunteer.shift.places.belowTaken", s.taken());
			}
			jdbc.sql("update volunteer_shift set places = ? where id = ?").params(p.places(), s.id()).update();
			for (int freed = p.places() - s.taken(); freed > 0; freed--) {
				if (!promoteFirstWaiting(a, lockShift(s.id()))) {
					break;
				}
			}
		}
		for (NewShift s : checked.shifts()) {
			jdbc.sql("insert into volunteer_shift (activity_id, starts_at, ends_at, places) values (?, ?, ?, ?)")
				.params(id, Timestamp.from(s.startAt()), Timestamp.from(s.endAt()), s.places()).update();
		}
		events.publishEvent(new VolunteerChanged("volunteer.activity.update", "volunteer-activity", id,
				"《" + checked.title() + "》 places " + places.size() + ", new shifts " + checked.shifts().size()));
	}

	// ---- cancelling ----

	/** The organiser's reason for cancelling a shift or an activity. */
	record Cancellation(@Size(max = 500) String reason) {
	}

	/** What a cancellation did: the shifts it cancelled and how many people were told. */
	record Cancelled(long activityId, List<Long> shiftIds, int notified) {
	}

	/** A cancelled shift takes no sign-up, no change of its list, no check-in and no hours: 409. */
	static Shift live(Shift s) {
		if (s.cancelled()) {
			throw new ConflictProblem("shift", "volunteer.shift.isCancelled", s.cancelledReason());
		}
		return s;
	}

	/** The organiser cancels one shift that has not started, with a reason; its people are told. */
	Cancelled cancelShift(Caller caller, long shiftId, Cancellation request) {
		Shift unlocked = shift(shiftId).orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		Activity a = organised(caller, unlocked.activityId());
		String reason = reason(request);
		Shift s = lockShift(shiftId);
		if (s.cancelled()) {
			throw new ConflictProblem("shift", "volunteer.shift.alreadyCancelled");
		}
		if (!clock.instant().isBefore(s.startAt())) {
			throw new ConflictProblem("shift", "volunteer.shift.cancel.started");
		}
		return cancelAll(caller, a, List.of(s), reason, false);
	}

	/** The organiser cancels every shift of the activity that has not started; those that have are kept. */
	Cancelled cancelActivity(Caller caller, long id, Cancellation request) {
		Activity a = organised(caller, id);
		String reason = reason(request);
		Instant now = clock.instant();
		List<Shift> open = new ArrayList<>();
		for (Shift s : shifts(id)) {
			Shift locked = lockShift(s.id());
			if (!locked.cancelled() && now.isBefore(locked.startAt())) {
				open.add(locked);
			}
		}
		if (open.isEmpty()) {
			throw new ConflictProblem("activity", "volunteer.activity.cancel.nothing");
		}
		return cancelAll(caller, a, open, reason, true);
	}

	private static String reason(Cancellation request) {
		String reason = strip(request == null ? null : request.reason());
		if (reason.isEmpty()) {
			throw new FieldProblem("reason", "volunteer.cancellation.reason.required");
		}
		return reason;
	}

	/** Under the shifts' locks: marks them cancelled and tells everyone on them, once per person. */
	private Cancelled cancelAll(Caller caller, Activity a, List<Shift> shifts, String reason, boolean whole) {
		Long[] ids = shifts.stream().map(Shift::id).toArray(Long[]::new);
		jdbc.sql("update volunteer_shift set cancelled_at = ?, cancelled_reason = ?, cancelled_by = ? where id = any(?)")
			.params(now(), reason, caller.displayName(), ids).update();
		List<Long> accounts = jdbc.sql("""
				select distinct account_id from volunteer_signup where shift_id = any(?) and account_id is not null
				order by account_id""").param(ids).query(Long.class).list();
		List<Long> shiftIds = List.of(ids);
		if (!accounts.isEmpty()) {
			events.publishEvent(new VolunteerShiftCancelled(a.id(), a.title(), a.place(), whole, shiftIds,
					shifts.stream().map(Shift::startAt).sorted().toList(), reason, caller.displayName(), accounts));
		}
		events.publishEvent(whole
				? new VolunteerChanged("volunteer.activity.cancel", "volunteer-activity", a.id(),
						"《" + a.title() + "》 " + ids.length + " shifts cancelled, " + accounts.size() + " told: " + reason)
				: new VolunteerChanged("volunteer.shift.cancel", "volunteer-shift", ids[0],
						"《" + a.title() + "》 " + shifts.get(0).startAt() + " cancelled, " + accounts.size() + " told: " + reason));
		return new Cancelled(a.id(), shiftIds, accounts.size());
	}

	// ---- reading ----

	private static final String ACTIVITY = """
			select a.id, a.organization_id, a.team_id, a.title, a.place, a.description, a.requirements, a.contact,
			       a.audience, a.sign_up_until, t.name as team_name
			from volunteer_activity a left join volunteer_team t on t.id = a.team_id""";

	Optional<Activity> activity(long id) {
		return jdbc.sql(ACTIVITY + " where a.id = ?").param(id).query((rs, n) -> new Activity(rs.getLong("id"),
				rs.getLong("organization_id"), (Long) rs.getObject("team_id"), rs.getString("title"), rs.getString("place"),
				rs.getString("description"), rs.getString("requirements"), rs.getString("contact"),
				Audience.valueOf(rs.getString("audience")), rs.getTimestamp("sign_up_until").toInstant(),
				rs.getString("team_name"))).optional();
	}

	/** Whether the caller organises the activity: a manager reaching its organisation, or its team's leader. */
	boolean organises(Caller caller, Activity a) {
		if (scope.reaches(caller, a.orgId(), ORGANISERS)) {
			return true;
		}
		return a.teamId() != null && jdbc.sql("select count(*) from volunteer_team where id = ? and leader_account_id = ?")
			.params(a.teamId(), caller.accountId()).query(Long.class).single() > 0;
	}

	/** The organisations the caller belongs to or works at (members, applicants and managers alike). */
	private Set<Long> homes(Caller caller) {
		return caller.organizationsWhere(g -> g.role().seesOrganizations());
	}

	/** Whether the activity is for the caller: someone of its organisation's subtree, or of its school. */
	boolean inAudience(Caller caller, Activity a) {
		long root = a.audience() == Audience.SCHOOL ? schoolOf(a.orgId()) : a.orgId();
		return homes(caller).stream().anyMatch(h -> scope.contains(root, h));
	}

	private long schoolOf(long orgId) {
		return OrganizationScope.schoolIn(scope.lineage(orgId)).map(OrgRef::id).orElse(orgId);
	}

	/** The activity when the caller may see it (its audience or its organiser), else the audited 404. */
	Activity visible(Caller caller, long id) {
		Activity a = activity(id).orElseThrow(() -> new OutOfScopeException("volunteer-activity", id));
		if (!inAudience(caller, a) && !organises(caller, a)) {
			throw new OutOfScopeException("volunteer-activity", id);
		}
		return a;
	}

	/** The activity for its organiser: 404 out of sight, 403 for one of its audience who does not organise it. */
	Activity organised(Caller caller, long id) {
		Activity a = visible(caller, id);
		if (!organises(caller, a)) {
			throw new NotPermittedException("volunteer-activity", id, "organiser only");
		}
		return a;
	}

	List<Shift> shifts(long activityId) {
		return jdbc.sql("""
				select s.*, (select count(*) from volunteer_signup g where g.shift_id = s.id and g.state = 'WAITING') as waiting
				from volunteer_shift s where s.activity_id = ? order by s.starts_at, s.id""").param(activityId)
			.query((rs, n) -> shift(rs)).list();
	}

	private static Shift shift(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Shift(rs.getLong("id"), rs.getLong("activity_id"), rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), rs.getInt("places"), rs.getInt("taken"), rs.getInt("arrivals"),
				rs.getInt("waiting"), instant(rs.getTimestamp("cancelled_at")), rs.getString("cancelled_reason"));
	}

	Optional<Shift> shift(long shiftId) {
		return jdbc.sql("""
				select s.*, (select count(*) from volunteer_signup g where g.shift_id = s.id and g.state = 'WAITING') as waiting
				from volunteer_shift s where s.id = ?""").param(shiftId).query((rs, n) -> shift(rs)).optional();
	}

	/** The shift, its row locked until the transaction ends: every change of its places takes turns here. */
	private Shift lockShift(long shiftId) {
		return jdbc.sql("select s.*, 0 as waiting from volunteer_shift s where s.id = ? for update").param(shiftId)
			.query((rs, n) -> shift(rs)).optional().orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
	}

	private static final String LINE = """
			select a.id, a.organization_id, a.team_id, t.name as team_name, a.title, a.place, a.audience, a.sign_up_until,
			       coalesce(min(s.starts_at) filter (where s.cancelled_at is null), min(s.starts_at)) as first_start, max(s.ends_at) as last_end, count(s.id) as shifts,
			       coalesce(sum(s.places) filter (where s.cancelled_at is null), 0) as places,
			       coalesce(sum(s.taken) filter (where s.cancelled_at is null), 0) as taken,
			       (select count(*) from volunteer_signup g join volunteer_shift x on x.id = g.shift_id
			        where x.activity_id = a.id and g.state = 'WAITING' and x.cancelled_at is null) as waiting,
			       (select min(g.state) from volunteer_signup g join volunteer_shift x on x.id = g.shift_id
			        where x.activity_id = a.id and g.account_id = ? and x.cancelled_at is null) as mine,
			       count(s.cancelled_at) as cancelled,
			       string_agg(distinct s.cancelled_reason, '; ') as cancelled_reason
			from volunteer_activity a left join volunteer_team t on t.id = a.team_id
			join volunteer_shift s on s.activity_id = a.id""";

	private List<ActivityLine> lines(long accountId, String where, String having, Object... params) {
		List<Object> all = new ArrayList<>();
		all.add(accountId);
		all.addAll(List.of(params));
		List<ActivityLine> rows = jdbc.sql(LINE + " " + where + " group by a.id, t.name " + having).params(all)
			.query((rs, n) -> new ActivityLine(rs.getLong("id"), rs.getLong("organization_id"), "",
					(Long) rs.getObject("team_id"), rs.getString("team_name"), rs.getString("title"), rs.getString("place"),
					Audience.valueOf(rs.getString("audience")), rs.getTimestamp("sign_up_until").toInstant(),
					rs.getTimestamp("first_start").toInstant(), rs.getTimestamp("last_end").toInstant(), rs.getInt("shifts"),
					rs.getInt("places"), rs.getInt("taken"), rs.getInt("waiting"), rs.getString("mine"),
					rs.getInt("cancelled"), rs.getString("cancelled_reason")))
			.list();
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(ActivityLine::orgId).collect(Collectors.toSet()));
		return rows.stream().map(l -> new ActivityLine(l.id(), l.orgId(), names.getOrDefault(l.orgId(), ""), l.teamId(),
				l.teamName(), l.title(), l.place(), l.audience(), l.signUpUntil(), l.firstStart(), l.lastEnd(), l.shifts(),
				l.places(), l.taken(), l.waiting(), l.mine(), l.cancelled(), l.cancelledReason())).toList();
	}

	enum Filter {
		UPCOMING, PAST, MINE
	}

	/** The activities for the caller (their subtree's, their school's), by the filter; upcoming soonest first. */
	@Transactional(readOnly = true)
	List<ActivityLine> forMe(Caller caller, Filter filter) {
		Set<Long> ancestors = new HashSet<>();
		Set<Long> schools = new HashSet<>();
		for (long home : homes(caller)) {
			List<OrgRef> lineage = scope.lineage(home);
			lineage.forEach(o -> ancestors.add(o.id()));
			OrganizationScope.schoolIn(lineage).ifPresent(school -> schools.add(school.id()));
		}
		Set<Long> schoolOrgs = scope.subtrees(schools);
		String where = """
				where ((a.audience = 'SUBTREE' and a.organization_id = any(?)) or (a.audience = 'SCHOOL' and a.organization_id = any(?))
				       or exists (select 1 from volunteer_signup g join volunteer_shift x on x.id = g.shift_id
				                  where x.activity_id = a.id and g.account_id = ?))""";
		Timestamp now = now();
		return switch (filter == null ? Filter.UPCOMING : filter) {
			case UPCOMING -> lines(caller.accountId(), where, "having max(s.ends_at) >= ? and count(s.cancelled_at) < count(s.id) order by min(s.starts_at), a.id limit 200",
					ancestors.toArray(Long[]::new), schoolOrgs.toArray(Long[]::new), caller.accountId(), now);
			case PAST -> lines(caller.accountId(), where, "having max(s.ends_at) < ? order by max(s.ends_at) desc, a.id desc limit 200",
					ancestors.toArray(Long[]::new), schoolOrgs.toArray(Long[]::new), caller.accountId(), now);
			case MINE -> lines(caller.accountId(), """
					where exists (select 1 from volunteer_signup g join volunteer_shift x on x.id = g.shift_id
					              where x.activity_id = a.id and g.account_id = ?)""",
					"order by min(s.starts_at) desc, a.id desc limit 200", caller.accountId());
		};
	}

	/** The activities the caller organises (of the organisations they manage, or under {@code orgId}; and their teams'). */
	@Transactional(readOnly = true)
	List<ActivityLine> organisedBy(Caller caller, Long orgId) {
		Set<Long> managed = orgId == null ? scope.visibleTo(caller, ORGANISERS) : scope.covered(caller, orgId,
				"volunteer-activity", ORGANISERS);
		Long[] led = jdbc.sql("select id from volunteer_team where leader_account_id = ?").param(caller.accountId())
			.query(Long.class).list().toArray(Long[]::new);
		if (managed.isEmpty() && led.length == 0) {
			throw new NotPermittedException("volunteer-activity", "*", "list");
		}
		return lines(caller.accountId(), "where (a.organization_id = any(?) or a.team_id = any(?))",
				"order by max(s.ends_at) desc, a.id desc limit 500", managed.toArray(Long[]::new), led);
	}

	/** An activity with its shifts and the caller's place on each. */
	@Transactional(readOnly = true)
	ActivityView view(Caller caller, long id) {
		Activity a = visible(caller, id);
		ActivityLine line = lines(caller.accountId(), "where a.id = ?", "", id).get(0);
		Map<Long, Object[]> mine = new java.util.HashMap<>();
		jdbc.sql("""
				select g.shift_id, g.state,
				       (select count(*) from volunteer_signup w where w.shift_id = g.shift_id and w.state = 'WAITING'
				        and w.arrival <= g.arrival) as position
				from volunteer_signup g join volunteer_shift s on s.id = g.shift_id where s.activity_id = ? and g.account_id = ?""")
			.params(id, caller.accountId())
			.query((rs, n) -> mine.put(rs.getLong(1), new Object[] { rs.getString(2), rs.getInt(3) })).list();
		List<MyShift> shifts = shifts(id).stream().map(s -> {
			Object[] m = mine.get(s.id());
			return new MyShift(s, m == null ? null : (String) m[0], m == null || CONFIRMED.equals(m[0]) ? 0 : (Integer) m[1]);
		}).toList();
		return new ActivityView(line, a.description(), a.requirements(), a.contact(), shifts, organises(caller, a),
				clock.instant().isBefore(a.signUpUntil()));
	}

	// ---- signing up ----

	/** The caller takes a place on the shift, or the next place in its waiting list. */
	SignedUp signUp(Caller caller, long shiftId) {
		Shift unlocked = shift(shiftId).orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		Activity a = activity(unlocked.activityId()).orElseThrow();
		if (!inAudience(caller, a) && !organises(caller, a)) {
			throw new OutOfScopeException("volunteer-shift", shiftId);
		}
		Instant now = clock.instant();
		if (!now.isBefore(a.signUpUntil()) || !now.isBefore(unlocked.startAt())) {
			throw new ConflictProblem("shift", "volunteer.signup.closed");
		}
		Long memberId = members.memberOfAccount(caller.accountId()).orElse(null);
		Long personOrg = memberId == null ? homes(caller).stream().findFirst().orElse(null)
				: members.refs(List.of(memberId)).stream().findFirst().map(MemberRef::organizationId).orElse(null);
		Shift s = live(lockShift(shiftId));
		if (jdbc.sql("select count(*) from volunteer_signup where shift_id = ? and account_id = ?")
			.params(shiftId, caller.accountId()).query(Long.class).single() > 0) {
			throw new ConflictProblem("shift", "volunteer.signup.twice");
		}
		SignedUp done = take(s, caller.accountId(), memberId, personOrg, caller.displayName(), null, null);
		events.publishEvent(new VolunteerChanged("volunteer.signup.create", "volunteer-shift", shiftId,
				"《" + a.title() + "》 " + done.state() + " #" + done.position()));
		return done;
	}

	/** Under the shift's lock: a place while one is free, else the end of the waiting list. */
	private SignedUp take(Shift s, Long accountId, Long memberId, Long personOrg, String name, String phone,
			String schoolNumber) {
		boolean place = s.taken() < s.places();
		int arrival = s.arrivals();
		jdbc.sql("""
				insert into volunteer_signup (shift_id, account_id, member_id, person_org_id, person_name, guest_phone,
				  guest_school_number, state, arrival, signed_up_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(s.id(), accountId, memberId, personOrg, name, phone, schoolNumber, place ? CONFIRMED : WAITING,
					arrival + 1, now())
			.update();
		jdbc.sql("update volunteer_shift set arrivals = arrivals + 1, taken = taken + ? where id = ?")
			.params(place ? 1 : 0, s.id()).update();
		if (place) {
			return new SignedUp(CONFIRMED, s.taken() + 1);
		}
		int position = jdbc.sql("select count(*) from volunteer_signup where shift_id = ? and state = 'WAITING'")
			.param(s.id()).query(Integer.class).single();
		return new SignedUp(WAITING, position);
	}

	/** The caller leaves the shift (until the deadline); their place goes to the first waiting. */
	void cancel(Caller caller, long shiftId) {
		Shift unlocked = shift(shiftId).orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		Activity a = activity(unlocked.activityId()).orElseThrow();
		Optional<Long> signup = jdbc.sql("select id from volunteer_signup where shift_id = ? and account_id = ?")
			.params(shiftId, caller.accountId()).query(Long.class).optional();
		if (signup.isEmpty()) {
			if (!inAudience(caller, a) && !organises(caller, a)) {
				throw new OutOfScopeException("volunteer-shift", shiftId);
			}
			throw new OutOfScopeException("volunteer-signup", shiftId + "/me");
		}
		live(unlocked);
		Instant now = clock.instant();
		if (!now.isBefore(a.signUpUntil()) || !now.isBefore(unlocked.startAt())) {
			throw new ConflictProblem("shift", "volunteer.cancel.closed");
		}
		remove(a, shiftId, signup.get());
		events.publishEvent(new VolunteerChanged("volunteer.signup.cancel", "volunteer-shift", shiftId,
				"《" + a.title() + "》 cancelled"));
	}

	/** The organiser takes someone (a guest, say) off the shift; the place goes to the first waiting. */
	void removeSignup(Caller caller, long signupId) {
		Signup g = signup(signupId).orElseThrow(() -> new OutOfScopeException("volunteer-signup", signupId));
		Shift s = shift(g.shiftId()).orElseThrow();
		Activity a = organised(caller, s.activityId());
		live(s);
		if (g.hours() != null) {
			throw new ConflictProblem("signup", "volunteer.signup.hasHours");
		}
		remove(a, s.id(), signupId);
		events.publishEvent(new VolunteerChanged("volunteer.signup.remove", "volunteer-shift", s.id(),
				"《" + a.title() + "》 removed " + g.name()));
	}

	private void remove(Activity a, long shiftId, long signupId) {
		lockShift(shiftId);
		String state = jdbc.sql("delete from volunteer_signup where id = ? and hours is null returning state")
			.param(signupId).query(String.class).optional()
			.orElseThrow(() -> new ConflictProblem("shift", "volunteer.signup.hasHours"));
		if (CONFIRMED.equals(state)) {
			jdbc.sql("update volunteer_shift set taken = taken - 1 where id = ?").param(shiftId).update();
			promoteFirstWaiting(a, lockShift(shiftId));
		}
	}

	/** Under the shift's lock: the first waiting takes the free place (and hears of it). False when none waits. */
	private boolean promoteFirstWaiting(Activity a, Shift s) {
		if (s.taken() >= s.places() || s.cancelled()) {
			return false;
		}
		Optional<Long[]> promoted = jdbc.sql("""
				update volunteer_signup set state = 'CONFIRMED'
				where id = (select id from volunteer_signup where shift_id = ? and state = 'WAITING' order by arrival limit 1)
				returning id, account_id""").param(s.id())
			.query((rs, n) -> new Long[] { rs.getLong(1), (Long) rs.getObject(2) }).optional();
		if (promoted.isEmpty()) {
			return false;
		}
		jdbc.sql("update volunteer_shift set taken = taken + 1 where id = ?").param(s.id()).update();
		if (promoted.get()[1] != null) {
			events.publishEvent(new VolunteerPlaceOffered(a.id(), s.id(), a.title(), s.startAt(), a.place(),
					promoted.get()[1]));
		}
		return true;
	}

	/**
	 * The organiser puts a member with an account on the shift — a place, or the waiting list — also after the
	 * deadline (an activity recorded afterwards). Someone already on it stays as they are.
	 */
	SignedUp enrol(Caller caller, long shiftId, long accountId) {
		Shift unlocked = shift(shiftId).orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		Activity a = organised(caller, unlocked.activityId());
		MemberRef member = members.membersOfAccounts(List.of(accountId)).stream().findFirst()
			.orElseThrow(() -> new FieldProblem("accountId", "volunteer.team.leader.unknown"));
		Shift s = live(lockShift(shiftId));
		Optional<String> there = jdbc.sql("select state from volunteer_signup where shift_id = ? and account_id = ?")
			.params(shiftId, accountId).query(String.class).optional();
		if (there.isPresent()) {
			return new SignedUp(there.get(), 0);
		}
		SignedUp done = take(s, accountId, member.id(), member.organizationId(), member.name(), null, null);
		events.publishEvent(new VolunteerChanged("volunteer.signup.create", "volunteer-shift", shiftId,
				"《" + a.title() + "》 " + member.name() + " by the organiser, " + done.state()));
		return done;
	}

	/** The organiser registers a guest (no account) on the shift: a place, or the waiting list. */
	SignedUp addGuest(Caller caller, long shiftId, NewGuest guest) {
		Shift unlocked = shift(shiftId).orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		Activity a = organised(caller, unlocked.activityId());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String name = strip(guest == null ? null : guest.name());
		String phone = strip(guest == null ? null : guest.phone());
		String number = strip(guest == null ? null : guest.schoolNumber());
		if (name.isEmpty()) {
			problems.add(problem("name", "volunteer.guest.name.required"));
		}
		if (!phone.matches("1\\d{10}|[0-9+\\- ]{5,20}")) {
			problems.add(problem("phone", "volunteer.guest.phone.invalid"));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		if (!clock.instant().isBefore(unlocked.endAt())) {
			throw new ConflictProblem("shift", "volunteer.guest.over");
		}
		Shift s = live(lockShift(shiftId));
		SignedUp done = take(s, null, null, null, name, phone, number.isEmpty() ? null : number);
		events.publishEvent(new VolunteerChanged("volunteer.guest.add", "volunteer-shift", shiftId,
				"《" + a.title() + "》 guest " + cn.partybuilding.shared.MaskedName.of(name) + " " + done.state()));
		return done;
	}

	/** The shift's sign-ups for its organiser (403 for its audience, 404 for anyone else), places first, in order. */
	@Transactional(readOnly = true)
	List<Signup> signups(Caller caller, long shiftId) {
		Shift s = shift(shiftId).orElseThrow(() -> new OutOfScopeException("volunteer-shift", shiftId));
		organised(caller, s.activityId());
		return signupRows("where g.shift_id = ? order by g.state, g.arrival", shiftId);
	}

	Optional<Signup> signup(long id) {
		return signupRows("where g.id = ?", id).stream().findFirst();
	}

	private List<Signup> signupRows(String where, Object... params) {
		return jdbc.sql("""
				select g.*, case when g.state = 'WAITING' then
				         (select count(*) from volunteer_signup w where w.shift_id = g.shift_id and w.state = 'WAITING' and w.arrival <= g.arrival)
				       else (select count(*) from volunteer_signup w where w.shift_id = g.shift_id and w.state = 'CONFIRMED' and w.arrival <= g.arrival)
				       end as position
				from volunteer_signup g""" + " " + where).params(params)
			.query((rs, n) -> new Signup(rs.getLong("id"), rs.getLong("shift_id"), (Long) rs.getObject("account_id"),
					(Long) rs.getObject("member_id"), rs.getString("person_name"), rs.getObject("account_id") == null,
					rs.getString("guest_phone"), rs.getString("guest_school_number"), rs.getString("state"),
					rs.getInt("position"), rs.getTimestamp("signed_up_at").toInstant(), instant(rs.getTimestamp("checked_in_at")),
					instant(rs.getTimestamp("checked_out_at")), rs.getBoolean("attendance_manual"), rs.getBigDecimal("hours"),
					rs.getString("hours_reason")))
			.list();
	}

	/** The organisations the caller may publish for (the form's picker). */
	@Transactional(readOnly = true)
	List<OrgRef> organisable(Caller caller) {
		return scope.findAll(scope.visibleTo(caller, ORGANISERS)).stream()
			.sorted(Comparator.comparingInt(OrgRef::depth).thenComparing(OrgRef::code)).toList();
	}

	static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant());
	}

	static String strip(String text) {
		return text == null ? "" : text.strip();
	}

	static FieldProblem.Problem problem(String field, String key) {
		return new FieldProblem.Problem(field, key, new Object[0]);
	}
}
