package cn.partybuilding.volunteer;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 志愿活动管理, 志愿时长 and the ranking for organisers (活动管理 also for a team's leader); 志愿服务 for members and applicants. */
@Component
class VolunteerMenu implements MenuEntries {

	private final VolunteerActivities activities;

	VolunteerMenu(VolunteerActivities activities) {
		this.activities = activities;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(VolunteerActivities.ORGANISERS)) {
			entries.add(new MenuEntry(64, "nav.volunteerManage", "/volunteer/manage", "bi-people"));
			entries.add(new MenuEntry(65, "nav.volunteerHours", "/volunteer/hours", "bi-hourglass-split"));
			entries.add(new MenuEntry(66, "nav.volunteerRanking", "/volunteer/ranking", "bi-bar-chart"));
		}
		else if (caller.has(Role.MEMBER) && activities.leadsTeam(caller.accountId())) {
			// a team's leader organises its activities
			entries.add(new MenuEntry(64, "nav.volunteerManage", "/volunteer/manage", "bi-people"));
		}
		if (caller.has(Role.MEMBER, Role.APPLICANT)) {
			entries.add(new MenuEntry(108, "nav.volunteer", "/volunteer", "bi-heart"));
		}
		return entries;
	}
}
