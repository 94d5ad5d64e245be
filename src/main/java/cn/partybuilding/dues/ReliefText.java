package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

/** How a relief reads in the 纪实, the audit log and notices (stored in Chinese). */
final class ReliefText {

	private ReliefText() {
	}

	/** "2026-09 至 2026-11 免交党费" or "… 每月减为 1.00 元". */
	static String what(YearMonth from, YearMonth to, BigDecimal amount) {
		return from + (from.equals(to) ? "" : " 至 " + to) + (amount.signum() == 0 ? " 免交党费"
				: " 每月减为 " + amount.toPlainString() + " 元");
	}
}
