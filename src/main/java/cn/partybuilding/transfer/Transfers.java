package cn.partybuilding.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.DissolutionBlocker;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.Keyset;
import cn.partybuilding.shared.ListTotal;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.RecentTotals;

/**
 * The transfers and their steps as stored: read with names (members', organisations' as "college /
 * branch"), moved from stage to stage or closed only from the state they were read in, every step kept and
 * announced ({@link TransferStepTaken}: the audit log, the 纪实, those who act next).
 */
@Repository
@Transactional
class Transfers implements DissolutionBlocker {

	private final JdbcTemplate jdbc;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final BranchChoices branches;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** The totals of scopes of many organisations, by state. */
	private final RecentTotals<ListTotal> large;

	Transfers(JdbcTemplate jdbc, MemberDirectory members, OrganizationScope scope, BranchChoices branches,
			ApplicationEventPublisher events, Clock clock,
			@Value("${party.lists.large-scope-totals-max-age:10s}") Duration totalsMaxAge) {
		this.large = RecentTotals.keptFor(totalsMaxAge, clock);
		this.jdbc = jdbc;
		this.members = members;
		this.scope = scope;
		this.branches = branches;
		this.events = events;
		this.clock = clock;
	}

	/** The most a list or a page of it holds. */
	static final int LIMIT = 500;

	/** Transfers the caller deals with: from or to their organisations (or one subtree), optionally in one state. */
	@Transactional(readOnly = true)
	List<TransferView> list(Caller caller, Long orgId, TransferState state) {
		return page(caller, orgId, state, null, LIMIT, false).transfers();
	}

	/** Pending transfers of one kind at one stage between the same two organisations, and how many. */
	record PendingGroup(TransferKind kind, Stage stage, long fromOrgId, Long toOrgId, long count) {
	}

	/**
	 * Every pending transfer from or to the caller's organisations (the whole tree: no filter), counted by kind, stage
	 * and the two organisations: who may act on them depends on nothing else, so the home page's 待办 checks a group
	 * once instead of reading and checking every transfer (and none is left out past a list's {@link #LIMIT}).
	 */
	@Transactional(readOnly = true)
	List<PendingGroup> pendingGroups(Caller caller) {
		String where = "where t.state = 'PENDING'";
		Object[] args = {};
		if (!scope.coversWholeTree(caller, null, TransferPermissions.MANAGE)) {
			Long[] ids = scope.covered(caller, null, "transfer", TransferPermissions.MANAGE).toArray(Long[]::new);
			where += " and (t.from_org_id = any(?) or t.to_org_id = any(?))";
			args = new Object[] { ids, ids };
		}
		return jdbc.query("select t.kind, t.stage, t.from_org_id, t.to_org_id, count(*) from transfer t " + where
				+ " group by t.kind, t.stage, t.from_org_id, t.to_org_id",
				(rs, n) -> new PendingGroup(TransferKind.valueOf(rs.getString(1)), Stage.valueOf(rs.getString(2)), rs.getLong(3),
						(Long) rs.getObject(4), rs.getLong(5)), args);
	}

	/**
	 * The newest {@code limit} pending transfers of these groups (each its kind, stage and two organisations): the ones
	 * {@link TransferPermissions#waitingFor} would list first, read without reading every pending one.
	 */
	@Transactional(readOnly = true)
	List<TransferView> pendingIn(List<PendingGroup> groups, int limit) {
		if (groups.isEmpty()) {
			return List.of();
		}
		return query("""
				where t.state = 'PENDING' and (t.kind, t.stage, t.from_org_id, coalesce(t.to_org_id, -1))
				      in (select * from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]))
				order by t.started_at desc, t.id desc limit %d""".formatted(limit),
				groups.stream().map(g -> g.kind().name()).toArray(String[]::new),
				groups.stream().map(g -> g.stage().name()).toArray(String[]::new),
				groups.stream().map(PendingGroup::fromOrgId).toArray(Long[]::new),
				groups.stream().map(g -> g.toOrgId() == null ? -1L : g.toOrgId()).toArray(Long[]::new));
	}

