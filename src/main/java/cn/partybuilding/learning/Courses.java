package cn.partybuilding.learning;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.certificate.Certificates;
import cn.partybuilding.certificate.IssuedCertificate;
import cn.partybuilding.certificate.NewCertificate;
import cn.partybuilding.learning.MaterialLibrary.Audience;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.FileStore;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/**
 * 慕课/微课: courses of ordered chapters. A chapter is done when its rule is met by the study the platform
 * already measures (effective reading time, merged played ranges), wherever it happened; the course is done when
 * every chapter is, and then the holder gets a certificate, points and a line in the 纪实.
 */
@Service
@Transactional
class Courses {

	static final int MAX_CHAPTERS = 50;

	static final int MAX_MATERIALS_PER_CHAPTER = 20;

	static final long MAX_COVER_BYTES = 5L * 1024 * 1024;

	enum RuleKind {
		/** Effective minutes on the chapter's materials together. */
		READ_MINUTES,
		/** Every video or audio of the chapter played to this percentage (merged ranges); the rest finished. */
		WATCH_SHARE,
		/** A short quiz from the 线上测试 bank (refused until the bank exists). */
		QUIZ
	}

	enum ChapterState {
		NOT_STARTED, IN_PROGRESS, DONE
	}

	record Rule(RuleKind kind, Integer value) {
	}

	record NewChapter(@Size(max = 100) String title, @Size(max = MAX_MATERIALS_PER_CHAPTER) List<Long> materialIds,
			Rule rule) {
	}

	record NewCourse(@Size(max = 200) String title, @Size(max = 2000) String summary, Long orgId, Audience audience,
			@Size(max = 10) List<@Size(max = 30) String> tags, @Size(max = MAX_CHAPTERS) List<@Valid NewChapter> chapters) {
	}

	record ChapterMaterial(long id, MaterialKind kind, String title, Integer durationSeconds) {
	}

	record ChapterView(long id, int position, String title, Rule rule, List<ChapterMaterial> materials) {
	}

	record CourseView(long id, String title, String summary, long orgId, String organizationName, Audience audience,
			List<String> tags, boolean cover, Instant createdAt, String createdBy, boolean withdrawn,
			List<ChapterView> chapters) {
	}

	record CourseLine(long id, String title, long orgId, String organizationName, Audience audience, List<String> tags,
			int chapters, boolean cover, boolean withdrawn, Instant createdAt, Boolean enrolled, Boolean completed,
			int chaptersDone) {
	}

	record MyMaterial(long id, MaterialKind kind, String title, boolean finished) {
	}

	record MyChapter(long id, int position, String title, Rule rule, ChapterState state, Instant doneAt,
			int effectiveSeconds, List<MyMaterial> materials) {
	}

	record MyCourse(long id, String title, String summary, String organizationName, boolean cover, boolean enrolled,
			Instant enrolledAt, LocalDate dueOn, boolean overdue, boolean completed, Instant completedAt,
			String certificateCode, String certificateUrl, List<MyChapter> chapters) {
	}

	record ChapterFunnel(long id, int position, String title, long done, long drop) {
	}

	record PersonRow(long accountId, Long memberId, String name, String organizationName, Instant enrolledAt,
			LocalDate dueOn, int chaptersDone, Instant completedAt, boolean overdue) {
	}

