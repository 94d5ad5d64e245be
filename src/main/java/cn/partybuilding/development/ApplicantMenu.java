package cn.partybuilding.development;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 入党申请人 for those who work with applicants. */
@Component
class ApplicantMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (ApplicantRegistry.worksWithApplicants(caller)) {
			entries.add(new MenuEntry(30, "nav.applicants", "/applicants", "bi-person-up"));
		}
		return entries;
	}
}
