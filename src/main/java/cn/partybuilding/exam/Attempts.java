package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * Taking an exam. The server keeps the time: an attempt's deadline is fixed when it starts (its duration, never past
 * the window's close), and a refresh, a second device or a closed tab change nothing. Answers are saved one by one as
 * they are chosen; the attempt is graded the moment it is submitted — by the person, or by the server at the
 * deadline with what was saved. Keys and explanations leave the server only after the exam's reveal time.
 */
@Service
// a refusal after the server submitted an expired attempt must not undo that submission; every other refusal
// comes before anything is written
@Transactional(noRollbackFor = FieldProblem.class)
class Attempts {

	/** A question as the person sees it; the key, the explanation and the marks only once revealed. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AttemptQuestion(long id, QuestionType type, String text, List<String> options, Double score, int blanks,
			JsonNode saved, JsonNode correctAnswer, String explanation, Double earned, String comment) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AttemptView(long id, long examId, String title, int number, Instant startedAt, Instant deadline,
			long remainingSeconds, Instant serverTime, boolean submitted, Instant submittedAt, String submittedBy,
			Double score, Double totalScore, Double passMark, Boolean passed, int pendingManual,
			boolean revealed, Instant revealAt, int answered, List<AttemptQuestion> questions) {
	}

	/** Scores go out as JSON numbers (money alone goes out as strings). */
	record Result(Double score, Boolean passed, int pendingManual) {
	}

