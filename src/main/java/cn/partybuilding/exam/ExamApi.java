package cn.partybuilding.exam;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

import cn.partybuilding.shared.Caller;

/**
 * JSON for exams: setting one, taking it (start or resume, save answers one by one, submit), the grading queue and
 * the statistics. Answers are never in a response before the exam's reveal time.
 */
@RestController
class ExamApi {

	private final Exams exams;

	private final Attempts attempts;

	private final Grading grading;

	private final ExamStatistics statistics;

	ExamApi(Exams exams, Attempts attempts, Grading grading, ExamStatistics statistics) {
		this.exams = exams;
		this.attempts = attempts;
		this.grading = grading;
		this.statistics = statistics;
	}

	record Created(long id) {
	}

	/** The answer as the question's type takes it: {@code "B"}, {@code ["A","C"]}, {@code true}, blanks, a text. */
	record AnswerRequest(JsonNode answer) {
	}

	record GradeRequest(java.math.BigDecimal score, @Size(max = 1000) String comment) {
	}

	@PostMapping("/api/v1/exams")
	ResponseEntity<Created> set(@Valid @RequestBody Exams.NewExam form) {
		long id = exams.set(Caller.require(), form);
		return ResponseEntity.created(URI.create("/api/v1/exams/" + id)).body(new Created(id));
	}

	/** The exams the caller manages ({@code managing=true}) or may take. */
	@GetMapping("/api/v1/exams")
	List<Exams.ExamLine> list(@RequestParam(defaultValue = "false") boolean managing) {
		Caller caller = Caller.require();
		return managing ? exams.managedList(caller) : exams.mine(caller);
	}

	@GetMapping("/api/v1/exams/{id}")
	Exams.ExamLine exam(@PathVariable long id) {
		return statistics.line(Caller.require(), id);
	}

	@PostMapping("/api/v1/exams/{id}/withdraw")
	ResponseEntity<Void> withdraw(@PathVariable long id) {
		exams.withdraw(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/exams/{id}/attempts")
	@ResponseStatus(HttpStatus.CREATED)
	Attempts.AttemptView start(@PathVariable long id) {
		return attempts.start(Caller.require(), id);
	}

	@GetMapping("/api/v1/exam-attempts/{id}")
	Attempts.AttemptView attempt(@PathVariable long id) {
		return attempts.find(Caller.require(), id);
	}

	@PutMapping("/api/v1/exam-attempts/{id}/answers/{questionId}")
	Attempts.Saved answer(@PathVariable long id, @PathVariable long questionId, @RequestBody AnswerRequest request) {
		if (request.answer() != null && request.answer().toString().length() > 3 * Answers.MAX_TEXT) {
			throw new cn.partybuilding.shared.FieldProblem("answer", "exam.answer.tooLong", Answers.MAX_TEXT);
		}
		return attempts.answer(Caller.require(), id, questionId, request.answer());
	}

	@PostMapping("/api/v1/exam-attempts/{id}/submit")
	Attempts.Result submit(@PathVariable long id) {
		return attempts.submit(Caller.require(), id);
	}

	/** Short answers waiting for a score, in the caller's organisations; one exam's with {@code examId}. */
	@GetMapping("/api/v1/exam-grading")
	List<Grading.Pending> pending(@RequestParam(required = false) Long examId) {
		return grading.pending(Caller.require(), examId);
	}

	@PutMapping("/api/v1/exam-attempts/{id}/grades/{questionId}")
	Attempts.Result grade(@PathVariable long id, @PathVariable long questionId,
			@Valid @RequestBody GradeRequest request) {
		return grading.grade(Caller.require(), id, questionId, request.score(), request.comment());
	}

	@GetMapping("/api/v1/exams/{id}/statistics")
	ExamStatistics.Statistics statistics(@PathVariable long id, @RequestParam(required = false) Long orgId) {
		return statistics.of(Caller.require(), id, orgId);
	}
}
