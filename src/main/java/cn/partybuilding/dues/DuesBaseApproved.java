package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

import cn.partybuilding.shared.MemberEvent;

/** A member's dues category and base were approved: bills from that month follow it; the 纪实 records it. */
public record DuesBaseApproved(long memberId, String memberName, DuesCategory category, BigDecimal base,
		YearMonth effectiveFrom, BigDecimal monthlyAmount, String approvedBy) implements MemberEvent {

	@Override
	public String action() {
		return "dues.base.approve";
	}

	@Override
	public String summary() {
		return memberName + "：" + category.regulationName() + (base == null ? "" : "，基数 " + base.toPlainString() + " 元") + "，自 "
				+ effectiveFrom + " 起每月 " + monthlyAmount.toPlainString() + " 元";
	}
}
