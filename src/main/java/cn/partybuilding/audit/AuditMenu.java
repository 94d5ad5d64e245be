package cn.partybuilding.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** The audit log and the check of its chain, for the auditor. */
@Component
class AuditMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.AUDITOR)) {
			entries.add(new MenuEntry(220, "nav.audit", "/audit", "bi-journal-text"));
			entries.add(new MenuEntry(115, "nav.audit.verification", "/audit/verification", "bi-link-45deg"));
		}
		return entries;
	}
}
