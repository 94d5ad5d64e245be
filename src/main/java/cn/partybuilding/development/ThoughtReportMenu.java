package cn.partybuilding.development;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 我的思想汇报 for the applicant's own account. */
@Component
class ThoughtReportMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(Role.APPLICANT)
				? List.of(new MenuEntry(31, "nav.development.reports", "/development/me/reports", "bi-journal-text"))
				: List.of();
	}
}
