package cn.partybuilding.member;

/** The composition's one query, for the analytics benchmark to print its plan at scale. */
public final class CompositionQuery {

	private CompositionQuery() {
	}

	/** Named parameters {@code :orgs} (organisation ids) and {@code :day} (a date). */
	public static String sql() {
		return MemberComposition.SQL;
	}
}
