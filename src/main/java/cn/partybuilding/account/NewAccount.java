package cn.partybuilding.account;

import jakarta.validation.constraints.Size;
import cn.partybuilding.shared.Role;

/** A new account with its first role: every account starts inside the creator's reach. */
public record NewAccount(@Size(max = 64) String username, @Size(max = 50) String displayName, String initialPassword, Role role,
		Long organizationId) {
}
