package cn.partybuilding.organization;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The pages' organisation drop-downs ({@link OrganizationTree#chooser}), kept in this node's memory: an officer paging
 * through a list, changing a filter or coming back to it asks for the same drop-down again and again, and at a province
 * it costs as much as the page's own list. Kept under the tree's version ({@code organization_tree_version}, V128, read
 * once a request as {@link ActiveTree} reads it) and what else a drop-down is made of: the organisations where the
 * caller holds the roles asked for (so a grant given or taken is another key), the chosen organisation, the types and
 * the roles. Any write to {@code organization}, on any node, moves the version: the next request reads a fresh one and
 * the copies of the version before are dropped. Callers with the same grants share a copy. At most {@link #MAX_OPTIONS}
 * options are kept in all, the least recently used dropped first. It only offers a filter's options: what a page lists
 * is scoped by its own read whatever the drop-down offers.
 */
@Component
class OrganizationChoosers {

	/** The most options kept at once (some 500 drop-downs of a school's 500 organisations; a few tens of MB). */
	static final int MAX_OPTIONS = 250_000;

	private record Key(Set<Long> tops, Long chosen, Set<OrgType> types, List<Role> through) {
	}

	/** The drop-downs of one version of the tree, least recently used first. */
	private static final class Kept {

		final long version;

		final LinkedHashMap<Key, OrgChooser> choosers = new LinkedHashMap<>(64, 0.75f, true);

		int options;

		Kept(long version) {
			this.version = version;
		}
	}

	private final ActiveTree tree;

	private final TransactionTemplate readOnly;

	private volatile Kept kept = new Kept(Long.MIN_VALUE);

	OrganizationChoosers(ActiveTree tree, PlatformTransactionManager transactions) {
		this.tree = tree;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * The kept drop-down for these arguments at the tree's version, else the one {@code read} answers in a read-only
	 * transaction (joining the caller's when there is one), then kept under that version. The rows {@code read} sees are
	 * at least as new as the version read before them: a newer change read with them moved the version, so the copy is
	 * never read again.
	 */
	OrgChooser of(Caller caller, Long chosen, Set<OrgType> types, Role[] through, Supplier<OrgChooser> read) {
		long version = tree.version();
		List<Role> roles = List.of(through);
		// the drop-down is made of the organisations where the caller holds the roles (none given: any that sees the tree)
		Key key = new Key(caller.organizationsWhere(g -> roles.isEmpty() ? g.role().seesOrganizations() : roles.contains(g.role())),
				chosen, Set.copyOf(types), roles);
		Kept at = kept;
		if (at.version == version) {
			synchronized (at) {
				OrgChooser copy = at.choosers.get(key);
				if (copy != null) {
					return copy;
				}
			}
		}
		OrgChooser chooser = readOnly.execute(status -> read.get());
		if (at.version != version) {
			// another tree: the copies kept are of a version no longer read (older; or newer, from a change rolled back
			// or not yet seen by this request, which costs a few reads while requests straddle a change)
			synchronized (this) {
				if (kept.version != version) {
					kept = new Kept(version);
				}
				at = kept;
			}
		}
		if (at.version == version) {
			keep(at, key, chooser);
		}
		return chooser;
	}

	private static void keep(Kept at, Key key, OrgChooser chooser) {
		synchronized (at) {
			OrgChooser before = at.choosers.put(key, chooser);
			at.options += chooser.size() - (before == null ? 0 : before.size());
			Iterator<Map.Entry<Key, OrgChooser>> eldest = at.choosers.entrySet().iterator();
			while (at.options > MAX_OPTIONS && eldest.hasNext()) {
				Map.Entry<Key, OrgChooser> e = eldest.next();
				if (e.getKey().equals(key)) {
					continue;
				}
				at.options -= e.getValue().size();
				eldest.remove();
			}
		}
	}
}
