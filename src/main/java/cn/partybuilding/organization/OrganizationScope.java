package cn.partybuilding.organization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.SortedIds;

/**
 * The scope API: every list, read, export and report of every module asks here which organisations
 * the caller may see. Subtrees are answered from the materialised path, never by walking the tree.
 */
@Facade("the scope every query of every module filters by: subtrees, reach, organisations' names and paths")
@Service
@Transactional(readOnly = true)
public class OrganizationScope {

	// the lookups answered from the tree kept in memory (ActiveTree) open no transaction of their own: a page asks a
	// dozen of them (the layout, the menus, each module's scope), and a transaction each cost more than the answer

	private final Organizations organizations;

	private final ActiveTree tree;

	OrganizationScope(Organizations organizations, ActiveTree tree) {
		this.organizations = organizations;
		this.tree = tree;
	}

	/** Whether the platform has no organisation yet: a first start, before the root committee exists. */
	public boolean isEmpty() {
		return organizations.count() == 0;
	}

	/**
	 * Every active organisation of these types, by id, whoever asks: for work that runs for the whole platform
	 * with no caller (the compliance reminders for every branch and 党小组, the scale generator).
	 */
	public List<OrgRef> activeOfTypes(OrgType... types) {
		return organizations.findActiveOfTypes(List.of(types)).stream().map(Organization::ref).toList();
	}

	/** The active organisation with this code (codes are unique whatever their case). */
	public Optional<OrgRef> findByCode(String code) {
		return organizations.findActiveByCode(code).map(Organization::ref);
	}

	/** The ids of the active organisations with these codes (compared without case), by code as given. */
	public Map<String, Long> idsOfCodes(Collection<String> codes) {
		Map<String, String> byLower = new HashMap<>();
		codes.forEach(c -> byLower.put(c.toLowerCase(Locale.ROOT), c));
		Map<String, Long> ids = new HashMap<>();
		organizations.findActiveByLowerCodes(byLower.keySet())
			.forEach(o -> ids.put(byLower.get(o.code().toLowerCase(Locale.ROOT)), o.id()));
		return ids;
	}

	/**
	 * The active tree's version: it moves with every change of organisations, on any node (V128). What a module keeps
	 * worked out from the tree (who reaches what) is good while it stands still; read once a request.
	 */
	public long version() {
		return tree.version();
	}

	/** Is {@code organizationId} the organisation {@code ancestorId} or inside its subtree? */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean contains(long ancestorId, long organizationId) {
		return tree.now().find(organizationId)
			.map(o -> o.path().contains("/" + ancestorId + "/"))
			.orElse(false);
	}

	/** The ids of {@code rootId} and every active organisation below it. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Set<Long> subtree(long rootId) {
		ActiveTree.Snapshot active = tree.now();
		return active.find(rootId).map(active::subtree).orElse(Set.of());
	}

	/**
	 * Each root's subtree (its id and every active organisation below it), for many roots in one query: a figure for
	 * sixty branches asks it once, not sixty times. A dissolved or unknown root is absent.
	 */
	public Map<Long, Set<Long>> subtreesOf(Collection<Long> rootIds) {
		Map<Long, Set<Long>> subtrees = new HashMap<>();
		if (!rootIds.isEmpty()) {
			organizations.subtreePairs(rootIds.stream().distinct().toArray(Long[]::new)).forEach(pair -> subtrees
				.computeIfAbsent(((Number) pair[0]).longValue(), r -> new LinkedHashSet<>()).add(((Number) pair[1]).longValue()));
		}
		return subtrees;
	}

	/** The active organisations right below this one, in the tree's order. */
	public List<OrgRef> childrenOf(long id) {
		return organizations.findChildren(id).stream().map(Organization::ref).toList();
	}

	/**
	 * Union of the subtrees of several roots, ascending as each subtree is: one root's (most callers hold one) is its
	 * kept subtree, not a copy.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Set<Long> subtrees(Collection<Long> rootIds) {
		if (rootIds.size() == 1) {
			return subtree(rootIds.iterator().next());
		}
		return SortedIds.of(rootIds.stream().flatMap(id -> subtree(id).stream()).toList());
	}

	/** Organisation ids visible to the caller through the given roles. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Set<Long> visibleTo(Caller caller, Role... roles) {
		return subtrees(caller.organizationsWith(roles));
	}

	/**
	 * Whether {@link #covered} would answer the whole tree: the organisation asked for (which the caller must reach),
	 * or one where the caller holds the roles, is the root. A list at a province's root then leaves its scope filter
	 * out instead of loading 25 000 ids and sending them back to the database.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean coversWholeTree(Caller caller, Long organizationId, Role... roles) {
		Collection<Long> roots = organizationId == null ? caller.organizationsWith(roles)
				: reaches(caller, organizationId, roles) ? List.of(organizationId) : List.of();
		return subtreesCoverWholeTree(roots);
	}

	/**
	 * Whether the subtrees of these organisations together are the whole tree (they hold every active root): a count
	 * for a set of organisations, with no caller, then leaves its organisation filter out.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean subtreesCoverWholeTree(Collection<Long> organizationIds) {
		return !organizationIds.isEmpty() && organizationIds.containsAll(activeRoots());
	}

	/** How many active organisations the whole tree holds (from the tree kept in memory). */
	@Transactional(propagation = Propagation.SUPPORTS)
	public int activeOrganizations() {
		return tree.now().byId().size();
	}

