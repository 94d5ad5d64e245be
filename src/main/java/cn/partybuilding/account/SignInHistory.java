package cn.partybuilding.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * What a sign-in leaves behind: the device (from the User-Agent), the address and the time on the session (for
 * 我的会话), the account's previous sign-in kept to be shown after this one, and the administrators' shorter idle
 * timeout ({@code party.security.admin-idle-timeout}) on their session.
 */
@Component
class SignInHistory {

	static final String DEVICE = "party.signIn.device";

	static final String ADDRESS = "party.signIn.address";

	static final String AT = "party.signIn.at";

	/** When and from where the account signed in before the present sign-in. */
	record Previous(Instant at, String from) {
	}

	private final JdbcClient jdbc;

	private final SecuritySettings settings;

	private final Clock clock;

	/** The sign-in's row in a transaction of its own: with a read replica, the session then reads it back (上次登录). */
	private final TransactionTemplate write;

	SignInHistory(JdbcClient jdbc, SecuritySettings settings, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.write = new TransactionTemplate(transactions);
		this.settings = settings;
		this.clock = clock;
	}

	/** The form sign-in's success: records the sign-in, then goes where the person was going (or home). */
	SavedRequestAwareAuthenticationSuccessHandler successHandler() {
		SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication auth) throws ServletException, IOException {
				if (auth.getPrincipal() instanceof AccountPrincipal p) {
					signedIn(p, request);
				}
				super.onAuthenticationSuccess(request, response, auth);
			}
		};
		handler.setDefaultTargetUrl("/");
		return handler;
	}

	void signedIn(AccountPrincipal principal, HttpServletRequest request) {
		Instant now = clock.instant();
		String address = request.getRemoteAddr();
		HttpSession session = request.getSession();
		session.setAttribute(DEVICE, Devices.describe(request.getHeader("User-Agent")));
		session.setAttribute(ADDRESS, address);
		session.setAttribute(AT, now.toEpochMilli());
		if (settings.isAdministrator(principal.caller())) {
			session.setMaxInactiveInterval((int) settings.adminIdleTimeout().toSeconds());
		}
		write.executeWithoutResult(tx -> jdbc.sql("""
				update account set previous_sign_in_at = last_sign_in_at, previous_sign_in_from = last_sign_in_from,
				  last_sign_in_at = ?, last_sign_in_from = ?
				where id = ?""")
			.params(java.sql.Timestamp.from(now), address.length() > 64 ? address.substring(0, 64) : address,
					principal.caller().accountId())
			.update());
	}

	/** The sign-in before the present one, if there was one. */
	Optional<Previous> previous(long accountId) {
		return jdbc.sql("select previous_sign_in_at, previous_sign_in_from from account where id = ? and previous_sign_in_at is not null")
			.param(accountId)
			.query((rs, n) -> new Previous(rs.getTimestamp(1).toInstant(), rs.getString(2)))
			.optional();
	}
}
