package cn.partybuilding.exam;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 我的考试 for members and applicants: the exams they may take and those they took. */
@Component
class MyExamsMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(Role.MEMBER, Role.APPLICANT)
				? List.of(new MenuEntry(106, "nav.exam.mine", "/study/exams", "bi-pencil-square"))
				: List.of();
	}
}
