package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * The exam figures, over the exams that closed in the period (and by now): participation (people who completed
 * over the people each exam was for, as {@link Exams#invitedPerOrganization} counts them) and the pass rate
 * (passed over completed), each person once per exam, counted where they started, as {@link ExamStatistics} does.
 */
@Component
@Transactional(readOnly = true)
class ExamFigures implements Figures {

	static final String PARTICIPATION = "exam.participation";

	static final String PASS = "exam.pass";

	private final Exams exams;

	private final ExamStatistics statistics;

	private final OrganizationScope scope;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ExamFigures(Exams exams, ExamStatistics statistics, OrganizationScope scope, JdbcTemplate jdbc, Clock clock) {
		this.exams = exams;
		this.statistics = statistics;
		this.scope = scope;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(PARTICIPATION, "figure." + PARTICIPATION, Unit.RATE, Direction.HIGHER_IS_BETTER),
				new Kind(PASS, "figure." + PASS, Unit.RATE, Direction.HIGHER_IS_BETTER));
	}

	/** One closed exam inside one subtree: invited, completed, passed. */
	private record Counts(Exams.Exam exam, int invited, int completed, int passed) {
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		if (orgIds.isEmpty() || !PARTICIPATION.equals(code) && !PASS.equals(code)) {
			return Map.of();
		}
		Map<Long, Set<Long>> subtrees = scope.subtreesOf(orgIds);
		Set<Long> all = new HashSet<>();
		subtrees.values().forEach(all::addAll);
		Closed closed = closed(period, all);
		Map<Long, Measured> out = new LinkedHashMap<>();
		subtrees.forEach((org, subtree) -> {
			int invited = 0;
			int completed = 0;
			int passed = 0;
			int n = 0;
			for (Counts c : closed.within(subtree)) {
				invited += c.invited();
				completed += c.completed();
				passed += c.passed();
				n++;
			}
			if (PARTICIPATION.equals(code) && invited > 0) {
				out.put(org, Measured.of(ratio(completed, invited), "figure." + PARTICIPATION + ".source", completed, invited, n));
			}
			else if (PASS.equals(code) && completed > 0) {
				out.put(org, Measured.of(ratio(passed, completed), "figure." + PASS + ".source", passed, completed, n));
			}
		});
		return out;
	}

	private static BigDecimal ratio(int part, int whole) {
		return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

	/** The exams closed in the period by now, their people per organisation: invited, and completed and passed. */
	private record Closed(List<Exams.Exam> exams, Map<Long, Map<Long, Integer>> invited, Map<Long, Map<Long, int[]>> completed) {

		/** Each exam that was for someone in the subtree: its counts there (never more completed than invited, nor passed than completed). */
		List<Counts> within(Set<Long> subtree) {
			List<Counts> out = new ArrayList<>();
			for (Exams.Exam e : exams) {
				int invitedThere = 0;
				int completedThere = 0;
				int passedThere = 0;
				Map<Long, int[]> done = completed.getOrDefault(e.id(), Map.of());
				for (Map.Entry<Long, Integer> i : invited.getOrDefault(e.id(), Map.of()).entrySet()) {
					if (subtree.contains(i.getKey())) {
						invitedThere += i.getValue();
					}
				}
				for (Map.Entry<Long, int[]> d : done.entrySet()) {
					if (subtree.contains(d.getKey())) {
						completedThere += d.getValue()[0];
						passedThere += d.getValue()[1];
					}
				}
				if (invitedThere > 0) {
					int c = Math.min(completedThere, invitedThere);
					out.add(new Counts(e, invitedThere, c, Math.min(passedThere, c)));
				}
			}
			return out;
		}
	}

	private Closed closed(Period period, Set<Long> orgs) {
		Instant now = clock.instant();
		Instant from = period.from().atStartOfDay(PlatformZone.ZONE).toInstant();
		Instant until = period.until().atStartOfDay(PlatformZone.ZONE).toInstant();
		if (until.isAfter(now)) {
			until = now;
		}
		List<Exams.Exam> closed = new ArrayList<>();
		Map<Long, Map<Long, Integer>> invited = new LinkedHashMap<>();
		if (from.isBefore(until) && !orgs.isEmpty()) {
			List<Long> ids = jdbc.queryForList("""
					select id from exam where withdrawn_at is null and closes_at >= ? and closes_at < ?
					order by closes_at, id""", Long.class, Timestamp.from(from), Timestamp.from(until));
			for (Long id : ids) {
				Exams.Exam e = exams.load(id).orElse(null);
				if (e == null) {
					continue;
				}
				Map<Long, Integer> counts = exams.invitedPerOrganization(e, orgs);
				if (!counts.isEmpty()) {
					closed.add(e);
					invited.put(e.id(), counts);
				}
			}
		}
		return new Closed(closed, invited, statistics.completed(invited.keySet(), orgs));
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		if (!PARTICIPATION.equals(code) && !PASS.equals(code)) {
			return List.of();
		}
		Set<Long> subtree = scope.subtree(orgId);
		List<Behind> lines = new ArrayList<>();
		for (Counts c : closed(period, subtree).within(subtree)) {
			if (lines.size() >= 500) {
				break;
			}
			boolean ok = PARTICIPATION.equals(code) ? c.completed() >= c.invited() : c.passed() >= c.completed();
			lines.add(Behind.of(ok, "/exams/" + c.exam().id() + "?orgId=" + orgId, "figure.exam.behind", c.exam().title(),
					c.exam().closesAt().atZone(PlatformZone.ZONE).toLocalDate().toString(), c.invited(), c.completed(),
					c.passed()));
		}
		return lines;
	}
}
