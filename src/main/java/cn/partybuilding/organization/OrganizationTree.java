package cn.partybuilding.organization;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * Changes to the organisation tree and branch committees, each checked against the caller's scope
 * and audited through {@link OrganizationChanged}.
 * <p>
 * Who may do what: anyone but the auditor sees the subtrees where they hold a role; 党委 and 党总支
 * administrators change their subtree (they may rename their own node, but only move or dissolve
 * what lies below it); a 支部书记 also keeps the committee records of their branch.
 */
@Service
@Transactional
@Facade("the tree other modules show and build: pickers, 换届 reminders, organisations created and staffed")
public class OrganizationTree {

	private static final Role[] SEE = Arrays.stream(Role.values()).filter(Role::seesOrganizations).toArray(Role[]::new);

	private static final int MAX_SORT_ORDER = 1_000_000;

	private static final Role[] MANAGE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN };

	/** A 党小组 is the branch's own business: its secretary keeps the groups too. */
	private static final Role[] MANAGE_GROUPS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	private static final Role[] KEEP_COMMITTEE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	private final Organizations organizations;

	private final CommitteePositions positions;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final List<DissolutionBlocker> blockers;

	private final ObjectProvider<Headcount> headcount;

	private final OrganizationSettings settings;

	private final Clock clock;

	private final ProvinceTree province;

	private final TreeListing listing;

	private final OrganizationChoosers choosers;

	private final JdbcClient jdbc;

	OrganizationTree(JdbcClient jdbc, Organizations organizations, CommitteePositions positions, OrganizationScope scope,
			ApplicationEventPublisher events, List<DissolutionBlocker> blockers, ObjectProvider<Headcount> headcount,
			OrganizationSettings settings, Clock clock, ProvinceTree province, TreeListing listing,
			OrganizationChoosers choosers) {
		this.jdbc = jdbc;
		this.choosers = choosers;
		this.province = province;
		this.listing = listing;
		this.organizations = organizations;
		this.positions = positions;
		this.scope = scope;
		this.events = events;
		this.blockers = blockers;
		this.headcount = headcount;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * What a caller may do to one organisation; drives both the checks and the buttons on the page.
	 * {@code childTypes} are the types the caller may create under it.
	 */
	record Permissions(boolean manage, boolean moveOrDissolve, boolean keepCommittee, List<OrgType> childTypes) {
	}

	/** Where a committee record stands today: sitting, elected but not yet in office, or ended. */
	enum SeatStatus {
		CURRENT, UPCOMING, ENDED
	}

	record CommitteeSeat(long id, Position position, String holderName, LocalDate termStart, LocalDate termEnd,
			boolean dualLeader, SeatStatus status) {
	}

	/** One step of the path from the root; {@code reachable} says whether the caller may open it. */
	record Crumb(long id, String code, String name, boolean reachable) {
	}

	/**
	 * An organisation as its page shows it. {@code dissolveBlocker} is the reason it cannot be dissolved
	 * now (null when it can, or when the caller may not dissolve it anyway).
	 */
	record Details(OrgRef organization, List<Crumb> lineage, List<OrgRef> children, List<CommitteeSeat> committee,
			List<Warning> warnings, Permissions permissions, String dissolveBlocker, long version) {
	}

	// ---- reading ----

	@Transactional(readOnly = true)
	public List<TreeNode> visibleTree(Caller caller) {
		return visibleTree(caller, SEE);
	}

	/** The bare structure (codes, names, types) reached through the given roles, e.g. to grant roles at. */
	@Transactional(readOnly = true)
	public List<TreeNode> visibleTree(Caller caller, Role... through) {
		Set<Long> roots = caller.organizationsWith(through);
		if (roots.isEmpty()) {
			return List.of();
		}
		String[] prefixes = organizations.findByIds(roots).stream()
			.filter(o -> !o.dissolved())
			.map(o -> o.path() + "%")
			.toArray(String[]::new);
		return forestOf(organizations.findUnderPrefixes(prefixes));
	}

	/** The organisations as a forest in the tree's order: those whose parent is not among them are its tops. */
	private static List<TreeNode> forestOf(List<Organization> rows) {
		Map<Long, TreeNode> byId = new LinkedHashMap<>();
		rows.forEach(o -> byId.put(o.id(), TreeNode.of(o)));
		List<TreeNode> forest = new ArrayList<>();
		for (TreeNode node : byId.values()) {
			TreeNode parent = node.parentId() == null ? null : byId.get(node.parentId());
			(parent == null ? forest : parent.children()).add(node);
		}
		Comparator<TreeNode> order = Comparator.comparingInt(TreeNode::sortOrder).thenComparing(TreeNode::code);
		byId.values().forEach(n -> n.children().sort(order));
		forest.sort(order);
		return forest;
	}

	/**
	 * A page's organisation drop-down over the tree reached through the roles (none: every role that sees the tree),
	 * offering the types given (none: all). Up to {@code party.organization.chooser-limit} organisations it is the whole
	 * tree, labelled by path as {@link TreeNode#flattenWithPaths} does. Above it (a province's 24 000) it is the way down
	 * to {@code chosen}: the caller's top organisations, each organisation on the path from there to the chosen one, and
	 * the organisations right below each of them, in tree order — any organisation is reached by choosing its parent
	 * first (the page asks {@link OrgChooser#drill} for the next level). A 党委 or 党总支 stays offered whatever the
	 * types, as the way to those below it. A {@code chosen} out of reach is ignored here (the page's own read refuses it).
	 * Kept per version of the tree, grants and arguments ({@link OrganizationChoosers}): a
	 * kept one is answered without a transaction, a fresh one is read in a read-only transaction of its own (or the
	 * caller's).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public OrgChooser chooser(Caller caller, Long chosen, Set<OrgType> types, Role... through) {
		return choosers.of(caller, chosen, types, through,
				() -> chooser(caller, chosen, types, settings.chooserLimit(), through));
	}

	/** {@link #chooser(Caller, Long, Set, Role...)} offering every type. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public OrgChooser chooser(Caller caller, Long chosen, Role... through) {
		return chooser(caller, chosen, Set.of(), through);
	}

	OrgChooser chooser(Caller caller, Long chosen, Set<OrgType> types, int limit, Role... through) {
		Role[] roles = through.length == 0 ? SEE : through;
		Set<OrgType> offered = types.isEmpty() ? Set.of(OrgType.values()) : types;
		List<Organization> tops = tops(caller, roles);
		if (!above(tops, limit)) {
			return new OrgChooser(TreeNode.flattenWithPaths(visibleTree(caller, roles)).stream()
				.filter(o -> offered.contains(o.type()))
				.toList(), false, null);
		}
		Set<Long> open = openTowards(tops, chosen);
		// every organisation listed hangs below a listed one, so the tops of this forest are the caller's tops
		List<TreeNode.Option> options = TreeNode.flattenWithPaths(forestOf(organizations.findWithChildren(open.toArray(Long[]::new))
			.stream()
			.filter(o -> open.contains(o.id()) || offered.contains(o.type()) || o.type() == OrgType.COMMITTEE
					|| o.type() == OrgType.GENERAL_BRANCH)
			.toList()));
		String drill = "/organizations/chooser?through=" + Arrays.stream(roles).map(Role::name).collect(Collectors.joining(","))
				+ (types.isEmpty() ? "" : "&types=" + types.stream().map(OrgType::name).sorted().collect(Collectors.joining(",")));
		return new OrgChooser(options, true, drill);
	}

	/** The active organisations where the caller holds one of the roles. */
	private List<Organization> tops(Caller caller, Role[] roles) {
		return organizations.findByIds(caller.organizationsWith(roles)).stream().filter(o -> !o.dissolved()).toList();
	}

	/** Whether more than {@code limit} active organisations lie below the tops (counted no further than that). */
	private boolean above(List<Organization> tops, int limit) {
		String[] prefixes = tops.stream().map(o -> o.path() + "%").toArray(String[]::new);
		return !tops.isEmpty() && organizations.countUnderPrefixes(prefixes, limit + 1) > limit;
	}

	/**
	 * The organisations whose children a bounded view lists: the tops not below another top, and the path from the one
	 * above {@code chosen} down to it (a chosen organisation out of reach opens nothing).
	 */
	private Set<Long> openTowards(List<Organization> tops, Long chosen) {
		List<Organization> roots = tops.stream()
			.filter(o -> tops.stream().noneMatch(t -> t != o && o.path().startsWith(t.path())))
			.toList();
		Set<Long> open = new LinkedHashSet<>();
		roots.forEach(r -> open.add(r.id()));
		Optional<Organization> at = chosen == null ? Optional.empty() : organizations.findActive(chosen);
		at.flatMap(c -> roots.stream().filter(r -> c.path().startsWith(r.path())).findFirst()).ifPresent(r -> {
			String below = at.get().path().substring(r.path().length());
			Arrays.stream(below.split("/")).filter(id -> !id.isEmpty()).map(Long::valueOf).forEach(open::add);
		});
		return open;
	}

	/**
	 * Whether the caller sees more organisations than {@code party.organization.chooser-limit}: the tree page and the
	 * API then answer level by level instead of the whole tree.
	 */
	@Transactional(readOnly = true)
	boolean large(Caller caller) {
		return above(tops(caller, SEE), settings.chooserLimit());
	}

	/** The caller's first top organisation in the tree's order: where the tree page opens. */
	@Transactional(readOnly = true)
	Optional<Long> firstTop(Caller caller) {
		List<Organization> tops = tops(caller, SEE);
		return tops.stream()
			.filter(o -> tops.stream().noneMatch(t -> t != o && o.path().startsWith(t.path())))
			.min(Comparator.comparingInt(Organization::sortOrder).thenComparing(Organization::code))
			.map(Organization::id);
	}

	/**
	 * The tree page's tree above the limit: the caller's tops, the way down to {@code chosen} and the organisations right
	 * below each step, as a forest; {@code closed} receives the ids listed whose children are not (opening one lists them).
	 */
	@Transactional(readOnly = true)
	List<TreeNode> wayDown(Caller caller, long chosen, Set<Long> closed) {
		Set<Long> open = openTowards(tops(caller, SEE), chosen);
		List<Organization> rows = organizations.findWithChildren(open.toArray(Long[]::new));
		Long[] listed = rows.stream().map(Organization::id).filter(id -> !open.contains(id)).toArray(Long[]::new);
		organizations.parentsAmong(listed).forEach(id -> closed.add(((Number) id).longValue()));
		return forestOf(rows);
	}

	/** A page of the caller's whole visible tree in path order (every organisation after its parent). */
	@Transactional(readOnly = true)
	TreeListing.Slice listPage(Caller caller, String after, int size) {
		return listing.under(tops(caller, SEE).stream().map(Organization::path).toList(), after, size);
	}

	/** A page of the organisations right below one the caller sees; out of reach: the audited 404. */
	@Transactional(readOnly = true)
	TreeListing.Slice childrenPage(Caller caller, long parentId, String after, int size) {
		visible(caller, parentId);
		return listing.children(parentId, after, size);
	}

	/**
	 * The branches among {@code branchIds} that have a 支部委员会 (支部工作条例 §18): a sitting committee member
	 * besides 书记 and 副书记 is recorded, or the branch has at least {@code party.organization.committee-threshold}
	 * 正式党员 (its 党小组 included). A branch with fewer has only a 书记 (and 副书记): no 支委会 is required of
	 * it. For reports such as 组织生活's compliance; no caller (the report checked its own scope).
	 */
	@Transactional(readOnly = true)
	public Set<Long> withBranchCommittee(Collection<Long> branchIds) {
		if (branchIds.isEmpty()) {
			return Set.of();
		}
		LocalDate today = LocalDate.now(clock);
		Set<Long> with = new HashSet<>();
		positions.withCommitteeSeatOn(branchIds.stream().distinct().toArray(Long[]::new), today)
			.forEach(id -> with.add(((Number) id).longValue()));
		Headcount counter = headcount.getIfAvailable();
		if (counter != null) {
			// the others' sizes in one grouped count, not three queries a branch (a province has 20 000 branches)
			List<Long> others = branchIds.stream().filter(id -> !with.contains(id)).toList();
			counter.of(others).forEach((id, count) -> {
				if (count.full() >= settings.committeeThreshold()) {
					with.add(id);
				}
			});
		}
		return with;
	}

	/**
	 * The sitting secretaries of these organisations (those with one today), with the 双带头人 flag: for reports on
	 * branch secretaries such as their training hours. No caller (the report checked its own scope).
	 */
	@Transactional(readOnly = true)
	public List<SecretarySeat> sittingSecretaries(Collection<Long> organizationIds) {
		if (organizationIds.isEmpty()) {
			return List.of();
		}
		LocalDate today = LocalDate.now(clock);
		return positions.findByOrganizations(organizationIds.stream().distinct().toArray(Long[]::new)).stream()
			.filter(p -> p.position() == Position.SECRETARY && p.currentOn(today))
			.map(p -> new SecretarySeat(p.organizationId(), p.holderName(), p.dualLeader()))
			.toList();
	}

	/** 换届 reminders for every committee the caller can see, soonest first: nobody has to go looking. */
	@Transactional(readOnly = true)
	public List<OrganizationReminder> reminders(Caller caller) {
		Set<Long> at = caller.organizationsWith(SEE);
		if (at.isEmpty()) {
			return List.of();
		}
		LocalDate today = LocalDate.now(clock);
		BranchRules rules = new BranchRules(settings);
		record Due(long organizationId, String name, LocalDate sittingUntil, LocalDate lastEnd) {
		}
		// one JDBC statement (two JPA reads before: the caller's organisations, then the positions as entities): only
		// the committees that may be due (no committee elected ahead, none sitting past the warning's days), below the
		// caller's active organisations, each with the two dates the rule needs
		List<Due> due = jdbc.sql("""
				select p.organization_id, o.name,
				       max(p.term_end) filter (where p.term_start <= :today and p.term_end > :today), max(p.term_end)
				from committee_position p join organization o on o.id = p.organization_id
				where o.dissolved_at is null
				  and exists (select 1 from organization t where t.id = any(:at) and t.dissolved_at is null
				              and o.path like t.path || '%')
				  and not exists (select 1 from committee_position q where q.organization_id = p.organization_id
				                  and (q.term_start > :today or (q.term_end > :today and q.term_end > :quiet)))
				group by p.organization_id, o.name""")
			.param("today", today).param("quiet", today.plusDays(settings.termWarningDays()))
			.param("at", at.toArray(Long[]::new))
			.query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
					rs.getObject(4, LocalDate.class)))
			.list();
		return due.stream()
			.flatMap(d -> rules.termWarnings(d.sittingUntil(), d.lastEnd(), today).stream()
				.map(w -> new OrganizationReminder(d.organizationId(), d.name(), w)))
			.sorted(Comparator.comparing(r -> (LocalDate) r.warning().args()[0]))
			.toList();
	}

	@Transactional(readOnly = true)
	Details details(Caller caller, long id) {
		Organization org = visible(caller, id);
		// the sitting committee first, 书记 before 副书记 before the 委员 (the order of Position)
		List<CommitteePosition> seats = positions.findByOrganization(id).stream()
			.sorted(Comparator.comparing(CommitteePosition::termEnd).reversed()
				.thenComparing(CommitteePosition::position))
			.toList();
		LocalDate today = LocalDate.now(clock);
		BranchRules rules = new BranchRules(settings);
		List<Warning> warnings = new ArrayList<>(rules.termWarnings(seats, today));
		Headcount counter = headcount.getIfAvailable();
		if (counter != null && org.type() == OrgType.BRANCH) {
			warnings.addAll(rules.sizeWarnings(counter.of(id), seats, today));
		}
		Permissions permissions = permissions(caller, org);
		List<Crumb> lineage = scope.lineage(id).stream()
			.map(o -> new Crumb(o.id(), o.code(), o.name(), scope.reaches(caller, o.id(), SEE)))
			.toList();
		return new Details(org.ref(), lineage,
				organizations.findChildren(id).stream().map(Organization::ref).toList(),
				seats.stream().map(p -> new CommitteeSeat(p.id(), p.position(), p.holderName(), p.termStart(),
						p.termEnd(), p.dualLeader(), p.currentOn(today) ? SeatStatus.CURRENT
								: p.termStart().isAfter(today) ? SeatStatus.UPCOMING : SeatStatus.ENDED)).toList(),
				warnings, permissions, permissions.moveOrDissolve() ? whyNotDissolve(id).orElse(null) : null,
				org.version());
	}

	private Permissions permissions(Caller caller, Organization org) {
		boolean manage = scope.reaches(caller, org.id(), managersOf(org.type()));
		boolean below = org.parentId() != null && scope.reaches(caller, org.parentId(), managersOf(org.type()));
		List<OrgType> childTypes = Arrays.stream(OrgType.values())
			.filter(t -> t.mayHangUnder(org.type()) && scope.reaches(caller, org.id(), managersOf(t)))
			.toList();
		return new Permissions(manage, below, scope.reaches(caller, org.id(), KEEP_COMMITTEE), childTypes);
	}

	private static Role[] managersOf(OrgType type) {
		return type == OrgType.GROUP ? MANAGE_GROUPS : MANAGE;
	}

	// ---- changing the tree ----

	public OrgRef create(Caller caller, NewOrganization request) {
		if (request.parentId() == null) {
			throw new FieldProblem("parentId", "org.parent.required");
		}
		organizations.lockStructure();
		Organization parent = visible(caller, request.parentId());
		require(scope.reaches(caller, parent.id(), managersOf(request.type() == null ? OrgType.BRANCH : request.type())),
				parent, "create");
		// every field is checked, so a form shows all its mistakes at once
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String code = collect(problems, () -> requireCode(request.code()));
		String name = collect(problems, () -> requireName(request.name(), parent.id(), -1));
		OrgType type = collect(problems, () -> required(request.type()));
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		Organization child = parent.newChild(organizations.nextId(), code, name, type, organizations.nextSortOrder(parent.id()));
		organizations.save(child);
		publish("organization.create", child.id(), "新建 " + describe(child) + "，上级 " + describe(parent));
		return child.ref();
	}

	/**
	 * The top of an empty platform — the school's 党委 at installation, or the demo's — made without a caller
	 * (the audit log names the system); once a tree exists, new organisations are created under it.
	 */
	public OrgRef establishRoot(String code, String name) {
		organizations.lockStructure();
		if (organizations.count() > 0) {
			throw new IllegalStateException("the platform already has its organisation tree");
		}
		Organization org = Organization.root(organizations.nextId(), requireCode(code), name, OrgType.COMMITTEE);
		organizations.save(org);
		publish("organization.create", org.id(), "初始化 " + describe(org));
		return org.ref();
	}

	/**
	 * The generated province's root (the province generator, no caller): the organisation with this code when
	 * it exists, else a new 党委-type root, placed above the present root when the platform has a tree.
	 */
	public OrgRef provinceRoot(String code, String name) {
		long id = province.root(code, name);
		OrgRef root = scope.find(id).orElseThrow();
		if (root.parentId() != null) {
			throw new IllegalStateException(code + " exists but is not the top of the tree");
		}
		return root;
	}

	/**
	 * The generated province's schools, colleges and branches (the province generator, no caller), parents
	 * first; those whose codes exist are left as they are. Returns how many were added.
	 */
	public int addGenerated(List<GeneratedOrganization> organizationsWanted) {
		int added = province.add(organizationsWanted);
		if (added > 0) {
			publish("organization.create", provinceRootId(organizationsWanted), "生成省级数据：新建 " + added + " 个组织");
		}
		return added;
	}

	private long provinceRootId(List<GeneratedOrganization> wanted) {
		return scope.findByCode(wanted.get(0).parentCode()).map(OrgRef::id).orElseThrow();
	}

	OrgRef rename(Caller caller, long id, String newName) {
		Organization org = visible(caller, id);
		require(permissions(caller, org).manage(), org, "rename");
		String before = org.name();
		org.rename(requireName(newName, org.parentId(), id));
		publish("organization.rename", id, "名称：" + before + " → " + org.name());
		return org.ref();
	}

	/** Several changes at once (the API's PATCH): all of them or none. Null means "leave as it is". */
	OrgRef update(Caller caller, long id, String name, Long parentId, Integer sortOrder) {
		organizations.lockStructure();
		if (name != null) {
			rename(caller, id, name);
		}
		if (parentId != null) {
			move(caller, id, parentId);
		}
		if (sortOrder != null) {
			reorder(caller, id, sortOrder);
		}
		return visible(caller, id).ref();
	}

	/** Moves the node one place up (-1) or down (+1) among its siblings. */
	OrgRef shift(Caller caller, long id, int direction) {
		Organization org = visible(caller, id);
		require(permissions(caller, org).moveOrDissolve(), org, "reorder");
		List<Organization> siblings = new ArrayList<>(organizations.findChildren(org.parentId()));
		int at = siblings.indexOf(org);
		int to = at + Integer.signum(direction);
		if (at < 0 || to < 0 || to >= siblings.size()) {
			return org.ref();
		}
		siblings.add(to, siblings.remove(at));
		for (int i = 0; i < siblings.size(); i++) {
			siblings.get(i).placeAt((i + 1) * 10);
		}
		publish("organization.reorder", id, "排序：第 " + (at + 1) + " 位 → 第 " + (to + 1) + " 位");
		return org.ref();
	}

	OrgRef reorder(Caller caller, long id, int sortOrder) {
		if (sortOrder < 0 || sortOrder > MAX_SORT_ORDER) {
			throw new FieldProblem("sortOrder", "org.sortOrder.range", MAX_SORT_ORDER);
		}
		Organization org = visible(caller, id);
		require(permissions(caller, org).moveOrDissolve(), org, "reorder");
		int before = org.sortOrder();
		org.placeAt(sortOrder);
		publish("organization.reorder", id, "排序值：" + before + " → " + sortOrder);
		return org.ref();
	}

	OrgRef move(Caller caller, long id, long newParentId) {
		// two moves at once could each pass the cycle check and together make a loop: one at a time
		organizations.lockStructure();
		Organization org = visible(caller, id);
		require(permissions(caller, org).moveOrDissolve(), org, "move");
		Organization newParent = visible(caller, newParentId);
		require(scope.reaches(caller, newParentId, managersOf(org.type())), newParent, "move-into");
		if (newParentId == org.parentId()) {
			return org.ref();
		}
		if (organizations.siblingNamed(newParentId, org.name(), id)) {
			throw new FieldProblem("parentId", "org.name.takenInTarget", org.name());
		}
		Organization oldParent = organizations.findById(org.parentId()).orElseThrow();
		String oldPath = org.path();
		int oldDepth = org.depth();
		org.moveUnder(newParent);
		org.placeAt(organizations.nextSortOrder(newParentId));
		organizations.saveAndFlush(org);
		int moved = organizations.rewriteDescendantPaths(oldPath, org.path(), org.depth() - oldDepth);
		publish("organization.move", id, "上级：" + describe(oldParent) + " → " + describe(newParent)
				+ "（含下级 " + moved + " 个）");
		return organizations.findActive(id).orElseThrow().ref();
	}

	void dissolve(Caller caller, long id) {
		organizations.lockStructure();
		Organization org = visible(caller, id);
		require(permissions(caller, org).moveOrDissolve(), org, "dissolve");
		long children = organizations.countChildren(id);
		if (children > 0) {
			throw new FieldProblem("id", "org.dissolve.hasChildren", children);
		}
		Optional<String> blocked = blockedBy(id);
		if (blocked.isPresent()) {
			throw new FieldProblem("id", "org.dissolve.blocked", blocked.get());
		}
		org.dissolve(clock.instant());
		publish("organization.dissolve", id, "撤销 " + describe(org));
	}

	/** Why the organisation cannot be dissolved now, as a sentence for its page. */
	private Optional<String> whyNotDissolve(long id) {
		long children = organizations.countChildren(id);
		if (children > 0) {
			return Optional.of("还有 " + children + " 个下级组织，请先撤销或调整下级组织");
		}
		return blockedBy(id);
	}

	/** Every module's reason at once (members to move, roles to revoke), so one look tells all that is left. */
	private Optional<String> blockedBy(long id) {
		String reasons = blockers.stream().map(b -> b.whyNotDissolve(id)).flatMap(Optional::stream)
			.collect(Collectors.joining("；"));
		return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons);
	}

	// ---- branch committee ----

	public long appoint(Caller caller, long id, NewSeat seat) {
		Organization org = visible(caller, id);
		require(permissions(caller, org).keepCommittee(), org, "committee");
		if (org.type() == OrgType.GROUP) {
			throw new FieldProblem("position", "committee.notForGroups");
		}
		if (seat.position() == null) {
			throw new FieldProblem("position", "committee.position.required");
		}
		String holder = PlainText.clean(seat.holderName());
		if (holder.isEmpty() || holder.length() > 50) {
			throw new FieldProblem("holderName", "committee.holder.required");
		}
		if (seat.termStart() == null) {
			throw new FieldProblem("termStart", "committee.term.startRequired");
		}
		requirePlausible("termStart", seat.termStart());
		// 党章: a 基层党委 sits 5 years (3 to 5), a 总支 or 支部 committee 3 years; both settings
		int years = org.type() == OrgType.COMMITTEE ? settings.committeeTermYears() : settings.termYears();
		LocalDate end = seat.termEnd() != null ? seat.termEnd() : seat.termStart().plusYears(years);
		requirePlausible("termEnd", end);
		boolean taken = positions.findByOrganization(id).stream()
			.anyMatch(p -> p.position() == seat.position() && p.overlaps(seat.termStart(), end));
		if (taken) {
			throw new FieldProblem("position", "committee.position.taken");
		}
		CommitteePosition saved = positions.save(new CommitteePosition(id, seat.position(), holder,
				seat.termStart(), end, seat.isDualLeader()));
		publish("organization.committee.appoint", id, seat.position().title() + "：" + saved.holderName() + "（"
				+ saved.termStart() + " 至 " + saved.termEnd() + "）");
		return saved.id();
	}

	void vacate(Caller caller, long id, long seatId) {
		Organization org = visible(caller, id);
		require(permissions(caller, org).keepCommittee(), org, "committee");
		CommitteePosition seat = positions.findById(seatId)
			.filter(p -> p.organizationId() == id)
			.orElseThrow(() -> new OutOfScopeException("committee-position", seatId));
		positions.delete(seat);
		publish("organization.committee.remove", id, "删除任职：" + seat.position().title() + " " + seat.holderName()
				+ "（" + seat.termStart() + " 至 " + seat.termEnd() + "）");
	}

	// ---- helpers ----

	/** The active organisation if the caller can see it; otherwise the audited 404. */
	private Organization visible(Caller caller, long id) {
		if (!scope.reaches(caller, id, SEE)) {
			throw new OutOfScopeException("organization", id);
		}
		return organizations.findActive(id).orElseThrow(() -> new OutOfScopeException("organization", id));
	}

	private static void require(boolean allowed, Organization org, String what) {
		if (!allowed) {
			throw new NotPermittedException("organization", org.id(), what);
		}
	}

	private String requireCode(String code) {
		if (code == null || code.isBlank()) {
			throw new FieldProblem("code", "org.code.required");
		}
		String trimmed = code.trim();
		if (!trimmed.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
			throw new FieldProblem("code", "org.code.pattern");
		}
		if (organizations.codeTaken(trimmed)) {
			throw new FieldProblem("code", "org.code.taken", trimmed);
		}
		return trimmed;
	}

	private String requireName(String name, Long parentId, long exceptId) {
		String trimmed = PlainText.clean(name);
		if (trimmed.isEmpty()) {
			throw new FieldProblem("name", "org.name.required");
		}
		if (trimmed.length() > 100) {
			throw new FieldProblem("name", "org.name.tooLong", 100);
		}
		if (parentId != null && organizations.siblingNamed(parentId, trimmed, exceptId)) {
			throw new FieldProblem("name", "org.name.taken", trimmed);
		}
		return trimmed;
	}

	private static <T> T collect(List<FieldProblem.Problem> problems, Supplier<T> check) {
		try {
			return check.get();
		}
		catch (FieldProblem problem) {
			problems.addAll(problem.problems());
			return null;
		}
	}

	/** Terms are recorded for the party's history, not for the year 300000. */
	private static void requirePlausible(String field, LocalDate date) {
		if (date.getYear() < 1921 || date.getYear() > 2200) {
			throw new FieldProblem(field, "form.date.outOfRange");
		}
	}

	private static OrgType required(OrgType type) {
		if (type == null) {
			throw new FieldProblem("type", "org.type.required");
		}
		return type;
	}

	private static String describe(Organization o) {
		return o.name() + "（" + o.code() + "）";
	}

	private void publish(String action, long id, String summary) {
		events.publishEvent(new OrganizationChanged(action, id, summary));
	}
}
