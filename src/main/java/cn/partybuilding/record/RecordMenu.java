package cn.partybuilding.record;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 我的纪实 for members. */
@Component
class RecordMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(150, "nav.myRecord", "/me/record", "bi-journal-bookmark"));
		}
		return entries;
	}
}
