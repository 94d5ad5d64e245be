package cn.partybuilding.content;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.partybuilding.shared.Caller;

/** JSON for authors and reviewers: items, their review and withdrawal, attachments, columns. */
@RestController
class ContentApi {

	private final ContentItems items;

	private final ContentFiles files;

	private final Columns columns;

	private final MessageSource messages;

	ContentApi(ContentItems items, ContentFiles files, Columns columns, MessageSource messages) {
		this.messages = messages;
		this.items = items;
		this.files = files;
		this.columns = columns;
	}

	/** A saved draft; warnings say what the cleaning of the body dropped (external images …). */
	record Saved(long id, ItemState state, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
	}

	record StateView(long id, ItemState state) {
	}

	record ReviewRequest(@Size(max = 10) String decision, @Size(max = 1000) String comment) {
	}

	record WithdrawRequest(@Size(max = 500) String reason) {
	}

	record ItemPage(List<ContentItems.ItemLine> content, long totalElements, int page, int size) {
	}

	@PostMapping("/api/v1/content/items")
	ResponseEntity<Saved> create(@Valid @RequestBody ContentItems.ItemRequest request, Locale locale) {
		ContentItems.Saved saved = items.create(Caller.require(), request);
		return ResponseEntity.created(URI.create("/api/v1/content/items/" + saved.id())).body(saved(saved, locale));
	}

	@PutMapping("/api/v1/content/items/{id}")
	Saved edit(@PathVariable long id, @Valid @RequestBody ContentItems.ItemRequest request, Locale locale) {
		return saved(items.edit(Caller.require(), id, request), locale);
	}

	private Saved saved(ContentItems.Saved saved, Locale locale) {
		return new Saved(saved.id(), saved.state(), saved.warnings().stream()
			.map(w -> messages.getMessage(w.messageKey(), w.args(), w.messageKey(), locale)).toList());
	}

	@GetMapping("/api/v1/content/items")
	ItemPage list(@RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(required = false) ItemState state, @RequestParam(required = false) ContentKind kind,
			@RequestParam(required = false) Long orgId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		var result = items.list(Caller.require(), new ContentItems.Filter(q, state, kind, orgId), Math.max(page, 0),
				Math.min(Math.max(size, 1), 100));
		return new ItemPage(result.getContent(), result.getTotalElements(), result.getNumber(), result.getSize());
	}

	@GetMapping("/api/v1/content/items/{id}")
	ContentItems.ItemView find(@PathVariable long id) {
		return items.view(Caller.require(), id);
	}

	@GetMapping("/api/v1/content/items/{id}/versions")
	List<ContentItems.Version> versions(@PathVariable long id) {
		return items.versions(Caller.require(), id);
	}

	@PostMapping("/api/v1/content/items/{id}/submit")
	StateView submit(@PathVariable long id) {
		return new StateView(id, items.submit(Caller.require(), id));
	}

	@PostMapping("/api/v1/content/items/{id}/review")
	StateView review(@PathVariable long id, @Valid @RequestBody ReviewRequest request) {
		ContentItems.Decision decision = ContentItems.parse(ContentItems.Decision.class, request.decision());
		return new StateView(id, items.review(Caller.require(), id, decision, request.comment()));
	}

	@PostMapping("/api/v1/content/items/{id}/withdraw")
	StateView withdraw(@PathVariable long id, @Valid @RequestBody WithdrawRequest request) {
		return new StateView(id, items.withdraw(Caller.require(), id, request.reason()));
	}

	/** The items waiting for the caller's review, oldest first. */
	@GetMapping("/api/v1/content/review")
	List<ContentItems.ItemLine> waiting() {
		return items.waitingFor(Caller.require());
	}

	@PostMapping("/api/v1/content/items/{id}/attachments")
	ResponseEntity<Map<String, Object>> attach(@PathVariable long id, @RequestParam("file") MultipartFile file)
			throws IOException {
		ContentItems.Attachment attachment = files.attach(Caller.require(), id, file.getOriginalFilename(), file.getBytes());
		return ResponseEntity.status(201).body(Map.of("name", attachment.name(), "size", attachment.size()));
	}

	@DeleteMapping("/api/v1/content/items/{id}/attachments/{index}")
	ResponseEntity<Void> detach(@PathVariable long id, @PathVariable int index) {
		items.detach(Caller.require(), id, index);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/content/columns")
	List<Columns.Column> columns() {
		return columns.open();
	}

	@PostMapping("/api/v1/content/columns")
	ResponseEntity<Map<String, Long>> addColumn(@Valid @RequestBody Columns.ColumnRequest request) {
		long id = columns.create(Caller.require(), request);
		return ResponseEntity.created(URI.create("/api/v1/content/columns/" + id)).body(Map.of("id", id));
	}

	@PutMapping("/api/v1/content/columns/{id}")
	Columns.Column changeColumn(@PathVariable long id, @Valid @RequestBody Columns.ColumnRequest request) {
		columns.change(Caller.require(), id, request);
		return columns.find(id);
	}

	@DeleteMapping("/api/v1/content/columns/{id}")
	ResponseEntity<Void> retireColumn(@PathVariable long id) {
		columns.retire(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}
}
