package cn.partybuilding.orglife;

/** The meeting list's page statement for the benchmarks' plans (package {@code demo}): the production text, not a copy. */
public final class MeetingListPlans {

	private MeetingListPlans() {
	}

	/** The page statement over {@code fromWhere} with its limit written in, ready for {@code EXPLAIN}. */
	public static String pageStatement(String fromWhere, int limit) {
		return MeetingPlanner.pageStatement(fromWhere).replace("limit ?", "limit " + limit);
	}

	/**
	 * The first page of a scope of many organisations, alone, its ids written in ({@code '{1,2}'}): walking all meetings
	 * ({@code walk}) or merging each organisation's newest.
	 */
	public static String scopePage(boolean walk, String organizations, int limit) {
		return MeetingPlanner.scopePage(walk, "", limit).replace("?", organizations);
	}
}
