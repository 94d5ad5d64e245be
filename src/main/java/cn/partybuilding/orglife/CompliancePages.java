package cn.partybuilding.orglife;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/**
 * Compliance for those who answer for many branches (a table with the rate, sortable, each branch a
 * link to its meetings, exportable) and a branch's year at a glance (months × meeting kinds).
 */
@Controller
class CompliancePages {

	private final Compliance compliance;

	private final OrganizationTree tree;

	private final Clock clock;

	private final MessageSource messages;

	CompliancePages(Compliance compliance, OrganizationTree tree, Clock clock, MessageSource messages) {
		this.compliance = compliance;
		this.messages = messages;
		this.tree = tree;
		this.clock = clock;
	}

	private String currentQuarter() {
		LocalDate today = LocalDate.now(clock);
		return today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
	}

	@GetMapping("/orglife/compliance")
	String table(@RequestParam(required = false) Long orgId, @RequestParam(required = false) String period,
			@RequestParam(defaultValue = "rate") String sort, Model model) {
		Caller caller = Caller.require();
		String p = period == null || period.isBlank() ? currentQuarter() : period;
		Compliance.Report report = compliance.report(caller, orgId, p);
		List<Compliance.BranchCompliance> rows = new ArrayList<>(report.branches());
		rows.sort("-rate".equals(sort) ? Comparator.comparingInt(Compliance.BranchCompliance::rate).reversed()
				: "name".equals(sort) ? Comparator.comparing(Compliance.BranchCompliance::name)
						: Comparator.comparingInt(Compliance.BranchCompliance::rate));
		model.addAttribute("report", report);
		model.addAttribute("rows", rows);
		model.addAttribute("types", MeetingType.values());
		model.addAttribute("orgId", orgId);
		model.addAttribute("period", p);
		model.addAttribute("sort", sort);
		model.addAttribute("organizations", TreeNode.flattenWithPaths(tree.visibleTree(caller, MeetingPlanner.ORGANISE)));
		return "orglife/compliance";
	}

	/** The table as .xlsx: one row per branch, held/required per kind and the rate (in Chinese, as offices file it). */
	@GetMapping("/orglife/compliance.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long orgId, @RequestParam String period) {
		Compliance.Report report = compliance.report(Caller.require(), orgId, period);
		List<String> header = new ArrayList<>();
		header.add(messages.getMessage("orglife.sheet.compliance.branch", null, Locale.SIMPLIFIED_CHINESE));
		for (MeetingType t : MeetingType.values()) {
			header.add(messages.getMessage("orglife.sheet.compliance.kind",
					new Object[] { messages.getMessage(t.messageKey(), null, Locale.SIMPLIFIED_CHINESE) }, Locale.SIMPLIFIED_CHINESE));
		}
		header.add(messages.getMessage("orglife.sheet.compliance.rate", null, Locale.SIMPLIFIED_CHINESE));
		List<List<?>> rows = new ArrayList<>();
		for (Compliance.BranchCompliance b : report.branches()) {
			List<Object> row = new ArrayList<>();
			row.add(b.name());
			for (MeetingType t : MeetingType.values()) {
				Integer need = b.required().get(t);
				row.add(b.exempt().contains(t) ? "—" : need != null ? b.held().get(t) + "/" + need
						: b.meetings().containsKey(t) ? Integer.toString(b.meetings().get(t)) : "");
			}
			row.add(b.rate());
			rows.add(row);
		}
		Object[] when = { report.period() };
		return Downloads.sheet(messages.getMessage("orglife.sheet.compliance.file", when, Locale.SIMPLIFIED_CHINESE) + ".xlsx",
				"compliance.xlsx", messages.getMessage("orglife.sheet.compliance", when, Locale.SIMPLIFIED_CHINESE), header, rows);
	}

	/**
	 * A branch's year: for each kind (and each 党小组's 党小组会), each month, quarter or the year held against
	 * required — the same intervals the table adds up, so the two agree.
	 */
	@GetMapping("/orglife/year")
	String year(@RequestParam long orgId, @RequestParam(required = false) Integer year, Model model) {
		Caller caller = Caller.require();
		int y = year == null ? LocalDate.now(clock).getYear() : year;
		Compliance.Detail detail = compliance.year(caller, orgId, y);
		LocalDate today = LocalDate.now(clock);
		List<GridRow> grid = new ArrayList<>();
		for (Compliance.Line line : detail.lines()) {
			List<GridCell> cells = new ArrayList<>();
			for (Compliance.Cell c : line.cells()) {
				cells.add(GridCell.of(c.held(), c.required(), c.months(), c.from().isAfter(today),
						!c.from().plusMonths(c.months()).isAfter(today)));
			}
			grid.add(new GridRow(line.type(), line.groupName(), cells));
		}
		model.addAttribute("branch", detail.branch());
		model.addAttribute("grid", grid);
		model.addAttribute("year", y);
		return "orglife/year";
	}

	record GridRow(MeetingType type, String groupName, List<GridCell> cells) {
	}

	/** One month, quarter or year of one kind: held / required, and how it stands (green, amber, red, not yet). */
	record GridCell(int held, int required, int span, String css) {

		static GridCell of(int held, int required, int span, boolean future, boolean over) {
			String css = held >= required ? "table-success" : future ? "" : held > 0 || !over ? "table-warning" : "table-danger";
			return new GridCell(held, required, span, css);
		}
	}
}
