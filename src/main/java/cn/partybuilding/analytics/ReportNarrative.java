package cn.partybuilding.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.partybuilding.analytics.Dashboard.Area;
import cn.partybuilding.analytics.Dashboard.Bar;
import cn.partybuilding.analytics.Dashboard.Breakdown;
import cn.partybuilding.analytics.Dashboard.Child;
import cn.partybuilding.analytics.Dashboard.Figure;
import cn.partybuilding.analytics.ReportContent.Chart;
import cn.partybuilding.analytics.ReportContent.Section;
import cn.partybuilding.analytics.ReportContent.Series;
import cn.partybuilding.analytics.ReportContent.Table;
import cn.partybuilding.shared.Figures.Direction;
import cn.partybuilding.shared.Figures.Unit;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The words of a report, written from message templates over the figures of one {@link Dashboard}: the members and
 * how they changed, every area's headline figures beside the previous period's and last year's, the children where a
 * figure is weakest, the largest moves of the period, the warnings, and the tables and charts behind them. A report is
 * printed in Chinese whoever asks for it (it is filed and sent on); the month, quarter or year decides whether it
 * reads 本月 and 上月, 本季度 and 上季度, or 本年 and 上年.
 */
@Component
class ReportNarrative {

	static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	/** The largest moves called out. */
	static final int CHANGES = 5;

	/** The warnings listed one by one (the rest are counted: the warning centre lists them all). */
	static final int WARNINGS = 30;

	/** The weakest children named after a figure. */
	static final int WEAKEST = 3;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	enum Kind {
		MONTH, QUARTER, YEAR;

		static Kind of(String period) {
			return period.contains("Q") ? QUARTER : period.length() == 4 ? YEAR : MONTH;
		}
	}

	private final MessageSource messages;

