package cn.partybuilding.account;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** Accounts for the security and system administrators; grant confirmations for the confirming administrator; the own password for everyone. */
@Component
class AccountMenu implements MenuEntries {

	private final GrantConfirmations confirmations;

	AccountMenu(GrantConfirmations confirmations) {
		this.confirmations = confirmations;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.SECURITY_ADMIN, Role.SYSTEM_ADMIN)) {
			entries.add(new MenuEntry(200, "nav.accounts", "/accounts", "bi-people"));
		}
		if (confirmations.confirms(caller)) {
			entries.add(new MenuEntry(210, "nav.accountConfirmations", "/account-confirmations", "bi-person-check"));
		}
		entries.add(new MenuEntry(112, "nav.mySessions", "/me/sessions", "bi-laptop"));
		entries.add(new MenuEntry(300, "nav.password", "/account/password", "bi-key"));
		return entries;
	}
}
