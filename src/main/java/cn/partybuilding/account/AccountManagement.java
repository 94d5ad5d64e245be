package cn.partybuilding.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.DissolutionBlocker;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * Account administration under 三员分立 (separation of the three administrators).
 * <ul>
 * <li>The 安全管理员 creates accounts and grants business roles inside their subtree; the 系统管理员
 * sees accounts' sign-in state (names masked) and unlocks or disables them.</li>
 * <li>An account is in an administrator's reach only when <em>all</em> its grants lie in the
 * administrator's subtree; accounts with no grant are reached only from a 党委 (a school's, or the province's
 * 教育工委 above the schools).</li>
 * <li>Nobody changes their own account, and the three administrators cannot disable, reset or re-role
 * each other: those accounts are set up at installation. Unlocking stays possible.</li>
 * <li>Any change that alters what a person may do ends that person's sessions.</li>
 * </ul>
 */
@Service
@Transactional
@Facade("what other modules ask of, and tell, accounts: members' accounts opened and followed, who holds a role where")
public class AccountManagement implements DissolutionBlocker {

	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Role[] ADMINISTER = { Role.SECURITY_ADMIN, Role.SYSTEM_ADMIN };

	private static final int MAX_PAGE = 100_000;

	private final Accounts accounts;

	private final OrganizationScope scope;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final AccountSessions sessions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MessageSource messages;

	private final MemberAccountsInBulk inBulk;

	private final SecuritySettings lockout;

	AccountManagement(Accounts accounts, OrganizationScope scope, PasswordEncoder encoder, PasswordPolicy policy,
			AccountSessions sessions, ApplicationEventPublisher events, Clock clock, MessageSource messages,
			MemberAccountsInBulk inBulk, SecuritySettings lockout) {
		this.lockout = lockout;
		this.messages = messages;
		this.inBulk = inBulk;
		this.accounts = accounts;
		this.scope = scope;
		this.encoder = encoder;
		this.policy = policy;
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
	}

	// ---- the caller themself ----

	@Transactional(readOnly = true)
	public AccountView me(Caller caller) {
		AccountView me = view(accounts.findById(caller.accountId()).orElseThrow(), false);
		// one's roles are those in effect; a grant waiting for confirmation is not one yet
		return new AccountView(me.id(), me.username(), me.displayName(), me.enabled(), me.locked(), me.lockedUntil(),
				me.failedAttempts(), me.mustChangePassword(), me.separatedAdministrator(),
				me.grants().stream().filter(g -> !g.pending()).toList());
	}

	/**
	 * Changes the caller's own password; the current one must be given, the new one must follow the policy.
	 * A wrong current password counts toward the lockout and is audited like a failed sign-in (a stolen
	 * session cannot try passwords at leisure); reaching the limit locks the account and ends its sessions.
	 */
	@Transactional(noRollbackFor = FieldProblem.class)
	public void changeOwnPassword(Caller caller, String current, String next, String confirm) {
		Account account = accounts.findById(caller.accountId()).orElseThrow();
		if (account.lockedAt(clock.instant())) {
			throw new FieldProblem("currentPassword", "password.locked");
		}
		if (current == null || !encoder.matches(current, account.passwordHash())) {
			refuseCurrentPassword(account.username());
		}
		accounts.resetAttempts(account.username());
		if (next == null || !next.equals(confirm)) {
			throw new FieldProblem("confirmPassword", "password.mismatch");
		}
		if (encoder.matches(next, account.passwordHash())) {
			throw new FieldProblem("newPassword", "password.sameAsOld");
		}
		policy.check("newPassword", next, account.username());
		// the first password of one's own choosing is when the account becomes the person's: activated
		boolean activation = !account.everChangedPassword();
		account.changePassword(encoder.encode(next), clock.instant());
		events.publishEvent(activation
				? new AccountChanged("account.activate", account.id(), "首次登录，设置本人密码，账号激活")
				: new AccountChanged("account.password.change", account.id(), "本人修改密码"));
	}

	private void refuseCurrentPassword(String username) {
		int failures = accounts.countAttempt(username).map(Accounts.AttemptCount::getFailedAttempts).orElse(0);
		events.publishEvent(SignInAttempted.currentPasswordWrong(username, failures));
		Instant until = clock.instant().plus(lockout.lockout().duration());
		if (accounts.lockIfReached(username, lockout.lockout().maxFailures(), until) > 0) {
			events.publishEvent(SignInAttempted.locked(username, until));
			sessions.endAllOf(username);
		}
		throw new FieldProblem("currentPassword", "password.currentWrong");
	}

