package cn.partybuilding.content;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * The committee's word list as JSON: add (201), list with a filter and paging, change a word's action, remove
 * (204); and as spreadsheets: import (201 with what was written, or 400 with every wrong cell and nothing written),
 * the wrong cells as a sheet, the template and an export in the same layout.
 */
@RestController
class WordApi {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final WordList words;

	private final WordImports imports;

	WordApi(WordList words, WordImports imports) {
		this.words = words;
		this.imports = imports;
	}

	/** A word to add: the word as it should be listed, BLOCK or REVIEW. */
	record NewWord(@Size(max = 200) String word, @Size(max = 20) String action) {
	}

	/** A word's new action. */
	record ActionChange(@Size(max = 20) String action) {
	}

	/** A word as the API shows it. */
	record WordView(long id, String word, String action, String normalized, String createdBy,
			java.time.Instant createdAt, String updatedBy, java.time.Instant updatedAt) {

		static WordView of(WordList.Word w) {
			return new WordView(w.id(), w.word(), w.action().name(), w.normalized(), w.createdBy(), w.createdAt(),
					w.updatedBy(), w.updatedAt());
		}
	}

	record WordPage(List<WordView> content, long totalElements, int page, int size) {
	}

	@PostMapping("/api/v1/content/words")
	ResponseEntity<WordView> add(@Valid @RequestBody NewWord body) {
		WordList.Word added = words.add(Caller.require(), body.word(), body.action());
		return ResponseEntity.created(URI.create("/api/v1/content/words/" + added.id())).body(WordView.of(added));
	}

	@GetMapping("/api/v1/content/words")
	WordPage list(@RequestParam(required = false) String q, @RequestParam(required = false) String action,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		WordAction a = action == null || action.isBlank() ? null
				: WordAction.of(action).orElseThrow(() -> new FieldProblem("action", "content.word.action.unknown"));
		var result = words.list(Caller.require(), clip(q), a, page, size);
		return new WordPage(result.getContent().stream().map(WordView::of).toList(), result.getTotalElements(),
				result.getNumber(), result.getSize());
	}

	@GetMapping("/api/v1/content/words/{id:\\d+}")
	WordView find(@PathVariable long id) {
		return WordView.of(words.find(Caller.require(), id));
	}

	@PutMapping("/api/v1/content/words/{id:\\d+}")
	WordView change(@PathVariable long id, @Valid @RequestBody ActionChange body) {
		return WordView.of(words.change(Caller.require(), id, body.action()));
	}

	@DeleteMapping("/api/v1/content/words/{id:\\d+}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		words.delete(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	// ---- spreadsheets ----

	@PostMapping(path = "/api/v1/content/words/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<WordImports.ImportResult> upload(@RequestParam(name = "file", required = false) MultipartFile file)
			throws IOException {
		Caller caller = words.requireKeeper(Caller.require(), "import");
		WordImports.ImportResult result;
		try (InputStream content = content(file)) {
			result = imports.run(caller, file.getOriginalFilename(), content);
		}
		return ResponseEntity.status(result.done() ? HttpStatus.CREATED : HttpStatus.BAD_REQUEST).body(result);
	}

	/** The wrong cells of a file as a sheet, checked as an import would and nothing written (empty when clean). */
	@PostMapping(path = "/api/v1/content/words/imports/errors.xlsx", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<byte[]> errors(@RequestParam(name = "file", required = false) MultipartFile file)
			throws IOException {
		Caller caller = words.requireKeeper(Caller.require(), "import");
		WordImports.ImportResult result;
		try (InputStream content = content(file)) {
			result = imports.check(caller, content);
		}
		return download(imports.errors(result.errors()), WordSheet.ERRORS_FILE, "word-import-errors.xlsx");
	}

	@GetMapping("/api/v1/content/words/template.xlsx")
	ResponseEntity<byte[]> template() {
		words.requireKeeper(Caller.require(), "template");
		return download(imports.template(), WordSheet.TEMPLATE_FILE, "word-import-template.xlsx");
	}

	@GetMapping("/api/v1/content/words/export.xlsx")
	ResponseEntity<byte[]> export() {
		return download(imports.export(Caller.require()), WordSheet.EXPORT_FILE, "words.xlsx");
	}

	static InputStream content(MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new FieldProblem("file", "content.word.import.empty");
		}
		return file.getInputStream();
	}

	static String clip(String text) {
		return text == null || text.length() <= 50 ? text : text.substring(0, 50);
	}

	static ResponseEntity<byte[]> download(byte[] content, String name, String asciiName) {
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(name, asciiName))
			.contentType(XLSX)
			.body(content);
	}
}
