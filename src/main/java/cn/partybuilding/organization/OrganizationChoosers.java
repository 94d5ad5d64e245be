package cn.partybuilding.organization;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The pages' organisation drop-downs ({@link OrganizationTree#chooser}), kept per caller (their grants included), chosen
 * organisation, types and roles for {@code party.organization.chooser-seconds}: an officer paging through a list,
 * changing a filter or coming back to it asks for the same drop-down again and again, and at a province it costs as
 * much as the page's own list. Emptied on this node by any change to the tree ({@link OrganizationChanged}: when
 * raised and again when its transaction ends, and a drop-down read meanwhile is not kept); another node's copy lasts
 * until it expires. It only offers a filter's options: what a page lists is scoped by its own read whatever the
 * drop-down offers.
 */
@Component
class OrganizationChoosers {

	private static final int MAX_KEPT = 5_000;

	private record Key(Caller caller, Long chosen, Set<OrgType> types, List<Role> through) {
	}

	private record Kept(OrgChooser chooser, long at) {
	}

	private final long ttlNanos;

	private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final TransactionTemplate readOnly;

	OrganizationChoosers(OrganizationSettings settings, PlatformTransactionManager transactions) {
		this.ttlNanos = Math.max(0, settings.chooserSeconds()) * 1_000_000_000L;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * The kept drop-down for these arguments, else the one {@code read} answers in a read-only transaction (joining the
	 * caller's when there is one), then kept.
	 */
	OrgChooser of(Caller caller, Long chosen, Set<OrgType> types, Role[] through, Supplier<OrgChooser> read) {
		if (ttlNanos == 0) {
			return readOnly.execute(status -> read.get());
		}
		Key key = new Key(caller, chosen, Set.copyOf(types), List.of(through));
		Kept copy = kept.get(key);
		if (copy != null && System.nanoTime() - copy.at() < ttlNanos) {
			return copy.chooser();
		}
		long before = generation.get();
		OrgChooser chooser = readOnly.execute(status -> read.get());
		if (kept.size() >= MAX_KEPT) {
			kept.clear();
		}
		Kept fresh = new Kept(chooser, System.nanoTime());
		kept.put(key, fresh);
		if (generation.get() != before) {
			// the tree changed while it was read: it may show the old tree
			kept.remove(key, fresh);
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
