package cn.partybuilding.training;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 培训班 for those who organise them; 我的培训 for members. */
@Component
class TrainingMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(TrainingClasses.ORGANISERS)) {
			entries.add(new MenuEntry(57, "nav.training", "/training/classes", "bi-mortarboard"));
		}
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(112, "nav.myTraining", "/me/training", "bi-mortarboard"));
		}
		return entries;
	}
}
