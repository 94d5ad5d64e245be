package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

import cn.partybuilding.shared.MemberEvent;

/** The branch let a member in hardship pay less or nothing for some months: audited, and in the 纪实. */
public record DuesReliefGranted(long memberId, String memberName, YearMonth from, YearMonth to, BigDecimal amount,
		String reason, String approvedBy) implements MemberEvent {

	@Override
	public String action() {
		return "dues.relief.grant";
	}

	@Override
	public String summary() {
		return memberName + "：" + from + (from.equals(to) ? "" : " 至 " + to) + (amount.signum() == 0 ? " 免交党费"
				: " 每月减为 " + amount.toPlainString() + " 元") + "，原因：" + reason;
	}
}