	/** A page of a list: its transfers, the list's total and where the next page begins (null on the last). */
	record TransferPage(List<TransferView> transfers, ListTotal total, Keyset next) {
	}

	/**
	 * Like {@link #list}, {@code size} at a time, newest first, from {@code after} on (through the index on start and
	 * id, never by skipping rows); the total when {@code counted}.
	 */
	@Transactional(readOnly = true)
	TransferPage page(Caller caller, Long orgId, TransferState state, Keyset after, int size, boolean counted) {
		// at the root of the tree (a province) no scope filter: 25 000 ids would cost more than the page
		String where = "where true";
		List<Object> args = new ArrayList<>();
		Set<Long> organizations = null;
		if (!scope.coversWholeTree(caller, orgId, TransferPermissions.MANAGE)) {
			organizations = scope.covered(caller, orgId, "transfer", TransferPermissions.MANAGE);
			Long[] ids = organizations.toArray(Long[]::new);
			where = "where " + IN_SCOPE;
			// one kept plan for any scope (the limits written in): the two organisations' indexes, their bitmaps or'ed.
			// Planned for a school's 1 183 ids twice, each statement cost 3 to 5 ms of planning against half a
			// millisecond of running
			jdbc.execute("set local plan_cache_mode = force_generic_plan");
			args.addAll(List.of(ids, ids));
		}
		if (state != null) {
			where += " and t.state = ?";
			args.add(state.name());
		}
		ListTotal total = counted ? total(where, args.toArray(), state, organizations) : null;
		boolean walk = total != null && organizations != null && organizations.size() > WALK_WEIGHED_ABOVE
				&& walksAll(allTransfers(), total.count(), size + 1);
		if (after != null) {
			where += " and (t.started_at, t.id) < (?, ?)";
			args.add(Timestamp.from(after.at()));
			args.add(after.id());
		}
		List<TransferView> found = query(pageCondition(walk ? where.replace(IN_SCOPE, HASHED_SCOPE) : where, walk, size + 1),
				args.toArray());
		if (found.size() <= size) {
			return new TransferPage(found, total, null);
		}
		TransferView last = found.get(size - 1);
		return new TransferPage(found.subList(0, size), total, Keyset.after(last.startedAt(), last.id()));
	}

	/**
	 * Whether a page of a scope's transfers is found sooner walking the newest transfers of all, keeping the scope's
	 * (about {@code limit × all ÷ scoped} read from the start-order index alone), than reading the scope's every
	 * transfer through its organisations' indexes and sorting them (each read from the table, worth about four entries
	 * of the walk). At the generated province a school's 157 of 3 345 are read (0.5 ms against 0.9 walking a thousand);
	 * with a year of graduates' transfers a school's thousands would be walked past instead.
	 */
	static boolean walksAll(long all, long scoped, int limit) {
		return scoped > 0 && (double) limit * all / scoped < 4.0 * scoped;
	}

	/**
	 * Organisations in a scope above which its page weighs walking all transfers ({@link #walksAll}): a college's or a
	 * branch's are read through their indexes without counting the tree's on every page.
	 */
	static final int WALK_WEIGHED_ABOVE = 100;

	/**
	 * The whole tree's transfers, for {@link #walksAll}: a copy at most the totals' max age old, whatever the tree's
	 * size (an estimate to weigh a walk, not a total shown), shared with the root list's kept total.
	 */
	private long allTransfers() {
		return large.get(null, null, () -> ListTotal.of(jdbc, 10_000, "from transfer t where true")).count();
	}

