package cn.partybuilding.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Role;

/** One account per person (学号/工号 as username), with its sign-in state and its role grants. */
@Entity
@Table(name = "account")
class Account {

	/** 三员分立: one person may hold at most one of these. */
	static final Set<Role> SEPARATED = EnumSet.of(Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR);

	/**
	 * Roles that read members' personal data (member.MemberRegistry's READ roles): granted by a security
	 * administrator they wait for a second person, and their passwords are never shown to that administrator.
	 */
	static final Set<Role> PERSONAL_DATA = EnumSet.of(Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN,
			Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE);

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	@Column(name = "display_name")
	private String displayName;

	@Column(name = "password_hash")
	private String passwordHash;

	@Column(name = "must_change_password")
	private boolean mustChangePassword;

	@Column(name = "failed_attempts")
	private int failedAttempts;

	@Column(name = "locked_until")
	private Instant lockedUntil;

	private boolean enabled = true;

	@Column(name = "password_changed_at")
	private Instant passwordChangedAt;

	@Column(name = "handover_requested_at")
	private Instant handoverRequestedAt;

	@Column(name = "handover_requested_by")
	private String handoverRequestedBy;

	@Column(name = "created_at", insertable = false, updatable = false)
	private Instant createdAt;

	@OneToMany(mappedBy = "account", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
	private List<AccountGrant> grants = new ArrayList<>();

	@Version
	private Long version;

	protected Account() {
	}

	Account(String username, String displayName, String passwordHash, boolean mustChangePassword) {
		this.username = username;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.mustChangePassword = mustChangePassword;
	}

	// ---- sign-in ----

	boolean lockedAt(Instant now) {
		return lockedUntil != null && lockedUntil.isAfter(now);
	}

	/** A wrong password: counts it, and locks once {@code maxFailures} follow each other. Returns true if now locked. */
	boolean failedSignIn(Instant now, int maxFailures, Duration lockFor) {
		if (lockedUntil != null && !lockedUntil.isAfter(now)) {
			// the previous lock has run out: start counting afresh
			lockedUntil = null;
			failedAttempts = 0;
		}
		failedAttempts++;
		if (failedAttempts >= maxFailures && lockedUntil == null) {
			lockedUntil = now.plus(lockFor);
			return true;
		}
		return false;
	}

	void signedIn() {
		failedAttempts = 0;
		lockedUntil = null;
	}

	void unlock() {
		failedAttempts = 0;
		lockedUntil = null;
	}

	boolean everChangedPassword() {
		return passwordChangedAt != null;
	}

	void changePassword(String newHash, Instant now) {
		this.passwordHash = newHash;
		this.mustChangePassword = false;
		this.passwordChangedAt = now;
	}

	/** An administrator sets a new one-time password: the person must change it at the next sign-in. */
	void resetPassword(String newHash) {
		this.passwordHash = newHash;
		this.mustChangePassword = true;
		unlock();
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	// ---- roles ----

	/**
	 * The member this account belongs to was corrected: the name shown follows, and so does the 党员 role
	 * when the member was put in another branch (a correction, not a transfer).
	 */
	void followMember(String displayName, long organizationId, Instant now) {
		this.displayName = displayName;
		List<AccountGrant> elsewhere = grants.stream()
			.filter(g -> g.role() == Role.MEMBER && g.organizationId() != organizationId)
			.toList();
		if (!elsewhere.isEmpty()) {
			grants.removeAll(elsewhere);
			if (grants.stream().noneMatch(g -> g.role() == Role.MEMBER)) {
				grants.add(new AccountGrant(this, Role.MEMBER, organizationId, now));
			}
		}
	}

	/** An applicant admitted (MEMBER replaces APPLICANT) or moved to another branch (APPLICANT moves). */
	void followApplicant(long organizationId, boolean admitted, Instant now) {
		grants.removeIf(g -> g.role() == Role.APPLICANT);
		Role role = admitted ? Role.MEMBER : Role.APPLICANT;
		if (grants.stream().noneMatch(g -> g.role() == role && g.organizationId() == organizationId)) {
			grants.add(new AccountGrant(this, role, organizationId, now));
		}
	}

	AccountGrant grant(Role role, long organizationId, Instant now) {
		return grant(role, organizationId, now, null);
	}

	/**
	 * A role at an organisation; with {@code requestedBy} (a security administrator) it is only requested and
	 * waits for the confirming administrator ({@link #confirmGrant}).
	 */
	AccountGrant grant(Role role, long organizationId, Instant now, String requestedBy) {
		if (grants.stream().anyMatch(g -> g.role() == role && g.organizationId() == organizationId)) {
			throw new FieldProblem("role", "grant.duplicate");
		}
		// 三员分立: a separated administrator holds that one role and nothing else
		boolean separated = SEPARATED.contains(role);
		if (grants.stream().anyMatch(g -> separated || SEPARATED.contains(g.role()))
				&& grants.stream().anyMatch(g -> g.role() != role || !separated)) {
			throw new FieldProblem("role", "grant.separationOfDuties");
		}
		AccountGrant grant = new AccountGrant(this, role, organizationId, now, requestedBy != null, requestedBy);
		grants.add(grant);
		return grant;
	}

	/** A pending grant confirmed by the second person; it takes effect now. */
	void confirmGrant(AccountGrant grant, Instant now) {
		grant.confirm(now);
	}

	/** Holds a role that reads personal data, in effect (a pending one does not count). */
	boolean readsPersonalData() {
		return grants.stream().anyMatch(g -> !g.pending() && PERSONAL_DATA.contains(g.role()));
	}

	/** Holds or awaits a role that reads personal data: its passwords go through the confirming administrator. */
	boolean personalDataAccount() {
		return grants.stream().anyMatch(g -> PERSONAL_DATA.contains(g.role()));
	}

	/**
	 * The security administrator reset the password of an account that reads personal data: the old password
	 * stops working ({@code unusableHash} is of a secret nobody knows) and the confirming administrator hands a
	 * one-time password over.
	 */
	void awaitHandover(String unusableHash, Instant now, String requestedBy) {
		resetPassword(unusableHash);
		this.handoverRequestedAt = now;
		this.handoverRequestedBy = requestedBy;
	}

	/** The confirming administrator sets a one-time password to hand over; the person changes it at sign-in. */
	void handOver(String newHash) {
		resetPassword(newHash);
		this.handoverRequestedAt = null;
		this.handoverRequestedBy = null;
	}

	boolean handoverPending() {
		return handoverRequestedAt != null;
	}

	Instant handoverRequestedAt() {
		return handoverRequestedAt;
	}

	String handoverRequestedBy() {
		return handoverRequestedBy;
	}

	Optional<AccountGrant> revoke(long grantId) {
		Optional<AccountGrant> grant = grants.stream().filter(g -> g.id() == grantId).findFirst();
		grant.ifPresent(grants::remove);
		return grant;
	}

	boolean holdsSeparatedRole() {
		return grants.stream().anyMatch(g -> SEPARATED.contains(g.role()));
	}

	Caller toCaller() {
		// a pending grant is not in effect
		return new Caller(id, username, displayName,
				grants.stream().filter(g -> !g.pending()).map(AccountGrant::toGrant).toList());
	}

	Long id() {
		return id;
	}

	String username() {
		return username;
	}

	String displayName() {
		return displayName;
	}

	String passwordHash() {
		return passwordHash;
	}

	boolean mustChangePassword() {
		return mustChangePassword;
	}

	int failedAttempts() {
		return failedAttempts;
	}

	Instant lockedUntil() {
		return lockedUntil;
	}

	boolean enabled() {
		return enabled;
	}

	List<AccountGrant> grants() {
		return List.copyOf(grants);
	}
}
