package cn.partybuilding.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * 三员分立's second person. A role that reads personal data, granted by the security administrator, waits here
 * until the confirming administrator ({@code party.security.grant-confirmation.confirmers}, by default the
 * 党委 administrator, whose subtree must hold all of the account's roles) confirms or refuses it. Passwords of
 * such accounts never reach the security administrator:
 * <ul>
 * <li>confirming a grant on an account that does not yet read personal data (a new account, or a member being
 * made a secretary) sets a fresh one-time password, shown once to the confirming administrator, who hands it to
 * the person; whatever password existed before — one the security administrator may have set — stops working;</li>
 * <li>the security administrator's reset of such an account's password only invalidates it; the confirming
 * administrator {@linkplain #handOver hands a new one-time password over}.</li>
 * </ul>
 * Nobody confirms a grant to, or hands a password for, their own account. Every step is audited.
 */
@Service
@Transactional
class GrantConfirmations implements ToDoList {

	private final Accounts accounts;

	private final OrganizationScope scope;

	private final PasswordEncoder encoder;

	private final AccountSessions sessions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AccountManagement management;

	private final Role[] confirmers;

	private final JdbcClient jdbc;

	/**
	 * Both numbers of the 待办 in one statement, by JDBC (two JPA counts before): the conditions are
	 * {@link Accounts#CONFIRMABLE_GRANTS} and {@link Accounts#CONFIRMABLE_HANDOVERS} themselves, their positional
	 * parameters named.
	 */
	private static final String COUNT_BOTH = ("select (select count(*) " + Accounts.CONFIRMABLE_GRANTS + "), (select count(*) "
			+ Accounts.CONFIRMABLE_HANDOVERS + ")").replace("?1", ":caller").replace("?2", ":wholeTree").replace("?3", ":orgs");

	GrantConfirmations(Accounts accounts, OrganizationScope scope, PasswordEncoder encoder, AccountSessions sessions,
			ApplicationEventPublisher events, Clock clock, AccountManagement management, SecuritySettings settings,
			JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.scope = scope;
		this.encoder = encoder;
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
		this.management = management;
		this.confirmers = settings.grantConfirmation().roles();
	}

	/** A grant waiting for confirmation; {@code issuesPassword}: confirming it shows a one-time password to hand over. */
	record PendingGrant(long grantId, long accountId, String username, String displayName, Role role,
			String organizationName, String requestedBy, Instant requestedAt, boolean issuesPassword) {
	}

	/** An account whose password the security administrator reset: it waits for a one-time password. */
	record PendingHandover(long accountId, String username, String displayName, List<GrantView> roles, String requestedBy,
			Instant requestedAt) {
	}

	record Pending(List<PendingGrant> grants, List<PendingHandover> handovers) {
	}

	/** Whose account, and the one-time password to hand to them (null when the person keeps their own). */
	record Issued(String username, String oneTimePassword) implements java.io.Serializable {
	}

	/** Is the caller one who confirms (whether or not anything waits)? The menu of every page asks: no transaction. */
	@Transactional(propagation = Propagation.SUPPORTS)
	boolean confirms(Caller caller) {
		return caller.has(confirmers);
	}

	/** What waits for this confirming administrator: grants and hand-overs of accounts wholly in their subtree. */
	@Transactional(readOnly = true)
	Pending pending(Caller caller) {
		requireConfirmer(caller);
		Set<Long> orgs = scope.visibleToOrAll(caller, confirmers);
		if (orgs != null && orgs.isEmpty()) {
			return new Pending(List.of(), List.of());
		}
		List<AccountGrant> grants = accounts.findConfirmableGrants(caller.accountId(), orgs == null, array(orgs));
		List<Account> handovers = accounts.findConfirmableHandovers(caller.accountId(), orgs == null, array(orgs));
		Map<Long, String> names = scope.qualifiedNames(
				java.util.stream.Stream.concat(grants.stream().map(AccountGrant::account), handovers.stream())
					.flatMap(a -> a.grants().stream())
					.map(AccountGrant::organizationId)
					.collect(Collectors.toSet()));
		return new Pending(grants.stream()
			.map(g -> new PendingGrant(g.id(), g.account().id(), g.account().username(), g.account().displayName(),
					g.role(), names.getOrDefault(g.organizationId(), "#" + g.organizationId()), g.requestedBy(),
					g.grantedAt(), issuesPassword(g.account())))
			.toList(),
				handovers.stream()
					.map(a -> new PendingHandover(a.id(), a.username(), a.displayName(), a.grants().stream()
						.map(g -> new GrantView(g.id(), g.role(), g.organizationId(),
								names.getOrDefault(g.organizationId(), "#" + g.organizationId()), g.pending()))
						.toList(), a.handoverRequestedBy(), a.handoverRequestedAt()))
					.toList());
	}

	/**
	 * Confirms a pending grant: it takes effect now, the person's sessions end. Carries the one-time password to
	 * hand over when the account did not yet read personal data or waits for a hand-over; otherwise none.
	 */
	Issued confirm(Caller caller, long grantId) {
		requireConfirmer(caller);
		Account account = lockAccountOf(grantId);
		AccountGrant grant = account.grants().stream().filter(g -> g.id() == grantId).findFirst()
			.orElseThrow(() -> new OutOfScopeException("account-grant", grantId));
		requireReach(caller, account, "account.grant.confirm", grantId);
		if (!grant.pending()) {
			throw new FieldProblem("grant", "grant.confirm.notPending");
		}
		boolean issue = issuesPassword(account);
		account.confirmGrant(grant, clock.instant());
		String password = null;
		if (issue) {
			password = AccountManagement.generatePassword();
			account.handOver(encoder.encode(password));
		}
		events.publishEvent(new AccountChanged("account.grant.confirm", account.id(), "确认授予 " + grant.role().title()
				+ " · " + management.orgName(grant.organizationId()) + "（" + account.username() + "，申请人 "
				+ grant.requestedBy() + "）" + (issue ? "，已生成一次性密码由确认人交给本人，原密码失效" : "")));
		sessions.endAllOf(account.username());
		return new Issued(account.username(), password);
	}

	/** Refuses a pending grant with a reason: it is removed; the account keeps what it had. */
	void refuse(Caller caller, long grantId, String reason) {
		requireConfirmer(caller);
		String why = PlainText.clean(reason);
		Account account = lockAccountOf(grantId);
		AccountGrant grant = account.grants().stream().filter(g -> g.id() == grantId).findFirst()
			.orElseThrow(() -> new OutOfScopeException("account-grant", grantId));
		requireReach(caller, account, "account.grant.refuse", grantId);
		if (!grant.pending()) {
			throw new FieldProblem("grant", "grant.confirm.notPending");
		}
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "grant.refuse.reasonRequired");
		}
		account.revoke(grantId);
		events.publishEvent(new AccountChanged("account.grant.refuse", account.id(), "拒绝授予 " + grant.role().title()
				+ " · " + management.orgName(grant.organizationId()) + "（" + account.username() + "，申请人 "
				+ grant.requestedBy() + "）：" + why));
	}

	/** The one-time password for an account whose password the security administrator reset, shown once to the caller. */
	Issued handOver(Caller caller, long accountId) {
		requireConfirmer(caller);
		accounts.findByIdForUpdate(accountId);
		Account account = accounts.findById(accountId).orElseThrow(() -> new OutOfScopeException("account", accountId));
		requireReach(caller, account, "account.password.handover", accountId);
		if (!account.handoverPending()) {
			throw new FieldProblem("account", "handover.notPending");
		}
		String password = AccountManagement.generatePassword();
		String requestedBy = account.handoverRequestedBy();
		account.handOver(encoder.encode(password));
		events.publishEvent(new AccountChanged("account.password.handover", account.id(), "发放一次性密码（"
				+ account.username() + "，重置申请人 " + requestedBy + "），由确认人交给本人"));
		sessions.endAllOf(account.username());
		return new Issued(account.username(), password);
	}

	/** The confirming administrator's 待办: grants to confirm, passwords to hand over. */
	@Override
	@Transactional(readOnly = true)
	public List<ToDo> dueFor(Caller caller) {
		if (!confirms(caller)) {
			return List.of();
		}
		Set<Long> orgs = scope.visibleToOrAll(caller, confirmers);
		if (orgs != null && orgs.isEmpty()) {
			return List.of();
		}
		// counted in SQL, both in one statement: the 待办 shows two numbers
		long[] counts = jdbc.sql(COUNT_BOTH).param("caller", caller.accountId()).param("wholeTree", orgs == null)
			.param("orgs", array(orgs)).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		long grants = counts[0];
		long handovers = counts[1];
		String where = caller.organizationsWith(confirmers).stream().findFirst()
			.flatMap(scope::find).map(o -> o.name()).orElse("");
		List<ToDo> todo = new ArrayList<>();
		if (grants > 0) {
			todo.add(new ToDo(10, where, "todo.account.grantsToConfirm", List.of(grants), "/account-confirmations"));
		}
		if (handovers > 0) {
			todo.add(new ToDo(11, where, "todo.account.passwordsToHandOver", List.of(handovers), "/account-confirmations"));
		}
		return todo;
	}

	/** The organisations as one array parameter; none for the whole tree (the queries then leave the filter out). */
	private static Long[] array(Set<Long> orgs) {
		return orgs == null ? new Long[0] : orgs.toArray(Long[]::new);
	}

	/**
	 * May this caller confirm a change to this account (a reset of its second factor): they confirm, all of its
	 * roles lie in their subtree, and it is not their own.
	 */
	@Transactional(readOnly = true)
	boolean reaches(Caller caller, Account account) {
		return confirms(caller) && !account.grants().isEmpty()
				&& confirmable(caller, account, scope.visibleTo(caller, confirmers));
	}

	// ---- rules ----

	/** A fresh password unless the account already reads personal data with a password nobody else was shown. */
	private static boolean issuesPassword(Account account) {
		return account.handoverPending() || !account.readsPersonalData();
	}

	private boolean confirmable(Caller caller, Account account, Collection<Long> orgs) {
		return account.id() != caller.accountId()
				&& account.grants().stream().allMatch(g -> orgs.contains(g.organizationId()));
	}

	/** All the account's roles lie in the caller's subtree (else the audited 404), and it is not the caller's own. */
	private void requireReach(Caller caller, Account account, String action, long id) {
		Set<Long> orgs = scope.visibleTo(caller, confirmers);
		if (!account.grants().stream().allMatch(g -> orgs.contains(g.organizationId())) || account.grants().isEmpty()) {
			throw new OutOfScopeException(action.startsWith("account.grant") ? "account-grant" : "account", id);
		}
		if (account.id() == caller.accountId()) {
			events.publishEvent(AccountChanged.refused(action, account.id(), "不能确认本人账号的角色或密码"));
			throw new FieldProblem("grant", "grant.confirm.notOwn");
		}
	}

	private Account lockAccountOf(long grantId) {
		long accountId = accounts.accountOfGrant(grantId).orElseThrow(() -> new OutOfScopeException("account-grant", grantId));
		accounts.findByIdForUpdate(accountId);
		return accounts.findById(accountId).orElseThrow(() -> new OutOfScopeException("account-grant", grantId));
	}

	private void requireConfirmer(Caller caller) {
		if (!confirms(caller)) {
			throw new NotPermittedException("account-grant", "*", "confirming administrator only");
		}
	}
}
