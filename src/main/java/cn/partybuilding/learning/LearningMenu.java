package cn.partybuilding.learning;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 学习资料 and 每周学习纲要 for those who offer them (the members' 学习 tab is their own page). */
@Component
class LearningMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Readers.MANAGERS)) {
			entries.add(new MenuEntry(55, "nav.learningOutlines", "/learning/outlines", "bi-journal-check"));
			entries.add(new MenuEntry(56, "nav.learningMaterials", "/learning/materials", "bi-collection-play"));
			entries.add(new MenuEntry(57, "nav.learningCourses", "/learning/courses", "bi-mortarboard"));
		}
		return entries;
	}
}
