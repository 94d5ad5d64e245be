package cn.partybuilding.transfer;

/**
 * Where a transfer stands: open at a stage, or done. ISSUED: an outgoing letter is out, waiting for its 回执;
 * RECEIPTED: the 回执 came back and the member has left.
 */
enum TransferState {
	PENDING, ACCEPTED, REJECTED, WITHDRAWN, ISSUED, RECEIPTED
}
