package cn.partybuilding.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.analytics.ReportJobs.Report;
import cn.partybuilding.analytics.ReportJobs.State;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.PlatformZone;

/**
 * 分析报告: the reports of the caller's reach with filters (organisation, kind, state), the form asking for a new one
 * (it comes back filled on an error), each running report's progress polled (htmx) until its files can be downloaded.
 */
@Controller
class ReportsPages {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	/** The request form: an organisation and a period (2026-11, 2026-Q4, 2026). */
	record ReportForm(Long orgId, @Size(max = 20) String period) {
	}

	/** A report as a row shows it: its title and period in words, when it was asked for. */
	record Line(Report report, String title, String periodLabel, String createdAt) {
	}

	private final AnalysisReports reports;

	private final ReportNarrative narrative;

	private final OrganizationTree tree;

	private final MessageSource messages;

	ReportsPages(AnalysisReports reports, ReportNarrative narrative, OrganizationTree tree, MessageSource messages) {
		this.reports = reports;
		this.narrative = narrative;
		this.tree = tree;
		this.messages = messages;
	}

	@GetMapping("/analytics/reports")
	String list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) @Size(max = 10) String kind,
			@RequestParam(required = false) @Size(max = 10) String state, Model model) {
		Caller caller = staff();
		OrgChooser organizations = organizations(caller, orgId);
		ReportForm form = new ReportForm(orgId != null ? orgId : organizations.isEmpty() ? null : organizations.options().get(0).id(),
				lastMonth());
		return page(caller, orgId, kind, state, form, model);
	}

	@PostMapping("/analytics/reports")
	String request(@Valid @ModelAttribute("form") ReportForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = staff();
		if (!binding.hasErrors()) {
			try {
				reports.request(caller, form.orgId(), form.period());
				redirect.addFlashAttribute("notice", messages.getMessage("analytics.reports.requested", null, locale));
				return "redirect:/analytics/reports";
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return page(caller, null, null, null, form, model);
	}

	/** One row, polled while its report is being written. */
	@GetMapping("/analytics/reports/{id}/row")
	String row(@PathVariable UUID id, Model model) {
		model.addAttribute("line", line(reports.find(staff(), id)));
		return "analytics/reports :: row";
	}

	/** The list as shown, as a spreadsheet. */
	@GetMapping("/analytics/reports.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long orgId, @RequestParam(required = false) @Size(max = 10) String kind,
			@RequestParam(required = false) @Size(max = 10) String state, Locale locale) {
		Caller caller = staff();
		List<Report> list = reports.list(caller, orgId, ReportsApi.kind(kind), ReportsApi.state(state));
		List<String> header = List.of(text("analytics.reports.col.title", locale), text("analytics.reports.filter.org", locale),
				text("analytics.reports.col.period", locale), text("analytics.reports.col.state", locale),
				text("analytics.reports.col.requestedBy", locale), text("analytics.reports.col.createdAt", locale));
		List<List<Object>> rows = list.stream().map(r -> List.<Object>of(narrative.title(r.orgName(), r.period()), r.orgName(),
				r.period(), text("analytics.reports.state." + r.state(), locale),
				r.scheduled() ? text("analytics.reports.scheduled", locale) : r.requestedByName(), WHEN.format(r.createdAt())))
			.toList();
		return Downloads.sheet(text("analytics.reports.title", locale) + ".xlsx", "analysis-reports.xlsx",
				text("analytics.reports.title", locale), header, rows);
	}

	private String page(Caller caller, Long orgId, String kind, String state, ReportForm form, Model model) {
		ReportNarrative.Kind k = ReportsApi.kind(kind);
		State s = ReportsApi.state(state);
		List<Line> lines = reports.list(caller, orgId, k, s).stream().map(this::line).toList();
		model.addAttribute("form", form);
		model.addAttribute("organizations", organizations(caller, orgId != null ? orgId : form.orgId()));
		model.addAttribute("orgId", orgId);
		model.addAttribute("kind", k == null ? null : k.name());
		model.addAttribute("state", s == null ? null : s.name());
		model.addAttribute("kinds", ReportNarrative.Kind.values());
		model.addAttribute("states", State.values());
		model.addAttribute("lines", lines);
		model.addAttribute("filtered", orgId != null || k != null || s != null);
		model.addAttribute("limit", AnalysisReports.LIMIT);
		return "analytics/reports";
	}

	private Line line(Report r) {
		return new Line(r, narrative.title(r.orgName(), r.period()), narrative.periodLabel(r.period()), WHEN.format(r.createdAt()));
	}

	/** The organisations a report may be asked for: the committee, colleges and branches in reach (not 党小组). */
	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, EnumSet.of(OrgType.COMMITTEE, OrgType.GENERAL_BRANCH, OrgType.BRANCH), AnalysisReports.STAFF);
	}

	private static Caller staff() {
		Caller caller = Caller.require();
		if (!AnalysisReports.reads(caller)) {
			throw new NotPermittedException("analytics-report", "*", "list");
		}
		return caller;
	}

	private static String lastMonth() {
		LocalDate last = LocalDate.now(PlatformZone.ZONE).withDayOfMonth(1).minusMonths(1);
		return String.format("%d-%02d", last.getYear(), last.getMonthValue());
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}
}
