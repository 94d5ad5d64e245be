package cn.partybuilding.assessment;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 考核申报与申诉 for whoever reads scores; 考核审核与审定 for the general branches and the committee. */
@Component
class AssessmentWorkflowMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (Scoreboard.reads(caller)) {
			entries.add(new MenuEntry(71, "nav.assessment.claims", "/assessment/claims", "bi-journal-check"));
		}
		if (caller.has(WorkflowLevels.ABOVE)) {
			entries.add(new MenuEntry(72, "nav.assessment.review", "/assessment/review", "bi-patch-check"));
		}
		return entries;
	}
}
