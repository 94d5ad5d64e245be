package cn.partybuilding.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Period;

/**
 * The 大屏: one scope's figures full screen, dark, in type read across a room, fetched again every few minutes. It
 * shows counts and rates only: no name, no drill-down link, nothing personal.
 */
@Controller
class ScreenPages {

	private final Dashboards dashboards;

	private final DashboardPages pages;

	private final AnalyticsSettings settings;

	ScreenPages(Dashboards dashboards, DashboardPages pages, AnalyticsSettings settings) {
		this.dashboards = dashboards;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/analytics/screen")
	String screen(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) @Size(max = 10) String period, Model model) {
		Caller caller = screenCaller();
		Period p = pages.period(period);
		Dashboard d = dashboards.of(caller, DashboardPages.SCREEN, orgId, p, false);
		model.addAttribute("dashboard", d);
		model.addAttribute("refreshSeconds", settings.screenRefreshSeconds());
		// without a period the screen follows the last complete month as the months go by
		model.addAttribute("dataUrl", UriComponentsBuilder.fromPath("/analytics/screen/data").queryParam("orgId", d.orgId())
			.queryParamIfPresent("period", java.util.Optional.ofNullable(period == null || period.isBlank() ? null : p.name()))
			.encode().build().toUriString());
		return "analytics/screen";
	}

	/** The 大屏's figures as JSON (counts, rates and organisations' names only). */
	@GetMapping(path = "/analytics/screen/data", produces = "application/json")
	@ResponseBody
	Map<String, Object> data(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) @Size(max = 10) String period) {
		Dashboard d = dashboards.of(screenCaller(), DashboardPages.SCREEN, orgId, pages.period(period), false);
		return view(d);
	}

	static Map<String, Object> view(Dashboard d) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("orgId", d.orgId());
		v.put("orgName", d.orgName());
		v.put("period", d.period());
		v.put("previousPeriod", d.previousPeriod());
		v.put("lastYearPeriod", d.lastYearPeriod());
		v.put("asOf", d.asOf() == null ? null : d.asOf().toString());
		Dashboard.Members m = d.members();
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("total", m.total());
		members.put("full", m.full());
		members.put("probationary", m.probationary());
		members.put("previousTotal", m.previousTotal());
		members.put("lastYearTotal", m.lastYearTotal());
		v.put("members", members);
		v.put("breakdowns", m.breakdowns().stream()
			.map(b -> Map.of("dimension", b.dimension(), "label", b.label(), "bars", bars(b.bars())))
			.toList());
		v.put("funnel", bars(d.funnel().stages()));
		v.put("figures", d.areas().stream().flatMap(a -> a.figures().stream().map(f -> {
			Map<String, Object> x = new LinkedHashMap<>();
			x.put("area", a.name());
			x.put("code", f.code());
			x.put("label", f.label());
			x.put("unit", f.unit() == null ? null : f.unit().name());
			x.put("direction", f.direction() == null ? null : f.direction().name());
			x.put("value", f.value());
			x.put("previous", f.previous());
			x.put("lastYear", f.lastYear());
			return x;
		})).toList());
		v.put("children", d.children().stream()
			.map(c -> Map.<String, Object>of("orgName", c.orgName(), "members", c.members()))
			.toList());
		return v;
	}

	private static List<Map<String, Object>> bars(List<Dashboard.Bar> bars) {
		return bars.stream().map(b -> Map.<String, Object>of("key", b.key(), "label", b.label(), "count", b.count())).toList();
	}

	private static Caller screenCaller() {
		Caller caller = Caller.require();
		if (!caller.has(DashboardPages.SCREEN)) {
			throw new NotPermittedException("analytics-screen", "*", "read");
		}
		return caller;
	}
}
