package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.annotation.JsonSerialize;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRefsAndCount;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.ListTotal;
import cn.partybuilding.shared.RecentTotals;

/**
 * The roll for a month: the month's bills in scope, each with what the member owes and its state, 党费交至 and their
 * run of unpaid months — what the 组织委员 works from. A page at a time in (organisation, member) order from a cursor,
 * so a page costs the same at a branch and at a province's root; the totals come from the running totals kept per
 * organisation and month ({@code dues_bill_tally}), never from counting bills.
 */
@Service
@Transactional(readOnly = true)
class DuesRoll {

	private final JdbcTemplate jdbc;

	private final DuesAccess access;

	private final MemberDirectory members;

	private final DuesArrears arrears;

	private final DuesBases bases;

	private final Clock clock;

	private final int limit;

	/** The totals of large scopes, by month. */
	private final RecentTotals<RollTotals> large;

	/**
	 * The member counts of large scopes, kept as their totals are, so that the two subtracted are mostly copies of
	 * about one age (the 无账单 view sums its totals afresh: its count may lag them by up to the max age).
	 */
	private final RecentTotals<Long> largeCounts;

	private final OrganizationScope tree;

	DuesRoll(DuesBases bases, JdbcTemplate jdbc, DuesAccess access, MemberDirectory members, DuesArrears arrears, Clock clock,
			@Value("${party.dues.roll-limit:3000}") int limit, OrganizationScope tree,
			@Value("${party.lists.large-scope-totals-max-age:10s}") Duration totalsMaxAge) {
		this.limit = limit;
		this.tree = tree;
		this.large = RecentTotals.keptFor(totalsMaxAge, clock);
		this.largeCounts = RecentTotals.keptFor(totalsMaxAge, clock);
		this.bases = bases;
		this.jdbc = jdbc;
		this.access = access;
		this.members = members;
		this.arrears = arrears;
		this.clock = clock;
	}

	/** Which lines: every bill, the unpaid or paid ones, those of members in arrears, members without a bill. */
	public enum Show { ALL, UNPAID, PAID, ARREARS, NO_BILL }

	@JsonSerialize(using = RollLineJson.class)
	public record RollLine(long memberId, String name, long organizationId, String organizationName, DuesCategory category,
			BigDecimal base, BigDecimal amount, DuesBilling.State state, YearMonth paidUpTo, int consecutive) {
	}

	/**
	 * The month's bills in scope from the running totals: {@code billed} owe something (exempt ones apart), {@code paid}
	 * of them paid; amounts due and collected.
	 */
	public record RollTotals(int billed, int paid, int exempt, BigDecimal due, BigDecimal collected) {

		int unpaid() {
			return billed - paid;
		}
	}

	/**
	 * One page of the roll. {@code listed}: how many lines the filter keeps in all (exact when {@code listedExact}, else
	 * the planner's estimate, or from totals a few seconds old); {@code next}: the cursor of the page after this one, null
	 * on the last. {@code tooMany}: members without a bill were asked for in a scope of more members than
	 * {@code party.dues.roll-limit} (no lines: they are found among the members, not the bills). {@code totalsRecent}:
	 * the totals are a copy at most {@code party.lists.large-scope-totals-max-age} old (a scope of more than a thousand
	 * organisations). {@code unbilled}: how many members of the scope have no bill, when the page counted them
	 * ({@link Reading#ROLL_PAGE} in the current month), else 0.
	 */
	public record Roll(YearMonth month, List<RollLine> lines, RollTotals totals, long listed, boolean listedExact, String next,
			boolean tooMany, boolean totalsRecent, long unbilled) {
	}

	/** Who reads a page of the roll, and so what the page does besides its lines. */
	enum Reading {

		/** The API or the spreadsheet: the page sets its own plan mode and counts nothing more. */
		ALONE,

		/**
		 * The roll page ({@link DuesRollPage}): the transaction's plan mode set already by its first statement
		 * ({@link #planMode(Show)}); in the current month the scope's members without a bill counted, with the names of
		 * the lines when the scope's member count is not a kept copy (one round trip to the member module, not two).
		 */
		ROLL_PAGE
	}

