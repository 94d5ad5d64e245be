package cn.partybuilding.analytics;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/**
 * JSON of the early-warning centre: the caller's warnings, scoped like the page, sorted by due date; a page at a
 * time with {@code size} or {@code after}, all at once (as before) up to {@code party.analytics.warnings.api-limit}.
 */
@RestController
class WarningsApi {

	/** One warning: dates ISO ({@code 2026-11-30}), {@code due} and {@code since} may be null. */
	record WarningView(String kind, long orgId, String orgName, String responsible, LocalDate since, LocalDate due,
			String link, String message) {

		static WarningView of(WarningCentre.Warning w) {
			return new WarningView(w.kind(), w.orgId(), w.orgName(), w.responsible(), w.since(), w.due(), w.link(),
					w.message());
		}
	}

	/**
	 * A page of warnings: {@code next} the {@code after} of the next page (null on the last, also in
	 * {@code X-Next-After}); {@code total} how many the filter finds in all; {@code truncated}: no page was asked for
	 * but there are more than {@code party.analytics.warnings.api-limit}, so this is the first page only; {@code asOf}
	 * when the kept copy read was computed (null: raised now, a scope of up to
	 * {@code party.analytics.warnings.live-up-to} organisations).
	 */
	record WarningListPage(List<WarningView> items, String next, int total, boolean truncated, java.time.Instant asOf) {
	}

	static final int DEFAULT_SIZE = 200;

	static final int MAX_SIZE = 1000;

	private final WarningCentre centre;

	private final int limit;

	WarningsApi(WarningCentre centre, @Value("${party.analytics.warnings.api-limit:1000}") int limit) {
		this.centre = centre;
		this.limit = Math.max(1, limit);
	}

	/**
	 * {@code orgId}: one subtree the caller reaches (else 404, audited); none: the caller's whole scope. Without
	 * {@code size} and {@code after} the list as before (a JSON array) up to the limit; above it, and with either, a
	 * page: {@code size} 1–1000 (default 200), {@code after} the previous page's {@code next}.
	 */
	@GetMapping("/api/v1/warnings")
	ResponseEntity<?> list(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) @Size(max = 64) String kind, @RequestParam(required = false) Integer within,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Size(max = 4000) String after) {
		boolean whole = size == null && (after == null || after.isBlank());
		int n = whole ? limit : Math.max(1, Math.min(size == null ? DEFAULT_SIZE : size, MAX_SIZE));
		return answer(centre.pageFor(Caller.require(), new WarningCentre.Filter(orgId, kind, within), after, n,
				LocaleContextHolder.getLocale()), whole);
	}

	/**
	 * The answer of a page: with no page asked for ({@code whole}) and no more than the limit found, the list as before;
	 * otherwise the page (the first {@link #DEFAULT_SIZE} when no page was asked for, said with {@code truncated}).
	 */
	ResponseEntity<?> answer(WarningCentre.Page page, boolean whole) {
		List<WarningCentre.Warning> rows = page.rows();
		String next = page.next();
		if (whole) {
			if (next == null) {
				return ResponseEntity.ok(rows.stream().map(WarningView::of).toList());
			}
			rows = rows.subList(0, Math.min(DEFAULT_SIZE, rows.size()));
			next = rows.get(rows.size() - 1).cursor();
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (next != null) {
			response.header("X-Next-After", next);
		}
		return response.body(new WarningListPage(rows.stream().map(WarningView::of).toList(), next, page.total(), whole,
				page.asOf()));
	}
}
