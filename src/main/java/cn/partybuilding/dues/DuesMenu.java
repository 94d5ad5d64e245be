package cn.partybuilding.dues;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 党费 for branches and the levels above; 我的党费 for members. */
@Component
class DuesMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)) {
			entries.add(new MenuEntry(50, "nav.dues", "/dues", "bi-cash-coin"));
		}
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(120, "nav.myDues", "/me/dues", "bi-wallet2"));
		}
		return entries;
	}
}