	ReportNarrative(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * The report of a dashboard. {@code wholeSchool}: the organisation is the school's committee (the text says 全校);
	 * {@code warnings}: the warning lines of the scope, or null when no warning centre answers.
	 */
	ReportContent write(Dashboard d, boolean wholeSchool, List<String> warnings, Instant generatedAt) {
		return write(d, wholeSchool, new WarningLines(warnings.size(), warnings.subList(0, Math.min(warnings.size(), WARNINGS)),
				Map.of(), Map.of()), generatedAt);
	}

	/**
	 * A scope's warnings as a report tells them: how many, the first lines (the rest are counted), and when more than
	 * those lines, how many of each kind and in each college.
	 */
	record WarningLines(int total, List<String> lines, Map<String, Long> byKind, Map<String, Long> byCollege) {
	}

	/** As {@link #write(Dashboard, boolean, List, Instant)} with the warnings counted and the first of them listed. */
	ReportContent write(Dashboard d, boolean wholeSchool, WarningLines warnings, Instant generatedAt) {
		Words w = new Words(Kind.of(d.period()));
		List<Section> sections = new ArrayList<>();
		sections.add(overview(d, w, wholeSchool));
		sections.add(changes(d, w));
		sections.add(warnings(warnings));
		sections.add(members(d, w));
		sections.add(funnel(d, w));
		for (Area area : d.areas()) {
			sections.add(area(d, w, area));
		}
		if (!d.children().isEmpty()) {
			sections.add(children(d));
		}
		List<Section> numbered = new ArrayList<>();
		String[] numerals = text("analytics.report.numerals").split(",");
		for (int i = 0; i < sections.size(); i++) {
			Section s = sections.get(i);
			String number = i < numerals.length ? numerals[i] : Integer.toString(i + 1);
			numbered.add(new Section(text("analytics.report.section.numbered", number, s.heading()), s.paragraphs(), s.tables(),
					s.charts()));
		}
		return new ReportContent(title(d.orgName(), d.period()), asOf(d, w, generatedAt), numbered);
	}

	/** 计算机学院党建工作分析报告（2026年11月）. */
	String title(String orgName, String period) {
		return text("analytics.report.title", orgName, periodLabel(period));
	}

	/** 2026年11月, 2026年第4季度, 2026年. */
	String periodLabel(String period) {
		if (!period.matches("\\d{4}(-\\d{2}|-Q[1-4])?")) {
			return period;
		}
		int year = Integer.parseInt(period.substring(0, 4));
		return switch (Kind.of(period)) {
			case MONTH -> text("analytics.report.period.MONTH", year, Integer.parseInt(period.substring(5)));
			case QUARTER -> text("analytics.report.period.QUARTER", year, Integer.parseInt(period.substring(6)));
			case YEAR -> text("analytics.report.period.YEAR", year);
		};
	}

	private String asOf(Dashboard d, Words w, Instant generatedAt) {
		Period p = Period.parse(d.period());
		LocalDate last = p.until().minusDays(1);
		String compared = text("analytics.report.compared", w.previous, d.previousPeriod());
		if (d.lastYearPeriod() != null && !d.lastYearPeriod().equals(d.previousPeriod())) {
			compared += text("analytics.report.separator") + text("analytics.report.compared", w.lastYear, d.lastYearPeriod());
		}
		return text("analytics.report.asOf", p.from().toString(), last.toString(),
				WHEN.format(d.asOf() == null ? generatedAt : d.asOf()), WHEN.format(generatedAt), compared);
	}

	private Section overview(Dashboard d, Words w, boolean wholeSchool) {
		List<String> paragraphs = new ArrayList<>();
		var m = d.members();
		String change = "";
		if (m.previousTotal() != null) {
			long delta = m.total() - m.previousTotal();
			change = delta > 0 ? text("analytics.report.members.more", w.previous, number(delta))
					: delta < 0 ? text("analytics.report.members.fewer", w.previous, number(-delta))
							: text("analytics.report.members.same", w.previous);
		}
		if (m.lastYearTotal() != null && w.kind != Kind.YEAR) {
			change += text("analytics.report.members.lastYear", w.lastYear, number(m.lastYearTotal()));
		}
		paragraphs.add(text("analytics.report.members", w.current, wholeSchool ? text("analytics.report.school") : d.orgName(),
				number(m.total()), number(m.full()), number(m.probationary()), change));
		for (Area area : d.areas()) {
			for (Figure f : area.figures()) {
				if (f.unit() == Unit.RATE && f.value() != null) {
					paragraphs.add(figureSentence(d, w, f));
				}
			}
		}
		return new Section(text("analytics.report.section.overview"), paragraphs, List.of(), List.of());
	}

	/** 组织生活完成率 92.4%（已开 34 次 / 应开 36 次），低于上月 1.8 个百分点，主要集中在… */
	String figureSentence(Dashboard d, Words w, Figure f) {
		if (f.value() == null) {
			return text("analytics.report.figure.none", f.label());
		}
		String value = value(f.unit(), f.value());
		if (f.source() != null && !f.source().isBlank()) {
			value += text("analytics.report.figure.source", f.source());
		}
		String compare = "";
		boolean worse = false;
		if (f.previous() != null) {
			double delta = f.value() - f.previous();
			worse = worse(f.direction(), delta);
			compare = compare(f.unit(), delta, w.previous);
		}
		if (f.lastYear() != null && w.kind != Kind.YEAR) {
			compare += text("analytics.report.figure.lastYear", w.lastYear, value(f.unit(), f.lastYear()));
		}
		String weakest = weakest(d, f);
		if (!weakest.isEmpty()) {
			weakest = text(worse ? "analytics.report.figure.concentrated" : "analytics.report.figure.weakest", weakest);
		}
		return text("analytics.report.figure", f.label(), value, compare, weakest);
	}

	/** The children where the figure is weakest, worse than the scope's own value: 软件工程党支部（80.0%）、… */
	private String weakest(Dashboard d, Figure f) {
		if (f.code() == null || f.value() == null) {
			return "";
		}
		boolean higherBetter = f.direction() != Direction.LOWER_IS_BETTER;
		Comparator<Child> order = Comparator.comparingDouble(c -> c.values().get(f.code()));
		List<Child> weak = d.children().stream()
			.filter(c -> c.values() != null && c.values().get(f.code()) != null)
			.filter(c -> higherBetter ? c.values().get(f.code()) < f.value() : c.values().get(f.code()) > f.value())
			.sorted(higherBetter ? order : order.reversed())
			.limit(WEAKEST)
			.toList();
		List<String> named = weak.stream()
			.map(c -> text("analytics.report.child.value", c.orgName(), value(f.unit(), c.values().get(f.code()))))
			.toList();
		return String.join(text("analytics.report.separator"), named);
	}

	private String compare(Unit unit, double delta, String previousWord) {
		if (Math.abs(delta) < epsilon(unit)) {
			return text("analytics.report.compare.same", previousWord);
		}
		if (unit == Unit.RATE) {
			return text(delta > 0 ? "analytics.report.compare.rate.up" : "analytics.report.compare.rate.down", previousWord,
					points(Math.abs(delta)));
		}
		return text(delta > 0 ? "analytics.report.compare.up" : "analytics.report.compare.down", previousWord,
				amount(unit, Math.abs(delta)));
	}

	private static boolean worse(Direction direction, double delta) {
		return direction == Direction.LOWER_IS_BETTER ? delta > 0 : delta < 0;
	}

	private static double epsilon(Unit unit) {
		return switch (unit) {
			case RATE -> 0.0005;
			case COUNT -> 0.5;
			case PER_MEMBER -> 0.005;
			case DAYS -> 0.05;
		};
	}

	/** A move of the period, for the ranking of the largest: how large it is, comparable across units. */
	record Change(String label, Unit unit, Direction direction, double value, double previous, double size) {
	}

	/** The period's largest moves: rates by their points, counts and others by their share of the previous value. */
	List<Change> largestChanges(Dashboard d) {
		List<Change> all = new ArrayList<>();
		var m = d.members();
		if (m.previousTotal() != null) {
			all.add(change(text("analytics.report.members.label"), Unit.COUNT, Direction.HIGHER_IS_BETTER, m.total(),
					m.previousTotal()));
		}
		Map<String, Figure> seen = new LinkedHashMap<>();
		for (Area area : d.areas()) {
			area.figures().forEach(f -> seen.putIfAbsent(key(f), f));
			area.details().forEach(f -> seen.putIfAbsent(key(f), f));
		}
		for (Figure f : seen.values()) {
			if (f.value() != null && f.previous() != null) {
				all.add(change(f.label(), f.unit(), f.direction(), f.value(), f.previous()));
			}
		}
		return all.stream()
			.filter(c -> Math.abs(c.value() - c.previous()) >= epsilon(c.unit()))
			.sorted(Comparator.comparingDouble(Change::size).reversed())
			.limit(CHANGES)
			.toList();
	}

	private static String key(Figure f) {
		return f.code() != null ? f.code() : f.label();
	}

	private static Change change(String label, Unit unit, Direction direction, double value, double previous) {
		double delta = Math.abs(value - previous);
		double size = unit == Unit.RATE ? delta * 100 : previous == 0 ? (delta == 0 ? 0 : 100) : delta / Math.abs(previous) * 100;
		return new Change(label, unit, direction, value, previous, size);
	}

	private Section changes(Dashboard d, Words w) {
		List<String> paragraphs = new ArrayList<>();
		List<Change> changes = largestChanges(d);
		if (changes.isEmpty()) {
			paragraphs.add(text("analytics.report.changes.none", w.previous));
		}
		else {
			paragraphs.add(text("analytics.report.changes.intro", w.previous, changes.size()));
			for (int i = 0; i < changes.size(); i++) {
				Change c = changes.get(i);
				double delta = c.value() - c.previous();
				String moved = c.unit() == Unit.RATE
						? text(delta > 0 ? "analytics.report.delta.rate.up" : "analytics.report.delta.rate.down", points(Math.abs(delta)))
						: text(delta > 0 ? "analytics.report.delta.up" : "analytics.report.delta.down", amount(c.unit(), Math.abs(delta)));
				paragraphs.add(text("analytics.report.change", i + 1, c.label(), w.current, value(c.unit(), c.value()), w.previous,
						value(c.unit(), c.previous()), moved,
						text(worse(c.direction(), delta) ? "analytics.report.change.worse" : "analytics.report.change.better")));
			}
		}
		return new Section(text("analytics.report.section.changes"), paragraphs, List.of(), List.of());
	}

	private Section warnings(WarningLines warnings) {
		List<String> paragraphs = new ArrayList<>();
		if (warnings.total() == 0) {
			paragraphs.add(text("analytics.report.warnings.none"));
		}
		else {
			paragraphs.add(text("analytics.report.warnings.count", warnings.total()));
			if (warnings.total() > warnings.lines().size()) {
				if (!warnings.byKind().isEmpty()) {
					paragraphs.add(text("analytics.report.warnings.byKind", counted(warnings.byKind())));
				}
				if (!warnings.byCollege().isEmpty()) {
					paragraphs.add(text("analytics.report.warnings.byCollege", counted(warnings.byCollege())));
				}
			}
			for (int i = 0; i < warnings.lines().size(); i++) {
				paragraphs.add(text("analytics.report.warnings.line", i + 1, warnings.lines().get(i)));
			}
			if (warnings.total() > warnings.lines().size()) {
				paragraphs.add(text("analytics.report.warnings.more", warnings.total() - warnings.lines().size()));
			}
		}
		return new Section(text("analytics.report.section.warnings"), paragraphs, List.of(), List.of());
	}

	/** 欠缴党费 50000、换届 20 … the largest first. */
	private String counted(Map<String, Long> counts) {
		return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(text("analytics.report.warnings.separator")));
	}

