package cn.partybuilding.dues;

import java.time.YearMonth;
import java.util.List;

/**
 * Members who owe dues on a base but have had none approved for {@code months} months or more (the setting
 * {@code party.dues.no-base-months}): they are not billed, so they would be invisible. Their branch and the
 * level above are told, once per member and gap.
 */
public record DuesBasesMissing(int months, List<Missing> members) {

	/** One member: their branch, the general branch (or committee) above it, and since when no base applies. */
	public record Missing(long memberId, String memberName, long branchId, String branchName, Long generalBranchId,
			YearMonth since) {
	}
}
