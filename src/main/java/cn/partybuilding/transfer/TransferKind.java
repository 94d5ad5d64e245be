package cn.partybuilding.transfer;

/** Within the school (branch to branch), out of it with a letter, or into it with a letter from outside. */
enum TransferKind {
	INTERNAL, OUTGOING, INCOMING
}
