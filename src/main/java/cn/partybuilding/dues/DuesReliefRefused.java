package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

import cn.partybuilding.shared.MemberEvent;

/**
 * The organisation above the branch refused a proposed relief, with its reason: bills stay as they are.
 * Audited, in the 纪实; the member and their branch are told.
 */
public record DuesReliefRefused(long reliefId, long memberId, String memberName, long branchId, YearMonth from, YearMonth to,
		BigDecimal amount, String reason, String proposedBy, String refusedBy, String refusal) implements MemberEvent {

	@Override
	public String action() {
		return "dues.relief.refuse";
	}

	@Override
	public String actor() {
		return refusedBy;
	}

	/** "2026-09 至 2026-11 免交党费" or "… 每月减为 1.00 元". */
	public String what() {
		return ReliefText.what(from, to, amount);
	}

	@Override
	public String summary() {
		return memberName + "：党支部提出的 " + what() + " 未获批准，理由：" + refusal + "（" + refusedBy + "）";
	}
}
