package cn.partybuilding.development;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 发展党员 for the branches and the levels above, 审批与统计 for the 上级党委, 我的入党进程 for the applicant. */
@Component
class DevelopmentMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(DevelopmentPeople.READ)) {
			entries.add(new MenuEntry(30, "nav.development", "/development", "bi-person-up"));
		}
		if (DevelopmentBoard.worksAbove(caller)) {
			entries.add(new MenuEntry(31, "nav.developmentApprovals", "/development/approvals", "bi-clipboard-check"));
		}
		if (caller.has(Role.APPLICANT)) {
			entries.add(new MenuEntry(100, "nav.myDevelopment", "/development/me", "bi-signpost-2"));
		}
		return entries;
	}
}
