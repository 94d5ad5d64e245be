package cn.partybuilding.analytics;

import java.util.List;

/**
 * The weekly digest of the early-warning centre: for each branch secretary and administrator with warnings in their
 * scope, how many and of which kinds (already in Chinese, as notices are stored), once per person and ISO week
 * ({@code week}: 2026-W49). The notification module puts one notice in each one's 我的通知.
 */
public record WarningsDigested(String week, List<Digest> digests) {

	public WarningsDigested {
		digests = List.copyOf(digests);
	}

	/** One person's digest: their account, how many warnings, and the count per kind (支部换届 2、党费欠缴 5). */
	public record Digest(long accountId, int count, String byKind) {
	}
}
