package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonFormat;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/**
 * Exams: a paper (fixed questions, or rules each participant draws their own questions by), an audience, a
 * window, a duration, attempts, a pass mark and the time answers are revealed — never before the window has closed
 * for everyone. An exam is set by those who manage its organisation, from the questions serving it.
 */
@Service
@Transactional
class Exams {

	enum Audience {
		/** The members of the organisation's subtree. */
		SUBTREE,
		/** Its 入党积极分子 and 发展对象. */
		ACTIVISTS,
		/** Chosen members. */
		MEMBERS
	}

	record AudienceRequest(@Size(max = 20) String scope, @Size(max = 5000) List<Long> memberIds) {
	}

	record RuleRequest(QuestionType type,
			@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Size(max = QuestionBank.MAX_TAGS) List<@Size(max = 30) String> tags,
			Integer maxDifficulty, Integer count, BigDecimal score) {
	}

	/** Times as ISO instants, with an offset, or as Beijing local time ({@code 2026-12-02T09:00}). */
	record NewExam(@Size(max = 200) String title, @Size(max = 2000) String description, Long orgId,
			@Valid AudienceRequest audience, @Size(max = 500) List<Long> questionIds, @Size(max = 50) List<@Valid RuleRequest> rules,
			@Size(max = 40) String opensAt, @Size(max = 40) String closesAt, Integer durationMinutes, Integer attempts,
			BigDecimal passMark, @Size(max = 40) String revealAt, Boolean partialCredit, Boolean shuffle,
			Boolean feedsPoints, Boolean feedsRecord, Long seed) {
	}

	/** One part of a paper: a fixed list ({@code draw} = all of {@code pool}) or a rule drawing from its pool. */
	record Part(int position, QuestionType type, List<String> tags, Integer maxDifficulty, int draw,
			BigDecimal score, List<Long> pool, boolean fixed) {
	}

	record Exam(long id, long orgId, String title, String description, Audience audience, Instant opensAt,
			Instant closesAt, int durationMinutes, int attempts, BigDecimal passMark, BigDecimal totalScore,
			Instant revealAt, boolean partialCredit, boolean shuffle, boolean feedsPoints, boolean feedsRecord,
			long seed, Instant createdAt, String createdBy, Instant withdrawnAt, List<Part> parts) {

		boolean open(Instant now) {
			return withdrawnAt == null && !now.isBefore(opensAt) && now.isBefore(closesAt);
		}

		boolean revealed(Instant now) {
			return !now.isBefore(revealAt);
		}

		int questionCount() {
			return parts.stream().mapToInt(Part::draw).sum();
		}
	}

	/** An exam in a list: for the people who set it, or for one who may take it (with their standing). */
	record ExamLine(long id, String title, long orgId, String organizationName, Audience audience, Instant opensAt,
			Instant closesAt, int durationMinutes, int attempts, Double totalScore, Double passMark,
			Instant revealAt, int questions, boolean withdrawn, String state, Integer attemptsUsed, Double best,
			Boolean passed, Long openAttemptId) {
	}

	/** An audited setting of an exam. */
	record ExamSet(long examId, String title, String summary) implements AuditableEvent {

		@Override
		public String action() {
			return "exam.set";
		}

		@Override
		public String entityType() {
			return "exam";
		}

		@Override
		public String entityId() {
			return Long.toString(examId);
		}
	}

	record ExamWithdrawn(long examId, String title) implements AuditableEvent {

		@Override
		public String summary() {
			return title;
		}

		@Override
		public String action() {
			return "exam.withdraw";
		}

		@Override
		public String entityType() {
			return "exam";
		}

		@Override
		public String entityId() {
			return Long.toString(examId);
		}
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final QuestionBank bank;

	private final MemberDirectory members;

	private final List<Activists> activists;

