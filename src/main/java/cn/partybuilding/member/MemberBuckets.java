package cn.partybuilding.member;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.FieldProblem;

/**
 * The members behind one bar of the composition (the analytics' drill-down): members of the organisations on a day
 * (joined by then, not departed by then) in one bucket of one dimension, by name, in one indexed query.
 * <p>
 * Buckets: {@code category}, {@code gender}, {@code education} by their stored names ({@code none}: not recorded);
 * {@code age} in years on the day ({@code 0-24}, {@code 25-34} … {@code 65-}); {@code partyAge} in whole years since
 * the conversion ({@code 0-4} … {@code 30-}; {@code none}: not converted yet); {@code graduation} by year
 * ({@code none}: no year).
 */
@Component
class MemberBuckets {

	private static final Pattern BAND = Pattern.compile("(\\d{1,3})-(\\d{1,3})?");

	private static final Map<String, String> COLUMNS = Map.of("category", "category", "gender", "gender", "education",
			"education");

	private final NamedParameterJdbcTemplate jdbc;

	MemberBuckets(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<MemberRef> namesIn(Collection<Long> orgIds, String dimension, String key, LocalDate asOf, int limit) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		var params = new MapSqlParameterSource("orgs", orgIds).addValue("day", Date.valueOf(asOf))
			.addValue("limit", Math.max(1, Math.min(limit, 5000)));
		String condition;
		String column = COLUMNS.get(dimension);
		if (column != null) {
			condition = "none".equals(key) ? column + " is null" : column + " = :key";
			params.addValue("key", key);
		}
		else if ("age".equals(dimension)) {
			condition = band("birth_date", key, params);
		}
		else if ("partyAge".equals(dimension)) {
			condition = "none".equals(key) ? "(conversion_date is null or conversion_date > :day)"
					: band("conversion_date", key, params);
		}
		else if ("graduation".equals(dimension)) {
			if ("none".equals(key)) {
				condition = "graduation_year is null";
			}
			else if (key != null && key.matches("\\d{4}")) {
				condition = "graduation_year = :year";
				params.addValue("year", Integer.parseInt(key));
			}
			else {
				throw new FieldProblem("key", "analytics.dash.drill.key");
			}
		}
		else {
			throw new FieldProblem("dimension", "analytics.dash.drill.dimension");
		}
		return jdbc.query("select id, name, organization_id from member where organization_id in (:orgs)"
				+ " and join_date <= :day and (departed_on is null or departed_on > :day) and " + condition
				+ " order by name, id limit :limit", params,
				(rs, i) -> new MemberRef(rs.getLong(1), rs.getString(2), rs.getLong(3)));
	}

	/** Whole years from the column's date to the day, within the band {@code from-to} (inclusive) or {@code from-}. */
	private static String band(String column, String key, MapSqlParameterSource params) {
		Matcher m = key == null ? null : BAND.matcher(key);
		if (m == null || !m.matches()) {
			throw new FieldProblem("key", "analytics.dash.drill.key");
		}
		// at least {from} whole years: the date on or before day - from years; at most {to}: after day - (to + 1) years
		params.addValue("from", Integer.parseInt(m.group(1)));
		String condition = column + " <= cast(:day as date) - make_interval(years => :from)";
		if (m.group(2) != null) {
			params.addValue("to", Integer.parseInt(m.group(2)) + 1);
			condition += " and " + column + " > cast(:day as date) - make_interval(years => :to)";
		}
		return condition;
	}
}
