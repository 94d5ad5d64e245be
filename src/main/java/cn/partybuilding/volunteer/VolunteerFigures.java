package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;

/**
 * The figure of 志愿服务 ({@code volunteer.hours}): the hours confirmed for days in the period of the people of a
 * subtree (as {@link VolunteerHours} counts them: for the organisation they belonged to when they signed up) per
 * member the subtree has today. Behind it the hours per organisation and activity, never a ranking of people.
 */
@Component
@Transactional(readOnly = true)
class VolunteerFigures implements Figures {

	static final String HOURS = "volunteer.hours";

	private final VolunteerHours hours;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final JdbcClient jdbc;

	VolunteerFigures(VolunteerHours hours, OrganizationScope scope, MemberDirectory members, JdbcClient jdbc) {
		this.hours = hours;
		this.scope = scope;
		this.members = members;
		this.jdbc = jdbc;
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(HOURS, "figure." + HOURS, Unit.PER_MEMBER, Direction.HIGHER_IS_BETTER));
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		if (!HOURS.equals(code)) {
			return Map.of();
		}
		Map<Long, Set<Long>> trees = new LinkedHashMap<>();
		trees.putAll(scope.subtreesOf(orgIds));
		Set<Long> all = new HashSet<>();
		trees.values().forEach(all::addAll);
		Map<Long, Long> perOrg = members.countsIn(all);
		Map<Long, VolunteerHours.Sums> sums = hours.perSubtree(trees, period.from(), period.until().minusDays(1));
		Map<Long, Measured> result = new LinkedHashMap<>();
		trees.forEach((root, tree) -> {
			long count = tree.stream().mapToLong(org -> perOrg.getOrDefault(org, 0L)).sum();
			if (count == 0) {
				// no members: nothing to divide by
				return;
			}
			BigDecimal served = sums.containsKey(root) ? sums.get(root).hours() : BigDecimal.ZERO;
			BigDecimal value = served.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
			result.put(root, Measured.of(value, "figure." + HOURS + ".source", served.stripTrailingZeros().toPlainString(),
					count, sums.containsKey(root) ? sums.get(root).people() : 0));
		});
		return result;
	}

	/** One organisation's hours at one activity. */
	record Served(long orgId, long activityId, String title, int people, BigDecimal hours) {
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		if (!HOURS.equals(code)) {
			return List.of();
		}
		Set<Long> tree = scope.subtree(orgId);
		if (tree.isEmpty()) {
			return List.of();
		}
		List<Served> rows = jdbc.sql("""
				select g.person_org_id, a.id, a.title, count(distinct coalesce(g.account_id::text, g.person_name)), sum(g.hours)
				from volunteer_signup g join volunteer_shift s on s.id = g.shift_id
				join volunteer_activity a on a.id = s.activity_id
				where g.person_org_id = any(?) and g.hours is not null and g.hours_day between ? and ?
				group by g.person_org_id, a.id, a.title
				order by sum(g.hours) desc, g.person_org_id, a.id limit 500""")
			.params(tree.toArray(Long[]::new), period.from(), period.until().minusDays(1))
			.query((rs, n) -> new Served(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5)))
			.list();
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(Served::orgId).distinct().toList());
		return rows.stream()
			.map(r -> Behind.of(true, "/volunteer/activities/" + r.activityId(), "figure." + HOURS + ".line",
					names.getOrDefault(r.orgId(), ""), r.title(), r.people(), r.hours().stripTrailingZeros().toPlainString()))
			.toList();
	}
}
