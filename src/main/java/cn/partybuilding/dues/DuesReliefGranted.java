package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

import cn.partybuilding.shared.MemberEvent;

/**
 * Hardship relief approved one level up (经党支部研究，报上一级党委批准): the member pays less or nothing for
 * some months. Audited, in the 纪实; the member and their branch are told.
 */
public record DuesReliefGranted(long reliefId, long memberId, String memberName, long branchId, YearMonth from, YearMonth to,
		BigDecimal amount, String reason, String proposedBy, String approvedBy, String note) implements MemberEvent {

	@Override
	public String action() {
		return "dues.relief.grant";
	}

	@Override
	public String actor() {
		return approvedBy;
	}

	/** "2026-09 至 2026-11 免交党费" or "… 每月减为 1.00 元". */
	public String what() {
		return ReliefText.what(from, to, amount);
	}

	@Override
	public String summary() {
		return memberName + "：" + what() + "，原因：" + reason + "（支部 " + proposedBy + " 提出，" + approvedBy + " 批准"
				+ (note == null || note.isEmpty() ? "" : "：" + note) + "）";
	}
}