	private final ExamSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Exams(JdbcTemplate jdbc, OrganizationScope scope, QuestionBank bank, MemberDirectory members,
			List<Activists> activists, ExamSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.bank = bank;
		this.members = members;
		this.activists = activists;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	long set(Caller caller, NewExam form) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String title = form.title() == null ? "" : PlainText.clean(form.title()).strip();
		if (title.isEmpty()) {
			problem(problems, "title", "exam.title.required");
		}
		if (form.orgId() == null) {
			throw new FieldProblem("orgId", "exam.orgId.required");
		}
		scope.requireReach(caller, form.orgId(), QuestionBank.MANAGERS);
		long orgId = form.orgId();
		Audience audience = audience(form.audience(), problems);
		List<Long> invitees = audience == Audience.MEMBERS ? invitees(caller, form.audience().memberIds(), problems)
				: List.of();
		Instant opensAt = time(form.opensAt(), "opensAt", problems, true);
		Instant closesAt = time(form.closesAt(), "closesAt", problems, true);
		Instant revealAt = time(form.revealAt(), "revealAt", problems, false);
		Instant now = clock.instant();
		if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
			problem(problems, "closesAt", "exam.closesAt.beforeOpen");
		}
		else if (closesAt != null && !closesAt.isAfter(now)) {
			problem(problems, "closesAt", "exam.closesAt.past");
		}
		if (revealAt == null) {
			revealAt = closesAt;
		}
		else if (closesAt != null && revealAt.isBefore(closesAt)) {
			problem(problems, "revealAt", "exam.revealAt.beforeClose");
		}
		int duration = form.durationMinutes() == null ? 30 : form.durationMinutes();
		if (duration < 1 || duration > 600) {
			problem(problems, "durationMinutes", "exam.duration.range");
		}
		int attempts = form.attempts() == null ? 1 : form.attempts();
		if (attempts < 1 || attempts > 10) {
			problem(problems, "attempts", "exam.attempts.range");
		}
		List<Part> parts = parts(caller, orgId, form, problems);
		BigDecimal total = total(parts);
		BigDecimal passMark = form.passMark() == null
				? total.multiply(BigDecimal.valueOf(settings.passShare())).setScale(1, RoundingMode.UP)
				: form.passMark();
		if (!parts.isEmpty() && (passMark.signum() < 0 || passMark.compareTo(total) > 0 || passMark.scale() > 1)) {
			problem(problems, "passMark", "exam.passMark.range", total.stripTrailingZeros().toPlainString());
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long seed = form.seed() != null ? form.seed() : ThreadLocalRandom.current().nextLong();
		long id = jdbc.queryForObject("""
				insert into exam (org_id, title, description, audience, opens_at, closes_at, duration_minutes, attempts,
				    pass_mark, total_score, reveal_at, partial_credit, shuffle, feeds_points, feeds_record, seed,
				    created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, orgId, title,
				form.description() == null || form.description().isBlank() ? null
						: PlainText.clean(form.description()).strip(),
				audience.name(), Timestamp.from(opensAt), Timestamp.from(closesAt), duration, attempts, passMark, total,
				Timestamp.from(revealAt), Boolean.TRUE.equals(form.partialCredit()),
				form.shuffle() == null ? settings.shuffle() : form.shuffle(), !Boolean.FALSE.equals(form.feedsPoints()),
				!Boolean.FALSE.equals(form.feedsRecord()), seed, Timestamp.from(now), caller.username());
		for (Part part : parts) {
			jdbc.update("""
					insert into exam_part (exam_id, position, type, tags, max_difficulty, draw, score, pool)
					values (?, ?, ?, ?, ?, ?, ?, ?)""", id, part.position(),
					part.type() == null ? null : part.type().name(), part.tags().toArray(String[]::new),
					part.maxDifficulty(), part.draw(), part.score(), part.pool().toArray(Long[]::new));
		}
		jdbc.batchUpdate("insert into exam_invitee (exam_id, member_id) values (?, ?)",
				invitees.stream().map(m -> new Object[] { id, m }).toList());
		events.publishEvent(new ExamSet(id, title, title + "（" + parts.stream().mapToInt(Part::draw).sum() + " 题，满分 "
				+ total.stripTrailingZeros().toPlainString() + "）"));
		return id;
	}

	private Audience audience(AudienceRequest request, List<FieldProblem.Problem> problems) {
		if (request == null) {
			return Audience.SUBTREE;
		}
		if (request.memberIds() != null && !request.memberIds().isEmpty()) {
			return Audience.MEMBERS;
		}
		String scopeName = request.scope() == null ? "" : request.scope().strip().toUpperCase(java.util.Locale.ROOT);
		return switch (scopeName) {
			case "", "BRANCH", "SUBTREE", "ORGANIZATION", "COLLEGE", "SCHOOL", "ALL" -> Audience.SUBTREE;
			case "ACTIVISTS" -> Audience.ACTIVISTS;
			default -> {
				problem(problems, "audience.scope", "exam.audience.scope");
				yield Audience.SUBTREE;
			}
		};
	}

	private List<Long> invitees(Caller caller, List<Long> memberIds, List<FieldProblem.Problem> problems) {
		Set<Long> wanted = new LinkedHashSet<>(memberIds);
		wanted.remove(null);
		Set<Long> reach = scope.visibleTo(caller, QuestionBank.MANAGERS);
		List<MemberRef> found = members.refs(wanted).stream().filter(m -> reach.contains(m.organizationId())).toList();
		if (found.size() != wanted.size()) {
			Set<Long> missing = new LinkedHashSet<>(wanted);
			found.forEach(m -> missing.remove(m.id()));
			problem(problems, "audience.memberIds", "exam.audience.unknown", missing.iterator().next().toString());
		}
		return found.stream().map(MemberRef::id).toList();
	}

	private List<Part> parts(Caller caller, long orgId, NewExam form, List<FieldProblem.Problem> problems) {
		boolean fixed = form.questionIds() != null && !form.questionIds().isEmpty();
		boolean drawn = form.rules() != null && !form.rules().isEmpty();
		if (fixed == drawn) {
			problem(problems, "questionIds", "exam.paper.oneOf");
			return List.of();
		}
		Set<Long> serving = bank.servingOrg(orgId);
		serving.removeIf(org -> !bank.mayUse(caller, org));
		if (fixed) {
			List<Long> ids = new ArrayList<>(new LinkedHashSet<>(form.questionIds()));
			ids.remove(null);
			if (ids.size() > settings.maxQuestions()) {
				problem(problems, "questionIds", "exam.paper.tooMany", settings.maxQuestions());
				return List.of();
			}
			Map<Long, QuestionBank.Stored> stored = bank.stored(ids);
			for (int i = 0; i < ids.size(); i++) {
				QuestionBank.Stored q = stored.get(ids.get(i));
				if (q == null || q.retired() || !serving.contains(q.orgId())) {
					problem(problems, "questionIds", "exam.paper.unknownQuestion", ids.get(i).toString());
					return List.of();
				}
			}
			return List.of(new Part(0, null, List.of(), null, ids.size(), null, ids, true));
		}
		List<Part> parts = new ArrayList<>();
		int questions = 0;
		for (int i = 0; i < form.rules().size(); i++) {
			RuleRequest rule = form.rules().get(i);
			String at = "rules[" + i + "].";
			if (rule == null) {
				problem(problems, at + "type", "exam.rule.type");
				continue;
			}
			if (rule.type() == null) {
				problem(problems, at + "type", "exam.rule.type");
			}
			int count = rule.count() == null ? 0 : rule.count();
			if (count < 1) {
				problem(problems, at + "count", "exam.rule.count");
			}
			if (rule.maxDifficulty() != null && (rule.maxDifficulty() < 1 || rule.maxDifficulty() > 5)) {
				problem(problems, at + "maxDifficulty", "exam.question.difficulty");
			}
			if (rule.score() == null || rule.score().signum() <= 0 || rule.score().compareTo(BigDecimal.valueOf(100)) > 0
					|| rule.score().stripTrailingZeros().scale() > 1) {
				problem(problems, at + "score", "exam.rule.score");
			}
			if (rule.type() == null || count < 1) {
				continue;
			}
			List<String> tags = QuestionBank.tags(rule.tags());
			List<Long> pool = bank.pool(serving, rule.type(), tags, rule.maxDifficulty());
			if (pool.size() < count) {
				problem(problems, at + "count", "exam.rule.pool", pool.size());
			}
			questions += count;
			parts.add(new Part(i, rule.type(), tags, rule.maxDifficulty(), count,
					rule.score() == null ? null : rule.score().setScale(1, RoundingMode.DOWN), pool, false));
		}
		if (questions > settings.maxQuestions()) {
			problem(problems, "rules", "exam.paper.tooMany", settings.maxQuestions());
		}
		// two rules may overlap (党章 at difficulty ≤3, then 党章 at any): a person gets each question once, so a rule
		// must be able to draw its count even after every earlier overlapping rule drew from its pool
		for (int i = 0; i < parts.size(); i++) {
			Part part = parts.get(i);
			Set<Long> pool = new HashSet<>(part.pool());
			int taken = 0;
			for (int j = 0; j < i; j++) {
				if (parts.get(j).pool().stream().anyMatch(pool::contains)) {
					taken += parts.get(j).draw();
				}
			}
			if (taken > 0 && pool.size() >= part.draw() && pool.size() - taken < part.draw()) {
				problem(problems, "rules[" + part.position() + "].count", "exam.rule.overlap",
						Math.max(0, pool.size() - taken));
			}
		}
		return parts;
	}

	private BigDecimal total(List<Part> parts) {
		BigDecimal total = BigDecimal.ZERO;
		for (Part part : parts) {
			if (part.fixed()) {
				Map<Long, QuestionBank.Stored> stored = bank.stored(part.pool());
				for (Long id : part.pool()) {
					total = total.add(stored.get(id).score());
				}
			}
			else if (part.score() != null) {
				total = total.add(part.score().multiply(BigDecimal.valueOf(part.draw())));
			}
		}
		return total.setScale(1, RoundingMode.DOWN);
	}

	private Instant time(String text, String field, List<FieldProblem.Problem> problems, boolean required) {
		if (text == null || text.isBlank()) {
			if (required) {
				problem(problems, field, "exam.time.required");
			}
			return null;
		}
		Optional<Instant> parsed = parse(text.strip());
		if (parsed.isEmpty()) {
			problem(problems, field, "exam.time.format");
		}
		return parsed.orElse(null);
	}

	static Optional<Instant> parse(String text) {
		return PlatformZone.parse(text);
	}


	private static void problem(List<FieldProblem.Problem> problems, String field, String key, Object... args) {
		problems.add(new FieldProblem.Problem(field, key, args));
	}

	// ---- reading ----

	@Transactional(readOnly = true)
	Optional<Exam> load(long id) {
		List<Part> parts = jdbc.query("""
				select position, type, tags, max_difficulty, draw, score, pool from exam_part where exam_id = ?
				order by position""", (rs, n) -> {
			String type = rs.getString(2);
			List<Long> pool = List.of((Long[]) rs.getArray(7).getArray());
			return new Part(rs.getInt(1), type == null ? null : QuestionType.valueOf(type),
					QuestionBank.strings(rs.getArray(3)), (Integer) rs.getObject(4), rs.getInt(5), rs.getBigDecimal(6),
					pool, type == null);
		}, id);
		return jdbc.query("""
				select id, org_id, title, description, audience, opens_at, closes_at, duration_minutes, attempts,
				    pass_mark, total_score, reveal_at, partial_credit, shuffle, feeds_points, feeds_record, seed,
				    created_at, created_by, withdrawn_at from exam where id = ?""", (rs, n) -> new Exam(rs.getLong(1),
				rs.getLong(2), rs.getString(3), rs.getString(4), Audience.valueOf(rs.getString(5)),
				rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getInt(8), rs.getInt(9),
				rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getTimestamp(12).toInstant(), rs.getBoolean(13),
				rs.getBoolean(14), rs.getBoolean(15), rs.getBoolean(16), rs.getLong(17), rs.getTimestamp(18).toInstant(),
				rs.getString(19), rs.getTimestamp(20) == null ? null : rs.getTimestamp(20).toInstant(), parts), id)
			.stream()
			.findFirst();
	}

	/** An exam the caller manages (sets, grades, reads statistics of some of its people); 404 otherwise. */
	@Transactional(readOnly = true)
	Exam managed(Caller caller, long id) {
		Exam exam = load(id).orElseThrow(() -> new OutOfScopeException("exam", id));
		if (!managesSomeOf(caller, exam)) {
			throw new OutOfScopeException("exam", id);
		}
		return exam;
	}

	/**
	 * Whether the caller manages the exam's organisation, or a part of its audience (a branch secretary follows
	 * their own people in the college's exam).
	 */
	boolean managesSomeOf(Caller caller, Exam exam) {
		if (scope.reaches(caller, exam.orgId(), QuestionBank.MANAGERS)) {
			return true;
		}
		Set<Long> audienceOrgs = scope.subtree(exam.orgId());
		return caller.organizationsWith(QuestionBank.MANAGERS).stream().anyMatch(audienceOrgs::contains);
	}

	/** Where the caller sits for this exam: their branch if the exam is for them, empty otherwise. */
	@Transactional(readOnly = true)
	Optional<Seat> seat(Caller caller, Exam exam) {
		Optional<Long> memberId = members.memberOfAccount(caller.accountId());
		Optional<MemberRef> member = memberId.flatMap(m -> members.refs(List.of(m)).stream().findFirst());
		return switch (exam.audience()) {
			case SUBTREE -> member.filter(m -> scope.contains(exam.orgId(), m.organizationId()))
				.map(m -> new Seat(m.organizationId(), m.id(), m.name()));
			case MEMBERS -> member.filter(m -> Boolean.TRUE.equals(jdbc.queryForObject(
					"select exists (select 1 from exam_invitee where exam_id = ? and member_id = ?)", Boolean.class,
					exam.id(), m.id())))
				.map(m -> new Seat(m.organizationId(), m.id(), m.name()));
			case ACTIVISTS -> activists.stream()
				.flatMap(a -> a.branchOf(caller.accountId()).stream())
				.filter(branch -> scope.contains(exam.orgId(), branch))
				.findFirst()
				.map(branch -> new Seat(branch, memberId.orElse(null), caller.displayName()));
		};
	}

	/** A participant's place: the organisation their results count at, their member record (if any), their name. */
	record Seat(long orgId, Long memberId, String name) {
	}

	/** Who is invited, counted per organisation (for participation rates), within {@code orgIds}. */
	@Transactional(readOnly = true)
	Map<Long, Integer> invitedPerOrganization(Exam exam, Set<Long> orgIds) {
		Set<Long> within = new HashSet<>(scope.subtree(exam.orgId()));
		within.retainAll(orgIds);
		return switch (exam.audience()) {
			case SUBTREE -> members.accountCountsIn(within);
			case MEMBERS -> {
				List<Long> ids = jdbc.queryForList("select member_id from exam_invitee where exam_id = ?", Long.class,
						exam.id());
				Map<Long, Integer> counts = new HashMap<>();
				members.refs(ids).stream()
					.filter(m -> within.contains(m.organizationId()))
					.forEach(m -> counts.merge(m.organizationId(), 1, Integer::sum));
				yield counts;
			}
			case ACTIVISTS -> {
				Map<Long, Integer> counts = new HashMap<>();
				activists.forEach(a -> a.accountsIn(within).values().forEach(org -> counts.merge(org, 1, Integer::sum)));
				yield counts;
			}
		};
	}

	/** The exams of the organisations the caller manages, newest first. */
	@Transactional(readOnly = true)
	List<ExamLine> managedList(Caller caller) {
		Set<Long> orgs = scope.visibleTo(caller, QuestionBank.MANAGERS);
		if (orgs.isEmpty()) {
			return List.of();
		}
		// and the exams above that reach their people
		Set<Long> above = new HashSet<>();
		caller.organizationsWith(QuestionBank.MANAGERS).forEach(o -> scope.lineage(o).forEach(r -> above.add(r.id())));
		above.addAll(orgs);
		return lines("org_id = any (?)", null, above.toArray(Long[]::new));
	}

	/** The exams the caller may take: open now or soon, and those they took. */
	@Transactional(readOnly = true)
	List<ExamLine> mine(Caller caller) {
		Set<Long> above = new HashSet<>();
		caller.organizationsWhere(g -> g.role().seesOrganizations())
			.forEach(o -> scope.lineage(o).forEach(r -> above.add(r.id())));
		if (above.isEmpty()) {
			return List.of();
		}
		List<ExamLine> candidates = lines("org_id = any (?) and withdrawn_at is null and closes_at > now() - interval '60 days'",
				caller.accountId(), above.toArray(Long[]::new));
		List<ExamLine> out = new ArrayList<>();
		for (ExamLine line : candidates) {
			if (line.attemptsUsed() != null && line.attemptsUsed() > 0) {
				out.add(line);
				continue;
			}
			load(line.id()).flatMap(e -> seat(caller, e)).ifPresent(seat -> out.add(line));
		}
		return out;
	}

	private List<ExamLine> lines(String where, Long accountId, Object orgIds) {
		Instant now = clock.instant();
		long who = accountId == null ? -1 : accountId;
		List<Object[]> rows = jdbc.query("""
				select e.id, e.title, e.org_id, e.audience, e.opens_at, e.closes_at, e.duration_minutes, e.attempts,
				    e.total_score, e.pass_mark, e.reveal_at, (select sum(draw) from exam_part p where p.exam_id = e.id),
				    e.withdrawn_at is not null,
				    (select count(*) from exam_attempt a where a.exam_id = e.id and a.account_id = ?),
				    (select max(score) from exam_attempt a where a.exam_id = e.id and a.account_id = ? and a.completed_at is not null),
				    (select bool_or(passed) from exam_attempt a where a.exam_id = e.id and a.account_id = ?),
				    (select id from exam_attempt a where a.exam_id = e.id and a.account_id = ? and a.submitted_at is null)
				from exam e where """ + " " + where + " order by e.closes_at desc, e.id desc limit 200", (rs, n) -> new Object[] {
				rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
				rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getInt(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
				rs.getTimestamp(11).toInstant(), rs.getInt(12), rs.getBoolean(13), rs.getInt(14), rs.getBigDecimal(15),
				(Boolean) rs.getObject(16), (Long) rs.getObject(17) }, who, who, who, who, orgIds);
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r[2]).toList());
		return rows.stream().map(r -> {
			Instant opens = (Instant) r[4];
			Instant closes = (Instant) r[5];
			boolean withdrawn = (Boolean) r[12];
			String state = withdrawn ? "WITHDRAWN" : now.isBefore(opens) ? "UPCOMING" : now.isBefore(closes) ? "OPEN"
					: "CLOSED";
			return new ExamLine((Long) r[0], (String) r[1], (Long) r[2], names.get((Long) r[2]),
					Audience.valueOf((String) r[3]), opens, closes, (Integer) r[6], (Integer) r[7], Attempts.number((BigDecimal) r[8]),
					Attempts.number((BigDecimal) r[9]), (Instant) r[10], (Integer) r[11], withdrawn, state,
					accountId == null ? null : (Integer) r[13], Attempts.number((BigDecimal) r[14]), (Boolean) r[15], (Long) r[16]);
		}).toList();
	}

	/** Withdraws an exam not yet closed: nobody starts it any more; running attempts are submitted as saved. */
	void withdraw(Caller caller, long id) {
		Exam exam = load(id).orElseThrow(() -> new OutOfScopeException("exam", id));
		scope.requireReach(caller, exam.orgId(), QuestionBank.MANAGERS);
		jdbc.update("update exam set withdrawn_at = coalesce(withdrawn_at, ?) where id = ?",
				Timestamp.from(clock.instant()), id);
		events.publishEvent(new ExamWithdrawn(id, exam.title()));
	}
}
