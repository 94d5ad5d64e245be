package cn.partybuilding.privacy;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/**
 * JSON of 我的数据 for the member themselves: everything held about them, as JSON and as PDF, who looked at it, and
 * their correction requests; and for the branch and above, the requests of their members and the answers.
 */
@RestController
class MyDataApi {

	private final MyData data;

	private final MyDataPdf pdf;

	private final Corrections corrections;

	MyDataApi(MyData data, MyDataPdf pdf, Corrections corrections) {
		this.data = data;
		this.pdf = pdf;
		this.corrections = corrections;
	}

	/** Everything the platform holds about the caller, as a download. */
	@GetMapping(value = "/api/v1/me/data", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<MyData.Everything> everything(Locale locale) {
		MyData.Everything all = data.of(Caller.require(), locale);
		data.downloaded(all, "JSON");
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(MyData.JSON_FILE, "my-data.json"))
			.header("Cache-Control", "no-store")
			.body(all);
	}

	@GetMapping("/api/v1/me/data.pdf")
	ResponseEntity<byte[]> everythingAsPdf(Locale locale) {
		MyData.Everything all = data.of(Caller.require(), locale);
		byte[] file = pdf.write(all, locale);
		data.downloaded(all, "PDF");
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment("我的数据.pdf", "my-data.pdf"))
			.header("Cache-Control", "no-store")
			.contentType(MediaType.APPLICATION_PDF)
			.body(file);
	}

	/** Who looked at the caller's data: reveals, exports, printed letters, newest first. */
	@GetMapping("/api/v1/me/data-access")
	List<DataAccessLog.Access> access() {
		return data.access(Caller.require());
	}

	record CorrectionRequest(List<@Size(max = 30) String> fields, @Size(max = 1000) String description) {
	}

	@PostMapping("/api/v1/me/data/corrections")
	ResponseEntity<Corrections.DataCorrection> ask(@RequestBody @Valid CorrectionRequest request) {
		Caller caller = Caller.require();
		long id = corrections.ask(caller, request.fields(), request.description());
		Corrections.DataCorrection made = corrections.mine(caller).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
		return ResponseEntity.created(URI.create("/api/v1/me/data/corrections")).body(made);
	}

	@GetMapping("/api/v1/me/data/corrections")
	List<Corrections.DataCorrection> mine() {
		return corrections.mine(Caller.require());
	}

	/** The requests the caller answers for (branch and above); {@code open=true} only those waiting. */
	@GetMapping("/api/v1/data-corrections")
	List<Corrections.DataCorrection> forBranch(@RequestParam(defaultValue = "false") boolean open) {
		return corrections.forCaller(Caller.require(), open);
	}

	/** Named apart from other modules' answers: the API description keeps one schema per simple name. */
	record CorrectionAnswer(Boolean accepted, @Size(max = 500) String reason) {
	}

	@PostMapping("/api/v1/data-corrections/{id}/answer")
	Corrections.DataCorrection answer(@PathVariable long id, @RequestBody @Valid CorrectionAnswer answer) {
		return corrections.answer(Caller.require(), id, answer.accepted(), answer.reason());
	}
}
