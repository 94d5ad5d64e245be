package cn.partybuilding.learning;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 红色教育展馆 for those who put halls together (members find them under 学习). */
@Component
class HallMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(Readers.MANAGERS)
				? List.of(new MenuEntry(57, "nav.learningHalls", "/learning/halls", "bi-badge-vr"))
				: List.of();
	}
}
