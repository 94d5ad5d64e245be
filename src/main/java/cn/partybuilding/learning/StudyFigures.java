package cn.partybuilding.learning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The study figures: outline completion (finished over expected, member by outline, for the 每周学习纲要 due in
 * the period and already past their due day, counted as {@link StudyOutlines#completion} counts a college) and
 * the study points per member (points earned in the period over the members now in the subtree). Counts, never
 * a personal ranking.
 */
@Component
@Transactional(readOnly = true)
class StudyFigures implements Figures {

	static final String OUTLINES = "learning.outlines";

	static final String POINTS = "learning.points";

	private final StudyOutlines outlines;

	private final StudyPoints points;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final int pointsByAccountUpTo;

	StudyFigures(StudyOutlines outlines, StudyPoints points, MemberDirectory members, OrganizationScope scope,
			JdbcTemplate jdbc, Clock clock, @Value("${party.learning.points-by-account-up-to:50000}") int pointsByAccountUpTo) {
		this.pointsByAccountUpTo = pointsByAccountUpTo;
		this.outlines = outlines;
		this.points = points;
		this.members = members;
		this.scope = scope;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(OUTLINES, "figure." + OUTLINES, Unit.RATE, Direction.HIGHER_IS_BETTER),
				new Kind(POINTS, "figure." + POINTS, Unit.PER_MEMBER, Direction.HIGHER_IS_BETTER));
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		if (orgIds.isEmpty() || !OUTLINES.equals(code) && !POINTS.equals(code)) {
			return Map.of();
		}
		Map<Long, Set<Long>> subtrees = scope.subtreesOf(orgIds);
		Set<Long> all = new HashSet<>();
		subtrees.values().forEach(all::addAll);
		Map<Long, Measured> out = new HashMap<>();
		if (OUTLINES.equals(code)) {
			List<Due> due = due(period, all);
			Map<Long, Integer> counts = members.accountCountsIn(all);
			Map<Long, Map<Long, int[]>> finished = outlines.finishedIn(due.stream().map(Due::id).toList(), all);
			subtrees.forEach((org, subtree) -> {
				int expected = 0;
				int done = 0;
				int n = 0;
				for (Due o : due) {
					int[] c = count(o, subtree, counts, finished);
					if (c[1] > 0) {
						done += c[0];
						expected += c[1];
						n++;
					}
				}
				if (expected > 0) {
					out.put(org, Measured.of(ratio(done, expected, 4), "figure." + OUTLINES + ".source", done, expected, n));
				}
			});
		}
		else {
			Map<Long, int[]> byOrg = pointsIn(all, period);
			subtrees.forEach((org, subtree) -> {
				long sum = 0;
				int n = 0;
				for (Long o : subtree) {
					int[] c = byOrg.get(o);
					if (c != null) {
						sum += c[0];
						n += c[1];
					}
				}
				if (n > 0) {
					out.put(org, Measured.of(ratio(sum, n, 2), "figure." + POINTS + ".source", sum, n));
				}
			});
		}
		return out;
	}

	/**
	 * Per organisation of these: {points earned in the period by its members with an account, those members}. The
	 * members are counted in the database. Up to {@code party.learning.points-by-account-up-to} of them, their own
	 * points are read by account (the primary key): a branch or a college does not read the whole platform's study.
	 * Above (the province, a larger school), the accounts that earned points in the period are read by day
	 * ({@code learning_points_day_idx}) and only those looked up, so a province's million members are not read when few
	 * of them studied.
	 */
	private Map<Long, int[]> pointsIn(Set<Long> orgs, Period period) {
		Map<Long, int[]> byOrg = new HashMap<>();
		members.accountCountsIn(orgs).forEach((org, n) -> byOrg.put(org, new int[] { 0, n }));
		long withAccounts = byOrg.values().stream().mapToLong(c -> c[1]).sum();
		if (withAccounts <= pointsByAccountUpTo) {
			List<MemberAccount> accounts = members.accountsIn(byOrg.keySet());
			Map<Long, Integer> earned = points.perAccount(accounts.stream().map(MemberAccount::accountId).toList(),
					period.from(), period.until());
			addEarned(byOrg, accounts, earned);
			return byOrg;
		}
		Map<Long, Integer> earned = points.earnedBetween(period.from(), period.until());
		if (earned.isEmpty()) {
			return byOrg;
		}
		Set<Long> withEarners = new HashSet<>();
		List<Long> earners = List.copyOf(earned.keySet());
		for (int i = 0; i < earners.size(); i += 5000) {
			members.membersOfAccounts(earners.subList(i, Math.min(earners.size(), i + 5000))).stream()
				.map(MemberRef::organizationId).filter(orgs::contains).forEach(withEarners::add);
		}
		addEarned(byOrg, members.accountsIn(withEarners), earned);
		return byOrg;
	}

	private static void addEarned(Map<Long, int[]> byOrg, List<MemberAccount> accounts, Map<Long, Integer> earned) {
		for (MemberAccount p : accounts) {
			Integer e = earned.get(p.accountId());
			int[] c = byOrg.get(p.organizationId());
			if (e != null && c != null) {
				c[0] += e;
			}
		}
	}

	private static BigDecimal ratio(long part, long whole, int scale) {
		return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), scale, RoundingMode.HALF_UP);
	}

	/** An outline due in the period and past its due day, with the organisations of its audience. */
	private record Due(long id, long orgId, String week, String title, LocalDate dueOn, Set<Long> audience) {
	}

	/**
	 * The outlines due in the period whose due day is over (an outline still open is not a gap yet), each with its
	 * audience (its organisation's subtree), keeping those that reach some of {@code orgs}.
	 */
	private List<Due> due(Period period, Set<Long> orgs) {
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		LocalDate end = period.until().isAfter(today) ? today : period.until();
		if (!period.from().isBefore(end)) {
			return List.of();
		}
		List<Object[]> rows = jdbc.query("""
				select id, organization_id, week, title, due_on from learning_outline
				where withdrawn_at is null and due_on >= ? and due_on < ? order by due_on, id""",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
						rs.getDate(5).toLocalDate() }, period.from(), end);
		Map<Long, Set<Long>> audiences = new HashMap<>();
		List<Due> due = new ArrayList<>();
		for (Object[] r : rows) {
			Set<Long> audience = audiences.computeIfAbsent((Long) r[1], scope::subtree);
			if (audience.stream().anyMatch(orgs::contains)) {
				due.add(new Due((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], (LocalDate) r[4], audience));
			}
		}
		return due;
	}

	/** One outline inside one subtree: finished and expected (members of its audience there). */
	private static int[] count(Due o, Set<Long> subtree, Map<Long, Integer> counts, Map<Long, Map<Long, int[]>> finished) {
		Map<Long, int[]> fin = finished.getOrDefault(o.id(), Map.of());
		int done = 0;
		int expected = 0;
		Set<Long> smaller = o.audience().size() < subtree.size() ? o.audience() : subtree;
		Set<Long> other = smaller == subtree ? o.audience() : subtree;
		for (Long org : smaller) {
			if (!other.contains(org)) {
				continue;
			}
			int n = counts.getOrDefault(org, 0);
			done += StudyOutlines.counted(n, fin.get(org))[0];
			expected += n;
		}
		return new int[] { done, expected };
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		Set<Long> subtree = scope.subtree(orgId);
		if (subtree.isEmpty()) {
			return List.of();
		}
		List<Behind> lines = new ArrayList<>();
		if (OUTLINES.equals(code)) {
			List<Due> due = due(period, subtree);
			Map<Long, Integer> counts = members.accountCountsIn(subtree);
			Map<Long, Map<Long, int[]>> finished = outlines.finishedIn(due.stream().map(Due::id).toList(), subtree);
			for (Due o : due) {
				int[] c = count(o, subtree, counts, finished);
				if (c[1] > 0 && lines.size() < 500) {
					long at = subtree.contains(o.orgId()) ? o.orgId() : orgId;
					lines.add(Behind.of(c[0] >= c[1], "/learning/outlines/" + o.id() + "?orgId=" + at,
							"figure." + OUTLINES + ".behind", o.week(), o.title(), o.dueOn().toString(), c[0], c[1]));
				}
			}
		}
		else if (POINTS.equals(code)) {
			List<MemberAccount> people = members.accountsIn(subtree);
			if (people.isEmpty()) {
				return List.of();
			}
			int n = people.size();
			points.perMonth(people.stream().map(MemberAccount::accountId).toList(), period.from(), period.until())
				.forEach((month, sum) -> lines.add(Behind.of(true, "/learning/outlines", "figure." + POINTS + ".behind", month.toString(),
						sum, n, ratio(sum, n, 2))));
		}
		return lines;
	}
}
