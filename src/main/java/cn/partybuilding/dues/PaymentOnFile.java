package cn.partybuilding.dues;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A payment of some months the branch took before its dues were kept here, as its books show it: taken
 * over as paid by the member, with the book's voucher or receipt number as {@code externalReceipt}.
 */
public record PaymentOnFile(long memberId, List<YearMonth> months, PaymentMethod method, LocalDate paidOn,
		String externalReceipt) {
}
