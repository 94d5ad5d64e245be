package cn.partybuilding.transfer;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Warnings;

/**
 * 口袋党员 as {@link PocketMembers} finds them (a letter out and lapsed, a graduate kept beyond the limit, no
 * contact for months), each with the responsible its rule names; acted on at the pocket-members page.
 */
@Component
@Transactional(readOnly = true)
class TransferWarnings implements Warnings {

	static final String POCKET = "transfer.pocket";

	/** About how many members the count reads at a time. */
	static final int BATCH = 20_000;

	private final PocketMembers pockets;

	private final MemberDirectory members;

	TransferWarnings(PocketMembers pockets, MemberDirectory members) {
		this.pockets = pockets;
		this.members = members;
	}

	/**
	 * As many as {@link #raisedIn} gives, found a batch of whole organisations of about {@link #BATCH} members at a
	 * time (a province's million members read at once ran out of a 512 MB heap): each pocket member belongs to one
	 * organisation of the batch that finds them.
	 */
	@Override
	public int count(Collection<Long> orgIds, LocalDate today) {
		return count(orgIds, BATCH);
	}

	/** The same, about {@code size} members at a time. */
	int count(Collection<Long> orgIds, int size) {
		List<Long> sorted = orgIds.stream().sorted().toList();
		Map<Long, Long> counts = members.countsIn(sorted);
		int found = 0;
		Set<Long> batch = new LinkedHashSet<>();
		long inBatch = 0;
		for (Long org : sorted) {
			long n = counts.getOrDefault(org, 0L);
			if (!batch.isEmpty() && inBatch + n > size) {
				found += pockets.in(batch).size();
				batch = new LinkedHashSet<>();
				inBatch = 0;
			}
			batch.add(org);
			inBatch += n;
		}
		return batch.isEmpty() ? found : found + pockets.in(batch).size();
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