	static Double number(BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

	record Saved(long questionId, Instant savedAt, long remainingSeconds) {
	}

	/** An attempt as stored. */
	record Attempt(long id, long examId, long accountId, Long memberId, String personName, long orgId, int number,
			List<Papers.Item> paper, Instant startedAt, Instant deadline, Instant submittedAt, String submittedBy,
			BigDecimal score, int pendingManual, Boolean passed, Instant completedAt) {

		boolean submitted() {
			return submittedAt != null;
		}

		Optional<Papers.Item> item(long questionId) {
			return paper.stream().filter(i -> i.questionId() == questionId).findFirst();
		}
	}

	private final JdbcTemplate jdbc;

	private final Exams exams;

	private final QuestionBank bank;

	private final ExamSettings settings;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Attempts(JdbcTemplate jdbc, Exams exams, QuestionBank bank, ExamSettings settings, JsonMapper json,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.exams = exams;
		this.bank = bank;
		this.settings = settings;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/** Starts an attempt, or gives back the one running; 404 when the exam is not for the caller. */
	AttemptView start(Caller caller, long examId) {
		Exams.Exam exam = exams.load(examId).orElseThrow(() -> new OutOfScopeException("exam", examId));
		Exams.Seat seat = exams.seat(caller, exam).orElseThrow(() -> new OutOfScopeException("exam", examId));
		Instant now = clock.instant();
		Optional<Attempt> running = open(examId, caller.accountId());
		if (running.isPresent()) {
			Attempt attempt = running.get();
			if (!expired(attempt, now)) {
				return view(exam, attempt, now);
			}
			submitAsSaved(exam, attempt.id());
		}
		if (exam.withdrawnAt() != null) {
			throw new ConflictProblem("examId", "exam.attempt.withdrawn");
		}
		if (now.isBefore(exam.opensAt())) {
			throw new ConflictProblem("examId", "exam.attempt.notOpen");
		}
		if (!now.isBefore(exam.closesAt())) {
			throw new ConflictProblem("examId", "exam.attempt.closed");
		}
		int used = jdbc.queryForObject("select count(*) from exam_attempt where exam_id = ? and account_id = ?",
				Integer.class, examId, caller.accountId());
		if (used >= exam.attempts()) {
			throw new ConflictProblem("examId", "exam.attempt.limit", exam.attempts());
		}
		List<Long> ids = exam.parts().stream().flatMap(p -> p.pool().stream()).distinct().toList();
		List<Papers.Item> paper = Papers.draw(exam, caller.accountId(), used + 1, bank.stored(ids));
		Instant deadline = now.plus(Duration.ofMinutes(exam.durationMinutes()));
		if (deadline.isAfter(exam.closesAt())) {
			deadline = exam.closesAt();
		}
		// two devices starting at once: the unique indexes let one insert through, the other reads it back
		int inserted = jdbc.update("""
				insert into exam_attempt (exam_id, account_id, member_id, person_name, org_id, number, paper,
				    started_at, deadline) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict do nothing""", examId,
				caller.accountId(), seat.memberId(), seat.name(), seat.orgId(), used + 1, paperJson(paper),
				Timestamp.from(now), Timestamp.from(deadline));
		Attempt attempt = open(examId, caller.accountId())
			.orElseThrow(() -> new ConflictProblem("examId", inserted == 0 ? "exam.attempt.limit" : "exam.attempt.closed",
					exam.attempts()));
		return view(exam, attempt, now);
	}

	/** The caller's own attempt (anyone else's is 404), submitted by the server first if its time is up. */
	AttemptView find(Caller caller, long attemptId) {
		Attempt attempt = own(caller, attemptId);
		Exams.Exam exam = exams.load(attempt.examId()).orElseThrow();
		Instant now = clock.instant();
		if (!attempt.submitted() && expired(attempt, now)) {
			attempt = submitAsSaved(exam, attemptId);
		}
		return view(exam, attempt, now);
	}

	/**
	 * Saves one answer ({@code null} clears it). Refused with 409 once the attempt is submitted or its time is up —
	 * then the server submits it as saved.
	 */
	Saved answer(Caller caller, long attemptId, long questionId, JsonNode given) {
		// one read, under the row lock: a save is ordered after a submission running at the same moment, and sees it
		Attempt attempt = read("where id = ? and account_id = ? for update", attemptId, caller.accountId())
			.orElseThrow(() -> new OutOfScopeException("exam-attempt", attemptId));
		Instant now = clock.instant();
		if (attempt.submitted()) {
			throw new ConflictProblem("answer", "exam.attempt.submitted");
		}
		if (expired(attempt, now)) {
			finish(exams.load(attempt.examId()).orElseThrow(), attempt, "SERVER");
			throw new ConflictProblem("answer", "exam.attempt.expired");
		}
		Papers.Item item = attempt.item(questionId)
			.orElseThrow(() -> new FieldProblem("questionId", "exam.answer.notInPaper"));
		if (given == null || given.isNull() || given.isMissingNode()) {
			jdbc.update("delete from exam_answer where attempt_id = ? and question_id = ?", attemptId, questionId);
			return new Saved(questionId, now, remaining(attempt, now));
		}
		QuestionBank.Stored question = bank.stored(List.of(questionId)).get(questionId);
		JsonNode response = Answers.response(question.type(), given, item.order().length, question.blanks());
		jdbc.update("""
				insert into exam_answer (attempt_id, question_id, answer, saved_at) values (?, ?, ?::jsonb, ?)
				on conflict (attempt_id, question_id) do update set answer = excluded.answer, saved_at = excluded.saved_at""",
				attemptId, questionId, json.writeValueAsString(response), Timestamp.from(now));
		return new Saved(questionId, now, remaining(attempt, now));
	}

	/** Submits and grades; a second submission answers the first one's result. */
	Result submit(Caller caller, long attemptId) {
		Attempt attempt = own(caller, attemptId);
		Exams.Exam exam = exams.load(attempt.examId()).orElseThrow();
		Attempt locked = lock(attemptId);
		if (!locked.submitted()) {
			locked = finish(exam, locked, expired(locked, clock.instant()) ? "SERVER" : "PERSON");
		}
		return new Result(number(locked.score()), locked.passed(), locked.pendingManual());
	}

	/** Attempts whose deadline (and grace) has passed and that nobody submitted, oldest first. */
	@Transactional(readOnly = true)
	List<Long> expired(int limit) {
		Instant cutoff = clock.instant().minusSeconds(settings.graceSeconds());
		return jdbc.queryForList("""
				select id from exam_attempt where submitted_at is null and deadline < ? order by deadline limit ?""",
				Long.class, Timestamp.from(cutoff), limit);
	}

	/** Submits one expired attempt as saved, in a transaction of its own: a phone's save waits for one, not for all. */
	void submitExpired(long attemptId) {
		Attempt attempt = lock(attemptId);
		if (!attempt.submitted()) {
			finish(exams.load(attempt.examId()).orElseThrow(), attempt, "SERVER");
		}
	}

	/**
	 * Submits an attempt found past its deadline, as saved — unless the expiry job (or the person) submitted it while
	 * this request waited for the row: then that submission stands, and its result is not recorded twice.
	 */
	private Attempt submitAsSaved(Exams.Exam exam, long attemptId) {
		Attempt locked = lock(attemptId);
		return locked.submitted() ? locked : finish(exam, locked, "SERVER");
	}

	/** Grades the attempt: objective answers now, short answers into the grading queue. */
	private Attempt finish(Exams.Exam exam, Attempt attempt, String by) {
		Instant now = clock.instant();
		Map<Long, JsonNode> saved = saved(attempt.id());
		Map<Long, QuestionBank.Stored> questions = bank.stored(attempt.paper().stream().map(Papers.Item::questionId).toList());
		BigDecimal score = BigDecimal.ZERO;
		int pending = 0;
		List<Object[]> grades = new ArrayList<>();
		for (Papers.Item item : attempt.paper()) {
			QuestionBank.Stored q = questions.get(item.questionId());
			JsonNode response = saved.get(item.questionId());
			if (q.type().gradedByHand()) {
				if (response != null && !response.asString().isBlank()) {
					pending++;
				}
				else if (response != null) {
					grades.add(new Object[] { BigDecimal.ZERO, false, attempt.id(), item.questionId() });
				}
				continue;
			}
			if (response == null) {
				continue;
			}
			BigDecimal earned = Answers.grade(q.type(), q.answer(), Answers.toOriginal(q.type(), response, item.order()),
					item.score(), exam.partialCredit());
			score = score.add(earned);
			grades.add(new Object[] { earned, earned.compareTo(item.score()) >= 0, attempt.id(), item.questionId() });
		}
		jdbc.batchUpdate("update exam_answer set score = ?, correct = ? where attempt_id = ? and question_id = ?", grades);
		Timestamp at = Timestamp.from(now);
		Boolean passed = pending == 0 ? score.compareTo(exam.passMark()) >= 0 : null;
		jdbc.update("""
				update exam_attempt set submitted_at = ?, submitted_by = ?, score = ?, pending_manual = ?, passed = ?,
				    completed_at = ? where id = ?""", at, by, score, pending, passed, pending == 0 ? at : null,
				attempt.id());
		Attempt done = lock(attempt.id());
		if (pending == 0) {
			completed(exam, done);
		}
		return done;
	}

	/** The result is complete: the 纪实 and 学习 points hear of it (a pass counts once per person and exam). */
	void completed(Exams.Exam exam, Attempt attempt) {
		boolean firstPass = Boolean.TRUE.equals(attempt.passed()) && !Boolean.TRUE.equals(jdbc.queryForObject("""
				select exists (select 1 from exam_attempt where exam_id = ? and account_id = ? and id <> ? and passed)""",
				Boolean.class, exam.id(), attempt.accountId(), attempt.id()));
		events.publishEvent(new ExamResultRecorded(exam.id(), exam.title(), exam.orgId(), attempt.id(),
				attempt.accountId(), attempt.memberId(), attempt.personName(), attempt.score(), exam.totalScore(),
				exam.passMark(), Boolean.TRUE.equals(attempt.passed()), firstPass, exam.feedsPoints(), exam.feedsRecord(),
				attempt.completedAt()));
	}

	private boolean expired(Attempt attempt, Instant now) {
		return now.isAfter(attempt.deadline().plusSeconds(settings.graceSeconds()));
	}

	private static long remaining(Attempt attempt, Instant now) {
		return Math.max(0, Duration.between(now, attempt.deadline()).toSeconds());
	}

	private Attempt own(Caller caller, long attemptId) {
		return read("where id = ?", attemptId).filter(a -> a.accountId() == caller.accountId())
			.orElseThrow(() -> new OutOfScopeException("exam-attempt", attemptId));
	}

	Optional<Attempt> byId(long attemptId) {
		return read("where id = ?", attemptId);
	}

	private Optional<Attempt> open(long examId, long accountId) {
		return read("where exam_id = ? and account_id = ? and submitted_at is null", examId, accountId);
	}

	Attempt lock(long attemptId) {
		return read("where id = ? for update", attemptId).orElseThrow();
	}

	private Optional<Attempt> read(String where, Object... args) {
		return jdbc.query("""
				select id, exam_id, account_id, member_id, person_name, org_id, number, paper::text, started_at, deadline,
				    submitted_at, submitted_by, score, pending_manual, passed, completed_at from exam_attempt """ + " " + where,
				(rs, n) -> new Attempt(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4),
						rs.getString(5), rs.getLong(6), rs.getInt(7), paper(rs.getString(8)),
						rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), instant(rs.getTimestamp(11)),
						rs.getString(12), rs.getBigDecimal(13), rs.getInt(14), (Boolean) rs.getObject(15),
						instant(rs.getTimestamp(16))), args)
			.stream()
			.findFirst();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	Map<Long, JsonNode> saved(long attemptId) {
		Map<Long, JsonNode> out = new HashMap<>();
		jdbc.query("select question_id, answer::text from exam_answer where attempt_id = ?",
				rs -> {
					out.put(rs.getLong(1), json.readTree(rs.getString(2)));
				}, attemptId);
		return out;
	}

	private String paperJson(List<Papers.Item> paper) {
		ArrayNode out = json.createArrayNode();
		for (Papers.Item item : paper) {
			ObjectNode node = out.addObject();
			node.put("q", item.questionId());
			node.put("s", item.score());
			ArrayNode order = node.putArray("o");
			for (int o : item.order()) {
				order.add(o);
			}
		}
		return json.writeValueAsString(out);
	}

	private List<Papers.Item> paper(String text) {
		List<Papers.Item> items = new ArrayList<>();
		for (JsonNode node : json.readTree(text)) {
			int[] order = new int[node.get("o").size()];
			for (int i = 0; i < order.length; i++) {
				order[i] = node.get("o").get(i).asInt();
			}
			items.add(new Papers.Item(node.get("q").asLong(), node.get("s").decimalValue(), order));
		}
		return items;
	}

	private AttemptView view(Exams.Exam exam, Attempt attempt, Instant now) {
		boolean revealed = attempt.submitted() && exam.revealed(now);
		Map<Long, QuestionBank.Stored> questions = bank.stored(attempt.paper().stream().map(Papers.Item::questionId).toList());
		Map<Long, JsonNode> saved = saved(attempt.id());
		Map<Long, Object[]> marks = revealed ? marks(attempt.id()) : Map.of();
		List<AttemptQuestion> shown = new ArrayList<>();
		for (Papers.Item item : attempt.paper()) {
			QuestionBank.Stored q = questions.get(item.questionId());
			List<String> options = new ArrayList<>();
			for (int original : item.order()) {
				options.add(q.options().get(original));
			}
			Object[] mark = marks.get(q.id());
			shown.add(new AttemptQuestion(q.id(), q.type(), q.text(), options, number(item.score()), q.blanks(),
					saved.get(q.id()), revealed ? Answers.toShown(q.type(), q.answer(), item.order()) : null,
					revealed ? (q.explanation() == null ? "" : q.explanation()) : null,
					revealed ? number(mark == null ? BigDecimal.ZERO : (BigDecimal) mark[0]) : null,
					revealed && mark != null ? (String) mark[1] : null));
		}
		return new AttemptView(attempt.id(), exam.id(), exam.title(), attempt.number(), attempt.startedAt(),
				attempt.deadline(), attempt.submitted() ? 0 : remaining(attempt, now), now, attempt.submitted(),
				attempt.submittedAt(), attempt.submittedBy(), attempt.submitted() ? number(attempt.score()) : null,
				number(exam.totalScore()), number(exam.passMark()), attempt.passed(), attempt.pendingManual(), revealed,
				exam.revealAt(), saved.size(), shown);
	}

	private Map<Long, Object[]> marks(long attemptId) {
		Map<Long, Object[]> out = new HashMap<>();
		jdbc.query("select question_id, score, comment from exam_answer where attempt_id = ?", rs -> {
			out.put(rs.getLong(1), new Object[] { rs.getBigDecimal(2), rs.getString(3) });
		}, attemptId);
		return out;
	}
}
