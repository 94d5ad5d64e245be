package cn.partybuilding.shared;

/**
 * A role is always granted at an organisation; its reach is that organisation's subtree.
 * The last three are the separated administrators required by 等级保护 (classified protection).
 */
public enum Role {
	/** 党委组织部: manages the whole school. */
	COMMITTEE_ADMIN,
	/** 二级党委 / 党总支 administrator: manages a college's subtree. */
	GENERAL_BRANCH_ADMIN,
	/** 党支部书记. */
	BRANCH_SECRETARY,
	/** 支委 (组织委员, 宣传委员 …). */
	BRANCH_COMMITTEE,
	MEMBER,
	APPLICANT,
	/** Runs the system: settings, accounts' lock state; sees no personal data. */
	SYSTEM_ADMIN,
	/** Creates accounts and grants roles. */
	SECURITY_ADMIN,
	/** Reads the audit log and nothing else. */
	AUDITOR;

	/** Roles whose holders may change the organisation tree within their subtree. */
	public boolean managesOrganizations() {
		return this == COMMITTEE_ADMIN || this == GENERAL_BRANCH_ADMIN;
	}

	/**
	 * Roles that work with the organisation tree and what hangs on it. The three separated
	 * administrators do not: they see no personal data (the security administrator gets the bare
	 * structure to grant roles at).
	 */
	public boolean seesOrganizations() {
		return this != AUDITOR && this != SYSTEM_ADMIN && this != SECURITY_ADMIN;
	}
}
