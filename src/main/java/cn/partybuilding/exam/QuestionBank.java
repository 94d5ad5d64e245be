package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * The question bank. A question belongs to an organisation and serves its whole subtree, as learning materials do:
 * a branch sets papers from its own questions and from those of its college and the school. Only those who manage
 * an organisation see its questions (they hold the answers). A question an exam has used never changes again; it
 * can be retired from the bank and stays with its exams.
 */
@Service
@Transactional
class QuestionBank {

	static final Role[] MANAGERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	static final int MAX_TAGS = 10;

	/** A question as the API and the import take it; {@code answer} by type as {@link Answers} reads it. */
	record NewQuestion(QuestionType type, @Size(max = 2000) String text,
			@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Size(max = Answers.MAX_OPTIONS) List<@Size(max = 500) String> options,
			JsonNode answer, BigDecimal score, @Size(max = 2000) String explanation,
			@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Size(max = MAX_TAGS) List<@Size(max = 30) String> tags,
			Integer difficulty, Long orgId) {
	}

	/** A stored question, with its key: for those who manage its organisation only. */
	record QuestionView(long id, QuestionType type, String text, List<String> options, JsonNode answer,
			BigDecimal score, String explanation, List<String> tags, int difficulty, long orgId, String organizationName,
			Instant createdAt, String createdBy, boolean retired, int blanks) {
	}

	record Filter(Long orgId, QuestionType type, String tag, Integer maxDifficulty, String text, boolean retired) {

		static Filter all() {
			return new Filter(null, null, null, null, null, false);
		}
	}

