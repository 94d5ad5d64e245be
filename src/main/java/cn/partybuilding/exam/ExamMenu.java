package cn.partybuilding.exam;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 考试 for those who set and follow exams: the list, statistics and the grading queue behind it. */
@Component
class ExamMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(QuestionBank.MANAGERS)
				? List.of(new MenuEntry(59, "nav.exam.exams", "/exams", "bi-clipboard-check"))
				: List.of();
	}
}
