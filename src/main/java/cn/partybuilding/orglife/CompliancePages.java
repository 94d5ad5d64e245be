package cn.partybuilding.orglife;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

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

	private final int summaryAbove;

	private final int pageSize;

	CompliancePages(Compliance compliance, OrganizationTree tree, Clock clock, MessageSource messages,
			@Value("${party.orglife.compliance.summary-above:500}") int summaryAbove,
			@Value("${party.orglife.compliance.page-size:100}") int pageSize) {
		this.compliance = compliance;
		this.summaryAbove = summaryAbove;
		this.pageSize = Math.max(1, pageSize);
		this.messages = messages;
		this.tree = tree;
		this.clock = clock;
	}

	private String currentQuarter() {
		LocalDate today = LocalDate.now(clock);
		return today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
	}

	/**
	 * The table: the scope's organisations read once, then summed per organisation below (see {@link #grouped}), or
	 * every branch sorted as asked when they fit on one page ({@code party.orglife.compliance.page-size}, 100), else a
	 * page of branches in the order of their codes with 下一页 ({@code after}: the last code of the page before), as
	 * {@code GET /api/v1/orglife/compliance?size=&after=} answers them.
	 */
	@GetMapping("/orglife/compliance")
	String table(@RequestParam(required = false) Long orgId, @RequestParam(required = false) @Size(max = 20) String period,
			@RequestParam(defaultValue = "rate") @Size(max = 10) String sort,
			@RequestParam(required = false) @Size(max = 10) String groupBy,
			@RequestParam(required = false) @Size(max = 64) String after, Model model) {
		Caller caller = Caller.require();
		String p = period == null || period.isBlank() ? currentQuarter() : period;
		List<OrgRef> scope = compliance.organizations(caller, orgId);
		int branches = Compliance.branches(scope);
		boolean grouped = grouped(caller, orgId, groupBy, branches);
		Comparator<Integer> byRate = "-rate".equals(sort) ? Comparator.reverseOrder() : Comparator.naturalOrder();
		boolean paged = !grouped && (after != null || branches > pageSize);
		if (grouped) {
			Compliance.Summary summary = compliance.summary(caller, orgId, scope, p);
			List<Compliance.ChildCompliance> rows = new ArrayList<>(summary.children());
			if (!"name".equals(sort)) {
				rows.sort(Comparator.comparing(Compliance.ChildCompliance::rate, byRate));
			}
			model.addAttribute("children", rows);
			model.addAttribute("from", summary.from());
			model.addAttribute("until", summary.until());
		}
		else if (paged) {
			Compliance.Report report = compliance.page(scope, p, after, pageSize);
			model.addAttribute("rows", report.branches());
			model.addAttribute("next", report.next());
			model.addAttribute("from", report.from());
			model.addAttribute("until", report.until());
		}
		else {
			Compliance.Report report = compliance.report(scope, p);
			List<Compliance.BranchCompliance> rows = new ArrayList<>(report.branches());
			rows.sort("name".equals(sort) ? Comparator.comparing(Compliance.BranchCompliance::name)
					: Comparator.comparing(Compliance.BranchCompliance::rate, byRate));
			model.addAttribute("rows", rows);
			model.addAttribute("from", report.from());
			model.addAttribute("until", report.until());
		}
		model.addAttribute("grouped", grouped);
		model.addAttribute("paged", paged);
		model.addAttribute("after", after);
		model.addAttribute("branchCount", branches);
		model.addAttribute("pageSize", pageSize);
		model.addAttribute("groupBy", groupBy);
		model.addAttribute("types", MeetingType.values());
		model.addAttribute("orgId", orgId);
		model.addAttribute("period", p);
		model.addAttribute("sort", sort);
		model.addAttribute("organizations", tree.chooser(caller, orgId, MeetingPlanner.ORGANISE));
		return "orglife/compliance";
	}

	/**
	 * Whether the table sums the branches per organisation below: when asked ({@code groupBy=child}), or, unless the
	 * branches are asked for ({@code groupBy=branch}), when the scope holds more branches than
	 * {@code party.orglife.compliance.summary-above} (a province's 20 000 rows are no page to read).
	 */
	private boolean grouped(Caller caller, Long orgId, String groupBy, int branches) {
		if (groupBy != null && !groupBy.isBlank()) {
			return switch (groupBy) {
				case "child" -> true;
				case "branch" -> false;
				default -> throw new FieldProblem("groupBy", "orglife.compliance.groupBy");
			};
		}
		return (orgId != null || caller.organizationsWith(MeetingPlanner.ORGANISE).size() == 1)
				&& branches > summaryAbove;
	}

	/**
	 * The table as .xlsx: one row per branch, held/required per kind and the rate (in Chinese, as offices file it);
	 * one row per organisation below when the page sums them ({@code groupBy} as for the page).
	 */
	@GetMapping("/orglife/compliance.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long orgId, @RequestParam @Size(max = 20) String period,
			@RequestParam(required = false) @Size(max = 10) String groupBy) {
		Caller caller = Caller.require();
		List<OrgRef> scope = compliance.organizations(caller, orgId);
		boolean grouped = grouped(caller, orgId, groupBy, Compliance.branches(scope));
		List<String> header = new ArrayList<>();
		header.add(zh(grouped ? "orglife.sheet.compliance.organization" : "orglife.sheet.compliance.branch"));
		if (grouped) {
			header.add(zh("orglife.sheet.compliance.branches"));
			header.add(zh("orglife.sheet.compliance.behind"));
		}
		for (MeetingType t : MeetingType.values()) {
			header.add(messages.getMessage("orglife.sheet.compliance.kind",
					new Object[] { messages.getMessage(t.messageKey(), null, Locale.SIMPLIFIED_CHINESE) }, Locale.SIMPLIFIED_CHINESE));
		}
		header.add(zh("orglife.sheet.compliance.rate"));
		List<List<?>> rows = new ArrayList<>();
		String name;
		if (grouped) {
			Compliance.Summary summary = compliance.summary(caller, orgId, scope, period);
			name = summary.period();
			for (Compliance.ChildCompliance c : summary.children()) {
				List<Object> row = new ArrayList<>(List.of(c.name(), c.branches(), c.behind()));
				for (MeetingType t : MeetingType.values()) {
					row.add(cell(c.required().get(t), c.held().get(t), c.meetings().get(t), false));
				}
				row.add(c.rate());
				rows.add(row);
			}
		}
		else {
			Compliance.Report report = compliance.report(scope, period);
			name = report.period();
			for (Compliance.BranchCompliance b : report.branches()) {
				List<Object> row = new ArrayList<>();
				row.add(b.name());
				for (MeetingType t : MeetingType.values()) {
					row.add(cell(b.required().get(t), b.held().get(t), b.meetings().get(t), b.exempt().contains(t)));
				}
				row.add(b.rate());
				rows.add(row);
			}
		}
		Object[] when = { name };
		return Downloads.sheet(messages.getMessage("orglife.sheet.compliance.file", when, Locale.SIMPLIFIED_CHINESE) + ".xlsx",
				"compliance.xlsx", messages.getMessage("orglife.sheet.compliance", when, Locale.SIMPLIFIED_CHINESE), header, rows);
	}

	/** held/required; — when not required of the branch; the meetings counted when nothing is required. */
	private static String cell(Integer need, Integer held, Integer meetings, boolean exempt) {
		return exempt ? "—" : need != null ? held + "/" + need : meetings != null ? Integer.toString(meetings) : "";
	}

	private String zh(String key) {
		return messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
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