	/** The whole roll, every line (the spreadsheet); refused above the roll's limit. */
	public Roll of(Caller caller, Long orgId, YearMonth month, Show show) {
		Set<Long> orgs = access.organizationsOrAll(caller, orgId);
		RollTotals totals = totals(month, orgs);
		if (totals.billed() + totals.exempt() > limit) {
			throw new FieldProblem("orgId", "dues.roll.tooMany");
		}
		// the totals read once, not on every page of a thousand lines
		List<RollLine> lines = new ArrayList<>();
		Roll page = null;
		do {
			page = page(caller, orgId, orgs, month, show, page == null ? null : cursor(page.next()), 1000, totals, Reading.ALONE);
			lines.addAll(page.lines());
		}
		while (page.next() != null);
		return new Roll(month, lines, totals, lines.size(), true, null, page.tooMany(), false, 0);
	}

	/**
	 * One page of at most {@code size} lines after the cursor {@code after} (null: the first page), in (organisation,
	 * member) order. What is looked up line by line — names, 党费交至, the run of unpaid months — only for the page.
	 */
	Roll page(Caller caller, Long orgId, YearMonth month, Show show, String after, int size) {
		return page(caller, orgId, access.organizationsOrAll(caller, orgId), month, show, after, size, Reading.ALONE);
	}

	/** As {@link #page(Caller, Long, YearMonth, Show, String, int)}, the scope resolved ({@code orgs}, null: the whole tree). */
	Roll page(Caller caller, Long orgId, Set<Long> orgs, YearMonth month, Show show, String after, int size, Reading reading) {
		return page(caller, orgId, orgs, month, show, cursor(after), size, null, reading);
	}

	/**
	 * The {@code plan_cache_mode} the page's statement is planned under. One kept plan: the generic plan is the custom one
	 * at every level (the roll's index in its order, the scope inside its condition), and planning this statement on
	 * every call cost more than running it (left to PostgreSQL, the root's was planned on every call: 0.9 ms of its 2.8).
	 * Not the arrears: how many bills the walk reads to find a page of members in arrears depends on the scope (a
	 * college's took 96 ms on a plan kept for others, 21 ms planned for its own values).
	 */
	static String planMode(Show show) {
		return show == Show.ARREARS ? "force_custom_plan" : "force_generic_plan";
	}

