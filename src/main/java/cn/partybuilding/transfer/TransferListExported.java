package cn.partybuilding.transfer;

import java.util.Collection;

import cn.partybuilding.shared.PersonalDataSeen;

/** A transfer list (the transfers, the 口袋党员) exported: each member listed sees it among who looked at their data. */
record TransferListExported(Collection<Long> memberIds, String reason) implements PersonalDataSeen {

	@Override
	public Kind kind() {
		return Kind.EXPORT;
	}
}
