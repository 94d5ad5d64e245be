package cn.partybuilding.dues;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationChanged;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;

/**
 * The organisation drop-down of the dues pages ({@link OrganizationTree#chooser}), kept per caller (their grants
 * included) and chosen organisation for {@code party.dues.chooser-seconds}: a 组织委员 paging through the roll, changing
 * the month or the filter, or coming back to it after recording payments asks for the same drop-down again and again,
 * and it costs as much as the page of the roll itself. Emptied on this node by any change to the tree
 * ({@link OrganizationChanged}: when raised and again when its transaction ends, and a drop-down read meanwhile is not
 * kept); another node's copy lasts until it expires. It only offers a filter's options: what a page lists is scoped by
 * its own read whatever the drop-down offers.
 */
@Component
class DuesChoosers {

	private static final int MAX_KEPT = 5_000;

	private record Key(Caller caller, Long chosen) {
	}

	private record Kept(OrgChooser chooser, long at) {
	}

	private final OrganizationTree tree;

	private final long ttlNanos;

	private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	DuesChoosers(OrganizationTree tree, @Value("${party.dues.chooser-seconds:30}") int seconds) {
		this.tree = tree;
		this.ttlNanos = Math.max(0, seconds) * 1_000_000_000L;
	}

	/** The drop-down of the organisations the caller manages dues in, opened towards {@code chosen}. */
	OrgChooser of(Caller caller, Long chosen) {
		Key key = new Key(caller, chosen);
		Kept copy = kept.get(key);
		if (copy != null && System.nanoTime() - copy.at() < ttlNanos) {
			return copy.chooser();
		}
		long before = generation.get();
		OrgChooser chooser = tree.chooser(caller, chosen, DuesAccess.MANAGE);
		if (ttlNanos > 0) {
			if (kept.size() >= MAX_KEPT) {
				kept.clear();
			}
			Kept fresh = new Kept(chooser, System.nanoTime());
			kept.put(key, fresh);
			if (generation.get() != before) {
				// the tree changed while it was read: it may show the old tree
				kept.remove(key, fresh);
			}
		}
		return chooser;
	}

	@EventListener
	void on(OrganizationChanged changed) {
		empty();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					empty();
				}
			});
		}
	}

	private void empty() {
		generation.incrementAndGet();
		kept.clear();
	}
}
