package cn.partybuilding.orglife;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** Meetings and compliance for branches and the levels above; 我的会议 for members. */
@Component
class MeetingMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)) {
			entries.add(new MenuEntry(40, "nav.meetings", "/meetings", "bi-calendar-event"));
			entries.add(new MenuEntry(41, "nav.compliance", "/orglife/compliance", "bi-clipboard-check"));
		}
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(110, "nav.myMeetings", "/me/meetings", "bi-calendar-check"));
		}
		return entries;
	}
}