	/**
	 * As above, from the cursor {@code from} read already; {@code totals}: the month's totals in scope read already, or
	 * null to read them with the page.
	 */
	private Roll page(Caller caller, Long orgId, Set<Long> orgs, YearMonth month, Show show, long[] from, int size,
			RollTotals totals, Reading reading) {
		boolean countUnbilled = reading == Reading.ROLL_PAGE && orgs != null && month.equals(YearMonth.now(clock));
		if (show == Show.NO_BILL) {
			RollTotals sums = totals == null ? totals(month, orgs) : totals;
			return unbilled(caller, orgId, orgs, month, sums, from, size, countUnbilled ? unbilled(orgs, sums) : 0);
		}
		// a scope of many organisations: its totals from a copy a few seconds old, said so (a province's 23 000
		// organisations' running totals summed cost 5.7 ms, a school's 1 183 1.7 ms)
		boolean recent = totals == null && large.applyTo(orgs == null ? tree.activeOrganizations() : orgs.size());
		if (recent) {
			totals = large.get(month, orgs, () -> totals(month, orgs));
		}
		Date first = Date.valueOf(month.atDay(1));
		Long[] scope = orgs == null ? null : orgs.toArray(Long[]::new);
		List<Object> args = new ArrayList<>();
		StringBuilder where = new StringBuilder("from dues_bill b where b.month = ?");
		args.add(first);
		if (scope != null) {
			where.append(" and b.organization_id = any(?)");
			args.add(scope);
		}
		if (show == Show.UNPAID || show == Show.PAID) {
			where.append(" and b.state = ?");
			args.add(show.name());
		}
		Date current = Date.valueOf(YearMonth.now(clock).atDay(1));
		if (show == Show.ARREARS) {
			// in arrears: the member's last bill before this month is unpaid (a run of unpaid months up to now)
			where.append(" and (select s.state from dues_bill s where s.member_id = b.member_id and s.month < ?"
					+ " order by s.month desc limit 1) = 'UNPAID'");
			args.add(current);
		}
		// one statement, one round trip: the totals (unless read already), the page's bills, each line's 党费交至 and its run
		// of unpaid months; with no bill on the page, one row of totals alone
		List<Object> pageArgs = new ArrayList<>();
		if (totals == null) {
			pageArgs.add(first);
			if (scope != null) {
				pageArgs.add(scope);
			}
		}
		pageArgs.addAll(args);
		String keyset = "";
		if (from != null) {
			keyset = " and (b.organization_id, b.member_id) > (?, ?)";
			pageArgs.add(from[0]);
			pageArgs.add(from[1]);
		}
		pageArgs.add(size);
		pageArgs.add(current);
		pageArgs.add(current);
		String fromWhere = where + keyset;
		String sql = STATEMENTS.computeIfAbsent(new StatementKey(fromWhere, totals == null, scope != null),
				k -> pageStatement(k.fromWhere(), k.withTotals(), k.scoped()));
		record Bill(long memberId, long organizationId, DuesCategory category, BigDecimal base, BigDecimal amount,
				DuesBilling.State state, YearMonth paidUpTo, int run) {
		}
		List<Bill> bills = new ArrayList<>(Math.min(size, 1000));
		RollTotals[] read = { totals };
		if (reading == Reading.ALONE) {
			jdbc.execute("set local plan_cache_mode = " + planMode(show));
		}
		jdbc.query(sql, rs -> {
			if (read[0] == null) {
				read[0] = totals(rs);
			}
			if (rs.getObject(6) != null) {
				LocalDate paidUpTo = rs.getObject(12, LocalDate.class);
				bills.add(new Bill(rs.getLong(6), rs.getLong(7), DuesCategory.valueOf(rs.getString(8)), rs.getBigDecimal(9),
						rs.getBigDecimal(10), DuesBilling.State.valueOf(rs.getString(11)),
						paidUpTo == null ? null : YearMonth.from(paidUpTo), rs.getInt(13)));
			}
		}, pageArgs.toArray());
		RollTotals sums = read[0];
		long listed;
		boolean exact = !recent;
		switch (show) {
			case UNPAID -> listed = sums.unpaid();
			case PAID -> listed = sums.paid();
			case ARREARS -> {
				// counted with a plan for these values, as the page's statement is (set above)
				ListTotal total = ListTotal.of(jdbc, 1000, where.toString(), args.toArray());
				listed = total.count();
				exact = total.exact();
			}
			default -> listed = sums.billed() + sums.exempt();
		}
		// the lines' names and, for a scope whose member count is not a kept copy, that count: one round trip
		boolean counted = countUnbilled && !largeCounts.applyTo(orgs.size());
		MemberRefsAndCount found = members.refsAndCountIn(bills.stream().map(Bill::memberId).toList(), counted ? orgs : Set.of());
		long unbilled = counted ? unbilled(found.count(), sums) : countUnbilled ? unbilled(orgs, sums) : 0;
		Map<Long, String> names = new HashMap<>();
		found.refs().forEach(m -> names.put(m.id(), m.name()));
		Map<Long, String> orgNames = access.qualifiedNames(bills.stream().map(Bill::organizationId).distinct().toList());
		List<RollLine> lines = new ArrayList<>(bills.size());
		for (Bill b : bills) {
			lines.add(new RollLine(b.memberId(), names.getOrDefault(b.memberId(), ""), b.organizationId(),
					orgNames.getOrDefault(b.organizationId(), ""), b.category(), b.base(), b.amount(), b.state(), b.paidUpTo(), b.run()));
		}
		Bill last = bills.size() < size ? null : bills.get(bills.size() - 1);
		return new Roll(month, Collections.unmodifiableList(lines), sums, Math.max(listed, lines.size()), exact,
				last == null ? null : last.organizationId() + "." + last.memberId(), false, recent, unbilled);
	}

	/** What the page's statement is written from: its text follows from these alone (a new filter needs no new key). */
	private record StatementKey(String fromWhere, boolean withTotals, boolean scoped) {
	}

	/**
	 * The page's statements, each written once: built on every page, its 1.5 KB were formatted and then hashed again
	 * by the driver's cache of prepared statements (about 1% of a school's roll page, sampled).
	 */
	private static final Map<StatementKey, String> STATEMENTS = new ConcurrentHashMap<>();

