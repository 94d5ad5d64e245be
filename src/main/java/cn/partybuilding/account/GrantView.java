package cn.partybuilding.account;

import cn.partybuilding.shared.Role;

/**
 * A role held at an organisation, named for showing; {@code pending} while it waits for the confirming
 * administrator (not yet in effect).
 */
public record GrantView(long id, Role role, long organizationId, String organizationName, boolean pending) {
}
