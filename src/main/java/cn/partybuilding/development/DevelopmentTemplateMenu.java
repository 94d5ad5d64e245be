package cn.partybuilding.development;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 发展文书模板, for the committee administrator (the page itself checks the root organisation). */
@Component
class DevelopmentTemplateMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(Role.COMMITTEE_ADMIN)
				? List.of(new MenuEntry(31, "nav.developmentTemplates", "/development/templates", "bi-file-earmark-word"))
				: List.of();
	}
}
