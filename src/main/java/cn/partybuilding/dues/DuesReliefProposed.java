package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

import cn.partybuilding.shared.MemberEvent;

/**
 * The branch proposed hardship relief for a member; it waits for the organisation above the branch
 * ({@code approverOrgId}: the general branch, or the committee for a branch directly under it), whose
 * administrators are told. Audited, and in the member's 纪实.
 */
public record DuesReliefProposed(long reliefId, long memberId, String memberName, long branchId, String branchName,
		long approverOrgId, YearMonth from, YearMonth to, BigDecimal amount, String reason, String proposedBy)
		implements MemberEvent {

	@Override
	public String action() {
		return "dues.relief.propose";
	}

	@Override
	public String actor() {
		return proposedBy;
	}

	/** "2026-09 至 2026-11 免交党费" or "… 每月减为 1.00 元". */
	public String what() {
		return ReliefText.what(from, to, amount);
	}

	@Override
	public String summary() {
		return memberName + "：党支部提出 " + what() + "，原因：" + reason + "，报上级党组织审批";
	}
}
