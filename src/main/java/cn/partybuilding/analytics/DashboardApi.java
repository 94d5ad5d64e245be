package cn.partybuilding.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.analytics.Dashboard.Area;
import cn.partybuilding.analytics.Dashboard.Bar;
import cn.partybuilding.analytics.Dashboard.Figure;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Period;

/**
 * The dashboard as JSON: {@code members.total}, {@code orglife.rate}, {@code dues.rate}… with {@code previous} and
 * {@code lastYear} beside each area's figures (see the README for every field).
 */
@RestController
class DashboardApi {

	private final Dashboards dashboards;

	DashboardApi(Dashboards dashboards) {
		this.dashboards = dashboards;
	}

	@GetMapping("/api/v1/analytics/dashboard")
	Map<String, Object> dashboard(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) @Size(max = 10) String period,
			@RequestParam(required = false, defaultValue = "false") boolean fresh) {
		Period p = dashboards.period(period);
		return view(dashboards.of(Caller.require(), orgId, p, fresh));
	}

	/** The JSON shape of a dashboard (the reports archive the record itself and compare through this). */
	static Map<String, Object> view(Dashboard d) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("orgId", d.orgId());
		out.put("orgName", d.orgName());
		out.put("period", d.period());
		out.put("previousPeriod", d.previousPeriod());
		out.put("lastYearPeriod", d.lastYearPeriod());
		out.put("asOf", d.asOf());
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("total", d.members().total());
		members.put("full", d.members().full());
		members.put("probationary", d.members().probationary());
		members.put("previous", total(d.members().previousTotal()));
		members.put("lastYear", total(d.members().lastYearTotal()));
		d.members().breakdowns().forEach(b -> members.put(
				"by" + Character.toUpperCase(b.dimension().charAt(0)) + b.dimension().substring(1), bars(b.bars())));
		out.put("members", members);
		for (Area a : d.areas()) {
			Map<String, Object> area = area(a);
			if (a.name().equals("development")) {
				area.put("funnel", bars(d.funnel().stages()));
			}
			out.put(a.name(), area);
		}
		out.computeIfAbsent("development", k -> new LinkedHashMap<>(Map.of("funnel", bars(d.funnel().stages()))));
		out.put("children", d.children().stream().map(c -> {
			Map<String, Object> child = new LinkedHashMap<>();
			child.put("orgId", c.orgId());
			child.put("orgName", c.orgName());
			child.put("members", c.members());
			child.put("figures", c.values());
			return child;
		}).toList());
		return out;
	}

	private static Map<String, Object> total(Long total) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("total", total);
		return out;
	}

	private static Map<String, Object> area(Area a) {
		Map<String, Object> area = new LinkedHashMap<>();
		a.figures().forEach(f -> area.put(f.alias(), f.value()));
		area.put("previous", values(a.figures(), Figure::previous));
		area.put("lastYear", values(a.figures(), Figure::lastYear));
		Map<String, Object> sources = new LinkedHashMap<>();
		Map<String, Object> codes = new LinkedHashMap<>();
		a.figures().forEach(f -> {
			sources.put(f.alias(), f.source());
			codes.put(f.alias(), f.code());
		});
		area.put("sources", sources);
		area.put("codes", codes);
		if (!a.details().isEmpty()) {
			area.put("kinds", a.details().stream().map(f -> {
				Map<String, Object> kind = new LinkedHashMap<>();
				kind.put("code", f.code());
				kind.put("label", f.label());
				kind.put("value", f.value());
				kind.put("previous", f.previous());
				kind.put("lastYear", f.lastYear());
				kind.put("source", f.source());
				return kind;
			}).toList());
		}
		return area;
	}

	private static Map<String, Object> values(List<Figure> figures, Function<Figure, Double> value) {
		Map<String, Object> values = new LinkedHashMap<>();
		figures.forEach(f -> values.put(f.alias(), value.apply(f)));
		return values;
	}

	private static List<Map<String, Object>> bars(List<Bar> bars) {
		List<Map<String, Object>> out = new ArrayList<>();
		bars.forEach(b -> {
			Map<String, Object> bar = new LinkedHashMap<>();
			bar.put("key", b.key());
			bar.put("label", b.label());
			bar.put("count", b.count());
			bar.put("previous", b.previous());
			out.add(bar);
		});
		return out;
	}
}
