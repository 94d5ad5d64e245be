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
import cn.partybuilding.shared.OutOfScopeException;

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
				row.add(need == null ? "" : b.held().get(t) + "/" + need);
			}
			row.add(b.rate());
			rows.add(row);
		}
		Object[] when = { report.period() };
		return Downloads.sheet(messages.getMessage("orglife.sheet.compliance.file", when, Locale.SIMPLIFIED_CHINESE) + ".xlsx",
				"compliance.xlsx", messages.getMessage("orglife.sheet.compliance", when, Locale.SIMPLIFIED_CHINESE), header, rows);
	}

	/** A branch's year: for each kind, each month (or quarter, or the year) held against required. */
	@GetMapping("/orglife/year")
	String year(@RequestParam long orgId, @RequestParam(required = false) Integer year, Model model) {
		Caller caller = Caller.require();
		int y = year == null ? LocalDate.now(clock).getYear() : year;
		List<Compliance.BranchCompliance> months = new ArrayList<>();
		for (int m = 1; m <= 12; m++) {
			months.add(only(compliance.report(caller, orgId, String.format("%d-%02d", y, m)), orgId));
		}
		List<Compliance.BranchCompliance> quarters = new ArrayList<>();
		for (int q = 1; q <= 4; q++) {
			quarters.add(only(compliance.report(caller, orgId, y + "-Q" + q), orgId));
		}
		Compliance.BranchCompliance wholeYear = only(compliance.report(caller, orgId, Integer.toString(y)), orgId);
		LocalDate today = LocalDate.now(clock);
		List<GridRow> grid = new ArrayList<>();
		for (MeetingType t : MeetingType.values()) {
			Compliance.Frequency f = compliance.frequencies().get(t);
			if (f == Compliance.Frequency.NONE || !wholeYear.required().containsKey(t)) {
				continue;
			}
			List<Compliance.BranchCompliance> spans = f == Compliance.Frequency.MONTH ? months
					: f == Compliance.Frequency.QUARTER ? quarters : List.of(wholeYear);
			List<GridCell> cells = new ArrayList<>();
			for (int i = 0; i < spans.size(); i++) {
				int width = f.months;
				LocalDate start = LocalDate.of(y, 1, 1).plusMonths((long) i * width);
				cells.add(GridCell.of(spans.get(i).held().getOrDefault(t, 0), spans.get(i).required().getOrDefault(t, 0), width,
						start.isAfter(today), !start.plusMonths(width).isAfter(today)));
			}
			grid.add(new GridRow(t, cells));
		}
		model.addAttribute("branch", wholeYear);
		model.addAttribute("grid", grid);
		model.addAttribute("year", y);
		return "orglife/year";
	}

	record GridRow(MeetingType type, List<GridCell> cells) {
	}

	/** One month, quarter or year of one kind: held / required, and how it stands (green, amber, red, not yet). */
	record GridCell(int held, int required, int span, String css) {

		static GridCell of(int held, int required, int span, boolean future, boolean over) {
			String css = held >= required ? "table-success" : future ? "" : held > 0 || !over ? "table-warning" : "table-danger";
			return new GridCell(held, required, span, css);
		}
	}

	private static Compliance.BranchCompliance only(Compliance.Report report, long orgId) {
		return report.branches().stream().filter(b -> b.orgId() == orgId).findFirst()
			.orElseThrow(() -> new OutOfScopeException("branch", orgId));
	}
}