	private Section members(Dashboard d, Words w) {
		List<Table> tables = new ArrayList<>();
		List<Chart> charts = new ArrayList<>();
		List<String> paragraphs = new ArrayList<>();
		long total = d.members().total();
		for (Breakdown b : d.members().breakdowns()) {
			if (b.bars().isEmpty()) {
				continue;
			}
			boolean hasPrevious = b.bars().stream().anyMatch(bar -> bar.previous() != null);
			List<String> header = new ArrayList<>(List.of(text("analytics.report.table.item"),
					text("analytics.report.table.count", w.current)));
			if (hasPrevious) {
				header.add(text("analytics.report.table.count", w.previous));
			}
			header.add(text("analytics.report.table.share"));
			List<List<String>> rows = new ArrayList<>();
			for (Bar bar : b.bars()) {
				List<String> row = new ArrayList<>(List.of(bar.label(), number(bar.count())));
				if (hasPrevious) {
					row.add(bar.previous() == null ? "—" : number(bar.previous()));
				}
				row.add(total == 0 ? "—" : value(Unit.RATE, (double) bar.count() / total));
				rows.add(row);
			}
			tables.add(new Table(b.label(), header, rows));
			charts.add(new Chart(text("analytics.report.chart.members", b.label()), b.bars().stream().map(Bar::label).toList(),
					new Series(w.current, b.bars().stream().map(bar -> (double) bar.count()).toList()),
					hasPrevious ? new Series(w.previous, b.bars().stream().map(bar -> bar.previous() == null ? null : bar.previous().doubleValue()).toList()) : null,
					false));
			Bar largest = b.bars().stream().max(Comparator.comparingLong(Bar::count)).orElseThrow();
			if (total > 0) {
				paragraphs.add(text("analytics.report.members.largest", b.label(), largest.label(), number(largest.count()),
						value(Unit.RATE, (double) largest.count() / total)));
			}
		}
		if (tables.isEmpty()) {
			paragraphs.add(text("analytics.report.members.none"));
		}
		return new Section(text("analytics.report.section.members"), paragraphs, tables, charts);
	}

