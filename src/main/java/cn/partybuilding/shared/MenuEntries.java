package cn.partybuilding.shared;

import java.util.List;

/**
 * A module's entries in the left navigation, for the signed-in caller: each module contributes its own
 * (a bean implementing this), so a new module adds a menu item without touching another module.
 */
public interface MenuEntries {

	List<MenuEntry> entriesFor(Caller caller);
}
