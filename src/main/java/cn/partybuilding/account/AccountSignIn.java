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
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads accounts for sign-in and keeps the lockout count: {@code maxFailures} consecutive wrong
 * passwords lock the account for {@code duration}. Every attempt is audited.
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
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		Account account = accounts.findByUsername(username.trim())
			.orElseThrow(() -> new UsernameNotFoundException("unknown account"));
		return new AccountPrincipal(account.toCaller(), account.passwordHash(), account.lockedAt(clock.instant()),
				account.enabled(), account.mustChangePassword());
	}

	@EventListener
	@Transactional
	public void onSuccess(AuthenticationSuccessEvent event) {
		String username = event.getAuthentication().getName();
		accounts.findByUsernameForUpdate(username).ifPresent(Account::signedIn);
		events.publishEvent(SignInAttempted.succeeded(username));
	}

	@EventListener
	@Transactional
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
		accounts.findByUsernameForUpdate(username).ifPresentOrElse(account -> {
			boolean nowLocked = account.failedSignIn(clock.instant(), lockout.maxFailures(), lockout.duration());
			events.publishEvent(SignInAttempted.refused(username, "密码错误（连续第 " + account.failedAttempts() + " 次）"));
			if (nowLocked) {
				events.publishEvent(SignInAttempted.locked(username, account.lockedUntil()));
			}
		}, () -> events.publishEvent(SignInAttempted.refused(username, "账号不存在")));
	}
}
