package cn.partybuilding.development;

import java.io.IOException;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

/** JSON for 思想汇报: the person's own reports, a person's reports for the branch and the 联系人, the 考察意见. */
@RestController
class ThoughtReportApi {

	private final ThoughtReports reports;

	ThoughtReportApi(ThoughtReports reports) {
		this.reports = reports;
	}

	@GetMapping("/api/v1/development/me/reports")
	ThoughtReports.Overview mine() {
		return reports.mine(Caller.require());
	}

	/** A report written here: {@code {period?: first day or any day of the period, body}}. */
	@PostMapping(path = "/api/v1/development/me/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	ThoughtReports.ReportView write(@Valid @RequestBody ThoughtReports.Submission submission) {
		return reports.submit(Caller.require(), submission, null, null);
	}

	/** A report uploaded (a PDF or a photo of the handwritten one), with an optional text. */
	@PostMapping(path = "/api/v1/development/me/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	ThoughtReports.ReportView upload(@Valid ThoughtReports.Submission submission,
			@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
		return reports.submit(Caller.require(), submission, file == null ? null : file.getOriginalFilename(),
				file == null ? null : file.getBytes());
	}

	@GetMapping("/api/v1/development/people/{id}/reports")
	ThoughtReports.Overview of(@PathVariable long id) {
		return reports.of(Caller.require(), id);
	}

	@PostMapping("/api/v1/development/people/{id}/reports/{reportId}/opinion")
	@ResponseStatus(HttpStatus.CREATED)
	ThoughtReports.ReportView opinion(@PathVariable long id, @PathVariable long reportId,
			@Valid @RequestBody ThoughtReports.Opinion opinion) {
		return reports.assess(Caller.require(), id, reportId, opinion);
	}

	@GetMapping("/api/v1/development/people/{id}/reports/{reportId}/file")
	ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long reportId) {
		ThoughtReports.Scan scan = reports.file(Caller.require(), id, reportId);
		String ascii = scan.contentType().equals("application/pdf") ? "report.pdf"
				: scan.contentType().equals("image/png") ? "report.png" : "report.jpg";
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(scan.fileName(), ascii))
			.header("X-Content-Type-Options", "nosniff")
			.contentType(MediaType.parseMediaType(scan.contentType()))
			.body(scan.bytes());
	}
}