	/** What an exam needs of a question to show and grade it. */
	record Stored(long id, long orgId, QuestionType type, String text, List<String> options, JsonNode answer,
			BigDecimal score, String explanation, List<String> tags, int difficulty, boolean retired) {

		int blanks() {
			return type == QuestionType.FILL ? Answers.blanks(answer) : 0;
		}
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final JsonMapper json;

	private final Clock clock;

	QuestionBank(JdbcTemplate jdbc, OrganizationScope scope, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.json = json;
		this.clock = clock;
	}

	long add(Caller caller, NewQuestion question) {
		Checked checked = check(question, "");
		scope.requireReach(caller, checked.orgId(), MANAGERS);
		return insert(caller, checked);
	}

	/** All or nothing: each question checked, then all written in this transaction. */
	List<Long> addAll(Caller caller, List<Checked> questions) {
		List<Long> ids = new ArrayList<>();
		for (Checked question : questions) {
			scope.requireReach(caller, question.orgId(), MANAGERS);
			ids.add(insert(caller, question));
		}
		return ids;
	}

	/** A question checked: problems carry {@code prefix + field} ({@code questions[3].answer} or {@code answer}). */
	record Checked(QuestionType type, String text, List<String> options, JsonNode answer, BigDecimal score,
			String explanation, List<String> tags, int difficulty, long orgId) {
	}

	Checked check(NewQuestion q, String prefix) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (q.type() == null) {
			problems.add(new FieldProblem.Problem(prefix + "type", "exam.question.type.required", new Object[0]));
		}
		String text = PlainText.clean(q.text());
		if (text == null || text.isBlank()) {
			problems.add(new FieldProblem.Problem(prefix + "text", "exam.question.text.required", new Object[0]));
		}
		List<String> options = q.options() == null ? List.of()
				: q.options().stream().map(o -> o == null ? "" : PlainText.clean(o).strip()).toList();
		// trailing empty options (E and F of a four-option row) are no options
		int last = options.size();
		while (last > 0 && options.get(last - 1).isEmpty()) {
			last--;
		}
		options = options.subList(0, last);
		if (q.type() != null && q.type().hasOptions()) {
			if (options.size() < 2) {
				problems.add(new FieldProblem.Problem(prefix + "options", "exam.question.options.count",
						new Object[] { Answers.MAX_OPTIONS }));
			}
			else if (options.contains("")) {
				problems.add(new FieldProblem.Problem(prefix + "options", "exam.question.options.gap", new Object[0]));
			}
			else if (new LinkedHashSet<>(options).size() != options.size()) {
				problems.add(new FieldProblem.Problem(prefix + "options", "exam.question.options.same", new Object[0]));
			}
		}
		else {
			options = List.of();
		}
		JsonNode answer = null;
		if (q.type() != null) {
			try {
				answer = Answers.key(q.type(), q.answer(), options.size(), prefix + "answer");
			}
			catch (FieldProblem problem) {
				problems.addAll(problem.problems());
			}
		}
		BigDecimal score = q.score();
		if (score == null) {
			problems.add(new FieldProblem.Problem(prefix + "score", "exam.question.score.required", new Object[0]));
		}
		else if (score.signum() <= 0 || score.compareTo(BigDecimal.valueOf(100)) > 0 || score.scale() > 1
				&& score.setScale(1, RoundingMode.DOWN).compareTo(score) != 0) {
			problems.add(new FieldProblem.Problem(prefix + "score", "exam.question.score.range", new Object[0]));
		}
		int difficulty = q.difficulty() == null ? 3 : q.difficulty();
		if (difficulty < 1 || difficulty > 5) {
			problems.add(new FieldProblem.Problem(prefix + "difficulty", "exam.question.difficulty", new Object[0]));
		}
		List<String> tags = tags(q.tags());
		if (tags.size() > MAX_TAGS) {
			problems.add(new FieldProblem.Problem(prefix + "tags", "exam.question.tags", new Object[] { MAX_TAGS }));
		}
		if (q.orgId() == null) {
			problems.add(new FieldProblem.Problem(prefix + "orgId", "exam.question.orgId", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		String explanation = q.explanation() == null || q.explanation().isBlank() ? null
				: PlainText.clean(q.explanation()).strip();
		return new Checked(q.type(), text.strip(), options, answer, score.setScale(1, RoundingMode.UNNECESSARY),
				explanation, tags, difficulty, q.orgId());
	}

	static List<String> tags(Collection<String> given) {
		if (given == null) {
			return List.of();
		}
		return given.stream()
			.filter(t -> t != null)
			.flatMap(t -> Arrays.stream(t.split("[,，、;；\\s]+")))
			.map(String::strip)
			.filter(t -> !t.isEmpty())
			.distinct()
			.toList();
	}

	private long insert(Caller caller, Checked q) {
		return jdbc.queryForObject("""
				insert into exam_question (org_id, type, text, options, answer, score, explanation, tags, difficulty,
				    created_at, created_by)
				values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) returning id""", Long.class, q.orgId(), q.type().name(),
				q.text(), q.options().toArray(String[]::new), json.writeValueAsString(q.answer()), q.score(),
				q.explanation(), q.tags().toArray(String[]::new), q.difficulty(), Timestamp.from(clock.instant()),
				caller.username());
	}

	/** Changes a question no exam has used yet (409 otherwise: copy it into a new one). */
	void change(Caller caller, long id, NewQuestion question) {
		Stored stored = owned(caller, id, "change");
		Checked checked = check(question, "");
		scope.requireReach(caller, checked.orgId(), MANAGERS);
		if (used(id)) {
			throw new ConflictProblem("id", "exam.question.used");
		}
		jdbc.update("""
				update exam_question set org_id = ?, type = ?, text = ?, options = ?, answer = ?::jsonb, score = ?,
				    explanation = ?, tags = ?, difficulty = ? where id = ?""", checked.orgId(), checked.type().name(),
				checked.text(), checked.options().toArray(String[]::new), json.writeValueAsString(checked.answer()),
				checked.score(), checked.explanation(), checked.tags().toArray(String[]::new), checked.difficulty(),
				stored.id());
	}

	/** Takes a question out of the bank; exams that used it keep it. */
	void retire(Caller caller, long id) {
		owned(caller, id, "retire");
		jdbc.update("update exam_question set retired_at = coalesce(retired_at, ?) where id = ?",
				Timestamp.from(clock.instant()), id);
	}

	/**
	 * A question the caller may change: one of an organisation they manage. Those above it (the college's, the
	 * school's) they see and use, but only their owners change or retire them (403: the caller sees it exists).
	 */
	private Stored owned(Caller caller, long id, String what) {
		Stored stored = managed(caller, id);
		if (!scope.reaches(caller, stored.orgId(), MANAGERS)) {
			throw new NotPermittedException("exam-question", id, what);
		}
		return stored;
	}

	boolean used(long id) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from exam_part where ? = any (pool))", Boolean.class, id));
	}

	@Transactional(readOnly = true)
	QuestionView find(Caller caller, long id) {
		Stored q = managed(caller, id);
		return view(q, names(List.of(q.orgId())), createdOf(id));
	}

	/** The question if the caller manages an organisation it serves (its own subtree or an ancestor's); 404 else. */
	Stored managed(Caller caller, long id) {
		Stored q = stored(List.of(id)).get(id);
		if (q == null || !mayUse(caller, q.orgId())) {
			throw new OutOfScopeException("exam-question", id);
		}
		return q;
	}

	/**
	 * The organisations whose questions a caller may see and use: those they manage and every one above. For the
	 * administrator of the only root (a province's 教育工委) that is every organisation: {@code all}, no ids read and no
	 * filter in SQL, instead of the province's 25 000 ids read and sent back as one array; elsewhere the ids (a school's
	 * subtree and the organisations above it) as one array.
	 */
	record Usable(boolean all, Set<Long> ids) {

		/** The condition on {@code exam_question.org_id}, its array (when there is one) added to {@code args}; null: none. */
		String where(List<Object> args) {
			if (all) {
				return "true";
			}
			if (ids.isEmpty()) {
				return null;
			}
			args.add(ids.toArray(Long[]::new));
			return "org_id = any (?)";
		}
	}

	Usable usableIn(Caller caller) {
		Set<Long> managed = scope.visibleToOrAll(caller, MANAGERS);
		if (managed == null) {
			return new Usable(true, Set.of());
		}
		Set<Long> usable = new java.util.HashSet<>(managed);
		caller.organizationsWith(MANAGERS).forEach(org -> scope.lineage(org).forEach(o -> usable.add(o.id())));
		return new Usable(false, usable);
	}

	/** Whether the caller may see and use the questions of this organisation ({@link #usableIn} for one: no ids read). */
	boolean mayUse(Caller caller, long orgId) {
		return scope.reaches(caller, orgId, MANAGERS)
				|| caller.organizationsWith(MANAGERS).stream().anyMatch(org -> scope.contains(orgId, org));
	}

	/** The organisations whose questions an exam of {@code orgId} may use: it and those above it. */
	Set<Long> servingOrg(long orgId) {
		return scope.lineage(orgId).stream().map(OrgRef::id).collect(Collectors.toSet());
	}

	@Transactional(readOnly = true)
	Page<QuestionView> list(Caller caller, Filter filter, int page, int size) {
		Usable usable = filter.orgId() == null ? usableIn(caller)
				: new Usable(false, mayUse(caller, filter.orgId()) ? Set.of(filter.orgId()) : Set.of());
		List<Object> args = new ArrayList<>();
		String orgs = usable.where(args);
		if (orgs == null) {
			return Page.empty(PageRequest.of(page, size));
		}
		StringBuilder where = new StringBuilder(orgs);
		where.append(filter.retired() ? " and retired_at is not null" : " and retired_at is null");
		if (filter.type() != null) {
			where.append(" and type = ?");
			args.add(filter.type().name());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			where.append(" and tags @> array[?]::text[]");
			args.add(filter.tag().strip());
		}
		if (filter.maxDifficulty() != null) {
			where.append(" and difficulty <= ?");
			args.add(filter.maxDifficulty());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			where.append(" and text like ? escape '\\'");
			args.add(PlainText.containing(filter.text().strip()));
		}
		long total = jdbc.queryForObject("select count(*) from exam_question where " + where, Long.class,
				args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) page * size);
		List<Long> ids = jdbc.queryForList("select id from exam_question where " + where
				+ " order by id desc limit ? offset ?", Long.class, pageArgs.toArray());
		Map<Long, Stored> stored = stored(ids);
		Map<Long, String> names = names(stored.values().stream().map(Stored::orgId).toList());
		Map<Long, Created> created = createdOf(ids);
		List<QuestionView> views = ids.stream().map(id -> view(stored.get(id), names, created.get(id))).toList();
		return new PageImpl<>(views, PageRequest.of(page, size), total);
	}

