package cn.partybuilding.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.analytics.ReportJobs.Report;
import cn.partybuilding.analytics.ReportJobs.State;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * JSON for the analysis reports: ask for one (202 with its id; written in the background), follow its state and
 * progress, list them, download the Word and PDF files, read the figures it was written from.
 */
@RestController
class ReportsApi {

	/** {@code period}: 2026-11, 2026-Q4 or 2026. */
	record ReportRequest(Long orgId, @Size(max = 20) String period) {
	}

	record Created(UUID id) {
	}

	/** A report: the urls are null until it is DONE; {@code error} says why a FAILED one failed. */
	record ReportView(UUID id, long orgId, String orgName, String period, String kind, String state, int progress,
			String docxUrl, String pdfUrl, String error, boolean scheduled, String requestedBy, Instant createdAt,
			Instant finishedAt) {

		static ReportView of(Report r) {
			String base = "/api/v1/analytics/reports/" + r.id();
			return new ReportView(r.id(), r.orgId(), r.orgName(), r.period(), r.kind().name(), r.state().name(), r.progress(),
					r.done() ? base + "/docx" : null, r.done() ? base + "/pdf" : null, r.error(), r.scheduled(),
					r.requestedByName(), r.createdAt(), r.finishedAt());
		}
	}

	private final AnalysisReports reports;

	ReportsApi(AnalysisReports reports) {
		this.reports = reports;
	}

	@PostMapping("/api/v1/analytics/reports")
	ResponseEntity<Created> request(@Valid @RequestBody ReportRequest request) {
		UUID id = reports.request(Caller.require(), request.orgId(), request.period());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Created(id));
	}

	@GetMapping("/api/v1/analytics/reports/{id}")
	ReportView report(@PathVariable UUID id) {
		return ReportView.of(reports.find(Caller.require(), id));
	}

	/** The reports in reach (below orgId when given), newest first; kind MONTH/QUARTER/YEAR, state as in a report. */
	@GetMapping("/api/v1/analytics/reports")
	List<ReportView> list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) @Size(max = 10) String kind,
			@RequestParam(required = false) @Size(max = 10) String state) {
		return reports.list(Caller.require(), orgId, kind(kind), state(state)).stream().map(ReportView::of).toList();
	}

	/** The figures the report was written from (the dashboard value, as archived). */
	@GetMapping(value = "/api/v1/analytics/reports/{id}/figures", produces = MediaType.APPLICATION_JSON_VALUE)
	String figures(@PathVariable UUID id) {
		return reports.figures(Caller.require(), id);
	}

	@GetMapping("/api/v1/analytics/reports/{id}/docx")
	ResponseEntity<Resource> docx(@PathVariable UUID id) {
		return file(reports.download(Caller.require(), id, "docx"));
	}

	@GetMapping("/api/v1/analytics/reports/{id}/pdf")
	ResponseEntity<Resource> pdf(@PathVariable UUID id) {
		return file(reports.download(Caller.require(), id, "pdf"));
	}

	static ResponseEntity<Resource> file(AnalysisReports.ReportFile file) {
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(file.fileName(), file.asciiName()))
			.contentType(MediaType.parseMediaType(file.contentType()))
			.body(file.content());
	}

	static ReportNarrative.Kind kind(String kind) {
		if (kind == null || kind.isBlank()) {
			return null;
		}
		try {
			return ReportNarrative.Kind.valueOf(kind.trim().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw new FieldProblem("kind", "analytics.reports.filter.kind");
		}
	}

	static State state(String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		try {
			return State.valueOf(state.trim().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw new FieldProblem("state", "analytics.reports.filter.state");
		}
	}
}