	/**
	 * The page's one statement: the month's totals (unless {@code withTotals} is false: zeros, read already), the page's
	 * bills ({@code fromWhere}: from, where and cursor, without order or limit), each line's 党费交至 and its run of unpaid
	 * months; with no bill on the page, one row of totals alone. Parameters: the totals' month and scope (when read), the
	 * bills', the limit, the current month twice. The runs take their members' ids as a column, not a sub-select:
	 * PostgreSQL then inlines {@code dues_arrears_runs} into the statement's plan, kept with it, instead of planning the
	 * function's body apart on every call (0.4 ms instead of 3.5 for 100 lines at a school). Those members are only the
	 * page's who owe a month before this one ({@code owing}, from the unpaid bills' index): the others have no run, and
	 * the function read every settled bill of all of them (0.1 ms of a college's page).
	 */
	static String pageStatement(String fromWhere, boolean withTotals, boolean scoped) {
		return "with t as (" + (withTotals ? TOTALS + (scoped ? " and organization_id = any(?)" : "")
				: "select 0, 0, 0, 0::numeric, 0::numeric") + """
				),
				p as (select b.member_id, b.organization_id, b.category, b.base, b.amount, b.state %s
				      order by b.organization_id, b.member_id limit ?),
				ids as (select coalesce(array_agg(member_id), '{}') as a from p),
				%s,
				owing as (select coalesce(array_agg(distinct member_id), '{}') as a from dues_bill
				          where state = 'UNPAID' and month < ? and member_id = any((select a from ids)::bigint[])),
				runs as (select r.member_id, r.run from owing cross join lateral dues_arrears_runs(?, owing.a) r)
				select t.*, p.member_id, p.organization_id, p.category, p.base, p.amount, p.state, greatest(u.m, e.up_to), r.run
				from t left join p on true left join paid_up_to u on u.member_id = p.member_id
				  left join elsewhere e on e.member_id = p.member_id left join runs r on r.member_id = p.member_id
				order by p.organization_id, p.member_id""".formatted(fromWhere, PAID_UP_TO);
	}

	/**
	 * 党费交至 of the members in the CTE {@code ids} (their array in column {@code a}), as
	 * {@link DuesManagement#paidUpTo(long)} says it, in two CTEs: {@code paid_up_to}, the last month settled here before
	 * the first unpaid one, kept per member from the bills (V141); {@code elsewhere}, the 党费交至 of the letter they
	 * arrived with. 党费交至 is the later of the two.
	 */
	private static final String PAID_UP_TO = """
			paid_up_to as (select member_id, month as m from dues_paid_up_to where member_id = any((select a from ids)::bigint[])),
			elsewhere as (select member_id, up_to from dues_paid_elsewhere where member_id = any((select a from ids)::bigint[]))""";

	/**
	 * Members without a bill for the month (no base yet, joined later, paid elsewhere): found among the scope's members,
	 * so only in a scope of at most {@code party.dues.roll-limit} members; above it none are listed ({@code tooMany}).
	 */
	private Roll unbilled(Caller caller, Long orgId, Set<Long> scoped, YearMonth month, RollTotals totals, long[] from, int size,
			long counted) {
		List<MemberSummary> people = within(caller, orgId, scoped, totals);
		if (people == null) {
			return new Roll(month, List.of(), totals, 0, true, null, true, false, counted);
		}
		Long[] all = people.stream().map(MemberSummary::id).toArray(Long[]::new);
		Set<Long> billed = new HashSet<>(jdbc.queryForList("select member_id from dues_bill where month = ? and member_id = any(?)",
				Long.class, Date.valueOf(month.atDay(1)), all));
		List<MemberSummary> listed = people.stream().filter(m -> !billed.contains(m.id()))
			.sorted(Comparator.comparingLong(MemberSummary::organizationId).thenComparingLong(MemberSummary::id)).toList();
		List<MemberSummary> shown = listed.stream().filter(m -> from == null || m.organizationId() > from[0]
				|| m.organizationId() == from[0] && m.id() > from[1]).limit(size).toList();
		List<Long> ids = shown.stream().map(MemberSummary::id).toList();
		Map<Long, String> orgNames = access.qualifiedNames(shown.stream().map(MemberSummary::organizationId).distinct().toList());
		Map<Long, YearMonth> paidUpTo = paidUpTo(ids);
		Map<Long, Integer> runs = arrears.runs(ids, YearMonth.now(clock));
		List<RollLine> lines = shown.stream().map(m -> new RollLine(m.id(), m.name(), m.organizationId(),
				orgNames.getOrDefault(m.organizationId(), ""), null, null, null, null, paidUpTo.get(m.id()), runs.getOrDefault(m.id(), 0)))
			.toList();
		MemberSummary last = shown.size() < size ? null : shown.get(shown.size() - 1);
		return new Roll(month, lines, totals, listed.size(), true, last == null ? null : last.organizationId() + "." + last.id(),
				false, false, counted);
	}

