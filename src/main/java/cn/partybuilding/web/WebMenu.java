package cn.partybuilding.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** The home page for everyone; the settings in force for the system administrator. */
@Component
class WebMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		entries.add(new MenuEntry(0, "nav.home", "/", "bi-house"));
		if (caller.has(Role.SYSTEM_ADMIN)) {
			entries.add(new MenuEntry(210, "nav.settings", "/system/settings", "bi-gear"));
		}
		return entries;
	}
}
