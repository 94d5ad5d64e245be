package cn.partybuilding.account;

import java.time.Instant;
import java.util.List;

/** An account as pages show it: its state (enabled, locked, must change password) and its roles. */
public record AccountView(long id, String username, String displayName, boolean enabled, boolean locked,
		Instant lockedUntil, int failedAttempts, boolean mustChangePassword, boolean separatedAdministrator,
		List<GrantView> grants) {
}
