package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * A member's category and base as the school had approved them before its dues were kept here (the
 * payroll office's list): taken over as approved, from {@code effectiveFrom}. The base is null for a
 * category paying a fixed amount.
 */
public record BaseOnFile(long memberId, DuesCategory category, BigDecimal base, YearMonth effectiveFrom) {
}