	/** Every question the caller may see that matches, for an export (at most {@code limit}). */
	@Transactional(readOnly = true)
	List<QuestionView> export(Caller caller, Filter filter, int limit) {
		return list(caller, filter, 0, limit).getContent();
	}

	/** The tags in use where the caller works, for filters and rule forms. */
	@Transactional(readOnly = true)
	List<String> tagsIn(Caller caller) {
		List<Object> args = new ArrayList<>();
		String orgs = usableIn(caller).where(args);
		if (orgs == null) {
			return List.of();
		}
		return jdbc.queryForList("select tag from exam_question, unnest(tags) tag where " + orgs + """
				 and retired_at is null
				group by tag order by count(*) desc, tag limit 100""", String.class, args.toArray());
	}

	private record Created(Instant at, String by) {
	}

	private Created createdOf(long id) {
		return createdOf(List.of(id)).get(id);
	}

	private Map<Long, Created> createdOf(Collection<Long> ids) {
		Map<Long, Created> out = new java.util.HashMap<>();
		jdbc.query("select id, created_at, created_by from exam_question where id = any (?)",
				rs -> {
					out.put(rs.getLong(1), new Created(rs.getTimestamp(2).toInstant(), rs.getString(3)));
				}, (Object) ids.toArray(Long[]::new));
		return out;
	}

