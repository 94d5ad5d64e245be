package cn.partybuilding.transfer;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Warnings;

/**
 * 口袋党员 as {@link PocketMembers} finds them (a letter out and lapsed, a graduate kept beyond the limit, no
 * contact for months), each with the responsible its rule names; acted on at the pocket-members page.
 */
@Component
@Transactional(readOnly = true)
class TransferWarnings implements Warnings {

	static final String POCKET = "transfer.pocket";

	private final PocketMembers pockets;

	TransferWarnings(PocketMembers pockets) {
		this.pockets = pockets;
	}

	/** As many as {@link #raisedIn} gives, without writing them out. */
	@Override
	public int count(Collection<Long> orgIds, LocalDate today) {
		return orgIds.isEmpty() ? 0 : pockets.in(new LinkedHashSet<>(orgIds)).size();
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		return pockets.in(new LinkedHashSet<>(orgIds)).stream()
			.map(p -> Raised.of(POCKET, p.organizationId(), branchIsResponsible(p) ? null : p.responsible(), p.since(), null,
					"/transfers/pocket?orgId=" + p.organizationId(), "figure.transfer.pocket.line." + p.why().name(), p.name(),
					p.organizationName(), p.since() == null ? "" : p.since().toString()))
			.toList();
	}

	/** No contact: the branch answers for it, so its secretary is named; a letter or a stay names its own. */
	private static boolean branchIsResponsible(PocketMembers.Pocket p) {
		return p.why() == PocketMembers.Why.NO_CONTACT || p.why() == PocketMembers.Why.ABROAD_NO_CONTACT;
	}
}
