package cn.partybuilding.exam;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 题库 for those who manage an organisation (they hold the answers). */
@Component
class QuestionMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(QuestionBank.MANAGERS)
				? List.of(new MenuEntry(58, "nav.exam.questions", "/exam/questions", "bi-question-square"))
				: List.of();
	}
}
