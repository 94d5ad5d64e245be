package cn.partybuilding.organization;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** The organisation tree, for everyone who works with organisations. */
@Component
class OrganizationMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.grants().stream().anyMatch(g -> g.role().seesOrganizations())) {
			entries.add(new MenuEntry(10, "nav.organizations", "/organizations", "bi-diagram-3"));
		}
		return entries;
	}
}
