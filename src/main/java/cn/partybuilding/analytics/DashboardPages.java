package cn.partybuilding.analytics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.development.DevelopmentActivity;
import cn.partybuilding.development.FunnelPerson;
import cn.partybuilding.member.Composition;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * 数据分析 pages: one scope's dashboard for a period (every card a chart and the same numbers in a table), the names
 * behind each bar, and the dashboard's tables as Excel. Every read is scoped: an organisation out of reach is the
 * audited 404, a member without a staff role 403.
 */
@Controller
class DashboardPages {

	/** Who reads the dashboards: the staff of the committee, the colleges and the branches. */
	static final Role[] READERS = Dashboards.READERS;

	/** Who opens the 大屏: the committee's and the colleges' offices. */
	static final Role[] SCREEN = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN };

	/** A name behind a bar: who, where, when (a funnel step's day) and a link to them. */
	record Name(String name, String organization, String href, LocalDate on) {
	}

	/** A line behind a figure, its text resolved. */
	record Line(String text, String href, boolean ok) {
	}

	private final Dashboards dashboards;

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final MemberDirectory members;

	private final DevelopmentActivity development;

	private final List<Figures> figures;

	private final MessageSource messages;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final DashboardSettings settings;

	private final Clock clock;

	DashboardPages(Dashboards dashboards, OrganizationScope scope, OrganizationTree tree, MemberDirectory members,
			DevelopmentActivity development, List<Figures> figures, MessageSource messages, JsonMapper json,
			ApplicationEventPublisher events, DashboardSettings settings, Clock clock) {
		this.dashboards = dashboards;
		this.scope = scope;
		this.tree = tree;
		this.members = members;
		this.development = development;
		this.figures = figures;
		this.messages = messages;
		this.json = json;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping("/analytics")
	String dashboard(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) @Size(max = 10) String period, Model model, Locale locale) {
		Caller caller = reader();
		Period p = period(period);
		Dashboard d = dashboards.of(caller, orgId, p, false);
		model.addAttribute("view", DashboardView.of(d, messages, locale, json));
		model.addAttribute("period", p.name());
		model.addAttribute("periods", periods(p));
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("screen", caller.has(SCREEN));
		model.addAttribute("parent", parentLink(caller, d));
		return "analytics/dashboard";
	}

	/** A drill-down's names: its dashboard, heading, the names (at most the limit), how many in all, whether dated. */
	record Drill(Dashboard dashboard, String heading, List<Name> names, long total, boolean more, boolean dated) {
	}

	/** The most names an export of a drill-down holds (the whole school's members). */
	static final int EXPORT_LIMIT = 100_000;

	@GetMapping("/analytics/drill/members")
	String drillMembers(@RequestParam long orgId, @RequestParam(required = false) @Size(max = 10) String period,
			@RequestParam @Size(max = 20) String dimension, @RequestParam @Size(max = 20) String key, Model model) {
		return drill(model, memberNames(orgId, period, dimension, key, settings.drillLimit()),
				"/analytics/drill/members.xlsx", Map.of("dimension", dimension, "key", key));
	}

	@GetMapping("/analytics/drill/members.xlsx")
	ResponseEntity<byte[]> exportMembers(@RequestParam long orgId,
			@RequestParam(required = false) @Size(max = 10) String period, @RequestParam @Size(max = 20) String dimension,
			@RequestParam @Size(max = 20) String key, Locale locale) {
		return sheet(memberNames(orgId, period, dimension, key, EXPORT_LIMIT), locale);
	}

	@GetMapping("/analytics/drill/funnel")
	String drillFunnel(@RequestParam long orgId, @RequestParam(required = false) @Size(max = 10) String period,
			@RequestParam @Size(max = 20) String stage, Model model, Locale locale) {
		return drill(model, funnelNames(orgId, period, stage, settings.drillLimit(), locale),
				"/analytics/drill/funnel.xlsx", Map.of("stage", stage));
	}

	@GetMapping("/analytics/drill/funnel.xlsx")
	ResponseEntity<byte[]> exportFunnel(@RequestParam long orgId,
			@RequestParam(required = false) @Size(max = 10) String period, @RequestParam @Size(max = 20) String stage,
			Locale locale) {
		return sheet(funnelNames(orgId, period, stage, EXPORT_LIMIT, locale), locale);
	}

	private Drill memberNames(long orgId, String period, String dimension, String key, int limit) {
		Caller caller = reader();
		scope.requireReach(caller, orgId, READERS);
		if (!Composition.DIMENSIONS.contains(dimension)) {
			throw new FieldProblem("dimension", "analytics.dash.drill.dimension");
		}
		Period p = period(period);
		Dashboard d = dashboards.of(caller, orgId, p, false);
		String title = key;
		String group = dimension;
		Long count = null;
		for (Dashboard.Breakdown b : d.members().breakdowns()) {
			if (b.dimension().equals(dimension)) {
				group = b.label();
				for (Dashboard.Bar bar : b.bars()) {
					if (bar.key().equals(key)) {
						title = bar.label();
						count = bar.count();
					}
				}
			}
		}
		// members on the period's last day, as the composition counts them (the day after the period, exclusive)
		List<MemberRef> found = members.inBucket(scope.subtree(orgId), dimension, key, p.until(), limit + 1);
		Map<Long, String> names = scope.qualifiedNames(found.stream().map(MemberRef::organizationId).distinct().toList());
		List<Name> list = found.stream().limit(limit)
			.map(r -> new Name(r.name(), names.getOrDefault(r.organizationId(), ""), "/members/" + r.id(), null))
			.toList();
		return new Drill(d, group + " · " + title, list, count != null ? count : list.size(), found.size() > limit, false);
	}

	private Drill funnelNames(long orgId, String period, String stage, int limit, Locale locale) {
		Caller caller = reader();
		scope.requireReach(caller, orgId, READERS);
		Period p = period(period);
		Dashboard d = dashboards.of(caller, orgId, p, false);
		Dashboard.Bar bar = d.funnel().stages().stream().filter(s -> s.key().equals(stage)).findFirst().orElse(null);
		List<FunnelPerson> found = development.funnelPeople(scope.subtree(orgId), stage, p.from(), p.until(), limit + 1);
		Map<Long, String> names = scope.qualifiedNames(found.stream().map(FunnelPerson::organizationId).distinct().toList());
		List<Name> list = found.stream().limit(limit)
			.map(r -> new Name(r.name(), names.getOrDefault(r.organizationId(), ""), "/development/people/" + r.id(),
					r.doneOn()))
			.toList();
		return new Drill(d, messages.getMessage("analytics.dash.card.funnel", null, locale) + " · "
				+ (bar == null ? stage : bar.label()), list, bar != null ? bar.count() : list.size(), found.size() > limit,
				true);
	}

	private ResponseEntity<byte[]> sheet(Drill drill, Locale locale) {
		DashboardView.Texts t = new DashboardView.Texts(messages, locale);
		List<String> header = new ArrayList<>(List.of(t.msg("member.name"), t.msg("member.organization")));
		if (drill.dated()) {
			header.add(t.msg("analytics.dash.drill.on"));
		}
		List<List<Object>> rows = drill.names().stream().map(n -> {
			List<Object> row = new ArrayList<>(List.of(n.name(), n.organization()));
			if (drill.dated()) {
				row.add(String.valueOf(n.on()));
			}
			return row;
		}).toList();
		Dashboard d = drill.dashboard();
		events.publishEvent(new DashboardAudited("analytics.export", "organization", String.valueOf(d.orgId()),
				d.period() + " " + drill.heading() + ": " + rows.size()));
		String name = t.msg("analytics.dash.export.names", d.orgName(), d.period(), drill.heading());
		return Downloads.sheet(name.replaceAll("[\\\\/:*?\"<>|]", "_") + ".xlsx", "analytics-names-" + d.period() + ".xlsx",
				t.msg("analytics.dash.export.namesSheet"), header, rows);
	}

	@GetMapping("/analytics/drill/figure")
	String drillFigure(@RequestParam long orgId, @RequestParam(required = false) @Size(max = 10) String period,
			@RequestParam @Size(max = 100) String code, Model model, Locale locale) {
		Caller caller = reader();
		scope.requireReach(caller, orgId, READERS);
		Period p = period(period);
		Figures owner = figures.stream().filter(f -> f.kinds().stream().anyMatch(k -> k.code().equals(code)))
			.findFirst()
			.orElseThrow(() -> new FieldProblem("code", "analytics.dash.drill.code"));
		Dashboard d = dashboards.of(caller, orgId, p, false);
		Dashboard.Figure figure = d.areas().stream()
			.flatMap(a -> java.util.stream.Stream.concat(a.figures().stream(), a.details().stream()))
			.filter(f -> code.equals(f.code()))
			.findFirst().orElse(null);
		String title = figure != null ? figure.label()
				: owner.kinds().stream().filter(k -> k.code().equals(code)).map(k -> messages.getMessage(k.nameKey(), null,
						k.nameKey(), locale)).findFirst().orElse(code);
		List<Line> lines = owner.behind(code, orgId, p).stream()
			.map(b -> new Line(messages.getMessage(b.messageKey(), b.args().toArray(), b.messageKey(), locale), b.href(),
					b.ok()))
			.toList();
		events.publishEvent(new DashboardAudited("analytics.drill", "organization", String.valueOf(orgId),
				p.name() + " " + code + ": " + lines.size()));
		model.addAttribute("dashboard", d);
		model.addAttribute("heading", title);
		model.addAttribute("figure", figure);
		model.addAttribute("figureValue", figure == null ? null
				: new DashboardView.Texts(messages, locale).value(figure.unit(), figure.value()));
		model.addAttribute("lines", lines);
		model.addAttribute("back", DashboardView.childLink(d, d.orgId()));
		return "analytics/drill-figure";
	}

	private String drill(Model model, Drill drill, String exportPath, Map<String, String> params) {
		Dashboard d = drill.dashboard();
		events.publishEvent(new DashboardAudited("analytics.drill", "organization", String.valueOf(d.orgId()),
				d.period() + " " + params + ": " + drill.names().size()));
		var export = org.springframework.web.util.UriComponentsBuilder.fromPath(exportPath).queryParam("orgId", d.orgId())
			.queryParam("period", d.period());
		params.forEach(export::queryParam);
		model.addAttribute("dashboard", d);
		model.addAttribute("heading", drill.heading());
		model.addAttribute("names", drill.names());
		model.addAttribute("total", drill.total());
		model.addAttribute("more", drill.more());
		model.addAttribute("limit", settings.drillLimit());
		model.addAttribute("dated", drill.dated());
		model.addAttribute("export", export.encode().build().toUriString());
		model.addAttribute("back", DashboardView.childLink(d, d.orgId()));
		return "analytics/drill";
	}

	@GetMapping("/analytics/export.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) @Size(max = 10) String period, Locale locale) {
		Caller caller = reader();
		Period p = period(period);
		Dashboard d = dashboards.of(caller, orgId, p, false);
		DashboardView.Texts t = new DashboardView.Texts(messages, locale);
		List<String> header = List.of(t.msg("analytics.dash.col.section"), t.msg("analytics.dash.col.item"),
				t.msg("analytics.dash.col.value") + " " + d.period(), t.msg("analytics.dash.col.previous") + " " + d.previousPeriod(),
				t.msg("analytics.dash.col.lastYear") + " " + d.lastYearPeriod(), t.msg("analytics.dash.col.unit"));
		List<List<Object>> rows = new ArrayList<>();
		Dashboard.Members m = d.members();
		rows.add(row(t.msg("analytics.dash.card.members"), t.msg("analytics.dash.members.total"), m.total(), m.previousTotal(),
				m.lastYearTotal(), t.msg("analytics.dash.unit.COUNT")));
		rows.add(row(t.msg("analytics.dash.card.members"), t.msg("analytics.dash.members.full"), m.full(), null, null,
				t.msg("analytics.dash.unit.COUNT")));
		rows.add(row(t.msg("analytics.dash.card.members"), t.msg("analytics.dash.members.probationary"), m.probationary(), null,
				null, t.msg("analytics.dash.unit.COUNT")));
		for (Dashboard.Breakdown b : m.breakdowns()) {
			b.bars().forEach(bar -> rows.add(row(b.label(), bar.label(), bar.count(), bar.previous(), null,
					t.msg("analytics.dash.unit.COUNT"))));
		}
		d.funnel().stages().forEach(s -> rows.add(row(t.msg("analytics.dash.card.funnel"), s.label(), s.count(),
				s.previous(), null, t.msg("analytics.dash.unit.COUNT"))));
		for (Dashboard.Area a : d.areas()) {
			for (Dashboard.Figure f : concat(a.figures(), a.details())) {
				double scale = f.unit() == Figures.Unit.RATE ? 100 : 1;
				rows.add(row(a.label(), f.label(), scaled(f.value(), scale), scaled(f.previous(), scale),
						scaled(f.lastYear(), scale), t.msg("analytics.dash.unit." + f.unit())));
			}
		}
		List<Dashboard.Figure> headline = d.areas().stream().flatMap(a -> a.figures().stream()).toList();
		List<String> childHeader = new ArrayList<>(List.of(t.msg("analytics.dash.col.org"), t.msg("analytics.dash.members.total")));
		headline.forEach(f -> childHeader.add(f.label() + (f.unit() == Figures.Unit.RATE ? " (%)" : "")));
		List<List<Object>> childRows = new ArrayList<>();
		for (Dashboard.Child c : d.children()) {
			List<Object> r = new ArrayList<>(List.of(c.orgName(), c.members()));
			headline.forEach(f -> r.add(orBlank(scaled(c.values().get(f.code()), f.unit() == Figures.Unit.RATE ? 100 : 1))));
			childRows.add(r);
		}
		events.publishEvent(new DashboardAudited("analytics.export", "organization", String.valueOf(d.orgId()),
				d.period() + ": " + rows.size() + " + " + childRows.size()));
		String name = t.msg("analytics.dash.export.file", d.orgName(), d.period());
		try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			Downloads.addSheet(book, t.msg("analytics.dash.export.sheet"), header, rows);
			Downloads.addSheet(book, t.msg("analytics.dash.export.children"), childHeader, childRows);
			book.write(out);
			return ResponseEntity.ok()
				.header("Content-Disposition", Downloads.attachment(name + ".xlsx", "dashboard-" + d.period() + ".xlsx"))
				.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
				.body(out.toByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<Dashboard.Figure> concat(List<Dashboard.Figure> a, List<Dashboard.Figure> b) {
		List<Dashboard.Figure> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static List<Object> row(String section, String item, Object value, Object previous, Object lastYear,
			String unit) {
		return java.util.Arrays.asList(section, item, orBlank(value), orBlank(previous), orBlank(lastYear), unit);
	}

	private static Object orBlank(Object v) {
		return v == null ? "" : v;
	}

	private static Double scaled(Double v, double scale) {
		return v == null ? null : Math.round(v * scale * 10) / 10.0;
	}

	/** The caller, who must be staff somewhere (a member or applicant is refused with 403). */
	static Caller reader() {
		Caller caller = Caller.require();
		if (!caller.has(READERS)) {
			throw new NotPermittedException("analytics", "*", "read");
		}
		return caller;
	}

	/** The period asked, or the last complete month. */
	Period period(String text) {
		return dashboards.period(text);
	}

	/** The period picker: the last 24 months, 8 quarters and 5 years, grouped; the chosen one always among them. */
	Map<String, List<String>> periods(Period chosen) {
		YearMonth now = YearMonth.now(clock.withZone(PlatformZone.ZONE));
		Map<String, List<String>> groups = new LinkedHashMap<>();
		List<String> months = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			months.add(now.minusMonths(i).toString());
		}
		List<String> quarters = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			YearMonth q = now.minusMonths(3L * i);
			quarters.add(q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1));
		}
		List<String> years = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			years.add(String.valueOf(now.getYear() - i));
		}
		String c = chosen.name();
		List<String> own = c.contains("Q") ? quarters : c.length() == 4 ? years : months;
		if (!own.contains(c)) {
			own.add(c);
		}
		groups.put("month", months);
		groups.put("quarter", quarters);
		groups.put("year", years);
		return groups;
	}

	/** The organisation picker: the caller's scope, committees, colleges and branches, labelled by their path. */
	OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, EnumSet.of(OrgType.COMMITTEE, OrgType.GENERAL_BRANCH, OrgType.BRANCH), READERS);
	}

	/** The dashboard a level up, when the caller reaches it. */
	private String parentLink(Caller caller, Dashboard d) {
		return scope.find(d.orgId())
			.map(o -> o.parentId())
			.filter(parent -> parent != null && scope.reaches(caller, parent, READERS))
			.map(parent -> DashboardView.childLink(d, parent))
			.orElse(null);
	}
}
