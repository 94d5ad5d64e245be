package cn.partybuilding.organization;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface Organizations extends JpaRepository<Organization, Long> {

	/**
	 * Serialises changes to the tree's shape (create, move, dissolve) across all nodes of a cluster until
	 * the transaction ends. They are rare; a consistent tree matters more than their parallelism.
	 */
	@Query(value = "select cast(pg_advisory_xact_lock(4711001) as text)", nativeQuery = true)
	String lockStructure();

	/** The shared side of {@link #lockStructure()}: many may hold it, none while the tree changes shape. */
	@Query(value = "select cast(pg_advisory_xact_lock_shared(4711001) as text)", nativeQuery = true)
	String holdStructure();

	@Query(value = "select nextval('organization_id_seq')", nativeQuery = true)
	long nextId();

	@Query("select o from Organization o where o.id = ?1 and o.dissolvedAt is null")
	Optional<Organization> findActive(long id);

	@Query(value = "select exists(select 1 from organization where lower(code) = lower(?1))", nativeQuery = true)
	boolean codeTaken(String code);

	@Query("select o from Organization o where lower(o.code) = lower(?1) and o.dissolvedAt is null")
	Optional<Organization> findActiveByCode(String code);

	@Query("select o from Organization o where o.type in ?1 and o.dissolvedAt is null order by o.id")
	List<Organization> findActiveOfTypes(Collection<OrgType> types);

	@Query(value = """
			select exists(select 1 from organization
			where parent_id = ?1 and lower(name) = lower(?2) and dissolved_at is null and id <> ?3)""",
			nativeQuery = true)
	boolean siblingNamed(long parentId, String name, long exceptId);

	@Query(value = "select coalesce(max(sort_order), 0) + 10 from organization where parent_id = ?1", nativeQuery = true)
	int nextSortOrder(long parentId);

	/** All active nodes under any of the given path prefixes; one index range scan per prefix. */
	@Query(value = """
			select * from organization
			where dissolved_at is null and path like any (cast(?1 as text[]))
			order by depth, sort_order, code""", nativeQuery = true)
	List<Organization> findUnderPrefixes(String[] likePatterns);

	/** How many active nodes lie under the path prefixes, counted up to {@code atMost} (enough to compare with a limit). */
	@Query(value = """
			select count(*) from (select 1 from organization
			where dissolved_at is null and path like any (cast(?1 as text[])) limit ?2) c""", nativeQuery = true)
	int countUnderPrefixes(String[] likePatterns, int atMost);

	/** The active nodes with these ids and those right below them: a drop-down's way down one path. */
	@Query(value = """
			select * from organization
			where dissolved_at is null and (id = any(cast(?1 as bigint[])) or parent_id = any(cast(?1 as bigint[])))
			order by depth, sort_order, code""", nativeQuery = true)
	List<Organization> findWithChildren(Long[] ids);

	/** Those of the ids that have an active organisation right below them. */
	@Query(value = """
			select distinct parent_id from organization
			where dissolved_at is null and parent_id = any(cast(?1 as bigint[]))""", nativeQuery = true)
	List<Object> parentsAmong(Long[] ids);

	/** The tree's version (V128): moved by every statement that writes organisation rows. */
	@Query(value = "select version from organization_tree_version", nativeQuery = true)
	long treeVersion();

	/** Every active organisation as a row: id, code, name, type, parent, depth, path ({@link ActiveTree}). */
	@Query(value = "select id, code, name, type, parent_id, depth, path from organization where dissolved_at is null",
			nativeQuery = true)
	List<Object[]> activeRows();

	@Query("select o from Organization o where o.parentId = ?1 and o.dissolvedAt is null order by o.sortOrder, o.code")
	List<Organization> findChildren(long parentId);

	/**
	 * Pairs of (root, organisation in its subtree), active ones only, for several roots in one query. The subtree is a
	 * range of the path index (byte order: every path below r.path sorts between it and r.path followed by a tilde),
	 * one index probe per root: a pattern built per row (like r.path || '%') cannot use the index and compared every
	 * organisation with every root — minutes for a province's 20 000 branches.
	 */
	@Query(value = """
			select r.id, o.id from organization r
			join organization o on o.path ~>=~ r.path and o.path ~<~ (r.path || '~') and o.dissolved_at is null
			where r.id = any(cast(?1 as bigint[])) and r.dissolved_at is null""", nativeQuery = true)
	List<Object[]> subtreePairs(Long[] rootIds);

	@Query("select count(o) from Organization o where o.parentId = ?1 and o.dissolvedAt is null")
	long countChildren(long parentId);

	@Query("select o from Organization o where lower(o.code) in ?1 and o.dissolvedAt is null")
	List<Organization> findActiveByLowerCodes(Collection<String> lowerCodes);

	@Query("select o from Organization o where o.id in ?1")
	List<Organization> findByIds(Collection<Long> ids);

	/**
	 * (id, code, name, type, parent_id, depth, path) of the organisations with these ids, dissolved ones too: the ids
	 * as one array, the rows as they are — a province's report asks for 21 000 at once, too many for a list of binds
	 * and entities.
	 */
	@Query(value = """
			select id, code, name, type, parent_id, depth, path from organization
			where id = any(cast(?1 as bigint[]))""", nativeQuery = true)
	List<Object[]> rowsOf(Long[] ids);

	/** Rewrites the paths and depths below a moved node (the node itself is already updated). */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = """
			update organization
			set path = ?2 || substring(path from length(?1) + 1), depth = depth + ?3, version = version + 1
			where path like ?1 || '%' and path <> ?1""", nativeQuery = true)
	int rewriteDescendantPaths(String oldPrefix, String newPrefix, int depthDelta);
}