	/**
	 * The active roots, from the tree kept in memory ({@link ActiveTree}): a home page asks {@link #coversWholeTree} of
	 * some fifteen modules for the same caller.
	 */
	private List<Long> activeRoots() {
		return tree.now().roots();
	}

	/**
	 * As {@link #visibleTo}, but null when that is the whole tree (the caller acts at the only root): a query at a
	 * province's root then leaves its scope filter out instead of loading 25 000 ids and sending them back.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Set<Long> visibleToOrAll(Caller caller, Role... roles) {
		return coversWholeTree(caller, null, roles) ? null : visibleTo(caller, roles);
	}

	/** As {@link #covered} (the audited 404, the 403), but null when that is the whole tree, as {@link #visibleToOrAll}. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Set<Long> coveredOrAll(Caller caller, Long organizationId, String what, Role... roles) {
		return coversWholeTree(caller, organizationId, roles) ? null : covered(caller, organizationId, what, roles);
	}

	/** Is the organisation inside the subtree of any organisation where the caller holds one of the roles? */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean reaches(Caller caller, long organizationId, Role... roles) {
		return within(tree.now(), organizationId, heldPaths(caller, roles));
	}

	/**
	 * Which of these organisations the caller {@link #reaches} with one of the roles: one call for many, where a page
	 * checks hundreds (a province's pending transfers, each at its own branch), each call a transaction boundary.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Set<Long> reachable(Caller caller, Collection<Long> organizationIds, Role... roles) {
		List<String> held = heldPaths(caller, roles);
		ActiveTree.Snapshot now = tree.now();
		return organizationIds.stream().filter(id -> within(now, id, held)).collect(Collectors.toSet());
	}

	/** The path segments ("/id/") of the organisations where the caller holds one of the roles. */
	private static List<String> heldPaths(Caller caller, Role... roles) {
		return caller.organizationsWith(roles).stream().map(r -> "/" + r + "/").toList();
	}

	/** Whether the organisation is active and lies below (or is) one of the held organisations. */
	private static boolean within(ActiveTree.Snapshot tree, long organizationId, List<String> held) {
		return tree.find(organizationId).map(o -> held.stream().anyMatch(o.path()::contains)).orElse(false);
	}

	/**
	 * The organisations a list or report covers: one subtree the caller reaches (else the audited 404), or
	 * all the caller's subtrees when none is asked for ({@code what} is refused with 403 when there are none).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Set<Long> covered(Caller caller, Long organizationId, String what, Role... roles) {
		if (organizationId != null) {
			requireReach(caller, organizationId, roles);
			return subtree(organizationId);
		}
		Set<Long> all = visibleTo(caller, roles);
		if (all.isEmpty()) {
			throw new NotPermittedException(what, "*", "list");
		}
		return all;
	}

	/** Like {@link #reaches} but throws the audited 404 when the organisation is out of reach. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public void requireReach(Caller caller, long organizationId, Role... roles) {
		if (!reaches(caller, organizationId, roles)) {
			throw new OutOfScopeException("organization", organizationId);
		}
	}

	/**
	 * Keeps the tree's shape (no create, move or dissolve) until the caller's transaction ends, for a
	 * module that attaches something to an organisation and must not attach it to one being dissolved.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void holdStructure() {
		organizations.holdStructure();
	}

	/** The active organisation with this id (from the tree kept in memory, {@link ActiveTree}). */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<OrgRef> find(long id) {
		return tree.now().find(id).map(ActiveTree.Node::ref);
	}

