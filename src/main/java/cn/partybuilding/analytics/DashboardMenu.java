package cn.partybuilding.analytics;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 数据分析: the dashboard for the staff of every level, the 大屏 for the committee's and the colleges'. */
@Component
class DashboardMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(DashboardPages.READERS)) {
			entries.add(new MenuEntry(74, "nav.analytics.dashboard", "/analytics", "bi-bar-chart-line"));
		}
		if (caller.has(DashboardPages.SCREEN)) {
			entries.add(new MenuEntry(75, "nav.analytics.screen", "/analytics/screen", "bi-display"));
		}
		return entries;
	}
}
