package cn.partybuilding.analytics;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * 预警中心: the caller's warnings a page at a time ({@code party.analytics.warnings.page-size}) with their counts per
 * college on top, filtered by organisation, kind and due
 * date, sorted by due date, each with its link to act; and the same list as Excel (audited).
 */
@Controller
class WarningPages {

	private final WarningCentre centre;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final int pageSize;

	WarningPages(WarningCentre centre, OrganizationTree tree, MessageSource messages, ApplicationEventPublisher events,
			@Value("${party.analytics.warnings.page-size:100}") int pageSize) {
		this.pageSize = Math.max(1, pageSize);
		this.centre = centre;
		this.tree = tree;
		this.messages = messages;
		this.events = events;
	}

	/** A page of the caller's warnings ({@code after}: the previous page's last), the counts per college of them all. */
	@GetMapping("/analytics/warnings")
	String list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) @Size(max = 64) String kind,
			@RequestParam(required = false) Integer within, @RequestParam(required = false) @Size(max = 4000) String after,
			Model model, Locale locale) {
		Caller caller = Caller.require();
		WarningCentre.Filter filter = new WarningCentre.Filter(orgId, kind, within);
		WarningCentre.Page page;
		try {
			page = centre.pageFor(caller, filter, after, pageSize, locale);
		}
		catch (FieldProblem problem) {
			model.addAttribute("error", String.join(" ", problem.messages(messages, locale).values()));
			filter = new WarningCentre.Filter(orgId, null, null);
			page = centre.pageFor(caller, filter, null, pageSize, locale);
		}
		model.addAttribute("rows", page.rows());
		model.addAttribute("total", page.total());
		model.addAttribute("next", page.next());
		model.addAttribute("paged", after != null && !after.isBlank());
		model.addAttribute("counts", page.counts());
		model.addAttribute("asOf", page.asOf() == null ? null
				: java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(cn.partybuilding.shared.PlatformZone.ZONE)
					.format(page.asOf()));
		model.addAttribute("orgId", orgId);
		model.addAttribute("kind", filter.kind());
		model.addAttribute("within", filter.within());
		model.addAttribute("kinds", WarningCentre.KINDS);
		model.addAttribute("today", centre.today());
		model.addAttribute("organizations", tree.chooser(caller, filter.orgId(), WarningCentre.STAFF));
		return "analytics/warnings";
	}

	/**
	 * The same list as Excel: the filter applies, every row with its link; the export is audited. Streamed: the filter
	 * and the scope are checked first (the 400, 403 and audited 404 as they were), then the file is written to the
	 * client as the rows are read, a page of the kept copy at a time, so a province fits a small heap and its first
	 * bytes leave before its last row is read.
	 */
	@GetMapping("/analytics/warnings.xlsx")
	void sheet(@RequestParam(required = false) Long orgId, @RequestParam(required = false) @Size(max = 64) String kind,
			@RequestParam(required = false) Integer within, Locale locale, HttpServletResponse response) throws IOException {
		sheet(Caller.require(), new WarningCentre.Filter(orgId, kind, within), locale, response);
	}

	/** As the export, for this caller. */
	void sheet(Caller caller, WarningCentre.Filter filter, Locale locale, HttpServletResponse response) throws IOException {
		// a wrong filter, a subtree out of reach, no staff role: refused before the first byte
		WarningCentre.Selection selection = centre.select(caller, filter);
		int[] rows = { 0 };
		boolean whole = false;
		try {
			Downloads.streamSheet(response, msg("warning.file", locale) + "-" + centre.today() + ".xlsx",
					"warnings-" + centre.today() + ".xlsx", msg("warning.title", locale),
					List.of(msg("warning.col.kind", locale), msg("warning.col.college", locale), msg("warning.col.org", locale),
							msg("warning.col.responsible", locale), msg("warning.col.since", locale),
							msg("warning.col.due", locale), msg("warning.col.message", locale), msg("warning.col.link", locale)),
					line -> centre.each(selection, locale, w -> {
						line.accept(Arrays.asList(w.kindName(), w.college(), w.orgName(), w.responsible(),
								w.since() == null ? "" : w.since().toString(), w.due() == null ? "" : w.due().toString(),
								w.message(), w.link()));
						rows[0]++;
					}));
			whole = true;
		}
		finally {
			// rows that left before a failure (a client gone, a broken read) are an export too: audited as incomplete
			if (whole || response.isCommitted()) {
				String kind = filter.kind();
				Integer within = filter.within();
				events.publishEvent(new WarningsExported(filter.orgId() == null ? "*" : filter.orgId().toString(),
						"kind=" + (kind == null ? "" : kind) + " within=" + (within == null ? "" : within) + " rows=" + rows[0]
								+ (whole ? "" : " incomplete")));
			}
		}
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}
}