	/**
	 * A page's condition and order over {@code where}, its limit written in. Walking ({@code where} then holds
	 * {@link #HASHED_SCOPE}): the page's ids found in the start-order index alone (it holds both organisations and the
	 * state, V139), then only their rows read.
	 */
	static String pageCondition(String where, boolean walk, int limit) {
		String newestFirst = " order by t.started_at desc, t.id desc";
		return walk ? "where t.id = any(array(select t.id from transfer t " + where + newestFirst + " limit " + limit + "))" + newestFirst
				: where + newestFirst + " limit " + limit;
	}

	/**
	 * The list's total: counted, or over a scope of more than a thousand organisations (a school of a province, the
	 * whole tree: {@code organizations} null) a copy a few seconds old, said so.
	 */
	ListTotal total(String where, Object[] args, TransferState state, Set<Long> organizations) {
		Supplier<ListTotal> counted = () -> ListTotal.of(jdbc, 10_000, "from transfer t " + where, args);
		if (!large.applyTo(organizations == null ? scope.activeOrganizations() : organizations.size())) {
			return counted.get();
		}
		return new ListTotal(large.get(state, organizations, counted).count(), false);
	}

	/** The condition "from or to one of these organisations" (two array parameters, the same ids). */
	static final String IN_SCOPE = "(t.from_org_id = any(?) or t.to_org_id = any(?))";

	/** The same as hashed sub-plans, for a walk through the newest transfers of all. */
	static final String HASHED_SCOPE = "(t.from_org_id in (select unnest(?::bigint[])) or t.to_org_id in (select unnest(?::bigint[])))";

	/** The signed-in member's own transfers. */
	@Transactional(readOnly = true)
	List<TransferView> mine(Caller caller) {
		return members.memberOfAccount(caller.accountId())
			.map(m -> query("where t.member_id = ? order by t.started_at desc", m)).orElse(List.of());
	}

	@Transactional(readOnly = true)
	TransferView find(long id) {
		return query("where t.id = ?", id).stream().findFirst().orElseThrow(() -> new OutOfScopeException("transfer", id));
	}

	/** The transfers' version: every statement that writes them, on any node, moves it (V142). */
	@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
	long version() {
		// a prepared statement without parameters: kept planned by the server, as the tree's version is
		return jdbc.queryForObject("select version from transfer_version", Long.class, new Object[0]);
	}

	/** The organisation with those above it, root first. */
	Lineage lineage(long orgId) {
		return new Lineage(orgId, scope.lineage(orgId));
	}

