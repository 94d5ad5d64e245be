package cn.partybuilding.exam;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON for the question bank: for those who manage an organisation the questions serve (they hold the keys). */
@RestController
class QuestionApi {

	private final QuestionBank bank;

	QuestionApi(QuestionBank bank) {
		this.bank = bank;
	}

	record Created(long id) {
	}

	record QuestionPage(List<QuestionBank.QuestionView> content, long totalElements, int page, int size) {
	}

	@PostMapping("/api/v1/exam/questions")
	ResponseEntity<Created> add(@Valid @RequestBody QuestionBank.NewQuestion question) {
		long id = bank.add(Caller.require(), question);
		return ResponseEntity.created(URI.create("/api/v1/exam/questions/" + id)).body(new Created(id));
	}

	@GetMapping("/api/v1/exam/questions")
	QuestionPage list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) QuestionType type,
			@RequestParam(required = false) String tag, @RequestParam(required = false) Integer maxDifficulty,
			@RequestParam(required = false) String text, @RequestParam(defaultValue = "false") boolean retired,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		var result = bank.list(Caller.require(), new QuestionBank.Filter(orgId, type, tag, maxDifficulty,
				text == null || text.length() <= 100 ? text : text.substring(0, 100), retired), Math.max(page, 0),
				Math.min(Math.max(size, 1), 200));
		return new QuestionPage(result.getContent(), result.getTotalElements(), result.getNumber(), result.getSize());
	}

	@GetMapping("/api/v1/exam/questions/{id}")
	QuestionBank.QuestionView find(@PathVariable long id) {
		return bank.find(Caller.require(), id);
	}

	/** Changes a question no exam has used (409 otherwise). */
	@PutMapping("/api/v1/exam/questions/{id}")
	QuestionBank.QuestionView change(@PathVariable long id, @Valid @RequestBody QuestionBank.NewQuestion question) {
		Caller caller = Caller.require();
		bank.change(caller, id, question);
		return bank.find(caller, id);
	}

	/** Retires a question: it leaves the bank, exams that used it keep it. */
	@DeleteMapping("/api/v1/exam/questions/{id}")
	ResponseEntity<Void> retire(@PathVariable long id) {
		bank.retire(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}
}
