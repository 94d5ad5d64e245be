package cn.partybuilding.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/** A role held at an organisation; its reach is that organisation's subtree. */
@Entity
@Table(name = "account_grant")
class AccountGrant {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne
	@JoinColumn(name = "account_id")
	private Account account;

	@Enumerated(EnumType.STRING)
	private Role role;

	@Column(name = "organization_id")
	private long organizationId;

	@Column(name = "granted_at")
	private Instant grantedAt;

	/** Waiting for the confirming administrator: held, but not in effect (not part of the caller). */
	private boolean pending;

	/** The security administrator who asked for a pending grant. */
	@Column(name = "requested_by")
	private String requestedBy;

	protected AccountGrant() {
	}

	AccountGrant(Account account, Role role, long organizationId, Instant grantedAt) {
		this(account, role, organizationId, grantedAt, false, null);
	}

	AccountGrant(Account account, Role role, long organizationId, Instant grantedAt, boolean pending, String requestedBy) {
		this.account = account;
		this.role = role;
		this.organizationId = organizationId;
		this.grantedAt = grantedAt;
		this.pending = pending;
		this.requestedBy = requestedBy;
	}

	/** The second person confirmed it: it takes effect from now. */
	void confirm(Instant now) {
		this.pending = false;
		this.grantedAt = now;
	}

	boolean pending() {
		return pending;
	}

	String requestedBy() {
		return requestedBy;
	}

	Instant grantedAt() {
		return grantedAt;
	}

	Caller.Grant toGrant() {
		return new Caller.Grant(role, organizationId);
	}

	Account account() {
		return account;
	}

	Long id() {
		return id;
	}

	Role role() {
		return role;
	}

	long organizationId() {
		return organizationId;
	}
}
