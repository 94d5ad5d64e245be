package cn.partybuilding.account;

import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * A lost second factor: the security administrator requests a reset (with a reason), the confirming
 * administrator of {@link GrantConfirmations} (the same second person and setting) confirms or refuses it. Until
 * confirmed nothing changes; once confirmed the factor, its recovery codes and remembered devices are gone, the
 * account's sessions end, and it enrols anew at next sign-in. Nobody confirms their own request or their own
 * account. Every step is audited.
 */
@Service
@Transactional
class SecondFactorResets {

	/** A reset waiting for the second person. */
	record PendingReset(long id, long accountId, String username, String displayName, String reason,
			String requestedBy, Instant requestedAt) {
	}

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final AccountManagement management;

	private final GrantConfirmations confirmations;

	private final SecondFactors factors;

	private final AccountSessions sessions;

	private final ApplicationEventPublisher events;

	SecondFactorResets(JdbcClient jdbc, Accounts accounts, AccountManagement management,
			GrantConfirmations confirmations, SecondFactors factors, AccountSessions sessions,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.management = management;
		this.confirmations = confirmations;
		this.factors = factors;
		this.sessions = sessions;
		this.events = events;
	}

	/** The security administrator asks for a reset of an account (in their reach) that has a second factor. */
	long request(Caller caller, long accountId, String reason) {
		if (!caller.has(Role.SECURITY_ADMIN)) {
			throw new NotPermittedException("account", accountId, "security administrator only");
		}
		management.find(caller, accountId);
		String why = PlainText.clean(reason);
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "secondFactor.reset.reasonRequired");
		}
		accounts.findByIdForUpdate(accountId);
		if (!factors.enrolled(accountId)) {
			throw new FieldProblem("account", "secondFactor.reset.notEnrolled");
		}
		if (jdbc.sql("select count(*) from account_second_factor_reset where account_id = ? and decided_at is null")
			.param(accountId).query(Integer.class).single() > 0) {
			throw new ConflictProblem("account", "secondFactor.reset.pending");
		}
		long id = jdbc.sql("""
				insert into account_second_factor_reset (account_id, requested_by, reason) values (?, ?, ?) returning id""")
			.params(accountId, caller.username(), why)
			.query(Long.class).single();
		events.publishEvent(new AccountChanged("account.second-factor.reset-request", accountId,
				"申请重置第二因素，待第二人确认：" + why));
		return id;
	}

	/** Resets waiting for this confirming administrator (accounts wholly in their subtree, not their own). */
	@Transactional(readOnly = true)
	List<PendingReset> pending(Caller caller) {
		if (!confirmations.confirms(caller)) {
			return List.of();
		}
		return jdbc.sql("""
				select id, account_id, reason, requested_by, requested_at from account_second_factor_reset
				where decided_at is null order by requested_at, id""")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant() })
			.list().stream()
			.flatMap(r -> accounts.findById((Long) r[1]).filter(a -> confirmations.reaches(caller, a)).stream()
				.map(a -> new PendingReset((Long) r[0], a.id(), a.username(), a.displayName(), (String) r[2],
						(String) r[3], (Instant) r[4])))
			.toList();
	}

	/** Confirms: the factor is gone, the sessions end; the account enrols anew at next sign-in. */
	void confirm(Caller caller, long resetId) {
		Open open = open(caller, resetId, "account.second-factor.reset-confirm");
		decide(resetId, caller, true, null);
		factors.remove(open.account().id());
		sessions.endAllOf(open.account().username());
		events.publishEvent(new AccountChanged("account.second-factor.reset-confirm", open.account().id(),
				"确认重置第二因素（" + open.account().username() + "，申请人 " + open.requestedBy()
						+ "）：恢复码与记住的设备一并作废，下次登录重新绑定"));
	}

	/** Refuses with a reason: nothing changes. */
	void refuse(Caller caller, long resetId, String reason) {
		String why = PlainText.clean(reason);
		Open open = open(caller, resetId, "account.second-factor.reset-refuse");
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "grant.refuse.reasonRequired");
		}
		decide(resetId, caller, false, why);
		events.publishEvent(new AccountChanged("account.second-factor.reset-refuse", open.account().id(),
				"拒绝重置第二因素（" + open.account().username() + "，申请人 " + open.requestedBy() + "）：" + why));
	}

	private record Open(Account account, String requestedBy) {
	}

	private Open open(Caller caller, long resetId, String action) {
		if (!confirmations.confirms(caller)) {
			throw new NotPermittedException("second-factor-reset", resetId, "confirming administrator only");
		}
		var row = jdbc.sql("""
				select account_id, requested_by from account_second_factor_reset
				where id = ? and decided_at is null for update""")
			.param(resetId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.optional()
			.orElseThrow(() -> new OutOfScopeException("second-factor-reset", resetId));
		Account account = accounts.findById((Long) row[0])
			.orElseThrow(() -> new OutOfScopeException("second-factor-reset", resetId));
		if (account.id() != caller.accountId() && !confirmations.reaches(caller, account)) {
			throw new OutOfScopeException("second-factor-reset", resetId);
		}
		if (account.id() == caller.accountId() || caller.username().equalsIgnoreCase((String) row[1])) {
			events.publishEvent(AccountChanged.refused(action, account.id(), "不能确认本人账号或本人提出的重置"));
			throw new FieldProblem("reset", "secondFactor.reset.notOwn");
		}
		return new Open(account, (String) row[1]);
	}

	private void decide(long resetId, Caller caller, boolean confirmed, String refusal) {
		jdbc.sql("""
				update account_second_factor_reset set decided_by = ?, decided_at = now(), confirmed = ?, refusal = ?
				where id = ?""")
			.params(caller.username(), confirmed, refusal, resetId)
			.update();
	}
}
