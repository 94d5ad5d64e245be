package cn.partybuilding.transfer;

import java.util.function.Function;

import cn.partybuilding.shared.Role;

/**
 * Where a transfer waits, and who may act there (at which side's organisation). The route's rules live
 * here: which stage follows which, whether a move passes the general branches, whose organisation acts.
 */
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

	/**
	 * The stage's name in the texts the platform keeps (the audit log, the 纪实, notifications), which are
	 * Chinese whatever the reader's language; pages show the {@code transfer.stage.*} messages.
	 */
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

	/**
	 * Where the transfer waits once this stage's side has approved. A letter out goes from the sending branch
	 * (through its general branch, when it crosses one) to the committee, which issues it; a move within the
	 * school goes from the sending side to the receiving side, through both general branches when it crosses
	 * them, and ends at the receiving branch.
	 */
	Stage next(TransferKind kind, boolean crosses) {
		if (kind == TransferKind.OUTGOING) {
			return this == SENDING_BRANCH && crosses ? SENDING_GENERAL : COMMITTEE_ISSUE;
		}
		return switch (this) {
			case SENDING_BRANCH -> crosses ? SENDING_GENERAL : RECEIVING_BRANCH;
			case SENDING_GENERAL -> RECEIVING_GENERAL;
			case RECEIVING_GENERAL, RECEIVING_BRANCH, COMMITTEE_ISSUE -> RECEIVING_BRANCH;
		};
	}

	/**
	 * Whether the route passes the general branches: within the school, when the two branches are under
	 * different general branches; out of it, when there is a general branch between the branch and the
	 * committee. {@code to} is not read for a letter out.
	 */
	static boolean crosses(TransferKind kind, Lineage from, Lineage to) {
		return kind == TransferKind.INTERNAL ? from.generalBranch() != to.generalBranch()
				: from.generalBranch() != from.committee();
	}

	/**
	 * Which organisation's people act at this stage: the sending or receiving branch, the general branch above
	 * it, or the committee above the sending branch; -1 on the receiving side of a letter out (nobody in the
	 * school receives it).
	 */
	long actingOrg(long fromOrgId, Long toOrgId, Function<Long, Lineage> lineage) {
		return switch (this) {
			case SENDING_BRANCH -> fromOrgId;
			case SENDING_GENERAL -> lineage.apply(fromOrgId).generalBranch();
			case RECEIVING_GENERAL -> toOrgId == null ? -1 : lineage.apply(toOrgId).generalBranch();
			case RECEIVING_BRANCH -> toOrgId == null ? -1 : toOrgId;
			case COMMITTEE_ISSUE -> lineage.apply(fromOrgId).committee();
		};
	}
}
