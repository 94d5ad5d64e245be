package cn.partybuilding.development;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * 思想汇报 pages: the person's own (phone first: what is due, write or upload one, the opinions on the earlier
 * ones); one person's reports for the branch and the 培养联系人, with the 考察意见 form; the branch's list of
 * people who missed the last period.
 */
@Controller
class ThoughtReportPages {

	private final ThoughtReports reports;

	private final OrganizationScope scope;

	private final MessageSource messages;

	ThoughtReportPages(ThoughtReports reports, OrganizationScope scope, MessageSource messages) {
		this.reports = reports;
		this.scope = scope;
		this.messages = messages;
	}

	@GetMapping("/development/me/reports")
	String mine(Model model) {
		return mine(model, new ThoughtReports.Submission(null, null));
	}

	private String mine(Model model, ThoughtReports.Submission form) {
		ThoughtReports.Overview overview = reports.mine(Caller.require());
		model.addAttribute("overview", overview);
		model.addAttribute("maxMb", reports.maxMegabytes());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form.period() == null && !overview.open().isEmpty()
					? new ThoughtReports.Submission(overview.open().get(0), form.body()) : form);
		}
		return "development/my-reports";
	}

	@PostMapping("/development/me/reports")
	String submit(@ModelAttribute("form") ThoughtReports.Submission form, BindingResult binding,
			@RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect,
			Locale locale) throws IOException {
		if (binding.hasErrors()) {
			return mine(model, form);
		}
		try {
			boolean hasFile = file != null && !file.isEmpty();
			ThoughtReports.ReportView saved = reports.submit(Caller.require(), form,
					hasFile ? file.getOriginalFilename() : null, hasFile ? file.getBytes() : null);
			redirect.addFlashAttribute("notice", messages.getMessage("development.report.handedIn",
					new Object[] { saved.periodStart().toString(), saved.periodEnd().toString() }, locale));
			return "redirect:/development/me/reports";
		}
		catch (FieldProblem problem) {
			// a file input cannot be refilled: the page says what was wrong with the file that was sent
			problem.problems().stream().filter(p -> p.field().equals("file")).findFirst().ifPresent(p -> model
				.addAttribute("fileError", messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
			new FieldProblem(problem.problems().stream().filter(p -> !p.field().equals("file")).toList())
				.rejectInto(binding);
			return mine(model, form);
		}
	}

	@GetMapping("/development/people/{id}/reports")
	String person(@PathVariable long id, Model model) {
		model.addAttribute("overview", reports.of(Caller.require(), id));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ThoughtReports.Opinion(null));
		}
		return "development/reports";
	}

	@PostMapping("/development/people/{id}/reports/{reportId}/opinion")
	String assess(@PathVariable long id, @PathVariable long reportId,
			@ModelAttribute("form") ThoughtReports.Opinion form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		try {
			if (!binding.hasErrors()) {
				reports.assess(Caller.require(), id, reportId, form);
				redirect.addFlashAttribute("notice", messages.getMessage("development.report.assessed", null, locale));
				return "redirect:/development/people/" + id + "/reports#report-" + reportId;
			}
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
		}
		// the form comes back under the report it was written for, as typed
		model.addAttribute("formReport", reportId);
		return person(id, model);
	}

	/** The branch's people who have not handed in the last ended period's report. */
	@GetMapping("/development/reports/missing")
	String missing(@RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		Set<Long> orgs = scope.coveredOrAll(caller, orgId, "development-person", DevelopmentPeople.READ);
		var people = reports.missingIn(orgs);
		model.addAttribute("people", people);
		model.addAttribute("names", reports.names(people.stream().map(ThoughtReports.MissingPerson::organizationId)
			.distinct().toList()));
		model.addAttribute("period", reports.lastEnded());
		return "development/reports-missing";
	}
}