	/** On to the next stage, unless someone moved it meanwhile. */
	void moveOn(TransferView t, Stage next) {
		if (jdbc.update("update transfer set stage = ? where id = ? and state = 'PENDING' and stage = ?", next.name(), t.id(),
				t.stage().name()) == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
	}

	/** Refused or withdrawn: an incoming letter's sealed details go with it. */
	void close(TransferView t, TransferState state) {
		if (jdbc.update("""
				update transfer set state = ?, stage = null, closed_at = ?, incoming_sealed = null
				where id = ? and state = 'PENDING' and stage = ?""",
				state.name(), Timestamp.from(clock.instant()), t.id(), t.stage().name()) == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
	}

	void step(long id, Stage stage, String action, String actor, String note, Instant at) {
		jdbc.update("insert into transfer_step (transfer_id, stage, action, actor, note, at) values (?, ?, ?, ?, ?, ?)", id,
				stage.name(), action, actor, note, Timestamp.from(at));
	}

	/** Told after the step: who acts next (when it is still open) and the member. */
	void announce(TransferView t, String action, Stage stage, String note, String actor) {
		Long nextOrg = t.state() != TransferState.PENDING ? null : t.actingOrg(this::lineage);
		events.publishEvent(new TransferStepTaken(t.id(), t.memberId(), t.memberName(), t.fromName(), t.toName(), action, stage,
				note, t.state() == TransferState.PENDING ? t.stage() : null, nextOrg, actor));
	}

	/** A branch with a transfer under way, out of it or into it, is not dissolved from under it. */
	@Override
	@Transactional(readOnly = true)
	public Optional<String> whyNotDissolve(long organizationId) {
		Integer open = jdbc.queryForObject("""
				select count(*) from transfer where state in ('PENDING', 'ISSUED') and (from_org_id = ? or to_org_id = ?)""",
				Integer.class, organizationId, organizationId);
		return open == null || open == 0 ? Optional.empty()
				: Optional.of("还有 " + open + " 项组织关系转接正在办理");
	}

	private List<TransferView> query(String where, Object... args) {
		record Row(long id, Long memberId, TransferKind kind, TransferState state, Stage stage, long from, Long to, String toName,
				Destination destination, String toAddress, boolean crosses, String reason, String startedBy, Instant startedAt,
				Instant closedAt, TransferView.Letter letter, String fromOutside, String incomingName) {
		}
		List<Row> rows = jdbc.query("""
				select t.id, t.member_id, t.kind, t.state, t.stage, t.from_org_id, t.to_org_id, t.to_org_name, t.to_org_kind,
				       t.to_org_address, t.crosses, t.reason, t.started_by, t.started_at, t.closed_at,
				       coalesce(t.letter_no, t.incoming_letter_no), t.verify_code, t.issued_at, t.valid_until, t.paid_up_to,
				       t.receipt_no, t.receipt_on, t.from_org_name, t.incoming_name
				from transfer t""" + " " + where, (rs, n) -> new Row(rs.getLong(1), (Long) rs.getObject(2),
				TransferKind.valueOf(rs.getString(3)), TransferState.valueOf(rs.getString(4)),
				rs.getString(5) == null ? null : Stage.valueOf(rs.getString(5)), rs.getLong(6),
				(Long) rs.getObject(7), rs.getString(8), rs.getString(9) == null ? null : Destination.valueOf(rs.getString(9)),
				rs.getString(10), rs.getBoolean(11), rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
				rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant(),
				rs.getString(16) == null ? null : new TransferView.Letter(rs.getString(16), rs.getString(17),
						rs.getTimestamp(18) == null ? null : rs.getTimestamp(18).toInstant(),
						rs.getDate(19) == null ? null : rs.getDate(19).toLocalDate(), rs.getString(20), rs.getString(21),
						rs.getDate(22) == null ? null : rs.getDate(22).toLocalDate()), rs.getString(23), rs.getString(24)), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = members.refs(rows.stream().map(Row::memberId).filter(Objects::nonNull).distinct().toList()).stream()
			.collect(Collectors.toMap(MemberRef::id, MemberRef::name));
		Set<Long> orgIds = new HashSet<>();
		rows.forEach(r -> {
			orgIds.add(r.from());
			if (r.to() != null) {
				orgIds.add(r.to());
			}
		});
		Map<Long, String> orgNames = branches.labels(scope.findAll(orgIds));
		Map<Long, List<TransferView.Step>> steps = new HashMap<>();
		jdbc.query("select transfer_id, stage, action, actor, note, at from transfer_step where transfer_id = any(?) order by id",
				rs -> {
					steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TransferView.Step(Stage.valueOf(rs.getString(2)),
							rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
				}, (Object) rows.stream().map(Row::id).toArray(Long[]::new));
		// a letter from outside names the member and the sending organisation as the letter does
		return rows.stream().map(r -> new TransferView(r.id(), r.memberId(),
				r.memberId() == null ? r.incomingName() : names.getOrDefault(r.memberId(), ""), r.kind(),
				r.state(), r.stage(), r.from(), r.kind() == TransferKind.INCOMING ? r.fromOutside() : orgNames.getOrDefault(r.from(), ""),
				r.to(), r.to() != null ? orgNames.getOrDefault(r.to(), "") : r.toName(), r.destination(), r.toAddress(), r.crosses(),
				r.reason(), r.startedBy(), r.startedAt(), r.closedAt(), r.letter(), steps.getOrDefault(r.id(), List.of()))).toList();
	}
}
