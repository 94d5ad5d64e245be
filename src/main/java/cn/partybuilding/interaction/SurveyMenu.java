package cn.partybuilding.interaction;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 问卷投票: the managers' list (set, follow, results) and the members' surveys to answer. */
@Component
class SurveyMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new java.util.ArrayList<>();
		if (Surveys.manages(caller)) {
			entries.add(new MenuEntry(69, "nav.interaction.surveys.manage", "/surveys/manage", "bi-ui-checks"));
		}
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(110, "nav.interaction.surveys.mine", "/surveys", "bi-check2-square"));
		}
		return entries;
	}
}
