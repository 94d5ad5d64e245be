package cn.partybuilding.learning;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's points, per day and rule, never above the rule's daily cap whatever a client sends: each award is
 * capped in the statement that writes it.
 */
@Service
@Transactional
class StudyPoints {

	private final JdbcTemplate jdbc;

	private final LearningRules rules;

	StudyPoints(JdbcTemplate jdbc, LearningRules rules) {
		this.jdbc = jdbc;
		this.rules = rules;
	}

	/** Adds one award of the rule (an article read, an outline finished on time), up to the day's cap. */
	@Transactional(propagation = Propagation.MANDATORY)
	void award(long accountId, LocalDate day, PointRule rule) {
		LearningRules.Points p = rules.of(rule);
		jdbc.update("""
				insert into learning_points (account_id, day, rule, points) values (?, ?, ?, least(?, ?))
				on conflict (account_id, day, rule) do update set points = least(?, learning_points.points + ?)""",
				accountId, day, rule.name(), p.points(), p.cap(), p.cap(), p.points());
	}

	/**
	 * Adds effective seconds to the day's reading or watching time and sets the time rule's points from the day's
	 * total: {@code points} per {@code perSeconds}, capped.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void addTime(long accountId, LocalDate day, int readingSeconds, int watchingSeconds) {
		if (readingSeconds <= 0 && watchingSeconds <= 0) {
			return;
		}
		var totals = jdbc.queryForMap("""
				insert into learning_day (account_id, day, reading_seconds, watching_seconds) values (?, ?, ?, ?)
				on conflict (account_id, day) do update set
				    reading_seconds = learning_day.reading_seconds + excluded.reading_seconds,
				    watching_seconds = learning_day.watching_seconds + excluded.watching_seconds
				returning reading_seconds, watching_seconds""", accountId, day, readingSeconds, watchingSeconds);
		setTimePoints(accountId, day, PointRule.READING_TIME, ((Number) totals.get("reading_seconds")).intValue());
		setTimePoints(accountId, day, PointRule.WATCHING_TIME, ((Number) totals.get("watching_seconds")).intValue());
	}

	/**
	 * Sets a day's points of a rule counted by time from the day's whole time, up or down (confirmed volunteer hours
	 * can be corrected): {@code points} per {@code perSeconds}, capped; none at all removes the day's line.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void setFromTime(long accountId, LocalDate day, PointRule rule, long seconds) {
		LearningRules.Points p = rules.of(rule);
		long earned = Math.min(p.cap(), seconds / Math.max(1, p.perSeconds()) * p.points());
		if (earned <= 0) {
			jdbc.update("delete from learning_points where account_id = ? and day = ? and rule = ?", accountId, day,
					rule.name());
			return;
		}
		jdbc.update("""
				insert into learning_points (account_id, day, rule, points) values (?, ?, ?, ?)
				on conflict (account_id, day, rule) do update set points = excluded.points""",
				accountId, day, rule.name(), (int) earned);
	}

	private void setTimePoints(long accountId, LocalDate day, PointRule rule, int seconds) {
		LearningRules.Points p = rules.of(rule);
		int earned = Math.min(p.cap(), seconds / Math.max(1, p.perSeconds()) * p.points());
		if (earned > 0) {
			jdbc.update("""
					insert into learning_points (account_id, day, rule, points) values (?, ?, ?, ?)
					on conflict (account_id, day, rule) do update set points = greatest(learning_points.points, excluded.points)""",
					accountId, day, rule.name(), earned);
		}
	}

	record RulePoints(PointRule rule, int points, int cap) {
	}

	record DayPoints(LocalDate date, int total, List<RulePoints> rules, int week, int year) {
	}

	/** The person's points on a day, rule by rule (every rule listed, with its cap), and their week's and year's. */
	@Transactional(readOnly = true)
	DayPoints of(long accountId, LocalDate date) {
		Map<PointRule, Integer> earned = jdbc.query("select rule, points from learning_points where account_id = ? and day = ?",
				(rs, n) -> Map.entry(PointRule.valueOf(rs.getString(1)), rs.getInt(2)), accountId, date)
			.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		List<RulePoints> lines = java.util.Arrays.stream(PointRule.values())
			.map(r -> new RulePoints(r, earned.getOrDefault(r, 0), rules.of(r).cap())).toList();
		LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		return new DayPoints(date, lines.stream().mapToInt(RulePoints::points).sum(), lines,
				sum(accountId, monday, monday.plusDays(6)), sum(accountId, date.withDayOfYear(1), date.withDayOfYear(date.lengthOfYear())));
	}

	/** The day's total alone (what a heartbeat answers). */
	@Transactional(readOnly = true)
	int total(long accountId, LocalDate day) {
		return sum(accountId, day, day);
	}

	private int sum(long accountId, LocalDate from, LocalDate to) {
		Integer total = jdbc.queryForObject(
				"select coalesce(sum(points), 0) from learning_points where account_id = ? and day between ? and ?",
				Integer.class, accountId, from, to);
		return total == null ? 0 : total;
	}

	/** The points these accounts earned from {@code from} until {@code until} (exclusive), per account. */
	@Transactional(readOnly = true)
	Map<Long, Integer> perAccount(Collection<Long> accountIds, LocalDate from, LocalDate until) {
		Map<Long, Integer> out = new HashMap<>();
		if (!accountIds.isEmpty()) {
			jdbc.query("""
					select account_id, sum(points) from learning_points where account_id = any(?) and day >= ? and day < ?
					group by account_id""", rs -> {
				out.put(rs.getLong(1), rs.getInt(2));
			}, accountIds.toArray(Long[]::new), from, until);
		}
		return out;
	}

	/** Every account that earned points from {@code from} until {@code until} (exclusive), with its sum. */
	@Transactional(readOnly = true)
	Map<Long, Integer> earnedBetween(LocalDate from, LocalDate until) {
		Map<Long, Integer> out = new HashMap<>();
		jdbc.query("""
				select account_id, sum(points) from learning_points where day >= ? and day < ? group by account_id""", rs -> {
			out.put(rs.getLong(1), rs.getInt(2));
		}, from, until);
		return out;
	}

	/** The points these accounts earned together from {@code from} until {@code until} (exclusive), per month. */
	@Transactional(readOnly = true)
	Map<YearMonth, Integer> perMonth(Collection<Long> accountIds, LocalDate from, LocalDate until) {
		Map<YearMonth, Integer> out = new TreeMap<>();
		if (!accountIds.isEmpty()) {
			jdbc.query("""
					select date_trunc('month', day)::date, sum(points) from learning_points
					where account_id = any(?) and day >= ? and day < ? group by 1""", rs -> {
				out.put(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getInt(2));
			}, accountIds.toArray(Long[]::new), from, until);
		}
		return out;
	}

	static String isoWeek(LocalDate date) {
		return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}
}
