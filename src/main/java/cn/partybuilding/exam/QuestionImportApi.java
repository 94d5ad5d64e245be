package cn.partybuilding.exam;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;

/**
 * The question bank as spreadsheets: an import into an organisation's bank (201 with the questions created, or 400
 * with every wrong cell and nothing written, as the member and development imports answer), the template, an
 * export in the same layout (it imports again), and a file's wrong cells as a sheet.
 */
@RestController
class QuestionImportApi {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final QuestionImports imports;

	QuestionImportApi(QuestionImports imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/v1/exam/questions/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<QuestionImports.ImportResult> upload(
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) Long orgId) throws IOException {
		Caller caller = Caller.require();
		QuestionImports.ImportResult result;
		try (InputStream content = content(file)) {
			result = imports.run(caller, orgId, file.getOriginalFilename(), content);
		}
		return ResponseEntity.status(result.done() ? HttpStatus.CREATED : HttpStatus.BAD_REQUEST).body(result);
	}

	/** The wrong cells of a file as a sheet, checked as an import would and nothing written (empty when clean). */
	@PostMapping(path = "/api/v1/exam/questions/imports/errors.xlsx", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<byte[]> errors(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) Long orgId) throws IOException {
		QuestionImports.ImportResult result;
		try (InputStream content = content(file)) {
			result = imports.check(Caller.require(), orgId, content);
		}
		return download(imports.errors(result.errors()), QuestionImports.ERRORS_FILE, "question-import-errors.xlsx");
	}

	private static InputStream content(MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new FieldProblem("file", "exam.import.empty");
		}
		return file.getInputStream();
	}

	@GetMapping("/api/v1/exam/questions/template.xlsx")
	ResponseEntity<byte[]> template() {
		requireManager();
		return download(imports.template(), QuestionImports.TEMPLATE_FILE, "question-import-template.xlsx");
	}

	/** The questions the list shows with the same filters, every one of them (up to the import's row limit). */
	@GetMapping("/api/v1/exam/questions/export.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) QuestionType type, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Integer maxDifficulty, @RequestParam(required = false) String text,
			@RequestParam(defaultValue = "false") boolean retired) {
		Caller caller = requireManager();
		QuestionBank.Filter filter = new QuestionBank.Filter(orgId, type, clip(tag), maxDifficulty, clip(text), retired);
		return download(imports.export(caller, filter), QuestionImports.EXPORT_FILE, "questions.xlsx");
	}

	static String clip(String text) {
		return text == null || text.length() <= 100 ? text : text.substring(0, 100);
	}

	private static Caller requireManager() {
		Caller caller = Caller.require();
		if (!caller.has(QuestionBank.MANAGERS)) {
			throw new NotPermittedException("exam-question", "*", "export");
		}
		return caller;
	}

	static ResponseEntity<byte[]> download(byte[] content, String name, String asciiName) {
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(name, asciiName))
			.contentType(XLSX)
			.body(content);
	}
}
