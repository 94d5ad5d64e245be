package cn.partybuilding.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Password and lockout policy; both are settings because local security rules differ. */
@ConfigurationProperties("party.security")
record SecuritySettings(@DefaultValue Password password, @DefaultValue Lockout lockout) {

	/** At least {@code minLength} characters drawn from at least {@code minClasses} of upper/lower/digit/symbol. */
	record Password(@DefaultValue("8") int minLength, @DefaultValue("3") int minClasses) {
	}

	/** {@code maxFailures} consecutive failures lock the account for {@code duration}. */
	record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration duration) {
	}
}
