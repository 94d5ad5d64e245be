package cn.partybuilding.learning;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 学习 for members and applicants: this week's outlines and the materials they may read. */
@Component
class StudyMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(Role.MEMBER, Role.APPLICANT)
				? List.of(new MenuEntry(105, "nav.study", "/study", "bi-book"))
				: List.of();
	}
}
