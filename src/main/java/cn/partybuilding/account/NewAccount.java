package cn.partybuilding.account;

import cn.partybuilding.shared.Role;

/** A new account with its first role: every account starts inside the creator's reach. */
public record NewAccount(String username, String displayName, String initialPassword, Role role,
		Long organizationId) {
}
