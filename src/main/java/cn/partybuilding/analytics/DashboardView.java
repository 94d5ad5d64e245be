package cn.partybuilding.analytics;

import java.text.NumberFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.shared.Figures.Direction;
import cn.partybuilding.shared.Figures.Unit;
import cn.partybuilding.shared.PlatformZone;

/**
 * The dashboard as the page shows it: one section per area, each card with its chart's data (JSON for the static
 * script, in a data attribute) and the same numbers as a table, each line with the previous period, the same period
 * last year, the change, and its drill-down link.
 */
record DashboardView(Dashboard dashboard, String asOf, List<Card> cards, List<String> childColumns,
		List<ChildRow> children, String childrenChart) {

	/**
	 * A line of a card's table: its label and drill-down link, its value and the two comparisons as text, the changes
	 * against each, and whether each change is good, bad or neutral (a css class).
	 */
	record Row(String label, String href, String value, String previous, String lastYear, String change,
			String changeClass, String yearChange, String yearChangeClass, String source) {
	}

	/** A card: its id (for the page and the tests), title, chart data (null: no chart) and table. */
	record Card(String id, String title, String chart, boolean withLastYear, List<Row> rows, String empty) {
	}

	/** A child organisation's line: its name, its dashboard, its members and each headline figure as text. */
	record ChildRow(long orgId, String name, String href, long members, List<String> values) {
	}

	/** Builds the view; {@code messages} resolve the labels, links keep the period. */
	static DashboardView of(Dashboard d, MessageSource messages, Locale locale, JsonMapper json) {
		Texts t = new Texts(messages, locale);
		String asOf = d.asOf() == null ? ""
				: DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(ZonedDateTime.ofInstant(d.asOf(), PlatformZone.ZONE));
		List<Card> cards = new ArrayList<>();
		// members: the total, then the six breakdowns
		Dashboard.Members m = d.members();
		List<Row> totals = new ArrayList<>();
		totals.add(countRow(t, t.msg("analytics.dash.members.total"), null, m.total(), m.previousTotal(), m.lastYearTotal()));
		totals.add(countRow(t, t.msg("analytics.dash.members.full"), null, m.full(), null, null));
		totals.add(countRow(t, t.msg("analytics.dash.members.probationary"), null, m.probationary(), null, null));
		cards.add(new Card("members-total", t.msg("analytics.dash.card.members"), null, true, totals, null));
		for (Dashboard.Breakdown b : m.breakdowns()) {
			List<Row> rows = new ArrayList<>();
			List<String> hrefs = new ArrayList<>();
			for (Dashboard.Bar bar : b.bars()) {
				String href = link(d, "/analytics/drill/members", "dimension", b.dimension(), "key", bar.key());
				hrefs.add(href);
				rows.add(countRow(t, bar.label(), href, bar.count(), bar.previous(), null));
			}
			cards.add(new Card("composition-" + b.dimension(), b.label(),
					barChart(json, b.bars().stream().map(Dashboard.Bar::label).toList(),
							b.bars().stream().map(x -> (Object) x.count()).toList(),
							b.bars().stream().map(x -> (Object) x.previous()).toList(), hrefs, t, "count", false),
					false, rows, t.msg("analytics.dash.empty")));
		}
		// the funnel
		List<Row> stages = new ArrayList<>();
		List<String> stageLinks = new ArrayList<>();
		for (Dashboard.Bar bar : d.funnel().stages()) {
			String href = link(d, "/analytics/drill/funnel", "stage", bar.key(), null, null);
			stageLinks.add(href);
			stages.add(countRow(t, bar.label(), href, bar.count(), bar.previous(), null));
		}
		cards.add(new Card("funnel", t.msg("analytics.dash.card.funnel"),
				barChart(json, d.funnel().stages().stream().map(Dashboard.Bar::label).toList(),
						d.funnel().stages().stream().map(x -> (Object) x.count()).toList(),
						d.funnel().stages().stream().map(x -> (Object) x.previous()).toList(), stageLinks, t, "count", true),
				false, stages, t.msg("analytics.dash.empty")));
		// one card per area: its headline figures, then its details
		for (Dashboard.Area area : d.areas()) {
			List<Dashboard.Figure> all = new ArrayList<>(area.figures());
			all.addAll(area.details());
			List<Row> rows = all.stream().map(f -> figureRow(t, d, f)).toList();
			cards.add(new Card("area-" + area.name(), area.label(), areaChart(json, d, all, t), true, rows,
					t.msg("analytics.dash.empty")));
		}
		// the children: members and every headline figure
		List<Dashboard.Figure> headline = d.areas().stream().flatMap(a -> a.figures().stream()).toList();
		List<String> columns = headline.stream().map(Dashboard.Figure::label).toList();
		List<ChildRow> children = new ArrayList<>();
		for (Dashboard.Child c : d.children()) {
			List<String> values = headline.stream().map(f -> t.value(f.unit(), c.values().get(f.code()))).toList();
			children.add(new ChildRow(c.orgId(), c.orgName(), childLink(d, c.orgId()), c.members(), values));
		}
		String childrenChart = d.children().isEmpty() ? null
				: barChart(json, d.children().stream().map(Dashboard.Child::orgName).toList(),
						d.children().stream().map(c -> (Object) c.members()).toList(), null,
						children.stream().map(ChildRow::href).toList(), t, "count", false);
		return new DashboardView(d, asOf, cards, columns, children, childrenChart);
	}

	static String childLink(Dashboard d, long childId) {
		return UriComponentsBuilder.fromPath("/analytics").queryParam("orgId", childId).queryParam("period", d.period())
			.encode().build().toUriString();
	}

	static String link(Dashboard d, String path, String name, String value, String name2, String value2) {
		UriComponentsBuilder b = UriComponentsBuilder.fromPath(path).queryParam("orgId", d.orgId())
			.queryParam("period", d.period()).queryParam(name, value);
		if (name2 != null) {
			b.queryParam(name2, value2);
		}
		return b.encode().build().toUriString();
	}

	private static Row countRow(Texts t, String label, String href, long value, Long previous, Long lastYear) {
		Double v = (double) value;
		Double p = previous == null ? null : previous.doubleValue();
		Double y = lastYear == null ? null : lastYear.doubleValue();
		return new Row(label, href, t.value(Unit.COUNT, v), t.value(Unit.COUNT, p), t.value(Unit.COUNT, y),
				t.change(Unit.COUNT, v, p), "text-secondary", t.change(Unit.COUNT, v, y), "text-secondary", null);
	}

	private static Row figureRow(Texts t, Dashboard d, Dashboard.Figure f) {
		String href = f.code() == null ? null : link(d, "/analytics/drill/figure", "code", f.code(), null, null);
		return new Row(f.label(), href, t.value(f.unit(), f.value()), t.value(f.unit(), f.previous()),
				t.value(f.unit(), f.lastYear()), t.change(f.unit(), f.value(), f.previous()),
				trend(f.direction(), f.value(), f.previous()), t.change(f.unit(), f.value(), f.lastYear()),
				trend(f.direction(), f.value(), f.lastYear()), f.source());
	}

	/** Green when the change is for the better, red when for the worse, grey when none or unknown. */
	static String trend(Direction direction, Double value, Double before) {
		if (value == null || before == null || Math.abs(value - before) < 1e-9 || direction == null) {
			return "text-secondary";
		}
		boolean up = value > before;
		return up == (direction == Direction.HIGHER_IS_BETTER) ? "text-success" : "text-danger";
	}

	/** An area's chart: its figures of the first figure's unit, this period beside the previous and last year. */
	private static String areaChart(JsonMapper json, Dashboard d, List<Dashboard.Figure> all, Texts t) {
		if (all.isEmpty()) {
			return null;
		}
		// one axis: the figures of the unit most of them have (orglife: its rates; dues: its rate and arrears apart)
		Map<Unit, Long> units = new LinkedHashMap<>();
		all.forEach(f -> units.merge(f.unit(), 1L, Long::sum));
		Unit unit = units.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(Unit.COUNT);
		List<Dashboard.Figure> shown = all.stream().filter(f -> f.unit() == unit).toList();
		boolean rate = unit == Unit.RATE;
		double scale = rate ? 100 : 1;
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "bar");
		chart.put("unit", rate ? "%" : "");
		chart.put("labels", shown.stream().map(Dashboard.Figure::label).toList());
		chart.put("links", shown.stream().map(f -> f.code() == null ? null
				: link(d, "/analytics/drill/figure", "code", f.code(), null, null)).toList());
		List<Map<String, Object>> series = new ArrayList<>();
		series.add(series(t.msg("analytics.dash.col.value"), shown.stream().map(f -> scaled(f.value(), scale)).toList()));
		series.add(series(t.msg("analytics.dash.col.previous"), shown.stream().map(f -> scaled(f.previous(), scale)).toList()));
		series.add(series(t.msg("analytics.dash.col.lastYear"), shown.stream().map(f -> scaled(f.lastYear(), scale)).toList()));
		chart.put("series", series);
		return json.writeValueAsString(chart);
	}

	private static Object scaled(Double v, double scale) {
		return v == null ? null : Math.round(v * scale * 10) / 10.0;
	}

	private static Map<String, Object> series(String name, List<?> data) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("name", name);
		s.put("data", data);
		return s;
	}

	private static String barChart(JsonMapper json, List<String> labels, List<Object> values, List<Object> previous,
			List<String> links, Texts t, String unit, boolean funnel) {
		if (labels.isEmpty()) {
			return null;
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", funnel ? "funnel" : "bar");
		chart.put("unit", "");
		chart.put("labels", labels);
		chart.put("links", links);
		List<Map<String, Object>> series = new ArrayList<>();
		series.add(series(t.msg("analytics.dash.col.value"), values));
		if (previous != null && previous.stream().anyMatch(p -> p != null)) {
			series.add(series(t.msg("analytics.dash.col.previous"), previous));
		}
		chart.put("series", series);
		return json.writeValueAsString(chart);
	}

	/** Numbers and changes as the page writes them. */
	record Texts(MessageSource messages, Locale locale) {

		String msg(String key, Object... args) {
			return messages.getMessage(key, args, key, locale);
		}

		String value(Unit unit, Double v) {
			if (v == null) {
				return msg("analytics.dash.none");
			}
			NumberFormat f = NumberFormat.getNumberInstance(locale);
			switch (unit == null ? Unit.COUNT : unit) {
				case RATE -> {
					f.setMaximumFractionDigits(1);
					f.setMinimumFractionDigits(1);
					return f.format(v * 100) + "%";
				}
				case COUNT -> {
					f.setMaximumFractionDigits(v == Math.rint(v) ? 0 : 1);
					return f.format(v);
				}
				case DAYS -> {
					f.setMaximumFractionDigits(1);
					return msg("analytics.dash.unit.days", f.format(v));
				}
				default -> {
					f.setMaximumFractionDigits(2);
					return f.format(v);
				}
			}
		}

		/** ↑ or ↓ and the difference (percentage points for a rate; a count with its relative change). */
		String change(Unit unit, Double v, Double before) {
			if (v == null || before == null) {
				return msg("analytics.dash.none");
			}
			double diff = v - before;
			if (Math.abs(diff) < 1e-9) {
				return msg("analytics.dash.change.same");
			}
			NumberFormat f = NumberFormat.getNumberInstance(locale);
			f.setMaximumFractionDigits(unit == Unit.COUNT ? 0 : unit == Unit.PER_MEMBER ? 2 : 1);
			String amount;
			if (unit == Unit.RATE) {
				amount = msg("analytics.dash.change.points", f.format(Math.abs(diff) * 100));
			}
			else if (unit == Unit.COUNT && before != 0) {
				NumberFormat p = NumberFormat.getNumberInstance(locale);
				p.setMaximumFractionDigits(1);
				amount = msg("analytics.dash.change.count", f.format(Math.abs(diff)), p.format(Math.abs(diff) / before * 100));
			}
			else {
				amount = f.format(Math.abs(diff));
			}
			return msg(diff > 0 ? "analytics.dash.change.up" : "analytics.dash.change.down", amount);
		}
	}
}
