package cn.partybuilding.development;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The figure of 发展党员 work on time ({@code development.overdue}): the steps the regulation gives a deadline
 * ({@link DevelopmentPath#DEADLINES}: the talk within a month of the application, the 上级党委's approvals within 3
 * months of the 支部大会) missed by the files of a subtree — still not done with the deadline passed, or done late
 * with the deadline in the period. A file counts where it is now; a closed file's open step does not count.
 */
@Component
@Transactional(readOnly = true)
class DevelopmentFigures implements Figures {

	static final String OVERDUE = "development.overdue";

	/** One deadline of one file, missed: the person, the step, its due date, and when it was done (null: not yet). */
	record Missed(long personId, String name, long organizationId, int step, LocalDate due, LocalDate done) {
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Clock clock;

	DevelopmentFigures(JdbcTemplate jdbc, OrganizationScope scope, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.clock = clock;
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(OVERDUE, "figure." + OVERDUE, Unit.COUNT, Direction.LOWER_IS_BETTER));
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		if (!OVERDUE.equals(code) || orgIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, Set<Long>> trees = new LinkedHashMap<>();
		trees.putAll(scope.subtreesOf(orgIds));
		List<Long> roots = new ArrayList<>();
		List<Long> orgs = new ArrayList<>();
		trees.forEach((root, tree) -> tree.forEach(org -> {
			roots.add(root);
			orgs.add(org);
		}));
		Map<Long, long[]> counts = new HashMap<>();
		if (!orgs.isEmpty()) {
			List<Object> args = new ArrayList<>(List.of(roots.toArray(Long[]::new), orgs.toArray(Long[]::new)));
			args.addAll(deadlineArgs(orgs, period));
			jdbc.query("with tree (root, org) as (select * from unnest(?::bigint[], ?::bigint[])), " + MISSED
					+ " select t.root, count(*) filter (where m.done is null), count(*) filter (where m.done is not null)"
					+ " from missed m join tree t on t.org = m.organization_id group by t.root", rs -> {
						counts.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
					}, args.toArray());
		}
		Map<Long, Measured> result = new LinkedHashMap<>();
		for (Long root : trees.keySet()) {
			if (trees.get(root).isEmpty()) {
				continue;
			}
			long[] c = counts.getOrDefault(root, new long[2]);
			result.put(root, Measured.of(BigDecimal.valueOf(c[0] + c[1]), "figure." + OVERDUE + ".source", c[0], c[1]));
		}
		return result;
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		if (!OVERDUE.equals(code)) {
			return List.of();
		}
		List<Long> orgs = List.copyOf(scope.subtree(orgId));
		if (orgs.isEmpty()) {
			return List.of();
		}
		List<Object> args = new ArrayList<>(deadlineArgs(orgs, period));
		List<Missed> missed = jdbc.query("with " + MISSED + """
				 select m.id, m.name, m.organization_id, m.step, m.due, m.done from missed m
				order by m.due, m.id, m.step limit 500""", (rs, n) -> new Missed(rs.getLong(1), rs.getString(2),
				rs.getLong(3), rs.getInt(4), rs.getDate(5).toLocalDate(),
				rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate()), args.toArray());
		Map<Long, String> names = scope.qualifiedNames(missed.stream().map(Missed::organizationId).distinct().toList());
		return missed.stream()
			.map(m -> m.done() == null
					? Behind.of(false, "/development/people/" + m.personId(), "figure." + OVERDUE + ".open." + m.step(),
							m.name(), names.getOrDefault(m.organizationId(), ""), m.due().toString())
					: Behind.of(false, "/development/people/" + m.personId(), "figure." + OVERDUE + ".late." + m.step(),
							m.name(), names.getOrDefault(m.organizationId(), ""), m.due().toString(), m.done().toString()))
			.toList();
	}

	/**
	 * The deadlines passed by {@code today} and still open (the file not closed), of the files of these
	 * organisations themselves (no subtree): the early-warning centre's overdue talks and approvals.
	 */
	List<Missed> openMissed(Collection<Long> orgs, LocalDate today) {
		if (orgs.isEmpty()) {
			return List.of();
		}
		LocalDate tomorrow = today.plusDays(1);
		List<Object> args = List.of(DevelopmentPath.DEADLINES.stream().map(d -> d.after().number()).toArray(Integer[]::new),
				DevelopmentPath.DEADLINES.stream().map(d -> d.due().number()).toArray(Integer[]::new),
				DevelopmentPath.DEADLINES.stream().map(DevelopmentPath.Deadline::months).toArray(Integer[]::new),
				orgs.toArray(Long[]::new), Date.valueOf(today), Date.valueOf(tomorrow), Date.valueOf(tomorrow));
		return jdbc.query("with " + MISSED + """
				 select m.id, m.name, m.organization_id, m.step, m.due from missed m where m.done is null
				order by m.due, m.id, m.step""", (rs, n) -> new Missed(rs.getLong(1), rs.getString(2), rs.getLong(3),
				rs.getInt(4), rs.getDate(5).toLocalDate(), null), args.toArray());
	}

	/**
	 * The deadlines missed ({@code missed}): for each approved step that starts a deadline, the first approved step
	 * due after it (recorded after it: an extended 预备期 has two 支部大会 and two approvals); missed when not done by
	 * today with the deadline passed before the period ends (the file still open), or done after the deadline when
	 * the deadline fell in the period. Parameters: the organisations, the rules, today, the period.
	 */
	private static final String MISSED = """
			rule (after_step, due_step, months) as (select * from unnest(?::int[], ?::int[], ?::int[])),
			deadline as (
			    select a.id, a.name, a.organization_id, a.closed, r.due_step as step,
			           (f.done_on + make_interval(months => r.months))::date as due,
			           (select min(d.done_on) from development_step d where d.applicant_id = f.applicant_id
			              and d.step = r.due_step and d.decision = 'APPROVED' and d.id > f.id) as done
			    from development_step f
			    join rule r on r.after_step = f.step
			    join applicant a on a.id = f.applicant_id
			    where f.decision = 'APPROVED' and a.organization_id = any(?)),
			missed as (
			    select * from deadline
			    where due < ? and due < ?
			      and ((done is null and closed is null) or (done > due and due >= ?)))""";

	private List<Object> deadlineArgs(Collection<Long> orgs, Period period) {
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		return List.of(DevelopmentPath.DEADLINES.stream().map(d -> d.after().number()).toArray(Integer[]::new),
				DevelopmentPath.DEADLINES.stream().map(d -> d.due().number()).toArray(Integer[]::new),
				DevelopmentPath.DEADLINES.stream().map(DevelopmentPath.Deadline::months).toArray(Integer[]::new),
				orgs.toArray(Long[]::new), Date.valueOf(today), Date.valueOf(period.until()), Date.valueOf(period.from()));
	}
}
