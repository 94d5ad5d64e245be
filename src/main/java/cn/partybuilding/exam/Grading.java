package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * The grading queue: short answers of submitted attempts, for those who manage the person's branch (or above). The
 * attempt's result completes with its last grade.
 */
@Service
@Transactional
class Grading {

	record Pending(long attemptId, long examId, String examTitle, long questionId, String question, String modelAnswer,
			Double maxScore, String answer, String personName, String organizationName, Instant submittedAt) {
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Attempts attempts;

	private final Exams exams;

	private final QuestionBank bank;

	private final Clock clock;

	Grading(JdbcTemplate jdbc, OrganizationScope scope, Attempts attempts, Exams exams, QuestionBank bank, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.attempts = attempts;
		this.exams = exams;
		this.bank = bank;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<Pending> pending(Caller caller, Long examId) {
		Set<Long> orgs = scope.visibleTo(caller, QuestionBank.MANAGERS);
		if (orgs.isEmpty()) {
			return List.of();
		}
		List<Object[]> rows = jdbc.query("""
				select a.id, a.exam_id, e.title, q.id, q.text, q.answer #>> '{}', w.answer #>> '{}', a.person_name,
				    a.org_id, a.submitted_at, a.paper::text
				from exam_answer w
				join exam_attempt a on a.id = w.attempt_id
				join exam e on e.id = a.exam_id
				join exam_question q on q.id = w.question_id
				where w.score is null and a.submitted_at is not null and q.type = 'SHORT' and a.org_id = any (?)
				  and (?::bigint is null or a.exam_id = ?)
				order by a.submitted_at, a.id, q.id limit 500""", (rs, n) -> new Object[] { rs.getLong(1),
				rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7),
				rs.getString(8), rs.getLong(9), rs.getTimestamp(10).toInstant() }, orgs.toArray(Long[]::new), examId,
				examId);
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r[8]).distinct().toList());
		List<Pending> out = new ArrayList<>();
		for (Object[] r : rows) {
			long attemptId = (Long) r[0];
			long questionId = (Long) r[3];
			BigDecimal max = attempts.byId(attemptId)
				.flatMap(a -> a.item(questionId))
				.map(Papers.Item::score)
				.orElse(BigDecimal.ZERO);
			out.add(new Pending(attemptId, (Long) r[1], (String) r[2], questionId, (String) r[4], (String) r[5],
					Attempts.number(max), (String) r[6], (String) r[7], names.get((Long) r[8]), (Instant) r[9]));
		}
		return out;
	}

	/** How many short answers wait for a score in the caller's organisations (one exam's with {@code examId}). */
	@Transactional(readOnly = true)
	int pendingCount(Caller caller, Long examId) {
		Set<Long> orgs = scope.visibleTo(caller, QuestionBank.MANAGERS);
		if (orgs.isEmpty()) {
			return 0;
		}
		return jdbc.queryForObject("""
				select count(*) from exam_answer w
				join exam_attempt a on a.id = w.attempt_id
				join exam_question q on q.id = w.question_id
				where w.score is null and a.submitted_at is not null and q.type = 'SHORT' and a.org_id = any (?)
				  and (?::bigint is null or a.exam_id = ?)""", Integer.class, orgs.toArray(Long[]::new), examId, examId);
	}

	/** Scores one short answer (0 to the question's score in this paper, by halves at most), with a comment. */
	Attempts.Result grade(Caller caller, long attemptId, long questionId, BigDecimal score, String comment) {
		Attempts.Attempt attempt = attempts.byId(attemptId).orElseThrow(() -> new OutOfScopeException("exam-attempt",
				attemptId));
		if (!scope.reaches(caller, attempt.orgId(), QuestionBank.MANAGERS)) {
			throw new OutOfScopeException("exam-attempt", attemptId);
		}
		Papers.Item item = attempt.item(questionId)
			.orElseThrow(() -> new FieldProblem("questionId", "exam.answer.notInPaper"));
		QuestionBank.Stored question = bank.stored(List.of(questionId)).get(questionId);
		if (!question.type().gradedByHand()) {
			throw new FieldProblem("questionId", "exam.grade.notShort");
		}
		if (score == null || score.signum() < 0 || score.compareTo(item.score()) > 0 || score.stripTrailingZeros().scale() > 1) {
			throw new FieldProblem("score", "exam.grade.range", item.score().stripTrailingZeros().toPlainString());
		}
		Attempts.Attempt locked = attempts.lock(attemptId);
		if (!locked.submitted()) {
			throw new ConflictProblem("attemptId", "exam.grade.notSubmitted");
		}
		Boolean wasPending = jdbc.query("select score is null from exam_answer where attempt_id = ? and question_id = ?",
				rs -> rs.next() ? rs.getBoolean(1) : null, attemptId, questionId);
		if (wasPending == null) {
			throw new FieldProblem("questionId", "exam.grade.unanswered");
		}
		if (!wasPending) {
			throw new ConflictProblem("questionId", "exam.grade.done");
		}
		Instant now = clock.instant();
		jdbc.update("""
				update exam_answer set score = ?, correct = ?, comment = ?, graded_by = ?, graded_at = ?
				where attempt_id = ? and question_id = ?""", score, score.compareTo(item.score()) >= 0,
				comment == null || comment.isBlank() ? null : PlainText.clean(comment).strip(), caller.username(),
				Timestamp.from(now), attemptId, questionId);
		Exams.Exam exam = exams.load(attempt.examId()).orElseThrow();
		int pending = locked.pendingManual() - 1;
		BigDecimal total = locked.score().add(score);
		Boolean passed = pending == 0 ? total.compareTo(exam.passMark()) >= 0 : null;
		jdbc.update("""
				update exam_attempt set score = ?, pending_manual = ?, passed = ?, completed_at = ? where id = ?""", total,
				pending, passed, pending == 0 ? Timestamp.from(now) : null, attemptId);
		if (pending == 0) {
			attempts.completed(exam, attempts.lock(attemptId));
		}
		return new Attempts.Result(Attempts.number(total), passed, pending);
	}
}
