package cn.partybuilding.interaction;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** 信箱处理 for those who handle letters; 问答 for everyone at an organisation; 书记信箱 for members and applicants. */
@Component
class MailboxMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Letters.HANDLERS)) {
			entries.add(new MenuEntry(67, "nav.mailbox.inbox", "/mailbox/inbox", "bi-envelope-open"));
		}
		if (caller.grants().stream().anyMatch(g -> g.role().seesOrganizations() && g.role() != Role.CONTENT_REVIEWER)) {
			entries.add(new MenuEntry(68, "nav.questions", "/questions", "bi-chat-square-text"));
		}
		if (caller.has(Role.MEMBER, Role.APPLICANT)) {
			entries.add(new MenuEntry(109, "nav.mailbox.mine", "/mailbox", "bi-envelope"));
		}
		return entries;
	}
}
