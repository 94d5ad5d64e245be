package cn.partybuilding.development;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;

/**
 * The development funnel of a year (applications → activists → 发展对象 → admitted → converted), counted from the
 * steps approved that year in the caller's scope, in total and per college (the organisation a branch hangs under).
 */
@Component
@Transactional(readOnly = true)
class DevelopmentFunnel {

	/** One line of the funnel: a college (or the whole scope) and its five counts. */
	record Line(Long organizationId, String organizationName, long applications, long activists, long candidates,
			long admitted, long converted) {
	}

	record Funnel(int year, Line total, List<Line> byCollege) {
	}

	private static final int[] COUNTED = { Step.APPLICATION.number(), Step.ACTIVIST.number(), Step.CANDIDATE.number(),
			Step.ADMISSION_APPROVAL.number(), Step.CONVERSION_APPROVAL.number() };

	private final NamedParameterJdbcTemplate jdbc;

	private final OrganizationScope scope;

	DevelopmentFunnel(NamedParameterJdbcTemplate jdbc, OrganizationScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	Funnel of(Caller caller, Long organizationId, int year) {
		Set<Long> orgs = scope.covered(caller, organizationId, "development-funnel", DevelopmentPeople.READ);
		Map<Long, long[]> byOrg = counts(orgs, year);
		Map<Long, OrgRef> refs = new HashMap<>();
		scope.findAll(byOrg.keySet()).forEach(r -> refs.put(r.id(), r));
		Map<Long, long[]> byCollege = new TreeMap<>();
		long[] total = new long[COUNTED.length];
		byOrg.forEach((org, counts) -> {
			OrgRef ref = refs.get(org);
			long college = ref == null || ref.parentId() == null ? org : ref.parentId();
			long[] line = byCollege.computeIfAbsent(college, c -> new long[COUNTED.length]);
			for (int i = 0; i < counts.length; i++) {
				line[i] += counts[i];
				total[i] += counts[i];
			}
		});
		Map<Long, String> names = scope.qualifiedNames(byCollege.keySet());
		List<Line> lines = new ArrayList<>();
		byCollege.forEach((college, c) -> lines.add(line(college, names.getOrDefault(college, ""), c)));
		lines.sort((a, b) -> a.organizationName().compareTo(b.organizationName()));
		return new Funnel(year, line(organizationId, null, total), lines);
	}

	private static Line line(Long id, String name, long[] c) {
		return new Line(id, name, c[0], c[1], c[2], c[3], c[4]);
	}

	/** How many of each counted step these organisations had approved between the days (until exclusive), in all. */
	long[] totals(Collection<Long> orgs, LocalDate from, LocalDate until) {
		long[] total = new long[COUNTED.length];
		counts(orgs, from, until).values().forEach(line -> {
			for (int i = 0; i < line.length; i++) {
				total[i] += line[i];
			}
		});
		return total;
	}

	private Map<Long, long[]> counts(Collection<Long> orgs, int year) {
		return counts(orgs, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
	}

	/** Per branch: how many of each counted step were approved in the days (a conversion only when not extended). */
	private Map<Long, long[]> counts(Collection<Long> orgs, LocalDate from, LocalDate until) {
		Map<Long, long[]> byOrg = new HashMap<>();
		if (orgs.isEmpty()) {
			return byOrg;
		}
		// one array parameter, not a bind per organisation: a province's scope is 25 000 of them
		var params = new MapSqlParameterSource("orgs", orgs.toArray(Long[]::new))
			.addValue("from", Date.valueOf(from))
			.addValue("until", Date.valueOf(until));
		jdbc.query("""
				select organization_id, step, count(*) as n from development_step
				where decision = 'APPROVED' and step in (1, 3, 7, 17, 24) and done_on >= :from and done_on < :until
				  and organization_id = any(:orgs) and not cancelled and (step <> 24 or extension_months is null)
				group by organization_id, step""", params, rs -> {
			long[] line = byOrg.computeIfAbsent(rs.getLong(1), o -> new long[COUNTED.length]);
			int step = rs.getInt(2);
			for (int i = 0; i < COUNTED.length; i++) {
				if (COUNTED[i] == step) {
					line[i] = rs.getLong(3);
				}
			}
		});
		return byOrg;
	}
}
