package cn.partybuilding.orglife;

/** The meeting list's page statement for the benchmarks' plans (package {@code demo}): the production text, not a copy. */
public final class MeetingListPlans {

	private MeetingListPlans() {
	}

	/** The page statement over {@code fromWhere} with its limit written in, ready for {@code EXPLAIN}. */
	public static String pageStatement(String fromWhere, int limit) {
		return MeetingPlanner.pageStatement(fromWhere).replace("limit ?", "limit " + limit);
	}

	/** The condition a scope of many organisations, alone, is read with, its ids written in ({@code '{1,2}'}). */
	public static String hashedScope(String organizations) {
		return MeetingPlanner.HASHED_SCOPE.replace("?", organizations);
	}
}
