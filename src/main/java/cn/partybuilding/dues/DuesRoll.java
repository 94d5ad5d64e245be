package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;

/**
 * The branch's roll for a month: every member with what they owe that month and its state, 党费交至,
 * and their run of unpaid months — what the 组织委员 works from.
 */
@Service
@Transactional(readOnly = true)
class DuesRoll {

	private final JdbcTemplate jdbc;

	private final DuesAccess access;

	private final MemberDirectory members;

	private final DuesArrears arrears;

	private final Clock clock;

	private final int limit;

	private final DuesBases bases;

	DuesRoll(DuesBases bases, JdbcTemplate jdbc, DuesAccess access, MemberDirectory members, DuesArrears arrears, Clock clock,
			@Value("${party.dues.roll-limit:3000}") int limit) {
		this.limit = limit;
		this.bases = bases;
		this.jdbc = jdbc;
		this.access = access;
		this.members = members;
		this.arrears = arrears;
		this.clock = clock;
	}

	public enum Show { ALL, UNPAID, PAID, ARREARS, NO_BILL }

	public record Line(long memberId, String name, String organizationName, DuesCategory category, BigDecimal base,
			BigDecimal amount, DuesBilling.State state, YearMonth paidUpTo, int consecutive) {
	}

	/**
	 * {@code tooMany}: the scope holds more members than a roll lists; the totals are there, the lines are not.
	 * {@code noBase}: members who owe dues on a base but have none approved for the month — not billed, so
	 * counted apart rather than hidden. {@code lines} are one page (number {@code page}) of the {@code listed}
	 * members the filter keeps.
	 */
	public record Roll(YearMonth month, List<Line> lines, int billed, int paid, BigDecimal due, BigDecimal collected,
			boolean tooMany, int noBase, int listed, int page) {
	}

	/** The whole roll, every line (the spreadsheet). */
	public Roll of(Caller caller, Long orgId, YearMonth month, Show show) {
		return page(caller, orgId, month, show, 0, Integer.MAX_VALUE);
	}

	/**
	 * One page of the roll, {@code size} lines from page {@code page} (the last page when it is beyond). The month's
	 * bills are read for the whole scope (the totals and the filter need them); what is looked up line by line — 党费交至,
	 * the run of unpaid months — only for the page shown, unless the filter is the run itself.
	 */
	Roll page(Caller caller, Long orgId, YearMonth month, Show show, int page, int size) {
		return read(caller, orgId, month, show, page, size).roll();
	}

	/**
	 * The roll as the page shows it, with what it read that the page reuses around the roll: the scope's organisations,
	 * its members and those without a base for the month (none above the roll's limit, where no member is read).
	 */
	record Read(Roll roll, Set<Long> organizations, List<MemberSummary> people, List<MemberSummary> missing) {
	}

