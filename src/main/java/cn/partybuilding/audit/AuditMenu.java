package cn.partybuilding.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** The audit log and the check of its chain, for the auditor at the top of the tree. */
@Component
class AuditMenu implements MenuEntries {

	private final AuditReaders readers;

	AuditMenu(AuditReaders readers) {
		this.readers = readers;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (readers.reads(caller)) {
			entries.add(new MenuEntry(220, "nav.audit", "/audit", "bi-journal-text"));
			entries.add(new MenuEntry(115, "nav.audit.verification", "/audit/verification", "bi-link-45deg"));
		}
		return entries;
	}
}
