package cn.partybuilding.training;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.learning.LearningMaterials;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.orglife.CheckinCodes;
import cn.partybuilding.orglife.ShownCheckinCode;
import cn.partybuilding.orglife.CheckinSubject;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * Training classes: an organisation's managers organise one for chosen members of its subtree, with sessions of
 * so many 学时; a member attends a session by scanning its rotating code (orglife's check-in) or is recorded by the
 * organiser; whoever has attended sessions worth the required hours has completed the class — once, with
 * {@link TrainingClassCompleted}.
 */
@Service
@Transactional
class TrainingClasses {

	/** Who organises classes (and reads their attendance and the hours): the managers of an organisation. */
	static final Role[] ORGANISERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	static final int MAX_SESSIONS = 60;

	static final int MAX_AUDIENCE = 5000;

	static final BigDecimal MAX_SESSION_HOURS = new BigDecimal("24");

	static final BigDecimal MAX_REQUIRED_HOURS = new BigDecimal("1000");

	record Audience(@Size(max = MAX_AUDIENCE) List<Long> memberIds) {
	}

	record NewSession(Instant startAt, Instant endAt, @Size(max = 200) String place, BigDecimal hours) {
	}

	record NewClass(Long orgId, @Size(max = 200) String title, BigDecimal requiredHours, @Valid Audience audience,
			@Size(max = MAX_SESSIONS) List<@Valid NewSession> sessions, @Size(max = 50) List<Long> materialIds,
			@Size(max = 20) List<Long> courseIds) {
	}

	record SessionRef(long id) {
	}

	record Created(long id, List<SessionRef> sessions) {
	}

	/** Hours go out as numbers (JSON numbers; the platform writes decimals, which are money, as strings). */
	record SessionView(long id, long classId, Instant startAt, Instant endAt, String place, double hours,
			int attended) {
	}

	record MaterialView(long id, String title) {
	}

	record ClassLine(long id, long orgId, String orgName, String title, double requiredHours, double totalHours,
			Instant firstStart, Instant lastEnd, int sessions, int audience, int completed) {
	}

	record ClassView(ClassLine line, List<SessionView> sessions, List<MaterialView> materials, List<MaterialView> courses) {
	}

	/** One member of the audience: each session attended or not (in the sessions' order), hours, completion. */
	record AttendanceRow(long memberId, String name, String orgName, List<Attendance> sessions, double hours,
			boolean completed) {
	}

	record Attendance(boolean attended, boolean manual, Instant at) {
	}

	record Attended(long sessionId, long memberId, Instant checkedInAt, boolean manual, boolean already) {
	}

	/** A member's own class, on the phone. */
	record MyClass(ClassLine line, List<MySession> sessions, List<MaterialView> materials, List<MaterialView> courses,
			double hours, boolean completed) {
	}

	record MySession(SessionView session, boolean attended) {
	}

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final LearningMaterials materials;

	private final CheckinCodes codes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration opensBefore;

	TrainingClasses(JdbcClient jdbc, OrganizationScope scope, MemberDirectory members, LearningMaterials materials,
			CheckinCodes codes, ApplicationEventPublisher events, Clock clock,
			@Value("${party.training.checkin-opens-before:30m}") Duration opensBefore) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.members = members;
		this.materials = materials;
		this.codes = codes;
		this.events = events;
		this.clock = clock;
		this.opensBefore = opensBefore;
	}

	static CheckinSubject subject(long sessionId) {
		return new CheckinSubject("/training/sessions/" + sessionId + "/checkin");
	}

	// ---- organising ----

	Created create(Caller caller, NewClass request) {
		if (request.orgId() == null) {
			throw new FieldProblem("orgId", "training.orgId.required");
		}
		scope.requireReach(caller, request.orgId(), ORGANISERS);
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String title = request.title() == null ? "" : request.title().strip();
		if (title.isEmpty()) {
			problems.add(new FieldProblem.Problem("title", "training.title.required", new Object[0]));
		}
		BigDecimal required = request.requiredHours();
		if (required == null || required.signum() <= 0 || required.compareTo(MAX_REQUIRED_HOURS) > 0
				|| required.scale() > 1) {
			problems.add(new FieldProblem.Problem("requiredHours", "training.requiredHours.invalid", new Object[0]));
		}
		List<NewSession> sessions = request.sessions() == null ? List.of() : request.sessions();
		if (sessions.isEmpty()) {
			problems.add(new FieldProblem.Problem("sessions", "training.sessions.required", new Object[0]));
		}
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < sessions.size(); i++) {
			NewSession s = sessions.get(i);
			String at = "sessions[" + i + "].";
			if (s == null) {
				problems.add(new FieldProblem.Problem("sessions[" + i + "]", "training.session.required", new Object[0]));
				continue;
			}
			if (s.startAt() == null) {
				problems.add(new FieldProblem.Problem(at + "startAt", "training.session.startAt.required", new Object[0]));
			}
			if (s.endAt() == null) {
				problems.add(new FieldProblem.Problem(at + "endAt", "training.session.endAt.required", new Object[0]));
			}
			else if (s.startAt() != null && !s.endAt().isAfter(s.startAt())) {
				problems.add(new FieldProblem.Problem(at + "endAt", "training.session.endAt.beforeStart", new Object[0]));
			}
			if (s.place() == null || s.place().isBlank()) {
				problems.add(new FieldProblem.Problem(at + "place", "training.session.place.required", new Object[0]));
			}
			if (s.hours() == null || s.hours().signum() <= 0 || s.hours().compareTo(MAX_SESSION_HOURS) > 0
					|| s.hours().scale() > 1) {
				problems.add(new FieldProblem.Problem(at + "hours", "training.session.hours.invalid", new Object[0]));
			}
			else {
				total = total.add(s.hours());
			}
		}
		if (problems.isEmpty() && required.compareTo(total) > 0) {
			problems.add(new FieldProblem.Problem("requiredHours", "training.requiredHours.moreThanSessions",
					new Object[] { total.toPlainString() }));
		}
		Set<Long> audience = new LinkedHashSet<>(request.audience() == null || request.audience().memberIds() == null
				? List.of() : request.audience().memberIds());
		audience.remove(null);
		if (audience.isEmpty()) {
			problems.add(new FieldProblem.Problem("audience.memberIds", "training.audience.required", new Object[0]));
		}
		else {
			Set<Long> subtree = scope.subtree(request.orgId());
			Set<Long> found = members.refs(audience).stream().filter(m -> subtree.contains(m.organizationId()))
				.map(MemberRef::id).collect(Collectors.toSet());
			List<Long> outside = audience.stream().filter(id -> !found.contains(id)).toList();
			if (!outside.isEmpty()) {
				problems.add(new FieldProblem.Problem("audience.memberIds", "training.audience.outside",
						new Object[] { outside.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", ")) }));
			}
		}
		Map<Long, String> attached = new HashMap<>();
		for (Long id : request.materialIds() == null ? List.<Long>of() : request.materialIds()) {
			if (id == null) {
				continue;
			}
			Optional<String> materialTitle = materials.readableTitle(caller, id);
			if (materialTitle.isEmpty()) {
				problems.add(new FieldProblem.Problem("materialIds", "training.material.unknown", new Object[] { id }));
			}
			else {
				attached.put(id, materialTitle.get());
			}
		}
		Map<Long, String> courses = new HashMap<>();
		for (Long id : request.courseIds() == null ? List.<Long>of() : request.courseIds()) {
			if (id != null) {
				materials.readableCourseTitle(caller, id).ifPresentOrElse(t -> courses.put(id, t), () -> problems
					.add(new FieldProblem.Problem("courseIds", "training.course.unknown", new Object[] { id })));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long id = jdbc.sql("""
				insert into training_class (organization_id, title, required_hours, created_by, created_at)
				values (?, ?, ?, ?, ?) returning id""")
			.params(request.orgId(), title, required, caller.username(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
		List<SessionRef> refs = new ArrayList<>();
		for (NewSession s : sessions.stream().sorted(java.util.Comparator.comparing(NewSession::startAt)).toList()) {
			refs.add(new SessionRef(jdbc.sql("""
					insert into training_session (class_id, starts_at, ends_at, place, hours) values (?, ?, ?, ?, ?)
					returning id""").params(id, Timestamp.from(s.startAt()), Timestamp.from(s.endAt()), s.place().strip(),
					s.hours()).query(Long.class).single()));
		}
		jdbc.sql("insert into training_audience (class_id, member_id) select ?, unnest(?::bigint[])")
			.params(id, audience.toArray(Long[]::new)).update();
		attached.forEach((materialId, materialTitle) -> jdbc
			.sql("insert into training_material (class_id, material_id, title) values (?, ?, ?)")
			.params(id, materialId, materialTitle).update());
		courses.forEach((courseId, courseTitle) -> jdbc
			.sql("insert into training_course (class_id, course_id, title) values (?, ?, ?)")
			.params(id, courseId, courseTitle).update());
		events.publishEvent(new TrainingChanged("training.class.create", id, "《" + title + "》 " + sessions.size()
				+ " sessions, " + total.toPlainString() + " h, required " + required.toPlainString() + " h, "
				+ audience.size() + " members"));
		return new Created(id, refs);
	}

	// ---- reading ----

	private static final String LINE = """
			select c.id, c.organization_id, c.title, c.required_hours,
			       (select coalesce(sum(hours), 0) from training_session s where s.class_id = c.id) as total_hours,
			       (select min(starts_at) from training_session s where s.class_id = c.id) as first_start,
			       (select max(ends_at) from training_session s where s.class_id = c.id) as last_end,
			       (select count(*) from training_session s where s.class_id = c.id) as sessions,
			       (select count(*) from training_audience a where a.class_id = c.id) as audience,
			       (select count(*) from training_completion d where d.class_id = c.id) as completed
			from training_class c""";

	private List<ClassLine> lines(String where, Object... params) {
		List<Object[]> rows = jdbc.sql(LINE + " " + where).params(params).query((rs, n) -> new Object[] {
				rs.getLong("id"), rs.getLong("organization_id"), rs.getString("title"), rs.getBigDecimal("required_hours"),
				rs.getBigDecimal("total_hours"), instant(rs.getTimestamp("first_start")), instant(rs.getTimestamp("last_end")),
				rs.getInt("sessions"), rs.getInt("audience"), rs.getInt("completed") }).list();
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r[1]).collect(Collectors.toSet()));
		return rows.stream().map(r -> new ClassLine((Long) r[0], (Long) r[1], names.getOrDefault((Long) r[1], ""),
				(String) r[2], ((BigDecimal) r[3]).doubleValue(), ((BigDecimal) r[4]).doubleValue(), (Instant) r[5], (Instant) r[6], (Integer) r[7],
				(Integer) r[8], (Integer) r[9])).toList();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	/** The classes organised at organisations the caller manages (or under {@code orgId}), newest first. */
	@Transactional(readOnly = true)
	List<ClassLine> list(Caller caller, Long orgId, Integer year) {
		Set<Long> covered = scope.covered(caller, orgId, "training-class", ORGANISERS);
		String byYear = year == null ? "" : """
				and exists (select 1 from training_session s where s.class_id = c.id
				            and extract(year from s.starts_at at time zone 'Asia/Shanghai') = %d)""".formatted(year);
		return lines("where c.organization_id = any(?) " + byYear + " order by c.id desc limit 500",
				(Object) covered.toArray(Long[]::new));
	}

	/** The class as its organiser sees it (else the audited 404). */
	@Transactional(readOnly = true)
	ClassView find(Caller caller, long id) {
		ClassLine line = organised(caller, id);
		return view(line);
	}

	private ClassView view(ClassLine line) {
		List<SessionView> sessions = jdbc.sql("""
				select s.id, s.class_id, s.starts_at, s.ends_at, s.place, s.hours,
				       (select count(*) from training_attendance a where a.session_id = s.id) as attended
				from training_session s where s.class_id = ? order by s.starts_at, s.id""").param(line.id())
			.query((rs, n) -> new SessionView(rs.getLong("id"), rs.getLong("class_id"),
					rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("place"),
					rs.getBigDecimal("hours").doubleValue(), rs.getInt("attended")))
			.list();
		List<MaterialView> attached = jdbc.sql("select material_id, title from training_material where class_id = ? order by title")
			.param(line.id()).query((rs, n) -> new MaterialView(rs.getLong(1), rs.getString(2))).list();
		List<MaterialView> courses = jdbc.sql("select course_id, title from training_course where class_id = ? order by title")
			.param(line.id()).query((rs, n) -> new MaterialView(rs.getLong(1), rs.getString(2))).list();
		return new ClassView(line, sessions, attached, courses);
	}

	private ClassLine organised(Caller caller, long id) {
		ClassLine line = lines("where c.id = ?", id).stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("training-class", id));
		if (!scope.reaches(caller, line.orgId(), ORGANISERS)) {
			throw new OutOfScopeException("training-class", id);
		}
		return line;
	}

	/** The audience with each session's attendance, by organisation and name. */
	@Transactional(readOnly = true)
	List<AttendanceRow> attendance(Caller caller, long id) {
		ClassView view = find(caller, id);
		List<Long> audience = jdbc.sql("select member_id from training_audience where class_id = ?").param(id)
			.query(Long.class).list();
		List<MemberRef> people = members.refs(audience);
		Map<Long, String> orgNames = scope.qualifiedNames(people.stream().map(MemberRef::organizationId).collect(Collectors.toSet()));
		Map<String, Attendance> marks = new HashMap<>();
		jdbc.sql("""
				select a.session_id, a.member_id, a.manual, a.checked_in_at from training_attendance a
				join training_session s on s.id = a.session_id where s.class_id = ?""").param(id)
			.query((rs, n) -> marks.put(rs.getLong(1) + "/" + rs.getLong(2),
					new Attendance(true, rs.getBoolean(3), rs.getTimestamp(4).toInstant())))
			.list();
		Set<Long> completed = new HashSet<>(jdbc.sql("select member_id from training_completion where class_id = ?")
			.param(id).query(Long.class).list());
		Attendance absent = new Attendance(false, false, null);
		return people.stream().map(m -> {
			List<Attendance> per = new ArrayList<>();
			BigDecimal hours = BigDecimal.ZERO;
			for (SessionView s : view.sessions()) {
				Attendance a = marks.getOrDefault(s.id() + "/" + m.id(), absent);
				per.add(a);
				if (a.attended()) {
					hours = hours.add(BigDecimal.valueOf(s.hours()));
				}
			}
			return new AttendanceRow(m.id(), m.name(), orgNames.getOrDefault(m.organizationId(), ""), per, hours.doubleValue(),
					completed.contains(m.id()));
		}).sorted(java.util.Comparator.comparing(AttendanceRow::orgName).thenComparing(AttendanceRow::name)).toList();
	}

	/** The session, for its organiser (else the audited 404). */
	@Transactional(readOnly = true)
	SessionView session(Caller caller, long sessionId) {
		SessionView s = sessionRow(sessionId).orElseThrow(() -> new OutOfScopeException("training-session", sessionId));
		organised(caller, s.classId());
		return s;
	}

	private Optional<SessionView> sessionRow(long sessionId) {
		return jdbc.sql("""
				select s.id, s.class_id, s.starts_at, s.ends_at, s.place, s.hours,
				       (select count(*) from training_attendance a where a.session_id = s.id) as attended
				from training_session s where s.id = ?""").param(sessionId)
			.query((rs, n) -> new SessionView(rs.getLong("id"), rs.getLong("class_id"),
					rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("place"),
					rs.getBigDecimal("hours").doubleValue(), rs.getInt("attended")))
			.optional();
	}

	/** The class title of a session the caller organises (for the screen's heading). */
	@Transactional(readOnly = true)
	ClassLine classOfSession(Caller caller, long sessionId) {
		return organised(caller, session(caller, sessionId).classId());
	}

	// ---- attendance ----

	/** The current code for the session's screen (organisers only). */
	@Transactional(readOnly = true)
	ShownCheckinCode code(Caller caller, long sessionId) {
		session(caller, sessionId);
		return codes.issue(subject(sessionId));
	}

	/** The organiser records a member of the audience as present; a second time counts nothing new. */
	Attended recordByHand(Caller caller, long sessionId, Long memberId) {
		SessionView s = session(caller, sessionId);
		if (memberId == null) {
			throw new FieldProblem("memberId", "training.attendance.memberId.required");
		}
		if (s.startAt().isAfter(clock.instant().plus(opensBefore))) {
			throw new FieldProblem("memberId", "training.attendance.notYet");
		}
		Attended done = record(caller, s, memberId, true, clock.instant(), "memberId");
		if (!done.already()) {
			events.publishEvent(new TrainingChanged("training.attendance.manual", s.classId(),
					"session " + sessionId + ", member " + memberId));
		}
		return done;
	}

	/**
	 * The signed-in member checks in with the code they scanned (as of the scan, when they had to sign in first);
	 * only during the session (from {@code party.training.checkin-opens-before} ahead of its start).
	 */
	Attended checkIn(Caller caller, long sessionId, String token, HttpSession httpSession) {
		SessionView s = sessionRow(sessionId).orElseThrow(() -> new OutOfScopeException("training-session", sessionId));
		Instant at = codes.admit(subject(sessionId), token, httpSession);
		if (at.isBefore(s.startAt().minus(opensBefore)) || at.isAfter(s.endAt())) {
			throw new FieldProblem("token", "training.checkin.closed", opensBefore.toMinutes());
		}
		long memberId = members.memberOfAccount(caller.accountId())
			.orElseThrow(() -> new FieldProblem("token", "training.attendance.notInAudience"));
		return record(caller, s, memberId, false, at, "token");
	}

	private Attended record(Caller caller, SessionView s, long memberId, boolean manual, Instant at, String field) {
		// the audience row, locked: one member's check-ins into one class take turns, so completion is seen once
		if (jdbc.sql("select member_id from training_audience where class_id = ? and member_id = ? for update")
			.params(s.classId(), memberId).query(Long.class).optional().isEmpty()) {
			throw new FieldProblem(field, "training.attendance.notInAudience");
		}
		int inserted = jdbc.sql("""
				insert into training_attendance (session_id, member_id, checked_in_at, manual, recorded_by)
				values (?, ?, ?, ?, ?) on conflict (session_id, member_id) do nothing""")
			.params(s.id(), memberId, Timestamp.from(at), manual, caller.username()).update();
		if (inserted == 0) {
			Object[] first = jdbc.sql("select checked_in_at, manual from training_attendance where session_id = ? and member_id = ?")
				.params(s.id(), memberId).query((rs, n) -> new Object[] { rs.getTimestamp(1).toInstant(), rs.getBoolean(2) })
				.single();
			return new Attended(s.id(), memberId, (Instant) first[0], (Boolean) first[1], true);
		}
		completeIfEnough(s.classId(), memberId, at);
		return new Attended(s.id(), memberId, at, manual, false);
	}

	private void completeIfEnough(long classId, long memberId, Instant at) {
		BigDecimal hours = jdbc.sql("""
				select coalesce(sum(s.hours), 0) from training_attendance a join training_session s on s.id = a.session_id
				where s.class_id = ? and a.member_id = ?""").params(classId, memberId).query(BigDecimal.class).single();
		ClassLine line = lines("where c.id = ?", classId).get(0);
		if (hours.compareTo(BigDecimal.valueOf(line.requiredHours())) < 0) {
			return;
		}
		int inserted = jdbc.sql("""
				insert into training_completion (class_id, member_id, hours, completed_at) values (?, ?, ?, ?)
				on conflict do nothing""").params(classId, memberId, hours, Timestamp.from(at)).update();
		if (inserted == 1) {
			MemberRef member = members.refs(List.of(memberId)).get(0);
			Long accountId = members.accountsOf(List.of(memberId)).stream().findFirst().orElse(null);
			events.publishEvent(new TrainingClassCompleted(classId, line.title(), line.orgId(), memberId, accountId,
					member.name(), hours, BigDecimal.valueOf(line.requiredHours()), at));
		}
	}

	// ---- the member's own ----

	/** The classes the caller (a member) is in, newest first, with their own attendance. */
	@Transactional(readOnly = true)
	List<MyClass> mine(Caller caller) {
		Optional<Long> me = members.memberOfAccount(caller.accountId());
		if (me.isEmpty()) {
			return List.of();
		}
		long memberId = me.get();
		Set<Long> attended = new HashSet<>(jdbc.sql("select session_id from training_attendance where member_id = ?")
			.param(memberId).query(Long.class).list());
		Set<Long> completed = new HashSet<>(jdbc.sql("select class_id from training_completion where member_id = ?")
			.param(memberId).query(Long.class).list());
		return lines("where c.id in (select class_id from training_audience where member_id = ?) order by c.id desc limit 100",
				memberId).stream().map(line -> {
					ClassView view = view(line);
					List<MySession> sessions = view.sessions().stream()
						.map(s -> new MySession(s, attended.contains(s.id()))).toList();
					BigDecimal hours = sessions.stream().filter(MySession::attended)
						.map(s -> BigDecimal.valueOf(s.session().hours())).reduce(BigDecimal.ZERO, BigDecimal::add);
					return new MyClass(line, sessions, view.materials(), view.courses(), hours.doubleValue(), completed.contains(line.id()));
				}).toList();
	}

	/** The organisations the caller may organise a class at (for the form's picker). */
	@Transactional(readOnly = true)
	List<OrgRef> organisable(Caller caller) {
		return scope.findAll(scope.visibleTo(caller, ORGANISERS)).stream()
			.sorted(java.util.Comparator.comparingInt(OrgRef::depth).thenComparing(OrgRef::code)).toList();
	}
}