	record CourseProgress(long id, String title, int chapters, long enrolled, long completed, long notStarted,
			Long dropChapterId, List<ChapterFunnel> funnel, List<PersonRow> people, long matching) {
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Readers readers;

	private final MaterialLibrary library;

	private final MemberDirectory members;

	private final StudyPoints points;

	private final Certificates certificates;

	private final ApplicationEventPublisher events;

	private final FileStore files;

	private final Clock clock;

	Courses(JdbcTemplate jdbc, OrganizationScope scope, Readers readers, MaterialLibrary library,
			MemberDirectory members, StudyPoints points, Certificates certificates, ApplicationEventPublisher events,
			FileStore files, Clock clock) {
		this.jdbc = jdbc;
		this.files = files;
		this.scope = scope;
		this.readers = readers;
		this.library = library;
		this.members = members;
		this.points = points;
		this.certificates = certificates;
		this.events = events;
		this.clock = clock;
	}

	/** As {@link #publish(Caller, NewCourse)} with a cover: both kept, or neither. */
	CourseView publish(Caller caller, NewCourse form, MultipartFile cover) {
		CourseView course = publish(caller, form);
		if (cover != null && !cover.isEmpty()) {
			cover(caller, course.id(), cover);
			return view(course.id());
		}
		return course;
	}

	CourseView publish(Caller caller, NewCourse form) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String title = PlainText.clean(form.title());
		if (title.isEmpty()) {
			problems.add(problem("title", "learning.course.title"));
		}
		if (form.orgId() == null) {
			problems.add(problem("orgId", "learning.material.org"));
		}
		List<NewChapter> chapters = form.chapters() == null ? List.of() : form.chapters();
		if (chapters.isEmpty()) {
			problems.add(problem("chapters", "learning.course.chapters"));
		}
		for (int i = 0; i < chapters.size(); i++) {
			NewChapter chapter = chapters.get(i);
			String at = "chapters[" + i + "]";
			if (chapter == null) {
				problems.add(problem(at, "learning.course.chapter.empty"));
				continue;
			}
			if (PlainText.clean(chapter.title()).isEmpty()) {
				problems.add(problem(at + ".title", "learning.course.chapter.title"));
			}
			if (distinct(chapter.materialIds()).isEmpty()) {
				problems.add(problem(at + ".materialIds", "learning.course.chapter.materials"));
			}
			Rule rule = chapter.rule();
			if (rule == null || rule.kind() == null) {
				problems.add(problem(at + ".rule", "learning.course.rule.kind"));
			}
			else if (rule.kind() == RuleKind.QUIZ) {
				problems.add(problem(at + ".rule", "learning.course.rule.quiz"));
			}
			else if (rule.value() == null || rule.value() < 1
					|| rule.value() > (rule.kind() == RuleKind.WATCH_SHARE ? 100 : 600)) {
				problems.add(new FieldProblem.Problem(at + ".rule.value", "learning.course.rule.value." + rule.kind(),
						new Object[0]));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		scope.requireReach(caller, form.orgId(), Readers.MANAGERS);
		boolean wholeSchool = form.audience() == Audience.SCHOOL;
		if (wholeSchool && !scope.reaches(caller, form.orgId(), MaterialLibrary.SCHOOL_PUBLISHERS)) {
			throw new FieldProblem("audience", "learning.material.schoolAudience");
		}
		// everyone the course is offered to must be able to open each material
		Set<Long> above = scope.lineage(form.orgId()).stream().map(OrgRef::id).collect(Collectors.toSet());
		Map<Long, MaterialLibrary.Studied> offered = library.studied(
				chapters.stream().flatMap(c -> distinct(c.materialIds()).stream()).toList());
		for (int i = 0; i < chapters.size(); i++) {
			String at = "chapters[" + i + "].materialIds";
			boolean media = false;
			for (Long id : distinct(chapters.get(i).materialIds())) {
				MaterialLibrary.Studied m = offered.get(id);
				boolean reachesAll = m != null && (m.wholeSchool() || !wholeSchool && above.contains(m.orgId()));
				if (m == null || m.withdrawn() || !reachesAll) {
					problems.add(new FieldProblem.Problem(at, "learning.course.material", new Object[] { id }));
				}
				else if (!m.kind().finishable()) {
					problems.add(new FieldProblem.Problem(at, "learning.course.link", new Object[] { m.title() }));
				}
				media |= m != null && m.kind().isMedia();
			}
			if (chapters.get(i).rule().kind() == RuleKind.WATCH_SHARE && !media) {
				problems.add(problem("chapters[" + i + "].rule", "learning.course.rule.noMedia"));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long id = jdbc.queryForObject("""
				insert into learning_course (title, summary, organization_id, whole_school, tags, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, title, blankToNull(form.summary()),
				form.orgId(), wholeSchool, MaterialLibrary.tags(form.tags()).toArray(String[]::new),
				Timestamp.from(clock.instant()), caller.username());
		for (int i = 0; i < chapters.size(); i++) {
			NewChapter chapter = chapters.get(i);
			long chapterId = jdbc.queryForObject("""
					insert into learning_chapter (course_id, position, title, rule_kind, rule_value)
					values (?, ?, ?, ?, ?) returning id""", Long.class, id, i + 1, PlainText.clean(chapter.title()),
					chapter.rule().kind().name(), chapter.rule().value());
			List<Long> materials = distinct(chapter.materialIds());
			List<Object[]> rows = new ArrayList<>();
			for (int p = 0; p < materials.size(); p++) {
				rows.add(new Object[] { chapterId, materials.get(p), p + 1 });
			}
			jdbc.batchUpdate("insert into learning_chapter_material (chapter_id, material_id, position) values (?, ?, ?)",
					rows);
		}
		events.publishEvent(new CoursePublished(id, title, form.orgId(), wholeSchool, chapters.size(), false));
		return view(id);
	}

	/** A course for those who may read it (its audience) or manage it; anyone else gets the audited 404. */
	@Transactional(readOnly = true)
	CourseView find(Caller caller, long id) {
		CourseView course = view(id);
		boolean manages = scope.reaches(caller, course.orgId(), Readers.MANAGERS);
		if (!manages && (course.withdrawn() || !readers.mayRead(caller, course.orgId(), course.audience() == Audience.SCHOOL))) {
			throw new OutOfScopeException("learning-course", id);
		}
		return course;
	}

	/** A course the caller manages (its owner organisation is in their reach), else the audited 404. */
	@Transactional(readOnly = true)
	CourseView managed(Caller caller, long id) {
		CourseView course = view(id);
		if (!scope.reaches(caller, course.orgId(), Readers.MANAGERS)) {
			throw new OutOfScopeException("learning-course", id);
		}
		return course;
	}

	private CourseView view(long id) {
		CourseView head = jdbc.query("select * from learning_course where id = ?", (rs, n) -> {
			long org = rs.getLong("organization_id");
			return new CourseView(id, rs.getString("title"), rs.getString("summary"), org,
					scope.qualifiedNames(List.of(org)).getOrDefault(org, ""),
					rs.getBoolean("whole_school") ? Audience.SCHOOL : Audience.SUBTREE, tagsOf(rs),
					rs.getString("cover_key") != null, rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
					rs.getTimestamp("withdrawn_at") != null, List.of());
		}, id).stream().findFirst().orElseThrow(() -> new OutOfScopeException("learning-course", id));
		Map<Long, List<ChapterMaterial>> materials = new HashMap<>();
		jdbc.query("""
				select cm.chapter_id, m.id, m.kind, m.title, m.duration_seconds from learning_chapter_material cm
				join learning_chapter c on c.id = cm.chapter_id join learning_material m on m.id = cm.material_id
				where c.course_id = ? order by cm.chapter_id, cm.position""", rs -> {
			materials.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ChapterMaterial(rs.getLong(2),
					MaterialKind.valueOf(rs.getString(3)), rs.getString(4), (Integer) rs.getObject(5)));
		}, id);
		List<ChapterView> chapters = jdbc.query(
				"select id, position, title, rule_kind, rule_value from learning_chapter where course_id = ? order by position",
				(rs, n) -> new ChapterView(rs.getLong(1), rs.getInt(2), rs.getString(3),
						new Rule(RuleKind.valueOf(rs.getString(4)), rs.getInt(5)), materials.getOrDefault(rs.getLong(1), List.of())),
				id);
		return new CourseView(head.id(), head.title(), head.summary(), head.orgId(), head.organizationName(),
				head.audience(), head.tags(), head.cover(), head.createdAt(), head.createdBy(), head.withdrawn(), chapters);
	}

	/**
	 * Courses the caller may take (offered to their organisations or the school), with their own standing, or with
	 * {@code managing} the courses of the organisations they manage; optionally of one tag.
	 */
	@Transactional(readOnly = true)
	List<CourseLine> list(Caller caller, boolean managing, String tag) {
		List<Object> args = new ArrayList<>();
		StringBuilder where = new StringBuilder();
		if (managing) {
			where.append(" where c.organization_id = any(?)");
			args.add(scope.visibleTo(caller, Readers.MANAGERS).toArray(Long[]::new));
		}
		else {
			where.append(" where c.withdrawn_at is null and (c.whole_school or c.organization_id = any(?))");
			args.add(readers.readableBy(caller).toArray(Long[]::new));
		}
		if (tag != null && !tag.isBlank()) {
			where.append(" and ? = any(c.tags)");
			args.add(tag.strip());
		}
		args.add(0, caller.accountId());
		List<CourseLine> lines = jdbc.query("""
				select c.*, (select count(*) from learning_chapter h where h.course_id = c.id) as chapters,
				       e.account_id is not null as enrolled, e.completed_at is not null as completed,
				       (select count(*) from learning_chapter_done d where d.course_id = c.id and d.account_id = e.account_id) as done
				from learning_course c left join learning_enrolment e on e.course_id = c.id and e.account_id = ?"""
				+ where + " order by c.withdrawn_at is not null, c.created_at desc, c.id desc limit 500", (rs, n) -> new CourseLine(
						rs.getLong("id"), rs.getString("title"), rs.getLong("organization_id"), "",
						rs.getBoolean("whole_school") ? Audience.SCHOOL : Audience.SUBTREE, tagsOf(rs), rs.getInt("chapters"),
						rs.getString("cover_key") != null, rs.getTimestamp("withdrawn_at") != null,
						rs.getTimestamp("created_at").toInstant(), rs.getBoolean("enrolled"), rs.getBoolean("completed"),
						rs.getInt("done")),
				args.toArray());
		Map<Long, String> names = scope.qualifiedNames(lines.stream().map(CourseLine::orgId).collect(Collectors.toSet()));
		return lines.stream().map(l -> new CourseLine(l.id(), l.title(), l.orgId(), names.getOrDefault(l.orgId(), ""),
				l.audience(), l.tags(), l.chapters(), l.cover(), l.withdrawn(), l.createdAt(), l.enrolled(), l.completed(),
				l.chaptersDone())).toList();
	}

	/** The caller joins an open course they may read; a second time changes nothing. What they studied counts. */
	MyCourse enrol(Caller caller, long id) {
		CourseView course = find(caller, id);
		if (course.withdrawn()) {
			throw new FieldProblem("id", "learning.course.withdrawn");
		}
		MemberOf member = memberOf(caller.accountId());
		int added = jdbc.update("""
				insert into learning_enrolment (course_id, account_id, member_id, organization_id, enrolled_at)
				values (?, ?, ?, ?, ?) on conflict do nothing""", id, caller.accountId(), member.memberId(),
				member.organizationId(), Timestamp.from(clock.instant()));
		if (added > 0) {
			evaluate(caller.accountId(), id, clock.instant());
		}
		return mine(caller, id);
	}

	private record MemberOf(Long memberId, Long organizationId) {
	}

	private MemberOf memberOf(long accountId) {
		return members.memberOfAccount(accountId)
			.flatMap(m -> members.refs(List.of(m)).stream().findFirst())
			.map(r -> new MemberOf(r.id(), r.organizationId()))
			.orElse(new MemberOf(null, null));
	}

	/**
	 * Assigns the course to everyone with an account in an organisation's subtree, with a due date: each is enrolled
	 * (those already enrolled keep their start and get the due date if they had none). Returns how many were new.
	 */
	int assign(Caller caller, long id, Long orgId, LocalDate dueOn) {
		if (orgId == null) {
			throw new FieldProblem("orgId", "learning.material.org");
		}
		CourseView course = find(caller, id);
		scope.requireReach(caller, orgId, Readers.MANAGERS);
		if (course.withdrawn()) {
			throw new FieldProblem("orgId", "learning.course.withdrawn");
		}
		if (course.audience() == Audience.SUBTREE && !scope.contains(course.orgId(), orgId)) {
			throw new FieldProblem("orgId", "learning.course.outsideAudience");
		}
		Instant now = clock.instant();
		if (dueOn != null && dueOn.isBefore(LocalDate.ofInstant(now, PlatformZone.ZONE))) {
			throw new FieldProblem("dueOn", "learning.course.dueInPast");
		}
		long assignment = jdbc.queryForObject("""
				insert into learning_course_assignment (course_id, organization_id, due_on, assigned_at, assigned_by)
				values (?, ?, ?, ?, ?) returning id""", Long.class, id, orgId, dueOn, Timestamp.from(now), caller.username());
		List<MemberAccount> accounts = members.accountsIn(scope.subtree(orgId));
		List<Object[]> rows = accounts.stream().map(a -> new Object[] { id, a.accountId(), a.memberId(), a.organizationId(),
				Timestamp.from(now), assignment, dueOn == null ? null : java.sql.Date.valueOf(dueOn) }).toList();
		long before = enrolledCount(id);
		jdbc.batchUpdate("""
				insert into learning_enrolment (course_id, account_id, member_id, organization_id, enrolled_at, assignment_id, due_on)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (course_id, account_id) do update set due_on = coalesce(learning_enrolment.due_on, excluded.due_on),
				    assignment_id = coalesce(learning_enrolment.assignment_id, excluded.assignment_id)
				where learning_enrolment.completed_at is null""", rows, 1000, (ps, row) -> {
			for (int i = 0; i < row.length; i++) {
				ps.setObject(i + 1, row[i]);
			}
		});
		int added = (int) (enrolledCount(id) - before);
		// record once: those who already studied some of it find it counted
		for (Long account : jdbc.queryForList("""
				select distinct p.account_id from learning_progress p
				join learning_chapter_material cm on cm.material_id = p.material_id
				join learning_chapter c on c.id = cm.chapter_id and c.course_id = ?
				join learning_enrolment e on e.course_id = c.course_id and e.account_id = p.account_id and e.completed_at is null""",
				Long.class, id)) {
			evaluate(account, id, now);
		}
		events.publishEvent(new CourseAssigned(id, course.title(), orgId,
				scope.qualifiedNames(List.of(orgId)).getOrDefault(orgId, ""), dueOn));
		return added;
	}

	private long enrolledCount(long courseId) {
		return jdbc.queryForObject("select count(*) from learning_enrolment where course_id = ?", Long.class, courseId);
	}

	/** After a heartbeat moved the account's study of a material: its enrolled chapters may now be done. */
	void progressed(long accountId, long materialId, Instant at) {
		List<Long> courses = jdbc.queryForList("""
				select distinct c.course_id from learning_chapter_material cm
				join learning_chapter c on c.id = cm.chapter_id
				join learning_enrolment e on e.course_id = c.course_id and e.account_id = ? and e.completed_at is null
				where cm.material_id = ?
				  and not exists (select 1 from learning_chapter_done d where d.chapter_id = c.id and d.account_id = ?)""",
				Long.class, accountId, materialId, accountId);
		courses.forEach(course -> evaluate(accountId, course, at));
	}

	/** The state of each chapter for one account, measured from what they studied. */
	private record Measured(long chapterId, int effectiveSeconds, boolean met, boolean started, Instant doneAt) {
	}

	private List<Measured> measure(long accountId, long courseId) {
		return jdbc.query("""
				select c.id, coalesce(sum(p.effective_seconds), 0) as effective,
				       case c.rule_kind
				         when 'READ_MINUTES' then coalesce(sum(p.effective_seconds), 0) >= c.rule_value * 60
				         when 'WATCH_SHARE' then bool_and(case when m.kind in ('VIDEO', 'AUDIO')
				             then coalesce(p.played_seconds, 0) * 100 >= c.rule_value * coalesce(m.duration_seconds, 0)
				             else coalesce(p.finished_at is not null, false) end)
				         else false end as met,
				       bool_or(p.account_id is not null) as started, d.done_at
				from learning_chapter c
				join learning_chapter_material cm on cm.chapter_id = c.id
				join learning_material m on m.id = cm.material_id
				left join learning_progress p on p.material_id = cm.material_id and p.account_id = ?
				left join learning_chapter_done d on d.chapter_id = c.id and d.account_id = ?
				where c.course_id = ?
				group by c.id, c.rule_kind, c.rule_value, c.position, d.done_at order by c.position""",
				(rs, n) -> new Measured(rs.getLong(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4),
						rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()),
				accountId, accountId, courseId);
	}

	/** Marks the chapters whose rule is now met, and the course when all are. */
	private void evaluate(long accountId, long courseId, Instant at) {
		List<Measured> chapters = measure(accountId, courseId);
		for (Measured chapter : chapters) {
			if (chapter.doneAt() == null && chapter.met()) {
				jdbc.update("""
						insert into learning_chapter_done (chapter_id, account_id, course_id, done_at) values (?, ?, ?, ?)
						on conflict do nothing""", chapter.chapterId(), accountId, courseId, Timestamp.from(at));
			}
		}
		if (!chapters.stream().allMatch(c -> c.doneAt() != null || c.met())) {
			return;
		}
		record Enrolment(Long memberId, LocalDate dueOn) {
		}
		List<Enrolment> completing = jdbc.query("""
				update learning_enrolment set completed_at = ? where course_id = ? and account_id = ? and completed_at is null
				returning member_id, due_on""", (rs, n) -> new Enrolment(rs.getObject(1, Long.class),
				rs.getObject(2, LocalDate.class)), Timestamp.from(at), courseId, accountId);
		if (completing.isEmpty()) {
			return;
		}
		Enrolment enrolment = completing.get(0);
		CourseView course = view(courseId);
		points.award(accountId, LocalDate.ofInstant(at, PlatformZone.ZONE), PointRule.COURSE_FINISHED);
		String holder = enrolment.memberId() == null ? null
				: members.refs(List.of(enrolment.memberId())).stream().findFirst().map(r -> r.name()).orElse(null);
		IssuedCertificate certificate = certificates.issue(new NewCertificate("COURSE", courseId, accountId,
				enrolment.memberId(), holder == null ? accountName(accountId) : holder, course.orgId(), course.title(),
				"完成全部 " + course.chapters().size() + " 章", at));
		boolean onTime = enrolment.dueOn() == null || !LocalDate.ofInstant(at, PlatformZone.ZONE).isAfter(enrolment.dueOn());
		events.publishEvent(new CourseCompleted(accountId, enrolment.memberId(), courseId, course.title(),
				course.chapters().size(), certificate.code(), onTime, at));
	}

	/** Someone without a member record (an applicant) is named on a certificate by their account's display name. */
	private String accountName(long accountId) {
		return Caller.current().filter(c -> c.accountId() == accountId).map(Caller::displayName).orElse("");
	}

	/** The caller's standing in a course they may read (not enrolled: every chapter not started). */
	@Transactional(readOnly = true)
	MyCourse mine(Caller caller, long id) {
		CourseView course = find(caller, id);
		record Enrolled(Instant at, LocalDate dueOn, Instant completedAt) {
		}
		Enrolled enrolled = jdbc.query(
				"select enrolled_at, due_on, completed_at from learning_enrolment where course_id = ? and account_id = ?",
				(rs, n) -> new Enrolled(rs.getTimestamp(1).toInstant(), rs.getObject(2, LocalDate.class),
						rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
				id, caller.accountId()).stream().findFirst().orElse(null);
		Map<Long, Measured> measured = enrolled == null ? Map.of()
				: measure(caller.accountId(), id).stream().collect(Collectors.toMap(Measured::chapterId, m -> m));
		Set<Long> finished = new java.util.HashSet<>(jdbc.queryForList("""
				select material_id from learning_progress where account_id = ? and finished_at is not null
				and material_id = any(?)""", Long.class, caller.accountId(), course.chapters().stream()
			.flatMap(c -> c.materials().stream()).map(ChapterMaterial::id).toArray(Long[]::new)));
		List<MyChapter> chapters = course.chapters().stream().map(c -> {
			Measured m = measured.get(c.id());
			ChapterState state = m == null ? ChapterState.NOT_STARTED
					: m.doneAt() != null ? ChapterState.DONE : m.started() ? ChapterState.IN_PROGRESS : ChapterState.NOT_STARTED;
			return new MyChapter(c.id(), c.position(), c.title(), c.rule(), state, m == null ? null : m.doneAt(),
					m == null ? 0 : m.effectiveSeconds(), c.materials().stream()
						.map(x -> new MyMaterial(x.id(), x.kind(), x.title(), finished.contains(x.id()))).toList());
		}).toList();
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		boolean completed = enrolled != null && enrolled.completedAt() != null;
		IssuedCertificate certificate = completed
				? certificates.find("COURSE", id, caller.accountId()).orElse(null) : null;
		return new MyCourse(id, course.title(), course.summary(), course.organizationName(), course.cover(),
				enrolled != null, enrolled == null ? null : enrolled.at(), enrolled == null ? null : enrolled.dueOn(),
				enrolled != null && !completed && enrolled.dueOn() != null && enrolled.dueOn().isBefore(today), completed,
				completed ? enrolled.completedAt() : null, certificate == null ? null : certificate.code(),
				certificate == null ? null : certificate.pdfPath(), chapters);
	}

	/**
	 * The course's progress among the people in the caller's reach: enrolled, completed, how many finished each
	 * chapter and how many fell away before it (the largest drop is where people stop), and one page of people.
	 */
	@Transactional(readOnly = true)
	CourseProgress progress(Caller caller, long id, Long orgId, String state, int page, int size) {
		CourseView course = managed(caller, id);
		Set<Long> within = orgId == null ? scope.visibleTo(caller, Readers.MANAGERS) : scope.reaches(caller, orgId,
				Readers.MANAGERS) ? scope.subtree(orgId) : null;
		if (within == null) {
			throw new OutOfScopeException("organization", orgId);
		}
		record Enrolment(long accountId, Long memberId, Instant enrolledAt, LocalDate dueOn, Instant completedAt, int done) {
		}
		List<Enrolment> all = jdbc.query("""
				select e.account_id, e.member_id, e.enrolled_at, e.due_on, e.completed_at,
				       (select count(*) from learning_chapter_done d where d.course_id = e.course_id and d.account_id = e.account_id)
				from learning_enrolment e where e.course_id = ?""", (rs, n) -> new Enrolment(rs.getLong(1),
				rs.getObject(2, Long.class), rs.getTimestamp(3).toInstant(), rs.getObject(4, LocalDate.class),
				rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getInt(6)), id);
		// the people as they are now (a member who moved is counted where they are), within the caller's reach
		Map<Long, MemberRef> people = members.refs(all.stream().map(Enrolment::memberId).filter(m -> m != null).toList())
			.stream().filter(r -> within.contains(r.organizationId()))
			.collect(Collectors.toMap(MemberRef::id, r -> r, (a, b) -> a));
		List<Enrolment> enrolments = all.stream().filter(e -> e.memberId() != null && people.containsKey(e.memberId())).toList();
		// chapters may be done in any order (study counts wherever it happened): a person stops at the first chapter,
		// in the course's order, they have not done
		Set<Long> counted = enrolments.stream().map(Enrolment::accountId).collect(Collectors.toSet());
		Map<Long, Set<Long>> doneBy = new HashMap<>();
		jdbc.query("select account_id, chapter_id from learning_chapter_done where course_id = ?", rs -> {
			if (counted.contains(rs.getLong(1))) {
				doneBy.computeIfAbsent(rs.getLong(1), k -> new java.util.HashSet<>()).add(rs.getLong(2));
			}
		}, id);
		Map<Long, Long> doneByChapter = new HashMap<>();
		Map<Long, Long> stoppedAt = new HashMap<>();
		for (Enrolment e : enrolments) {
			Set<Long> done = doneBy.getOrDefault(e.accountId(), Set.of());
			done.forEach(c -> doneByChapter.merge(c, 1L, Long::sum));
			if (e.completedAt() == null) {
				course.chapters().stream().filter(c -> !done.contains(c.id())).findFirst()
					.ifPresent(c -> stoppedAt.merge(c.id(), 1L, Long::sum));
			}
		}
		List<ChapterFunnel> funnel = course.chapters().stream().map(c -> new ChapterFunnel(c.id(), c.position(), c.title(),
				doneByChapter.getOrDefault(c.id(), 0L), stoppedAt.getOrDefault(c.id(), 0L))).toList();
		Long drop = funnel.stream().filter(f -> f.drop() > 0)
			.max(java.util.Comparator.comparingLong(ChapterFunnel::drop).thenComparing(f -> -f.position()))
			.map(ChapterFunnel::id).orElse(null);
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		Map<Long, String> orgNames = scope.qualifiedNames(people.values().stream().map(MemberRef::organizationId)
			.collect(Collectors.toSet()));
		List<PersonRow> rows = enrolments.stream()
			.map(e -> {
				MemberRef a = people.get(e.memberId());
				return new PersonRow(e.accountId(), a.id(), a.name(), orgNames.getOrDefault(a.organizationId(), ""),
						e.enrolledAt(), e.dueOn(), e.done(), e.completedAt(),
						e.completedAt() == null && e.dueOn() != null && e.dueOn().isBefore(today));
			})
			.filter(r -> state == null || state.isBlank() || switch (state) {
				case "COMPLETED" -> r.completedAt() != null;
				case "IN_PROGRESS" -> r.completedAt() == null && r.chaptersDone() > 0;
				case "NOT_STARTED" -> r.chaptersDone() == 0 && r.completedAt() == null;
				case "OVERDUE" -> r.overdue();
				default -> throw new FieldProblem("state", "learning.course.state");
			})
			.sorted(java.util.Comparator.comparing(PersonRow::organizationName).thenComparing(PersonRow::name))
			.toList();
		List<PersonRow> pageRows = size <= 0 ? rows
				: rows.stream().skip((long) page * size).limit(size).toList();
		long completed = enrolments.stream().filter(e -> e.completedAt() != null).count();
		long notStarted = enrolments.stream().filter(e -> e.done() == 0 && e.completedAt() == null).count();
		return new CourseProgress(id, course.title(), course.chapters().size(), enrolments.size(), completed, notStarted,
				drop, funnel, pageRows, rows.size());
	}

	record Due(long id, String title, int chaptersLeft, LocalDate dueOn) {
	}

	/** The caller's courses still open with a due date (assigned), soonest first: the phone home's reminder. */
	@Transactional(readOnly = true)
	List<Due> due(Caller caller) {
		return jdbc.query("""
				select c.id, c.title, e.due_on,
				       (select count(*) from learning_chapter h where h.course_id = c.id)
				       - (select count(*) from learning_chapter_done d where d.course_id = c.id and d.account_id = e.account_id)
				from learning_enrolment e join learning_course c on c.id = e.course_id
				where e.account_id = ? and e.completed_at is null and e.due_on is not null and c.withdrawn_at is null
				order by e.due_on, c.id limit 5""", (rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(4),
				rs.getObject(3, LocalDate.class)), caller.accountId());
	}

	/** A course's cover: a JPEG or PNG photo (by its bytes) of at most {@link #MAX_COVER_BYTES}. */
	void cover(Caller caller, long id, MultipartFile file) {
		managed(caller, id);
		if (file == null || file.isEmpty()) {
			throw new FieldProblem("file", "learning.course.cover");
		}
		if (file.getSize() > MAX_COVER_BYTES) {
			throw new FieldProblem("file", "learning.course.coverTooLarge", MAX_COVER_BYTES / (1024 * 1024));
		}
		try {
			byte[] bytes = file.getBytes();
			String type = FileKinds.of(bytes).filter(t -> t.startsWith("image/"))
				.orElseThrow(() -> new FieldProblem("file", "learning.course.cover"));
			FileStore.StoredFile stored = files.put("course-covers", new ByteArrayInputStream(bytes), type);
			// the new cover goes if the course is not written after all (publish with a cover is one transaction)
			MaterialLibrary.deleteUnlessCommitted(files, stored.key());
			String old = jdbc.queryForObject("select cover_key from learning_course where id = ?", String.class, id);
			jdbc.update("update learning_course set cover_key = ?, cover_type = ? where id = ?", stored.key(), type, id);
			if (old != null) {
				files.delete(old);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	record Cover(String contentType, Resource resource) {
	}

	@Transactional(readOnly = true)
	Cover cover(Caller caller, long id) {
		find(caller, id);
		return jdbc.query("select cover_key, cover_type from learning_course where id = ? and cover_key is not null",
				(rs, n) -> new Cover(rs.getString(2), files.open(rs.getString(1))), id).stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("learning-course-cover", id));
	}

	void withdraw(Caller caller, long id) {
		CourseView course = managed(caller, id);
		if (jdbc.update("update learning_course set withdrawn_at = ? where id = ? and withdrawn_at is null",
				Timestamp.from(clock.instant()), id) > 0) {
			events.publishEvent(new CoursePublished(id, course.title(), course.orgId(), course.audience() == Audience.SCHOOL,
					course.chapters().size(), true));
		}
	}

	private static FieldProblem.Problem problem(String field, String key) {
		return new FieldProblem.Problem(field, key, new Object[0]);
	}

	private static List<Long> distinct(Collection<Long> ids) {
		return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids.stream().filter(i -> i != null).toList()));
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static List<String> tagsOf(ResultSet rs) throws SQLException {
		java.sql.Array array = rs.getArray("tags");
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}
}
