package cn.partybuilding.development;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 发展文书模板, for the committee administrator at the root organisation (at a province: the 教育工委's). */
@Component
class DevelopmentTemplateMenu implements MenuEntries {

	private final DevelopmentTemplates templates;

	DevelopmentTemplateMenu(DevelopmentTemplates templates) {
		this.templates = templates;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return templates.isCommittee(caller)
				? List.of(new MenuEntry(31, "nav.developmentTemplates", "/development/templates", "bi-file-earmark-word"))
				: List.of();
	}
}
