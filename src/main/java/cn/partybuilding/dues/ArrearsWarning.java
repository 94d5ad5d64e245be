package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One member's run of unpaid months reaching a warning level: who to tell (the branch, and the general
 * branch above it when {@code escalated}) and whether the branch must decide under the 党章 rule
 * ({@code flagged}). {@code accountId}: the member's own account, if they have one, so that telling thousands
 * needs no look-up per member.
 */
public record ArrearsWarning(long memberId, String memberName, long branchId, String branchName, Long generalBranchId,
		int months, YearMonth since, BigDecimal owed, int level, boolean escalated, boolean flagged, Long accountId) {
}
