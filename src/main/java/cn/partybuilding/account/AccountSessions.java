package cn.partybuilding.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends a person's sessions when their account changes (disabled, roles changed, password reset), so a
 * session never keeps rights the account no longer has: grants are read at sign-in. Devices remembered for the
 * second factor are forgotten with them: signing out everywhere means the next sign-in asks for the code again.
 */
@Component
class AccountSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final JdbcClient jdbc;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions, JdbcClient jdbc) {
		this.sessions = sessions;
		this.jdbc = jdbc;
	}

	/** After the current transaction commits (or at once without one), signs the person out everywhere. */
	void endAllOf(String username) {
		endAllOf(username, null);
	}

	/** As {@link #endAllOf(String)}, sparing the session {@code keep} (the person's own, current one). */
	void endAllOf(String username, String keep) {
		jdbc.sql("delete from account_remembered_device where account_id = (select id from account where username = ?)")
			.param(username)
			.update();
		Runnable end = () -> sessions.findByPrincipalName(username).keySet().stream()
			.filter(id -> !id.equals(keep))
			.forEach(sessions::deleteById);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					end.run();
				}
			});
		}
		else {
			end.run();
		}
	}
}
