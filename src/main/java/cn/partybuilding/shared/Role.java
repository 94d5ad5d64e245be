package cn.partybuilding.shared;

/**
 * A role is always granted at an organisation; its reach is that organisation's subtree.
 * The last three are the separated administrators required by 等级保护 (classified protection).
 */
public enum Role {
	/** 党委组织部: manages the whole school. */
	COMMITTEE_ADMIN("党委管理员"),
	/** 二级党委 / 党总支 administrator: manages a college's subtree. */
	GENERAL_BRANCH_ADMIN("二级党委/党总支管理员"),
	/** 党支部书记. */
	BRANCH_SECRETARY("支部书记"),
	/** 支委 (组织委员, 宣传委员 …). */
	BRANCH_COMMITTEE("支部委员"),
	MEMBER("党员"),
	APPLICANT("入党申请人"),
	/** 宣传 reviewer: reviews and withdraws the news and notices of the organisation's subtree (a 党委 or 党总支). */
	CONTENT_REVIEWER("宣传审核员"),
	/** Runs the system: settings, accounts' lock state; sees no personal data. */
	SYSTEM_ADMIN("系统管理员"),
	/** Creates accounts and grants roles. */
	SECURITY_ADMIN("安全管理员"),
	/** Reads the audit log and nothing else. */
	AUDITOR("审计员");

	private final String title;

	Role(String title) {
		this.title = title;
	}

	/** The Chinese name, as records such as the audit log keep it (the interface uses messages). */
	public String title() {
		return title;
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
