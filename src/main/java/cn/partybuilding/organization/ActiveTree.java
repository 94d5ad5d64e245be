package cn.partybuilding.organization;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.DispatcherServlet;

import cn.partybuilding.shared.SortedIds;

/**
 * The active organisations (ids, names, paths) kept in this node's memory for the scope lookups every page makes
 * (where the caller acts, whether they reach an organisation, a subtree's ids), read again only when the tree has
 * changed: every statement that writes organisation rows, on any node, moves {@code organization_tree_version} (V128),
 * and a request reads that number once (outside a request, each lookup does). So a change shows at once on every node,
 * the one that made it included, and a page pays one small read instead of an organisation query or two and a subtree
 * read. A province's 24 000 organisations take a few MB and about as long to read again as one of the old subtree
 * reads at its root.
 */
@Component
class ActiveTree {

	/** The request attribute that keeps the version read for the rest of a request. */
	private static final String VERSION = ActiveTree.class.getName() + ".version";

	/** An active organisation and its materialised path ({@code /1/5/17/}). */
	record Node(OrgRef ref, String path) {
	}

	/**
	 * The active tree as of one version, with the subtrees asked of it so far ({@code subtrees}, by root): a school's
	 * list asks for the same 1 183 ids on every page, and building them again cost more JVM time than its query did.
	 * Each organisation's subtree is kept once: a province's whole set holds every organisation once per level above
	 * it, about 100 000 ids. The qualified names asked of it so far ({@code qualifiedNames}, see
	 * {@link OrganizationScope#qualifiedNames}) are kept likewise: every page of a roll names the same organisations.
	 */
	record Snapshot(long version, Map<Long, Node> byId, NavigableMap<String, Long> byPath, List<Long> roots,
			Map<Long, Set<Long>> subtrees, Map<Long, String> qualifiedNames) {

		Optional<Node> find(long id) {
			return Optional.ofNullable(byId.get(id));
		}

		/** The ids of the organisation with this path and every active one below it. */
		Collection<Long> under(String path) {
			return byPath.subMap(path, true, path + Character.MAX_VALUE, false).values();
		}

		/**
		 * The organisation's id and those of every active one below it, ascending ({@link SortedIds}), the same set for
		 * every caller of this version.
		 */
		Set<Long> subtree(Node root) {
			return subtrees.computeIfAbsent(root.ref().id(), id -> SortedIds.of(under(root.path())));
		}
	}

	private final Organizations organizations;

	private volatile Snapshot held;

	private final JdbcTemplate jdbc;

	ActiveTree(Organizations organizations, JdbcTemplate jdbc) {
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	/** The active tree as the database has it now (in the caller's transaction, when there is one). */
	Snapshot now() {
		long version = version();
		Snapshot kept = held;
		if (kept != null && kept.version() == version) {
			return kept;
		}
		synchronized (this) {
			kept = held;
			if (kept == null || kept.version() != version) {
				kept = load(version);
				held = kept;
			}
			return kept;
		}
	}

	/**
	 * The tree's version, read once a request that a servlet dispatches (the pages, the API); anywhere else (jobs,
	 * listeners, filters, a test's own thread) at every lookup. The organisation drop-downs are kept under it too
	 * ({@link OrganizationChoosers}).
	 */
	long version() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null
				|| request.getAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) == null) {
			return readVersion();
		}
		if (request.getAttribute(VERSION, RequestAttributes.SCOPE_REQUEST) instanceof Long version) {
			return version;
		}
		long version = readVersion();
		request.setAttribute(VERSION, version, RequestAttributes.SCOPE_REQUEST);
		return version;
	}

	/**
	 * The version as the database has it. In a transaction that may write, through JPA, which first writes the changes
	 * Hibernate holds (an organisation made in this transaction is in the tree read after it); elsewhere there are none to
	 * write, and a plain read costs a page a quarter of what the repository's query did (a dues roll's JVM samples:
	 * 7 % before, 1.7 % after).
	 */
	private long readVersion() {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return organizations.treeVersion();
		}
		// a prepared statement (no parameters, still): kept by the server after five calls instead of planned on each
		return jdbc.queryForObject("select version from organization_tree_version", Long.class, new Object[0]);
	}

	/** Read after the version: the rows are at least as new as it (a newer change read with them is read again). */
	private Snapshot load(long version) {
		Map<Long, Node> byId = new HashMap<>();
		NavigableMap<String, Long> byPath = new TreeMap<>();
		List<Long> roots = new java.util.ArrayList<>();
		for (Object[] r : organizations.activeRows()) {
			OrgRef ref = new OrgRef(((Number) r[0]).longValue(), (String) r[1], (String) r[2], OrgType.valueOf((String) r[3]),
					r[4] == null ? null : ((Number) r[4]).longValue(), ((Number) r[5]).intValue());
			String path = (String) r[6];
			byId.put(ref.id(), new Node(ref, path));
			byPath.put(path, ref.id());
			if (ref.parentId() == null) {
				roots.add(ref.id());
			}
		}
		return new Snapshot(version, Map.copyOf(byId), byPath, List.copyOf(roots), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
	}

	/**
	 * A change made in this request (by this node's own code) is read at once: the version the request read is
	 * forgotten, so the next lookup reads it again (Hibernate writes the change before that native read).
	 */
	@EventListener
	void on(OrganizationChanged changed) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(VERSION, RequestAttributes.SCOPE_REQUEST);
		}
	}
}
