package cn.partybuilding.member;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/** The data keys and their rotation, for the security administrator. */
@Component
class KeyRotationMenu implements MenuEntries {

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(Role.SECURITY_ADMIN) ? List.of(new MenuEntry(116, "nav.security.keys", "/security/keys", "bi-key"))
				: List.of();
	}
}
