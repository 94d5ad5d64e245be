package cn.partybuilding.account;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads accounts for sign-in and enforces the lockout: every attempt is counted before its password is
 * checked (one atomic statement), so at most {@code maxFailures} guesses are ever checked, however many
 * arrive at once; the attempt that reaches the limit locks the account for {@code duration}. A success
 * resets the count. Each statement commits on its own and no row lock is held while the audit log is
 * written, so a burst of failures cannot starve the connection pool.
 */
@Component
class AccountSignIn implements UserDetailsService {

	private final Accounts accounts;

	private final SecuritySettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountSignIn(Accounts accounts, SecuritySettings settings, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		String name = username.trim();
		Accounts.AttemptCount attempt = accounts.countAttempt(name)
			.orElseThrow(() -> new UsernameNotFoundException("unknown account"));
		boolean locked = attempt.getLocked() || attempt.getFailedAttempts() > settings.lockout().maxFailures();
		Account account = accounts.findByUsername(name).orElseThrow(() -> new UsernameNotFoundException("unknown account"));
		return new AccountPrincipal(account.toCaller(), account.passwordHash(), locked, account.enabled(),
				account.mustChangePassword());
	}

	@EventListener
	public void onSuccess(AuthenticationSuccessEvent event) {
		String username = event.getAuthentication().getName();
		accounts.resetAttempts(username);
		events.publishEvent(SignInAttempted.succeeded(username));
	}

	@EventListener
	public void onFailure(AbstractAuthenticationFailureEvent event) {
		String username = String.valueOf(event.getAuthentication().getName()).trim();
		if (event instanceof AuthenticationFailureLockedEvent) {
			events.publishEvent(SignInAttempted.refused(username, "账号已锁定"));
			return;
		}
		if (!(event instanceof AuthenticationFailureBadCredentialsEvent)) {
			events.publishEvent(SignInAttempted.refused(username, event.getException().getClass().getSimpleName()));
			return;
		}
		var lockout = settings.lockout();
		var until = clock.instant().plus(lockout.duration());
		var account = accounts.findByUsername(username);
		if (account.isEmpty()) {
			events.publishEvent(SignInAttempted.refused(username, "账号不存在"));
			return;
		}
		events.publishEvent(SignInAttempted.refused(username, "密码错误（连续第 " + account.get().failedAttempts() + " 次）"));
		if (accounts.lockIfReached(username, lockout.maxFailures(), until) > 0) {
			events.publishEvent(SignInAttempted.locked(username, until));
		}
	}
}
