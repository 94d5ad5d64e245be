package cn.partybuilding.transfer;

import jakarta.validation.constraints.Size;

/**
 * A transfer asked for: the member, the kind (within the school unless OUTGOING), the receiving branch
 * (within the school) or the receiving organisation's name, {@link Destination} and address (a letter out),
 * and why.
 */
record TransferRequest(Long memberId, TransferKind kind, Long toOrgId, @Size(max = 100) String toOrgName,
		@Size(max = 20) String toOrgKind, @Size(max = 200) String reason, @Size(max = 200) String toOrgAddress) {
}
