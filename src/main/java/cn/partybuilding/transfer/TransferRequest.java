package cn.partybuilding.transfer;

/**
 * A transfer asked for: the member, the kind (within the school unless OUTGOING), the receiving branch
 * (within the school) or the receiving organisation's name, {@link Destination} and address (a letter out),
 * and why.
 */
record TransferRequest(Long memberId, TransferKind kind, Long toOrgId, String toOrgName, String toOrgKind, String reason,
		String toOrgAddress) {
}