	/** As {@link #page}, keeping what was read for the sections around the roll. */
	Read read(Caller caller, Long orgId, YearMonth month, Show show, int page, int size) {
		Set<Long> orgs = access.organizations(caller, orgId);
		if (tooMany(orgs, month)) {
			// a whole school is not read name by name: the month's totals, and the advice to choose a college or branch
			return new Read(tallied(month, orgs), orgs, List.of(), List.of());
		}
		List<MemberSummary> people = members.summaries(orgs);
		record Bill(DuesCategory category, BigDecimal base, BigDecimal amount, DuesBilling.State state) {
		}
		Map<Long, Bill> bills = new HashMap<>();
		jdbc.query("select member_id, category, base, amount, state from dues_bill where month = ? and member_id = any(?)", rs -> {
			bills.put(rs.getLong(1), new Bill(DuesCategory.valueOf(rs.getString(2)), rs.getBigDecimal(3), rs.getBigDecimal(4),
					DuesBilling.State.valueOf(rs.getString(5))));
		}, Date.valueOf(month.atDay(1)), ids(people));
		Map<Long, String> orgNames = access.qualifiedNames(people.stream().map(MemberSummary::organizationId).distinct().toList());
		Map<Long, Integer> runs = show == Show.ARREARS ? runs(people) : null;
		List<MemberSummary> listed = people.stream().filter(m -> {
			DuesBilling.State state = bills.containsKey(m.id()) ? bills.get(m.id()).state() : null;
			return switch (show) {
				case ALL -> true;
				case UNPAID -> state == DuesBilling.State.UNPAID;
				case PAID -> state == DuesBilling.State.PAID;
				case ARREARS -> runs.getOrDefault(m.id(), 0) > 0;
				case NO_BILL -> state == null;
			};
		}).sorted(Comparator.comparing((MemberSummary m) -> orgNames.getOrDefault(m.organizationId(), ""))
			.thenComparing(MemberSummary::name)).toList();
		int p = Math.max(0, Math.min(page, (listed.size() - 1) / size));
		List<MemberSummary> shown = listed.subList((int) Math.min(listed.size(), (long) p * size),
				(int) Math.min(listed.size(), ((long) p + 1) * size));
		Map<Long, YearMonth> paidUpTo = paidUpTo(shown);
		Map<Long, Integer> shownRuns = runs != null ? runs : runs(shown);
		List<Line> lines = shown.stream().map(m -> {
			Bill b = bills.get(m.id());
			return new Line(m.id(), m.name(), orgNames.getOrDefault(m.organizationId(), ""), b == null ? null : b.category(),
					b == null ? null : b.base(), b == null ? null : b.amount(), b == null ? null : b.state(), paidUpTo.get(m.id()),
					shownRuns.getOrDefault(m.id(), 0));
		}).toList();
		List<DuesBilling.State> states = bills.values().stream().map(Bill::state).toList();
		List<MemberSummary> missing = bases.missing(people, month);
		return new Read(new Roll(month, lines, (int) states.stream().filter(st -> st != DuesBilling.State.EXEMPT).count(),
				(int) states.stream().filter(st -> st == DuesBilling.State.PAID).count(),
				sum(bills.values().stream().filter(b -> b.state() != DuesBilling.State.EXEMPT).map(Bill::amount).toList()),
				sum(bills.values().stream().filter(b -> b.state() == DuesBilling.State.PAID).map(Bill::amount).toList()), false,
				missing.size(), listed.size(), p), orgs, people, missing);
	}

	/**
	 * More members than a roll lists: the month's bills in the running totals tell a school or a province at once; only
	 * a scope with fewer bills is counted member by member (members without a bill are few).
	 */
	private boolean tooMany(Set<Long> orgs, YearMonth month) {
		Long billed = jdbc.queryForObject("select coalesce(sum(bills), 0) from dues_bill_tally where month = ? and organization_id = any(?)",
				Long.class, Date.valueOf(month.atDay(1)), orgs.toArray(Long[]::new));
		return billed != null && billed > limit || members.countIn(orgs) > limit;
	}

	/** 党费交至: the last month paid (or exempt) before the first unpaid one. */
	private Map<Long, YearMonth> paidUpTo(List<MemberSummary> who) {
		Long[] ids = ids(who);
		Map<Long, YearMonth> paidUpTo = new HashMap<>();
		jdbc.query("""
				with first_unpaid as (
				  select member_id, min(month) as m from dues_bill where state = 'UNPAID' and member_id = any(?) group by member_id)
				select b.member_id, max(b.month) from dues_bill b left join first_unpaid f on f.member_id = b.member_id
				where b.member_id = any(?) and b.state <> 'UNPAID' and b.month < coalesce(f.m, 'infinity')
				group by b.member_id""", rs -> {
			paidUpTo.put(rs.getLong(1), YearMonth.from(rs.getDate(2).toLocalDate()));
		}, ids, ids);
		return paidUpTo;
	}

	/** Each member's run of unpaid months up to now (none: absent). */
	private Map<Long, Integer> runs(List<MemberSummary> who) {
		return arrears.compute(who, YearMonth.now(clock)).stream()
			.collect(Collectors.toMap(DuesArrears.Arrears::memberId, DuesArrears.Arrears::consecutive));
	}

	private static Long[] ids(List<MemberSummary> who) {
		return who.stream().map(MemberSummary::id).toArray(Long[]::new);
	}

	private static BigDecimal sum(List<BigDecimal> amounts) {
		return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	private Roll tallied(YearMonth month, Set<Long> orgs) {
		return jdbc.queryForObject("""
				select coalesce(sum(bills) filter (where state <> 'EXEMPT'), 0), coalesce(sum(bills) filter (where state = 'PAID'), 0),
				       coalesce(sum(amount) filter (where state <> 'EXEMPT'), 0), coalesce(sum(amount) filter (where state = 'PAID'), 0)
				from dues_bill_tally where month = ? and organization_id = any(?)""", (rs, n) -> new Roll(month, List.of(),
				rs.getInt(1), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4), true, 0, 0, 0), Date.valueOf(month.atDay(1)),
				orgs.toArray(Long[]::new));
	}
}
