package cn.partybuilding.transfer;

import cn.partybuilding.shared.Role;

/** Where a transfer waits, and who may act there (at which side's organisation). */
public enum Stage {

	SENDING_BRANCH("转出党支部审核", true, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE),
	SENDING_GENERAL("转出党总支（二级党委）审核", true, Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN),
	RECEIVING_GENERAL("转入党总支（二级党委）审核", false, Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN),
	RECEIVING_BRANCH("转入党支部接收", false, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE),
	COMMITTEE_ISSUE("党委开具介绍信", true, Role.COMMITTEE_ADMIN);

	private final String title;

	private final boolean sending;

	private final Role[] roles;

	Stage(String title, boolean sending, Role... roles) {
		this.title = title;
		this.sending = sending;
		this.roles = roles;
	}

	public String title() {
		return title;
	}

	/** Whether the sending side acts here (else the receiving side). */
	boolean sending() {
		return sending;
	}

	Role[] roles() {
		return roles.clone();
	}
}
