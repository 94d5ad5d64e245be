package cn.partybuilding.assessment;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 民主评议: the managers' list of evaluations and the member's own evaluation. */
@Component
class EvaluationMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (Evaluations.manages(caller)) {
			entries.add(new MenuEntry(70, "nav.assessment.evaluations", "/evaluations", "bi-people"));
		}
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(111, "nav.assessment.evaluations.mine", "/evaluations/mine", "bi-person-check"));
		}
		return entries;
	}
}