	private Section funnel(Dashboard d, Words w) {
		List<Bar> stages = d.funnel() == null ? List.of() : d.funnel().stages();
		List<String> paragraphs = new ArrayList<>();
		if (stages.isEmpty() || stages.stream().allMatch(s -> s.count() == 0)) {
			paragraphs.add(text("analytics.report.funnel.none", w.current));
		}
		else {
			String steps = String.join(text("analytics.report.separator"), stages.stream()
				.map(s -> s.previous() == null ? text("analytics.report.funnel.stage", s.label(), number(s.count()))
						: text("analytics.report.funnel.stage.previous", s.label(), number(s.count()), w.previous, number(s.previous())))
				.toList());
			paragraphs.add(text("analytics.report.funnel", w.current, steps));
		}
		if (stages.isEmpty()) {
			return new Section(text("analytics.report.section.funnel"), paragraphs, List.of(), List.of());
		}
		boolean hasPrevious = stages.stream().anyMatch(s -> s.previous() != null);
		List<String> header = new ArrayList<>(List.of(text("analytics.report.table.stage"), text("analytics.report.table.count", w.current)));
		if (hasPrevious) {
			header.add(text("analytics.report.table.count", w.previous));
		}
		List<List<String>> rows = stages.stream().map(s -> {
			List<String> row = new ArrayList<>(List.of(s.label(), number(s.count())));
			if (hasPrevious) {
				row.add(s.previous() == null ? "—" : number(s.previous()));
			}
			return (List<String>) row;
		}).toList();
		Chart chart = new Chart(text("analytics.report.chart.funnel"), stages.stream().map(Bar::label).toList(),
				new Series(w.current, stages.stream().map(s -> (double) s.count()).toList()),
				hasPrevious ? new Series(w.previous, stages.stream().map(s -> s.previous() == null ? null : s.previous().doubleValue()).toList()) : null,
				false);
		return new Section(text("analytics.report.section.funnel"), paragraphs,
				List.of(new Table(text("analytics.report.chart.funnel"), header, rows)), List.of(chart));
	}

