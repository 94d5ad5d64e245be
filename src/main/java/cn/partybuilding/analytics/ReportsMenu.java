package cn.partybuilding.analytics;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 分析报告: for the staff of the committee and the colleges. */
@Component
class ReportsMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return AnalysisReports.reads(caller)
				? List.of(new MenuEntry(77, "nav.analytics.reports", "/analytics/reports", "bi-file-earmark-bar-graph"))
				: List.of();
	}
}
