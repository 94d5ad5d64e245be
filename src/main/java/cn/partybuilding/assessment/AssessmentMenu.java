package cn.partybuilding.assessment;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 考核: the ranking (and from it the indicator system) for secretaries and administrators. */
@Component
class AssessmentMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return Scoreboard.reads(caller) ? List.of(new MenuEntry(73, "nav.assessment.ranking", "/assessment", "bi-award"))
				: List.of();
	}
}
