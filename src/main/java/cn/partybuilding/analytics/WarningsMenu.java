package cn.partybuilding.analytics;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 预警中心: for the staff of the committee, a general branch or a branch. */
@Component
class WarningsMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return WarningCentre.reads(caller)
				? List.of(new MenuEntry(76, "nav.analytics.warnings", "/analytics/warnings", "bi-exclamation-triangle"))
				: List.of();
	}
}
