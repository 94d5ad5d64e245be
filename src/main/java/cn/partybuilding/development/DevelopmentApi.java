package cn.partybuilding.development;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.OutOfScopeException;

/** JSON for 发展党员: the people in the caller's scope, their files, their steps, the funnel. */
@RestController
class DevelopmentApi {

	private final DevelopmentPeople people;

	private final DevelopmentFunnel funnel;

	private final DevelopmentEvidence evidence;

	private final DevelopmentDownloads downloads;

	private final MessageSource messages;

	private final Clock clock;

	DevelopmentApi(DevelopmentPeople people, DevelopmentFunnel funnel, DevelopmentEvidence evidence,
			DevelopmentDownloads downloads, MessageSource messages, Clock clock) {
		this.downloads = downloads;
		this.people = people;
		this.funnel = funnel;
		this.evidence = evidence;
		this.messages = messages;
		this.clock = clock;
	}

	record PersonPage(List<DevelopmentPeople.PersonLine> content, long totalElements, int page, int size) {
	}

	@PostMapping("/api/v1/development/people")
	@ResponseStatus(HttpStatus.CREATED)
	DevelopmentPeople.Created apply(@Valid @RequestBody DevelopmentPeople.NewPerson form) {
		return people.apply(Caller.require(), form);
	}

	@PostMapping("/api/v1/development/people/{id}/steps")
	@ResponseStatus(HttpStatus.CREATED)
	DevelopmentPeople.StepView step(@PathVariable long id, @Valid @RequestBody DevelopmentPeople.StepRequest request) {
		return people.record(Caller.require(), id, request);
	}

	record Move(Long branchId) {
	}

	/** The person (not yet admitted) moves to another branch with their file. */
	@PostMapping("/api/v1/development/people/{id}/move")
	DevelopmentPeople.PersonView move(@PathVariable long id, @RequestBody Move move) {
		return people.move(Caller.require(), id, move.branchId());
	}

	/** The same step for several people (备案 lists, 推优 lists): {@code personIds} and the step's fields. */
	record BatchStep(@Size(max = DevelopmentPeople.BATCH_LIMIT) List<Long> personIds, Integer step, LocalDate date,
			@Size(max = 4000) String note, DevelopmentPath.Decision decision, @Size(max = 500) String reason) {
	}

	@PostMapping("/api/v1/development/steps")
	@ResponseStatus(HttpStatus.CREATED)
	List<DevelopmentPeople.StepView> batch(@Valid @RequestBody BatchStep batch) {
		return people.recordForEach(Caller.require(), batch.personIds(), new DevelopmentPeople.StepRequest(batch.step(),
				batch.date(), batch.note(), null, null, null, null, null, null, null, null, null, null, batch.decision(),
				batch.reason(), null, null, null));
	}

	@GetMapping("/api/v1/development/people/{id}")
	DevelopmentPeople.PersonView person(@PathVariable long id) {
		return people.find(Caller.require(), id);
	}

