package cn.partybuilding.member;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** The member database for those who work with members; 我的信息 for members. */
@Component
class MemberMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (MemberDirectory.worksWithMembers(caller)) {
			entries.add(new MenuEntry(20, "nav.members", "/members", "bi-person-vcard"));
		}
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(140, "nav.me", "/me/profile", "bi-person-circle"));
		}
		return entries;
	}
}
