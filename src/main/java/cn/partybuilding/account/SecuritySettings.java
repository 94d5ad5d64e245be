package cn.partybuilding.account;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.partybuilding.shared.Role;

/**
 * Password, lockout, grant-confirmation and rate-limit policy; all are settings because local security rules
 * differ.
 */
@ConfigurationProperties("party.security")
record SecuritySettings(@DefaultValue Password password, @DefaultValue Lockout lockout,
		@DefaultValue GrantConfirmation grantConfirmation, @DefaultValue("300") int anonymousRateLimit,
		@DefaultValue List<String> anonymousRateLimitExempt) {

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