	@GetMapping("/api/v1/development/people")
	PersonPage list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) Stage stage,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		Page<DevelopmentPeople.PersonLine> found = people.list(Caller.require(), orgId, stage, q, page,
				Math.min(Math.max(size, 1), 200));
		return new PersonPage(found.getContent(), found.getTotalElements(), found.getNumber(), found.getSize());
	}

	/** The applicant's own file (404 for an account that has none). */
	@GetMapping("/api/v1/development/me")
	DevelopmentPeople.PersonView mine() {
		Caller caller = Caller.require();
		return people.mine(caller).orElseThrow(() -> new OutOfScopeException("development-person", "me"));
	}

	/** The 入党申请书 written online: the particulars and the text (the branch is the account's). */
	record OnlineApplication(@Valid DevelopmentPeople.NewPerson person, @Size(max = 20000) String text) {
	}

	@PostMapping("/api/v1/development/me/application")
	@ResponseStatus(HttpStatus.CREATED)
	DevelopmentPeople.Created applyOnline(@Valid @RequestBody OnlineApplication application) {
		DevelopmentPeople.NewPerson person = application.person() == null
				? new DevelopmentPeople.NewPerson(null, null, null, null, null, null, null, null, null, null, null)
				: application.person();
		return people.applyOnline(Caller.require(), person, application.text());
	}

	/** Evidence for a step (multipart {@code file}, {@code step}): PDF, JPEG, PNG or Word, checked by its bytes. */
	@PostMapping(path = "/api/v1/development/people/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	DevelopmentEvidence.EvidenceView addEvidence(@PathVariable long id, @RequestParam Integer step,
			@RequestParam MultipartFile file) throws IOException {
		return evidence.add(Caller.require(), id, step, file.getOriginalFilename(), file.getBytes());
	}

	/** The applicant's own evidence, e.g. the scan of a handwritten 入党申请书 (step 1). */
	@PostMapping(path = "/api/v1/development/me/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	DevelopmentEvidence.EvidenceView addOwnEvidence(@RequestParam(defaultValue = "1") Integer step,
			@RequestParam MultipartFile file) throws IOException {
		Caller caller = Caller.require();
		long id = people.mine(caller).orElseThrow(() -> new OutOfScopeException("development-person", "me")).id();
		return evidence.add(caller, id, step, file.getOriginalFilename(), file.getBytes());
	}

	@GetMapping("/api/v1/development/people/{id}/evidence")
	List<DevelopmentEvidence.EvidenceView> evidence(@PathVariable long id) {
		return evidence.list(Caller.require(), id);
	}

	@GetMapping("/api/v1/development/people/{id}/evidence/{evidenceId}")
	ResponseEntity<byte[]> evidenceFile(@PathVariable long id, @PathVariable long evidenceId) {
		DevelopmentEvidence.Content content = evidence.content(Caller.require(), id, evidenceId)
			.orElseThrow(() -> new OutOfScopeException("development-evidence", evidenceId));
		return download(content.fileName(), "evidence", content.contentType(), content.bytes());
	}

	/** The step's standard document filled from the record (404 when the step has none or is not done). */
	@GetMapping("/api/v1/development/people/{id}/documents/{step}.docx")
	ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable int step) {
		return download(downloads.document(Caller.require(), id, step));
	}

	@GetMapping("/api/v1/development/people/{id}/documents.zip")
	ResponseEntity<byte[]> documents(@PathVariable long id) {
		return download(downloads.documents(Caller.require(), id));
	}

	/** The documents of several people at once (a batch: one folder each), every one within scope. */
	@GetMapping("/api/v1/development/documents.zip")
	ResponseEntity<byte[]> batch(@RequestParam List<Long> ids) {
		return download(downloads.batch(Caller.require(), ids));
	}

	/** The whole file as one PDF for 材料归档: every step, its date and decision, the evidence listed. */
	@GetMapping("/api/v1/development/people/{id}/file.pdf")
	ResponseEntity<byte[]> filePdf(@PathVariable long id) {
		return download(downloads.filePdf(Caller.require(), id));
	}

	private static ResponseEntity<byte[]> download(DevelopmentDownloads.Download d) {
		return download(d.name(), d.fallback(), d.type(), d.bytes());
	}

	private static ResponseEntity<byte[]> download(String name, String fallback, String type, byte[] bytes) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name, fallback))
			.contentType(MediaType.parseMediaType(type))
			.body(bytes);
	}

	@GetMapping("/api/v1/development/funnel")
	DevelopmentFunnel.Funnel funnel(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Integer year) {
		return funnel.of(Caller.require(), orgId, year == null ? LocalDate.now(clock).getYear() : year);
	}

	/** A rule refused the step: 400 naming the rule and, for a waiting time, the first date it becomes possible. */
	@ExceptionHandler(DevelopmentPeople.StepRefused.class)
	ResponseEntity<Map<String, Object>> refused(DevelopmentPeople.StepRefused ex, Locale locale) {
		DevelopmentPath.Refusal refusal = ex.refusal();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", 400);
		String message = messages.getMessage(refusal.rule(), refusal.args(), locale);
		body.put("message", ex.personName() == null ? message
				: messages.getMessage("development.batch.refused", new Object[] { ex.personName(), message }, locale));
		body.put("rule", refusal.rule().substring(refusal.rule().lastIndexOf('.') + 1));
		if (refusal.possibleFrom() != null) {
			body.put("possibleFrom", refusal.possibleFrom().toString());
		}
		body.put("errors", List.of());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(body);
	}
}
