package cn.partybuilding.interaction;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * JSON for questions and answers: list (filters), ask (201), read, answer (201), mark the best answer, the
 * secretary's held texts and their release or hiding, the named answerers.
 */
@RestController
class QuestionBoardApi {

	private final QuestionThreads threads;

	QuestionBoardApi(QuestionThreads threads) {
		this.threads = threads;
	}

	@GetMapping("/api/v1/questions")
	QuestionThreads.QuestionPage list(@RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(defaultValue = "false") boolean unanswered, @RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(required = false) Long orgId, @RequestParam(defaultValue = "0") int page) {
		return threads.list(Caller.require(), new QuestionThreads.Filter(q, unanswered, mine, orgId), page);
	}

	@PostMapping("/api/v1/questions")
	@ResponseStatus(HttpStatus.CREATED)
	QuestionThreads.Saved ask(@Valid @RequestBody QuestionThreads.Asking asking) {
		return threads.ask(Caller.require(), asking);
	}

	@GetMapping("/api/v1/questions/{id}")
	QuestionThreads.QuestionView find(@PathVariable long id) {
		return threads.find(Caller.require(), id);
	}

	@PostMapping("/api/v1/questions/{id}/answers")
	@ResponseStatus(HttpStatus.CREATED)
	QuestionThreads.Saved answer(@PathVariable long id, @Valid @RequestBody QuestionThreads.Answering answering) {
		return threads.answer(Caller.require(), id, answering);
	}

	@PostMapping("/api/v1/questions/{id}/best")
	QuestionThreads.QuestionView best(@PathVariable long id, @RequestBody QuestionThreads.Best best) {
		threads.markBest(Caller.require(), id, best.answerId());
		return threads.find(Caller.require(), id);
	}

	@GetMapping("/api/v1/questions/held")
	List<QuestionThreads.Held> held() {
		return threads.held(Caller.require());
	}

	@PostMapping("/api/v1/questions/{id}/release")
	QuestionThreads.QuestionView release(@PathVariable long id) {
		threads.moderateQuestion(Caller.require(), id, true);
		return threads.find(Caller.require(), id);
	}

	@PostMapping("/api/v1/questions/{id}/hide")
	void hide(@PathVariable long id) {
		threads.moderateQuestion(Caller.require(), id, false);
	}

	@PostMapping("/api/v1/questions/{id}/answers/{answerId}/release")
	void releaseAnswer(@PathVariable long id, @PathVariable long answerId) {
		threads.moderateAnswer(Caller.require(), id, answerId, true);
	}

	@PostMapping("/api/v1/questions/{id}/answers/{answerId}/hide")
	void hideAnswer(@PathVariable long id, @PathVariable long answerId) {
		threads.moderateAnswer(Caller.require(), id, answerId, false);
	}

	@GetMapping("/api/v1/questions/answerers")
	List<QuestionThreads.Answerer> answerers(@RequestParam long orgId) {
		return threads.answerers(Caller.require(), orgId);
	}

	@PostMapping("/api/v1/questions/answerers")
	@ResponseStatus(HttpStatus.CREATED)
	QuestionThreads.Answerer designate(@Valid @RequestBody QuestionThreads.Designation designation) {
		if (designation.orgId() == null) {
			throw new FieldProblem("orgId", "questions.answerer.org.required");
		}
		return threads.designate(Caller.require(), designation.orgId(), designation.staffNumber());
	}

	@DeleteMapping("/api/v1/questions/answerers/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@RequestParam long orgId, @PathVariable long accountId) {
		threads.removeAnswerer(Caller.require(), orgId, accountId);
	}
}
