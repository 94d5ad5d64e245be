package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;

import cn.partybuilding.shared.MemberEvent;

/**
 * Dues were paid (months, or a special payment) on {@code paidOn}: the 纪实 records it; a payment is also a
 * sign of contact.
 */
public record DuesPaid(long paymentId, String receiptNo, long memberId, String memberName, List<YearMonth> months,
		BigDecimal amount, PaymentMethod method, boolean special, String payerName, String recordedBy, LocalDate paidOn)
		implements MemberEvent {

	@Override
	public String action() {
		return "dues.pay";
	}

	@Override
	public String actor() {
		return recordedBy;
	}

	/** "2026-09 至 2026-11" for a run of months, else the months listed. */
	public String monthsText() {
		if (months.isEmpty()) {
			return "";
		}
		YearMonth first = months.get(0);
		YearMonth last = months.get(months.size() - 1);
		boolean run = first.plusMonths(months.size() - 1).equals(last);
		return months.size() == 1 ? first.toString() : run ? first + " 至 " + last
				: months.stream().map(YearMonth::toString).collect(Collectors.joining("、"));
	}

	@Override
	public String summary() {
		return memberName + (special ? " 交纳特殊党费 " : " 交纳 " + monthsText() + " 党费 ") + amount.toPlainString() + " 元（收据 "
				+ receiptNo + (payerName.equals(memberName) ? "" : "，" + payerName + " 代交") + "）";
	}
}