	// ---- administration ----

	@Transactional(readOnly = true)
	public Page<AccountView> list(Caller caller, String text, int page, int size) {
		Set<Long> orgs = adminScope(caller);
		if (orgs.isEmpty()) {
			throw new NotPermittedException("account", "*", "list");
		}
		String like = PlainText.containing(text);
		// names are masked for both administrators (they see no personal data), so they are not searchable either
		int safePage = Math.min(Math.max(page, 0), MAX_PAGE);
		return accounts.findInScope(orgs, atCommittee(caller), like, false, PageRequest.of(safePage, size))
			.map(a -> view(a, true));
	}

	@Transactional(readOnly = true)
	public AccountView find(Caller caller, long id) {
		return view(inReach(caller, id), true);
	}

	public CreatedAccount create(Caller caller, NewAccount request) {
		requireSecurityAdmin(caller);
		String username = request.username() == null ? "" : request.username().trim();
		String displayName = PlainText.clean(request.displayName());
		// 三员分立: an account that will read personal data gets its password from the confirming administrator
		boolean confirmed = request.role() != null && Account.PERSONAL_DATA.contains(request.role());
		boolean chosen = request.initialPassword() != null && !request.initialPassword().isBlank();
		String password = chosen && !confirmed ? request.initialPassword() : generatePassword();
		// every field is checked, so the form shows all its mistakes at once
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (username.isEmpty()) {
			problems.add(new FieldProblem.Problem("username", "account.username.required", new Object[0]));
		}
		else if (!username.matches("[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}")) {
			problems.add(new FieldProblem.Problem("username", "account.username.pattern", new Object[0]));
		}
		else if (accounts.findByUsername(username).isPresent()) {
			problems.add(new FieldProblem.Problem("username", "account.username.taken", new Object[] { username }));
		}
		if (displayName.isEmpty() || displayName.length() > 50) {
			problems.add(new FieldProblem.Problem("displayName", "account.displayName.required", new Object[0]));
		}
		if (confirmed && chosen) {
			problems.add(new FieldProblem.Problem("initialPassword", "account.initialPassword.handedOver", new Object[0]));
		}
		for (Runnable check : List.<Runnable>of(() -> policy.check("initialPassword", password, username),
				() -> checkGrantable(caller, request.role(), request.organizationId()))) {
			try {
				check.run();
			}
			catch (FieldProblem problem) {
				problems.addAll(problem.problems());
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		Account account = new Account(username, displayName, encoder.encode(password), true);
		account.grant(request.role(), request.organizationId(), clock.instant(), confirmed ? caller.username() : null);
		accounts.save(account);
		if (!confirmed) {
			events.publishEvent(new AccountChanged("account.create", account.id(), "新建账号 " + username + "（" + displayName
					+ "），角色：" + request.role().title() + " · " + orgName(request.organizationId())));
			return new CreatedAccount(account.id(), username, password);
		}
		// nobody knows this password: the confirming administrator issues one at confirmation
		events.publishEvent(new AccountChanged("account.create", account.id(), "新建账号 " + username + "（" + displayName
				+ "），尚无可用密码，待确认人确认角色后发放一次性密码"));
		events.publishEvent(new AccountChanged("account.grant.request", account.id(), "申请授予 " + request.role().title()
				+ " · " + orgName(request.organizationId()) + "（" + username + "），待确认人确认后生效"));
		return new CreatedAccount(account.id(), username, null);
	}

	/**
	 * The account of a member registered in the member database: username = 学号/工号, role MEMBER at the
	 * member's branch, a one-time password and a forced change at first sign-in. The member module has
	 * checked that its caller may register members there.
	 */
	public CreatedAccount openMemberAccount(String username, String displayName, long organizationId) {
		String password = generatePassword();
		long id = openMemberAccount(username, displayName, organizationId, encoder.encode(password), true);
		return new CreatedAccount(id, username, password);
	}

	/** Demo and bulk set-up: the password is given already encoded (one bcrypt for thousands of accounts). */
	public long openMemberAccount(String username, String displayName, long organizationId, String encodedPassword,
			boolean mustChange) {
		return openOwnAccount(username, displayName, organizationId, Role.MEMBER, "党员", encodedPassword, mustChange);
	}

	/**
	 * The account of a person applying to join (入党申请人), opened by their branch: username = 学号/工号, role
	 * APPLICANT at the branch, a one-time password and a forced change at first sign-in. The development module
	 * has checked that its caller may record applications there.
	 */
	public CreatedAccount openApplicantAccount(String username, String displayName, long organizationId) {
		String password = generatePassword();
		long id = openApplicantAccount(username, displayName, organizationId, encoder.encode(password), true);
		return new CreatedAccount(id, username, password);
	}

	/** The same with the password given already encoded (paper files entered in bulk, the demo). Returns its id. */
	public long openApplicantAccount(String username, String displayName, long organizationId, String encodedPassword,
			boolean mustChange) {
		return openOwnAccount(username, displayName, organizationId, Role.APPLICANT, "入党申请人", encodedPassword,
				mustChange);
	}

	/** A person's own account (username = 学号/工号) with one role at their branch; audited as opened for them. */
	private long openOwnAccount(String username, String displayName, long organizationId, Role role, String whom,
			String encodedPassword, boolean mustChange) {
		if (accounts.findByUsername(username).isPresent()) {
			throw new FieldProblem("staffNumber", "account.username.taken", username);
		}
		Account account = new Account(username, displayName, encodedPassword, mustChange);
		account.grant(role, organizationId, clock.instant());
		accounts.save(account);
		events.publishEvent(new AccountChanged("account.create", account.id(), "为" + whom + "开通账号 " + username + "（"
				+ displayName + "），角色：" + role.title() + " · " + orgName(organizationId)));
		return account.id();
	}

	/**
	 * An applicant was admitted (预备党员): their APPLICANT role ends and they hold MEMBER at the branch; their
	 * sessions end so the new role applies at once. Also follows an applicant moved to another branch
	 * ({@code admitted} false: APPLICANT moves there).
	 */
	public void followApplicant(long accountId, long organizationId, boolean admitted) {
		accounts.findById(accountId).ifPresent(a -> {
			a.followApplicant(organizationId, admitted, clock.instant());
			sessions.endAllOf(a.username());
			events.publishEvent(new AccountChanged("account.grant", a.id(), (admitted ? "接收为预备党员，角色：党员 · "
					: "入党申请人转入 ") + orgName(organizationId)));
		});
	}

	/** Which of these usernames (compared without case) an account already has: an import checks its file. */
	@Transactional(readOnly = true)
	public Set<String> usernamesTaken(Collection<String> usernames) {
		return inBulk.usernamesTaken(usernames);
	}

	/**
	 * Members' accounts opened in bulk inside the caller's transaction (a member import writes all or
	 * nothing; the demo and the scale generator write thousands): role MEMBER at each member's branch. With
	 * {@code encodedPassword} null each gets a one-time password and a forced change, returned in the order
	 * given to be handed over once; otherwise all get that password. {@code why} names the source for the
	 * audit log (one line for the lot).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<CreatedAccount> openMemberAccounts(List<MemberAccountOpening> openings, String encodedPassword, String why,
			String actor) {
		return inBulk.open(openings, encodedPassword, why, actor);
	}

	/**
	 * The generated province's member accounts (the province generator, inside its transaction): written with
	 * COPY, all with this encoded password, role MEMBER at each branch. Returns their ids in the order given.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<Long> openGeneratedMemberAccounts(List<MemberAccountOpening> openings, String encodedPassword, String why) {
		return inBulk.copy(openings, encodedPassword, why);
	}

	/**
	 * The member whose account this is was corrected; their sessions end when the branch changed, so the
	 * new 党员 role applies at once.
	 */
	public void followMember(long accountId, String displayName, long organizationId) {
		accounts.findById(accountId).ifPresent(a -> {
			boolean moved = a.grants().stream().anyMatch(g -> g.role() == Role.MEMBER && g.organizationId() != organizationId);
			a.followMember(displayName, organizationId, clock.instant());
			if (moved) {
				sessions.endAllOf(a.username());
			}
		});
	}

	/**
	 * The accounts holding one of these roles at an organisation (whom to tell about it). Read as ids, not as grants:
	 * a listener telling a province's branches calls this thousands of times in one transaction, and the grants loaded
	 * (a branch's members' among them) were dirty-checked again before every later query — the daily arrears warnings'
	 * notifications took minutes of both cores.
	 */
	@Transactional(readOnly = true)
	public List<Long> holdersAt(long organizationId, Role... roles) {
		return accounts.grantsAt(List.of(organizationId), List.of(roles)).stream().map(row -> (Long) row[0]).distinct().toList();
	}

	/**
	 * The accounts holding one of these roles at any of these organisations, with those grants: whom to tell, for
	 * many organisations in one query (the weekly digest of the early-warning centre).
	 */
	@Transactional(readOnly = true)
	public Map<Long, List<Caller.Grant>> grantsAt(Collection<Long> organizationIds, Role... roles) {
		if (organizationIds.isEmpty() || roles.length == 0) {
			return Map.of();
		}
		Map<Long, List<Caller.Grant>> byAccount = new LinkedHashMap<>();
		for (Object[] row : accounts.grantsAt(organizationIds, List.of(roles))) {
			byAccount.computeIfAbsent((Long) row[0], a -> new ArrayList<>()).add(new Caller.Grant((Role) row[1], (Long) row[2]));
		}
		return byAccount;
	}

	/** Encodes a password once, for {@link #openMemberAccount(String, String, long, String, boolean)}. */
	public String encode(String rawPassword) {
		return encoder.encode(rawPassword);
	}

	/** The caller as this account would be once signed in: the demo acts through the real rules with it. */
	@Transactional(readOnly = true)
	public Caller callerFor(String username) {
		return accounts.findByUsername(username).map(Account::toCaller)
			.orElseThrow(() -> new IllegalArgumentException("no account " + username));
	}

	/**
	 * An account opened by the platform itself, no caller: the first administrators of an empty platform, the
	 * demo university's accounts. Its grants are given; the audit log names the system.
	 */
	public long openPrepared(String username, String displayName, String password, boolean mustChange, List<Caller.Grant> grants) {
		Account account = new Account(username, displayName, encoder.encode(password), mustChange);
		grants.forEach(g -> account.grant(g.role(), g.organizationId(), clock.instant()));
		accounts.save(account);
		events.publishEvent(new AccountChanged("account.create", account.id(), "初始化账号 " + username));
		return account.id();
	}

	public void grant(Caller caller, long accountId, Role role, Long organizationId) {
		requireSecurityAdmin(caller);
		Account account = changeable(caller, accountId, "account.grant");
		try {
			checkGrantable(caller, role, organizationId);
			account.grant(role, organizationId, clock.instant(),
					Account.PERSONAL_DATA.contains(role) ? caller.username() : null);
		}
		catch (FieldProblem refused) {
			events.publishEvent(AccountChanged.refused("account.grant", accountId,
					(role == null ? "未选角色" : role.title()) + " · " + (organizationId == null ? "未选组织" : orgName(organizationId))
							+ "（" + account.username() + "）：" + refused.messages(messages, Locale.SIMPLIFIED_CHINESE).values().iterator().next()));
			throw refused;
		}
		if (Account.PERSONAL_DATA.contains(role)) {
			// 三员分立: a second person confirms before it takes effect; nothing changes for the person until then
			events.publishEvent(new AccountChanged("account.grant.request", accountId, "申请授予 " + role.title() + " · "
					+ orgName(organizationId) + "（" + account.username() + "），待确认人确认后生效"));
			return;
		}
		events.publishEvent(new AccountChanged("account.grant", accountId,
				"授予 " + role.title() + " · " + orgName(organizationId) + "（" + account.username() + "）"));
		sessions.endAllOf(account.username());
	}

	public void revoke(Caller caller, long accountId, long grantId) {
		requireSecurityAdmin(caller);
		Account account = changeable(caller, accountId, "account.revoke");
		AccountGrant grant = account.grants().stream().filter(g -> g.id() == grantId).findFirst()
			.orElseThrow(() -> new OutOfScopeException("account-grant", grantId));
		account.revoke(grantId);
		events.publishEvent(new AccountChanged("account.revoke", accountId,
				(grant.pending() ? "撤回待确认的 " : "撤销 ") + grant.role().title() + " · " + orgName(grant.organizationId()) + "（" + account.username() + "）"));
		sessions.endAllOf(account.username());
	}

	/**
	 * Sets a fresh one-time password (shown once); the person must change it at the next sign-in. For an
	 * account that holds or awaits a role reading personal data the security administrator never sees it:
	 * the old password stops working, nothing is returned (null), and the confirming administrator hands a
	 * new one over ({@link GrantConfirmations#handOver}).
	 */
	public String resetPassword(Caller caller, long accountId) {
		requireSecurityAdmin(caller);
		Account account = changeable(caller, accountId, "account.password.reset");
		if (account.personalDataAccount()) {
			account.awaitHandover(encoder.encode(generatePassword() + generatePassword()), clock.instant(), caller.username());
			events.publishEvent(new AccountChanged("account.password.handover.request", accountId, "重置密码（"
					+ account.username() + "）：原密码已失效，一次性密码由确认人发放，不向安全管理员显示"));
			sessions.endAllOf(account.username());
			return null;
		}
		String password = generatePassword();
		account.handOver(encoder.encode(password)); // a plain account again: nothing left to hand over
		events.publishEvent(new AccountChanged("account.password.reset", accountId, "重置密码（" + account.username() + "）"));
		sessions.endAllOf(account.username());
		return password;
	}

	public void unlock(Caller caller, long accountId) {
		requireAdministrator(caller);
		Account account = inReach(caller, accountId);
		account.unlock();
		events.publishEvent(new AccountChanged("account.unlock", accountId, "解除锁定（" + account.username() + "）"));
	}

	public void setEnabled(Caller caller, long accountId, boolean enabled) {
		requireAdministrator(caller);
		Account account = changeable(caller, accountId, enabled ? "account.enable" : "account.disable");
		account.setEnabled(enabled);
		events.publishEvent(new AccountChanged(enabled ? "account.enable" : "account.disable", accountId,
				(enabled ? "启用" : "停用") + "（" + account.username() + "）"));
		if (!enabled) {
			sessions.endAllOf(account.username());
		}
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> whyNotDissolve(long organizationId) {
		List<AccountGrant> grants = accounts.findGrantsAt(List.of(organizationId));
		if (grants.isEmpty()) {
			return Optional.empty();
		}
		String who = grants.stream().limit(5)
			.map(g -> g.account().username() + "（" + g.account().displayName() + "，" + g.role().title() + "）")
			.collect(Collectors.joining("、"));
		return Optional.of("该组织仍是 " + grants.size() + " 个账号角色的所在组织：" + who + (grants.size() > 5 ? " 等" : "")
				+ "。请联系安全管理员先撤销或调整这些角色");
	}

	// ---- rules ----

	private Set<Long> adminScope(Caller caller) {
		return scope.visibleTo(caller, ADMINISTER);
	}

	/** Does the caller administer accounts from a 党委 (a whole school, or the province above the schools)? */
	private boolean atCommittee(Caller caller) {
		return caller.organizationsWith(ADMINISTER).stream()
			.map(scope::find)
			.flatMap(Optional::stream)
			.anyMatch(o -> o.type() == OrgType.COMMITTEE);
	}

	/** The account if all its grants lie inside the caller's administrative subtree; otherwise the audited 404. */
	private Account inReach(Caller caller, long accountId) {
		Set<Long> orgs = adminScope(caller);
		return accounts.findById(accountId)
			.filter(a -> !orgs.isEmpty())
			.filter(a -> a.grants().isEmpty() ? atCommittee(caller)
					: a.grants().stream().allMatch(g -> orgs.contains(g.organizationId())))
			.orElseThrow(() -> new OutOfScopeException("account", accountId));
	}

	/**
	 * In reach, and neither the caller's own account nor one of the three separated administrators.
	 * The account's row stays locked until the transaction ends, so two changes to it cannot both
	 * pass the checks (two grants at once could otherwise make a 三员 also a business administrator).
	 */
	private Account changeable(Caller caller, long accountId, String action) {
		accounts.findByIdForUpdate(accountId);
		Account account = inReach(caller, accountId);
		if (account.id() == caller.accountId()) {
			events.publishEvent(AccountChanged.refused(action, accountId, "不能操作本人账号"));
			throw new FieldProblem("role", "grant.notToSelf");
		}
		if (account.holdsSeparatedRole()) {
			events.publishEvent(AccountChanged.refused(action, accountId, "三员账号不能被其他管理员变更"));
			throw new FieldProblem("role", "account.separatedProtected");
		}
		return account;
	}

	/**
	 * A role may be granted at an organisation inside the caller's subtree. The security administrator
	 * role itself is set up at installation; a 系统管理员 acts for a whole school, so is granted at a 党委 (a
	 * school's, or the province's above the schools); a 审计员 reads the audit log, the whole platform's one record, so
	 * is granted only at the top of the tree.
	 */
	private void checkGrantable(Caller caller, Role role, Long organizationId) {
		if (role == null) {
			throw new FieldProblem("role", "grant.role.required");
		}
		if (organizationId == null) {
			throw new FieldProblem("organizationId", "grant.organization.required");
		}
		// the organisation must not be dissolved while a role is being granted at it
		scope.holdStructure();
		scope.requireReach(caller, organizationId, Role.SECURITY_ADMIN);
		if (role == Role.SECURITY_ADMIN) {
			throw new FieldProblem("role", "grant.securityAdminAtSetup");
		}
		OrgRef org = scope.find(organizationId).orElseThrow(() -> new OutOfScopeException("organization", organizationId));
		if (role == Role.SYSTEM_ADMIN && org.type() != OrgType.COMMITTEE) {
			throw new FieldProblem("organizationId", "grant.rootOnly");
		}
		if (role == Role.AUDITOR && org.parentId() != null) {
			throw new FieldProblem("organizationId", "grant.auditorAtTop");
		}
		if (!fitsLevel(role, org.type())) {
			throw new FieldProblem("organizationId", "grant.wrongLevel");
		}
	}

	/** A role belongs at its level: a 书记 at a 党支部, a 党员 at a 党支部 or 党小组, and so on. */
	private static boolean fitsLevel(Role role, OrgType type) {
		return switch (role) {
			case COMMITTEE_ADMIN -> type == OrgType.COMMITTEE;
			case GENERAL_BRANCH_ADMIN -> type == OrgType.GENERAL_BRANCH;
			case BRANCH_SECRETARY, BRANCH_COMMITTEE -> type == OrgType.BRANCH;
			case MEMBER, APPLICANT -> type == OrgType.BRANCH || type == OrgType.GROUP;
			case CONTENT_REVIEWER -> type == OrgType.COMMITTEE || type == OrgType.GENERAL_BRANCH;
			case SYSTEM_ADMIN, SECURITY_ADMIN, AUDITOR -> true;
		};
	}

	private static void requireSecurityAdmin(Caller caller) {
		if (!caller.has(Role.SECURITY_ADMIN)) {
			throw new NotPermittedException("account", "*", "security-admin only");
		}
	}

	private static void requireAdministrator(Caller caller) {
		if (!caller.has(ADMINISTER)) {
			throw new NotPermittedException("account", "*", "system or security admin only");
		}
	}

	/** The organisation's path below its school's 党委, e.g. 计算机科学与技术学院党委 › 教工第一党支部 (many branches share a name). */
	String orgName(long id) {
		List<OrgRef> lineage = scope.lineage(id);
		if (lineage.isEmpty()) {
			return "#" + id;
		}
		List<Long> below = OrganizationScope.pathBelowSchool(lineage);
		return below.isEmpty() ? lineage.get(lineage.size() - 1).name()
				: lineage.subList(lineage.size() - below.size(), lineage.size()).stream().map(OrgRef::name)
					.collect(Collectors.joining(" › "));
	}

	/**
	 * The system and security administrators see no personal data: names are masked for both (张* / 欧阳**);
	 * they know accounts by username (学号/工号).
	 */
	private AccountView view(Account a, boolean maskName) {
		Map<Long, OrgRef> orgs = scope.findAll(a.grants().stream().map(AccountGrant::organizationId).collect(Collectors.toSet()))
			.stream().collect(Collectors.toMap(OrgRef::id, Function.identity()));
		List<GrantView> grants = a.grants().stream()
			.map(g -> new GrantView(g.id(), g.role(), g.organizationId(), orgs.containsKey(g.organizationId())
					? orgName(g.organizationId()) : "#" + g.organizationId(), g.pending()))
			.toList();
		String name = maskName && !a.displayName().isEmpty()
				? a.displayName().substring(0, 1) + "*".repeat(Math.max(1, a.displayName().length() - 1))
				: a.displayName();
		return new AccountView(a.id(), a.username(), name, a.enabled(), a.lockedAt(clock.instant()), a.lockedUntil(),
				a.failedAttempts(), a.mustChangePassword(), a.holdsSeparatedRole(), grants);
	}

	static String generatePassword() {
		StringBuilder sb = new StringBuilder("Pb@");
		for (int i = 0; i < 10; i++) {
			sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
		}
		return sb.toString();
	}
}
