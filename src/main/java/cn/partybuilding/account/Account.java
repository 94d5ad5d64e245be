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

	AccountGrant grant(Role role, long organizationId, Instant now) {
		if (grants.stream().anyMatch(g -> g.role() == role && g.organizationId() == organizationId)) {
			throw new FieldProblem("role", "grant.duplicate");
		}
		// 三员分立: a separated administrator holds that one role and nothing else
		boolean separated = SEPARATED.contains(role);
		if (grants.stream().anyMatch(g -> separated || SEPARATED.contains(g.role()))
				&& grants.stream().anyMatch(g -> g.role() != role || !separated)) {
			throw new FieldProblem("role", "grant.separationOfDuties");
		}
		AccountGrant grant = new AccountGrant(this, role, organizationId, now);
		grants.add(grant);
		return grant;
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
		return new Caller(id, username, displayName, grants.stream().map(AccountGrant::toGrant).toList());
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
