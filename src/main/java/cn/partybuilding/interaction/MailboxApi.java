package cn.partybuilding.interaction;

import java.time.Clock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * JSON for 书记信箱: write (201), list (mine and those waiting on me), read, answer, forward, close; follow an
 * anonymous letter by its code; the committee's switch for anonymous letters.
 */
@RestController
class MailboxApi {

	private final Letters letters;

	private final Clock clock;

	MailboxApi(Letters letters, Clock clock) {
		this.letters = letters;
		this.clock = clock;
	}

	record Code(@Size(max = 40) String code) {
	}

	record Switch(Boolean allowed) {
	}

	record SwitchState(long committeeId, boolean allowed) {
	}

	@PostMapping("/api/v1/mailbox/letters")
	@ResponseStatus(HttpStatus.CREATED)
	Letters.Written write(@Valid @RequestBody Letters.NewLetter letter) {
		return letters.write(Caller.require(), letter, clock.instant());
	}

	@GetMapping("/api/v1/mailbox/letters")
	Letters.LetterPage list(@RequestParam(required = false) @Size(max = 20) String box,
			@RequestParam(required = false) Letters.State state, @RequestParam(defaultValue = "0") int page) {
		return letters.list(Caller.require(), box, state, page);
	}

	/** The letters at the organisations where the caller handles letters, as a spreadsheet (at most 5 000). */
	@GetMapping("/api/v1/mailbox/letters/export.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Letters.State state) {
		byte[] sheet = LetterSheet.of(letters.handledLines(Caller.require(), state, LetterSheet.MAX_ROWS));
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(LetterSheet.FILE, "letters.xlsx"))
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(sheet);
	}

	@GetMapping("/api/v1/mailbox/letters/{id}")
	Letters.LetterView find(@PathVariable long id) {
		return letters.find(Caller.require(), id);
	}

	@PostMapping("/api/v1/mailbox/letters/{id}/answer")
	Letters.LetterView answer(@PathVariable long id, @Valid @RequestBody Letters.Note note) {
		return letters.answer(Caller.require(), id, note.text(), clock.instant());
	}

	/** Forwarded to {@code orgId} (the writer's branch or a level above it): 204 when the caller no longer sees it. */
	@PostMapping("/api/v1/mailbox/letters/{id}/forward")
	ResponseEntity<Letters.LetterView> forward(@PathVariable long id, @Valid @RequestBody Letters.Forwarding forwarding) {
		Letters.LetterView view = letters.forward(Caller.require(), id, forwarding, clock.instant());
		return view == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(view);
	}

	@PostMapping("/api/v1/mailbox/letters/{id}/close")
	Letters.LetterView close(@PathVariable long id, @Valid @RequestBody Letters.Note note) {
		return letters.close(Caller.require(), id, note.text(), clock.instant());
	}

	/** An anonymous letter followed by the code shown when it was written (POST: the code stays out of URLs and logs). */
	@PostMapping("/api/v1/mailbox/follow")
	Letters.LetterView follow(@Valid @RequestBody Code code) {
		return letters.follow(Caller.require(), code.code());
	}

	@GetMapping("/api/v1/mailbox/anonymous/{committeeId}")
	SwitchState anonymous(@PathVariable long committeeId) {
		return new SwitchState(committeeId, letters.anonymousSwitch(Caller.require(), committeeId));
	}

	@PutMapping("/api/v1/mailbox/anonymous/{committeeId}")
	SwitchState switchAnonymous(@PathVariable long committeeId, @RequestBody Switch change) {
		if (change.allowed() == null) {
			throw new FieldProblem("allowed", "mailbox.anonymous.allowed.required");
		}
		letters.switchAnonymous(Caller.require(), committeeId, change.allowed(), clock.instant());
		return new SwitchState(committeeId, change.allowed());
	}
}