	/**
	 * Members of the scope who owe dues on a base but have no approved one for the month, by name; null above the roll's
	 * limit (a school, a province: they are not read member by member — choose a college or branch).
	 */
	List<MemberSummary> withoutBase(Caller caller, Long orgId, Set<Long> orgs, YearMonth month, RollTotals totals) {
		List<MemberSummary> people = within(caller, orgId, orgs, totals);
		return people == null ? null : bases.missing(people, month);
	}

	/**
	 * How many members of these organisations have no bill among the month's totals — no base approved, joined or
	 * transferred in since the bills were made, paid elsewhere: from the member counts kept per organisation, never from
	 * reading the members. For the current month (the counts are today's); 0 for the whole tree (null: not counted at a
	 * province's root, whose 25 000 organisations the roll does not load).
	 */
	long unbilled(Set<Long> orgs, RollTotals totals) {
		if (orgs == null) {
			return 0;
		}
		// a school's 1 183 organisations summed on every page: a third of a millisecond, a fifteenth of its page
		long counted = largeCounts.applyTo(orgs.size()) ? largeCounts.get(null, orgs, () -> members.countIn(orgs))
				: members.countIn(orgs);
		return unbilled(counted, totals);
	}

	/** Of {@code members} counted in a scope, those without a bill among its totals. */
	private static long unbilled(long members, RollTotals totals) {
		return Math.max(0, members - totals.billed() - totals.exempt());
	}

	/** The scope's members when they are at most the roll's limit (the bills and the kept member counts say), else null. */
	private List<MemberSummary> within(Caller caller, Long orgId, Set<Long> scoped, RollTotals totals) {
		if (totals.billed() + totals.exempt() > limit) {
			return null;
		}
		Set<Long> orgs = scoped != null ? scoped : access.organizations(caller, orgId);
		return members.countIn(orgs) > limit ? null : members.summaries(orgs);
	}

	/** The month's running totals, its first parameter the month (a scope to be appended to it). */
	private static final String TOTALS = """
			select coalesce(sum(bills) filter (where state <> 'EXEMPT'), 0), coalesce(sum(bills) filter (where state = 'PAID'), 0),
			       coalesce(sum(bills) filter (where state = 'EXEMPT'), 0),
			       coalesce(sum(amount) filter (where state <> 'EXEMPT'), 0), coalesce(sum(amount) filter (where state = 'PAID'), 0)
			from dues_bill_tally where month = ?""";

	/** The month's running totals in these organisations (null: the whole tree). */
	RollTotals totals(YearMonth month, Set<Long> orgs) {
		List<Object> args = new ArrayList<>(List.of(Date.valueOf(month.atDay(1))));
		if (orgs != null) {
			args.add(orgs.toArray(Long[]::new));
		}
		return jdbc.queryForObject(TOTALS + (orgs == null ? "" : " and organization_id = any(?)"), (rs, n) -> totals(rs), args.toArray());
	}

	/** The totals in a row's first five columns. */
	private static RollTotals totals(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new RollTotals(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5));
	}

	/** The cursor {@code organisation.member} of the last line of a page; null for a first page; unreadable: 400 on after. */
	static long[] cursor(String after) {
		if (after == null || after.isBlank()) {
			return null;
		}
		try {
			String[] parts = after.trim().split("\\.");
			if (parts.length != 2) {
				throw new IllegalArgumentException(after);
			}
			return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
		}
		catch (RuntimeException unreadable) {
			throw new FieldProblem("after", "keyset.after.invalid");
		}
	}

	/** 党费交至 of these members (see {@link #PAID_UP_TO}); none for a member with nothing settled here or elsewhere. */
	private Map<Long, YearMonth> paidUpTo(List<Long> who) {
		Map<Long, YearMonth> paidUpTo = new HashMap<>();
		if (who.isEmpty()) {
			return paidUpTo;
		}
		jdbc.query("with ids as (select ?::bigint[] as a), " + PAID_UP_TO + """
				select coalesce(u.member_id, e.member_id), greatest(u.m, e.up_to) from paid_up_to u full join elsewhere e
				  on e.member_id = u.member_id""", rs -> {
			paidUpTo.put(rs.getLong(1), YearMonth.from(rs.getObject(2, LocalDate.class)));
		}, (Object) who.toArray(Long[]::new));
		return paidUpTo;
	}
}