	/**
	 * The organisations with these ids, dissolved ones too; unknown ids are left out. One query with the ids as an
	 * array, rows read as they are (a province's report asks for 21 000 at once: no entities, no list of binds).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<OrgRef> findAll(Collection<Long> ids) {
		List<OrgRef> refs = new ArrayList<>();
		rows(ids, (ref, path) -> refs.add(ref));
		return refs;
	}

	/**
	 * Each organisation among {@code ids} that exists, with its path, in no particular order: the active ones from the
	 * tree kept in memory, the others (dissolved, or unknown) read.
	 */
	private void rows(Collection<Long> ids, java.util.function.BiConsumer<OrgRef, String> row) {
		if (ids.isEmpty()) {
			return;
		}
		ActiveTree.Snapshot active = tree.now();
		List<Long> notActive = new ArrayList<>();
		for (Long id : new HashSet<>(ids)) {
			active.find(id).ifPresentOrElse(o -> row.accept(o.ref(), o.path()), () -> notActive.add(id));
		}
		if (notActive.isEmpty()) {
			return;
		}
		for (Object[] r : organizations.rowsOf(notActive.toArray(Long[]::new))) {
			row.accept(new OrgRef(((Number) r[0]).longValue(), (String) r[1], (String) r[2], OrgType.valueOf((String) r[3]),
					r[4] == null ? null : ((Number) r[4]).longValue(), ((Number) r[5]).intValue()), (String) r[6]);
		}
	}

	/**
	 * Names that tell organisations apart in a list that mixes colleges: every college has a 教工第一党支部, so
	 * below the college level the name is "学院 › 支部" (a 党小组: "学院 › 支部 › 小组"), the path below the school's
	 * 党委; the 党委 (a school's or the province's) and the colleges keep their own names. Unknown ids are left out. An
	 * active organisation's is kept with the tree's version (its name and those above it change only with a new one).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Map<Long, String> qualifiedNames(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		ActiveTree.Snapshot active = tree.now();
		Map<Long, String> qualified = new HashMap<>();
		List<Long> unnamed = new ArrayList<>();
		for (Long id : ids) {
			String kept = active.qualifiedNames().get(id);
			if (kept != null) {
				qualified.put(id, kept);
			}
			else {
				unnamed.add(id);
			}
		}
		if (unnamed.isEmpty()) {
			return qualified;
		}
		// the organisations, then those above them not among them (at a province: the schools and colleges, a thousand)
		Map<Long, OrgRef> refs = new HashMap<>();
		Map<Long, List<Long>> paths = new HashMap<>();
		rows(unnamed, (ref, path) -> {
			refs.put(ref.id(), ref);
			paths.put(ref.id(), pathIds(path));
		});
		Set<Long> above = new HashSet<>();
		paths.values().forEach(path -> path.stream().filter(id -> !refs.containsKey(id)).forEach(above::add));
		rows(above, (ref, path) -> refs.put(ref.id(), ref));
		paths.forEach((id, path) -> {
			List<Long> chain = pathBelowSchool(path.stream().map(refs::get).filter(Objects::nonNull).toList());
			String name = chain.isEmpty() ? refs.get(id).name()
					: chain.stream().map(a -> refs.get(a).name()).collect(Collectors.joining(" › "));
			qualified.put(id, name);
			if (active.find(id).isPresent()) {
				active.qualifiedNames().put(id, name);
			}
		});
		return qualified;
	}

	private static List<Long> pathIds(String path) {
		return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
	}

	/**
	 * The ids of a lineage (root first) below its school's 党委 (see {@link #schoolIn}), the last one included; empty
	 * for a school or the province above the schools.
	 */
	public static List<Long> pathBelowSchool(List<OrgRef> lineage) {
		int school = schoolIn(lineage).map(lineage::indexOf).orElse(lineage.size() - 1);
		return lineage.subList(school + 1, lineage.size()).stream().map(OrgRef::id).toList();
	}

	/**
	 * The school in a lineage (root first, as {@link #lineage} answers): its nearest 党委 — in a province the
	 * school's, not the 教育工委 above the schools; the root when the lineage holds no 党委; empty when it is empty.
	 */
	public static Optional<OrgRef> schoolIn(List<OrgRef> lineage) {
		return lineage.stream().filter(o -> o.type() == OrgType.COMMITTEE).reduce((above, below) -> below)
			.or(() -> lineage.stream().findFirst());
	}

	/** The names from the root down to the organisation, e.g. 示范大学党委 / 计算机学院党委 / 教工第一党支部. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<OrgRef> lineage(long id) {
		ActiveTree.Snapshot active = tree.now();
		List<OrgRef> kept = active.find(id).map(o -> pathIds(o.path()).stream()
			.map(a -> active.find(a).map(ActiveTree.Node::ref).orElse(null)).toList()).orElse(List.of());
		if (!kept.contains(null)) {
			return kept;
		}
		// an organisation above that is no longer active: read as before
		return organizations.findActive(id).map(o -> {
			List<Long> ids = Arrays.stream(o.path().split("/"))
				.filter(s -> !s.isEmpty())
				.map(Long::valueOf)
				.toList();
			var byId = organizations.findByIds(ids).stream()
				.collect(Collectors.toMap(Organization::id, Organization::ref));
			return ids.stream().map(byId::get).toList();
		}).orElse(List.of());
	}
}
