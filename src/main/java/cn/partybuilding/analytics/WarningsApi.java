package cn.partybuilding.analytics;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON of the early-warning centre: the caller's warnings, scoped like the page, sorted by due date. */
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

	private final WarningCentre centre;

	WarningsApi(WarningCentre centre) {
		this.centre = centre;
	}

	/** {@code orgId}: one subtree the caller reaches (else 404, audited); none: the caller's whole scope. */
	@GetMapping("/api/v1/warnings")
	List<WarningView> list(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) @Size(max = 64) String kind, @RequestParam(required = false) Integer within) {
		return centre.forCaller(Caller.require(), new WarningCentre.Filter(orgId, kind, within), LocaleContextHolder.getLocale())
			.stream().map(WarningView::of).toList();
	}
}
