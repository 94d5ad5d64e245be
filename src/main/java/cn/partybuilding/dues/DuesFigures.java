package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;

/**
 * The dues figures: the collection rate (bills paid over bills due, from the tallies {@link DuesReports} reads)
 * and the members in arrears (a run of unpaid months at the first warning level, as {@link DuesArrears} counts
 * it). Only months due by today count: the months before this one, and this month's bills already paid (as
 * paid and due), so a month under way is not a gap yet.
 */
@Component
@Transactional(readOnly = true)
class DuesFigures implements Figures {

	static final String COLLECTION = "dues.collection";

	static final String ARREARS = "dues.arrears";

	private final DuesReports reports;

	private final DuesArrears arrears;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final DuesWarnings warnings;

	DuesFigures(DuesReports reports, DuesArrears arrears, MemberDirectory members, OrganizationScope scope,
			JdbcTemplate jdbc, Clock clock, DuesWarnings warnings) {
		this.warnings = warnings;
		this.reports = reports;
		this.arrears = arrears;
		this.members = members;
		this.scope = scope;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(COLLECTION, "figure." + COLLECTION, Unit.RATE, Direction.HIGHER_IS_BETTER),
				new Kind(ARREARS, "figure." + ARREARS, Unit.COUNT, Direction.LOWER_IS_BETTER, true));
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		if (orgIds.isEmpty()) {
			return Map.of();
		}
		return switch (code == null ? "" : code) {
			case COLLECTION -> collection(subtrees(orgIds), period);
			case ARREARS -> arrears(subtrees(orgIds));
			default -> Map.of();
		};
	}

	private Map<Long, Set<Long>> subtrees(Collection<Long> orgIds) {
		return scope.subtreesOf(orgIds);
	}

	private static Set<Long> union(Map<Long, Set<Long>> subtrees) {
		Set<Long> all = new HashSet<>();
		subtrees.values().forEach(all::addAll);
		return all;
	}

	/** The first day of this month: the months before it are due in full. */
	private LocalDate thisMonth() {
		return YearMonth.now(clock).atDay(1);
	}

	private Map<Long, Measured> collection(Map<Long, Set<Long>> subtrees, Period period) {
		Set<Long> all = union(subtrees);
		LocalDate current = thisMonth();
		LocalDate end = period.until().isBefore(current) ? period.until() : current;
		Map<Long, int[]> byOrg = new HashMap<>();
		if (period.from().isBefore(end)) {
			reports.totals(all, period.from(), end).forEach((org, line) -> byOrg.put(org,
					new int[] { line.paidBills(), line.dueBills() }));
		}
		if (!current.isBefore(period.from()) && current.isBefore(period.until())) {
			// this month is under way: its paid bills count, as paid and due; its unpaid ones are not late yet
			reports.totals(all, current, current.plusMonths(1)).forEach((org, line) -> {
				int[] c = byOrg.computeIfAbsent(org, o -> new int[2]);
				c[0] += line.paidBills();
				c[1] += line.paidBills();
			});
		}
		Map<Long, Measured> out = new HashMap<>();
		subtrees.forEach((org, subtree) -> {
			int paid = 0;
			int due = 0;
			for (Long o : subtree) {
				int[] c = byOrg.get(o);
				if (c != null) {
					paid += c[0];
					due += c[1];
				}
			}
			if (due > 0) {
				out.put(org, Measured.of(BigDecimal.valueOf(paid).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP),
						"figure." + COLLECTION + ".source", paid, due));
			}
		});
		return out;
	}

	/**
	 * Counted per organisation in the database: the members from the counts kept per organisation, those in arrears
	 * by {@link DuesWarnings#owingIn}; no member read one by one.
	 */
	private Map<Long, Measured> arrears(Map<Long, Set<Long>> subtrees) {
		Set<Long> all = union(subtrees);
		Map<Long, Long> people = members.countsIn(all);
		Map<Long, Integer> owingIn = warnings.owingIn(all, YearMonth.now(clock));
		Map<Long, Measured> out = new HashMap<>();
		subtrees.forEach((org, subtree) -> {
			int total = 0;
			int owing = 0;
			for (Long o : subtree) {
				total += people.getOrDefault(o, 0L).intValue();
				owing += owingIn.getOrDefault(o, 0);
			}
			if (total > 0) {
				out.put(org, Measured.of(BigDecimal.valueOf(owing), "figure." + ARREARS + ".source", owing,
						arrears.firstLevel(), total));
			}
		});
		return out;
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		return switch (code == null ? "" : code) {
			case COLLECTION -> unpaid(scope.subtree(orgId), period);
			case ARREARS -> arrears.compute(members.summaries(scope.subtree(orgId)), YearMonth.now(clock)).stream()
				.filter(a -> a.level() > 0).limit(500)
				.map(a -> Behind.of(false, "/dues/members/" + a.memberId(), "figure." + ARREARS + ".behind", a.name(),
						a.consecutive(), a.since() == null ? "" : a.since().toString(), a.unpaidMonths()))
				.toList();
			default -> List.of();
		};
	}

	/** The members with bills unpaid in the period's months due by today, the most months first. */
	private List<Behind> unpaid(Set<Long> subtree, Period period) {
		LocalDate current = thisMonth();
		LocalDate end = period.until().isBefore(current) ? period.until() : current;
		if (subtree.isEmpty() || !period.from().isBefore(end)) {
			return List.of();
		}
		List<Object[]> rows = jdbc.query("""
				select member_id, count(*), string_agg(to_char(month, 'YYYY-MM'), ', ' order by month)
				from dues_bill where state = 'UNPAID' and month >= ? and month < ? and organization_id = any(?)
				group by member_id order by count(*) desc, member_id limit 500""",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getInt(2), rs.getString(3) }, Date.valueOf(period.from()),
				Date.valueOf(end), subtree.toArray(Long[]::new));
		Map<Long, String> names = new HashMap<>();
		members.refs(rows.stream().map(r -> (Long) r[0]).toList()).forEach(m -> names.put(m.id(), m.name()));
		List<Behind> out = new ArrayList<>();
		for (Object[] r : rows) {
			out.add(Behind.of(false, "/dues/members/" + r[0], "figure." + COLLECTION + ".behind",
					names.getOrDefault((Long) r[0], ""), r[1], r[2]));
		}
		return out;
	}
}