	private Section area(Dashboard d, Words w, Area area) {
		List<String> paragraphs = new ArrayList<>();
		for (Figure f : area.figures()) {
			paragraphs.add(figureSentence(d, w, f));
		}
		if (area.figures().isEmpty()) {
			paragraphs.add(text("analytics.report.area.none"));
		}
		List<Table> tables = new ArrayList<>();
		List<Figure> all = new ArrayList<>(area.figures());
		area.details().stream().filter(f -> all.stream().noneMatch(g -> key(g).equals(key(f)))).forEach(all::add);
		if (!all.isEmpty()) {
			boolean lastYear = w.kind != Kind.YEAR;
			List<String> header = new ArrayList<>(List.of(text("analytics.report.table.figure"), w.current, w.previous));
			if (lastYear) {
				header.add(w.lastYear);
			}
			header.add(text("analytics.report.table.source"));
			List<List<String>> rows = new ArrayList<>();
			for (Figure f : all) {
				List<String> row = new ArrayList<>(List.of(f.label(), valueOrDash(f.unit(), f.value()), valueOrDash(f.unit(), f.previous())));
				if (lastYear) {
					row.add(valueOrDash(f.unit(), f.lastYear()));
				}
				row.add(f.source() == null ? "" : f.source());
				rows.add(row);
			}
			tables.add(new Table(text("analytics.report.table.area", area.label()), header, rows));
		}
		List<Chart> charts = new ArrayList<>();
		for (Figure f : area.figures()) {
			if (f.unit() != Unit.RATE || f.code() == null) {
				continue;
			}
			List<Child> with = d.children().stream().filter(c -> c.values() != null && c.values().get(f.code()) != null).toList();
			if (!with.isEmpty()) {
				charts.add(new Chart(text("analytics.report.chart.children", f.label()), with.stream().map(Child::orgName).toList(),
						new Series(w.current, with.stream().map(c -> c.values().get(f.code())).toList()), null, true));
			}
		}
		return new Section(area.label(), paragraphs, tables, charts);
	}

	private Section children(Dashboard d) {
		List<Figure> columns = new ArrayList<>();
		for (Area area : d.areas()) {
			for (Figure f : area.figures()) {
				if (f.code() != null && d.children().stream().anyMatch(c -> c.values() != null && c.values().get(f.code()) != null)
						&& columns.stream().noneMatch(g -> Objects.equals(g.code(), f.code()))) {
					columns.add(f);
				}
			}
		}
		List<String> header = new ArrayList<>(List.of(text("analytics.report.table.org"), text("analytics.report.table.members")));
		columns.forEach(f -> header.add(f.label()));
		List<List<String>> rows = d.children().stream().map(c -> {
			List<String> row = new ArrayList<>(List.of(c.orgName(), number(c.members())));
			columns.forEach(f -> row.add(valueOrDash(f.unit(), c.values() == null ? null : c.values().get(f.code()))));
			return (List<String>) row;
		}).toList();
		List<String> paragraphs = List.of(text("analytics.report.children", d.children().size()));
		return new Section(text("analytics.report.section.children"), paragraphs,
				List.of(new Table(text("analytics.report.section.children"), header, rows)), List.of());
	}

	/** 92.4%, 52 005, 1.25, 3.5 天. */
	String value(Unit unit, double v) {
		return switch (unit) {
			case RATE -> String.format(Locale.ROOT, "%.1f%%", v * 100);
			case COUNT -> number(Math.round(v));
			case PER_MEMBER -> String.format(Locale.ROOT, "%.2f", v);
			case DAYS -> text("analytics.report.days", String.format(Locale.ROOT, "%.1f", v));
		};
	}

	private String valueOrDash(Unit unit, Double v) {
		return v == null ? "—" : value(unit, v);
	}

	private String amount(Unit unit, double delta) {
		return switch (unit) {
			case RATE -> points(delta);
			case COUNT -> number(Math.round(delta));
			case PER_MEMBER -> String.format(Locale.ROOT, "%.2f", delta);
			case DAYS -> text("analytics.report.days", String.format(Locale.ROOT, "%.1f", delta));
		};
	}

	private static String points(double delta) {
		return String.format(Locale.ROOT, "%.1f", delta * 100);
	}

	/** 52 005: thousands apart by a space, as the offices print them. */
	static String number(long n) {
		return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, CHINESE);
	}

	/** 本月 / 上月 / 去年同期, or 本季度 / 上季度, or 本年 / 上年. */
	final class Words {

		final Kind kind;

		final String current;

		final String previous;

		final String lastYear;

		Words(Kind kind) {
			this.kind = kind;
			this.current = text("analytics.report.current." + kind);
			this.previous = text("analytics.report.previous." + kind);
			this.lastYear = text("analytics.report.lastYear");
		}
	}
}
