package cn.partybuilding.transfer;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 组织关系转接 for branches and the levels above; 我的转接 for members. */
@Component
class TransferMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)) {
			entries.add(new MenuEntry(60, "nav.transfers", "/transfers", "bi-arrow-left-right"));
		}
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(130, "nav.myTransfer", "/me/transfer", "bi-arrow-left-right"));
		}
		return entries;
	}
}
