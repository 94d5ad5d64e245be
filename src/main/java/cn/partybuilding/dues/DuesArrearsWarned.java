package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * Members reached a number of consecutive unpaid months: at 3 the member and the branch are told, at 5
 * the general branch too, at 6 the member is flagged for the branch's decision under the 党章 rule — the
 * platform itself never changes anyone's standing.
 */
public record DuesArrearsWarned(List<Warning> warnings) {

	public record Warning(long memberId, String memberName, long branchId, String branchName, Long generalBranchId,
			int months, YearMonth since, BigDecimal owed, int level, boolean escalated, boolean flagged) {
	}
}
