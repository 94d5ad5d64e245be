package cn.partybuilding.account;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * Password, lockout, second factor, administrators' idle timeout, grant-confirmation and rate-limit policy; all
 * are settings because local security rules differ.
 */
@ConfigurationProperties("party.security")
record SecuritySettings(@DefaultValue Password password, @DefaultValue Lockout lockout,
		@DefaultValue GrantConfirmation grantConfirmation, @DefaultValue("300") int anonymousRateLimit,
		@DefaultValue List<String> anonymousRateLimitExempt, @DefaultValue SecondFactor secondFactor,
		@DefaultValue({ "SECURITY_ADMIN", "SYSTEM_ADMIN", "AUDITOR", "COMMITTEE_ADMIN",
				"GENERAL_BRANCH_ADMIN" }) List<Role> adminRoles,
		@DefaultValue("15m") Duration adminIdleTimeout) {

	SecuritySettings {
		adminRoles = List.copyOf(adminRoles);
		if (adminIdleTimeout.isNegative() || adminIdleTimeout.isZero()) {
			throw new IllegalArgumentException("party.security.admin-idle-timeout must be positive");
		}
	}

	/** Does the account hold one of the administrator roles (second factor, shorter idle timeout)? */
	boolean isAdministrator(Caller caller) {
		return caller.has(adminRoles.toArray(Role[]::new));
	}

	/**
	 * The second factor (TOTP) of the administrator roles. {@code required} empty: on, except in the demo
	 * ({@code party.demo=true}), where the demo's accounts keep signing in with the password alone.
	 * {@code rememberDays}: how long a device may be remembered (0 = never, at most 30).
	 */
	record SecondFactor(Boolean required, @DefaultValue("30") int rememberDays) {

		SecondFactor {
			if (rememberDays < 0 || rememberDays > 30) {
				throw new IllegalArgumentException("party.security.second-factor.remember-days must be 0 to 30, not "
						+ rememberDays);
			}
		}

		boolean requiredWith(boolean demo) {
			return required != null ? required : !demo;
		}
	}

	/** At least {@code minLength} characters drawn from at least {@code minClasses} of upper/lower/digit/symbol. */
	record Password(@DefaultValue("8") int minLength, @DefaultValue("3") int minClasses) {
	}

	/** {@code maxFailures} consecutive failures lock the account for {@code duration}. */
	record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration duration) {
	}

	/**
	 * 三员分立: who confirms a role that reads personal data granted by the security administrator — holders of
	 * one of these roles whose subtree holds all of the account's roles. Only business roles that themselves read
	 * personal data may confirm (never one of the three separated administrators).
	 */
	record GrantConfirmation(@DefaultValue("COMMITTEE_ADMIN") List<Role> confirmers) {

		GrantConfirmation {
			if (confirmers.isEmpty() || !Account.PERSONAL_DATA.containsAll(confirmers)) {
				throw new IllegalArgumentException("party.security.grant-confirmation.confirmers must name roles among "
						+ Account.PERSONAL_DATA + ", not " + confirmers);
			}
			confirmers = List.copyOf(confirmers);
		}

		Role[] roles() {
			return confirmers.toArray(Role[]::new);
		}
	}
}
