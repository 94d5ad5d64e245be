package cn.partybuilding.volunteer;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 志愿活动管理 and 志愿时长 for organisers; 志愿服务 for everyone in an organisation; the college ranking. */
@Component
class VolunteerMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(VolunteerActivities.ORGANISERS)) {
			entries.add(new MenuEntry(64, "nav.volunteerManage", "/volunteer/manage", "bi-people"));
			entries.add(new MenuEntry(65, "nav.volunteerHours", "/volunteer/hours", "bi-hourglass-split"));
			entries.add(new MenuEntry(66, "nav.volunteerRanking", "/volunteer/ranking", "bi-bar-chart"));
		}
		if (caller.has(Role.MEMBER, Role.APPLICANT)) {
			entries.add(new MenuEntry(108, "nav.volunteer", "/volunteer", "bi-heart"));
		}
		return entries;
	}
}