	private Map<Long, String> names(Collection<Long> orgIds) {
		return scope.qualifiedNames(new LinkedHashSet<>(orgIds));
	}

	private QuestionView view(Stored q, Map<Long, String> names, Created created) {
		return new QuestionView(q.id(), q.type(), q.text(), q.options(), q.answer(), q.score(), q.explanation(),
				q.tags(), q.difficulty(), q.orgId(), names.get(q.orgId()), created.at(), created.by(), q.retired(),
				q.blanks());
	}

	/** Questions by id, as stored (retired ones too: exams keep them). */
	@Transactional(readOnly = true)
	Map<Long, Stored> stored(Collection<Long> ids) {
		Map<Long, Stored> out = new java.util.HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		jdbc.query("""
				select id, org_id, type, text, options, answer::text, score, explanation, tags, difficulty,
				    retired_at is not null from exam_question where id = any (?)""", rs -> {
			Stored q = read(rs);
			out.put(q.id(), q);
		}, (Object) ids.toArray(Long[]::new));
		return out;
	}

	/** The ids of questions that a rule may draw from, in a stable order. */
	@Transactional(readOnly = true)
	List<Long> pool(Set<Long> orgIds, QuestionType type, List<String> tags, Integer maxDifficulty) {
		StringBuilder sql = new StringBuilder(
				"select id from exam_question where org_id = any (?) and retired_at is null");
		List<Object> args = new ArrayList<>();
		args.add(orgIds.toArray(Long[]::new));
		if (type != null) {
			sql.append(" and type = ?");
			args.add(type.name());
		}
		if (!tags.isEmpty()) {
			// any of the rule's tags: 党章 or 党史
			sql.append(" and tags && ?::text[]");
			args.add(tags.toArray(String[]::new));
		}
		if (maxDifficulty != null) {
			sql.append(" and difficulty <= ?");
			args.add(maxDifficulty);
		}
		return jdbc.queryForList(sql + " order by id", Long.class, args.toArray());
	}

	private Stored read(ResultSet rs) throws SQLException {
		return new Stored(rs.getLong(1), rs.getLong(2), QuestionType.valueOf(rs.getString(3)), rs.getString(4),
				strings(rs.getArray(5)), json.readTree(rs.getString(6)), rs.getBigDecimal(7), rs.getString(8),
				strings(rs.getArray(9)), rs.getInt(10), rs.getBoolean(11));
	}

	static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}
}
