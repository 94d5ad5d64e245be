package cn.partybuilding.transfer;

/** The transfer list's page statement for the benchmarks' plans (package {@code demo}): the production text, not a copy. */
public final class TransferListPlans {

	private TransferListPlans() {
	}

	/**
	 * The ids of a page of the transfers from or to these organisations ({@code '{1,2}'}), as the list finds them
	 * walking all transfers ({@code walk}) or through the organisations' indexes, its limit written in, ready for
	 * {@code EXPLAIN}.
	 */
	public static String pageStatement(String organizations, boolean walk, int limit) {
		String scope = (walk ? Transfers.HASHED_SCOPE : Transfers.IN_SCOPE).replace("?", organizations);
		return "select t.id from transfer t " + Transfers.pageCondition("where " + scope, walk, limit);
	}
}
