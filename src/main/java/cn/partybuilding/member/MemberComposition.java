package cn.partybuilding.member;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The composition of the membership on a day, counted in the database in one pass (grouping sets), and the members
 * behind one bucket of it. Who was a member on a day: joined before it, not departed by then; probationary if not
 * converted by then; ages and 党龄 are those of the day before (the period's last day). Members are counted where
 * they are now (a transfer moves their past too).
 */
@Component
class MemberComposition {

	private static final List<String> AGE_BANDS = List.of("0-24", "25-34", "35-44", "45-54", "55-64", "65-");

	private static final List<String> PARTY_AGE_BANDS = List.of("none", "0-4", "5-9", "10-19", "20-29", "30-", "unknown");

	/** Each dimension's bucket as SQL over {@code member m} and the day {@code :day}. */
	private static final Map<String, String> BUCKET = Map.of(
			"category", "m.category",
			"gender", "m.gender",
			"education", "m.education",
			"age", """
					case when m.birth_date >= cast(:day as date) - interval '25 years' then '0-24'
					     when m.birth_date >= cast(:day as date) - interval '35 years' then '25-34'
					     when m.birth_date >= cast(:day as date) - interval '45 years' then '35-44'
					     when m.birth_date >= cast(:day as date) - interval '55 years' then '45-54'
					     when m.birth_date >= cast(:day as date) - interval '65 years' then '55-64'
					     else '65-' end""",
			"partyAge", """
					case when m.status = 'PROBATIONARY' or m.conversion_date >= :day then 'none'
					     when m.conversion_date is null then 'unknown'
					     when m.conversion_date >= cast(:day as date) - interval '5 years' then '0-4'
					     when m.conversion_date >= cast(:day as date) - interval '10 years' then '5-9'
					     when m.conversion_date >= cast(:day as date) - interval '20 years' then '10-19'
					     when m.conversion_date >= cast(:day as date) - interval '30 years' then '20-29'
					     else '30-' end""",
			"graduation", "case when m.category <> 'STUDENT' then null when m.graduation_year is null then 'unknown' else m.graduation_year::text end");

	/** A member on the day; :day is exclusive (the first day after a period). */
	private static final String PRESENT = """
			m.organization_id = any(:orgs) and m.join_date < :day and (m.departed_on is null or m.departed_on >= :day)""";

	private static final String PROBATIONARY = """
			(m.status = 'PROBATIONARY' or m.conversion_date >= :day)""";

	/** One pass: a grouping set per dimension, one per organisation, and the total. Parameters :orgs and :day. */
	static final String SQL = sql();

	private final NamedParameterJdbcTemplate jdbc;

	MemberComposition(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Composition on(Collection<Long> orgIds, LocalDate day) {
		Map<String, Map<String, Long>> byDimension = new LinkedHashMap<>();
		Composition.DIMENSIONS.forEach(d -> byDimension.put(d, new HashMap<>()));
		if (orgIds.isEmpty()) {
			return new Composition(0, 0, 0, byDimension, Map.of());
		}
		long[] totals = new long[2];
		Map<Long, Long> byOrganization = new HashMap<>();
		jdbc.query(SQL, params(orgIds, day), rs -> {
			String dimension = null;
			for (String d : Composition.DIMENSIONS) {
				if (rs.getInt("g_" + column(d)) == 0) {
					dimension = d;
				}
			}
			if (rs.getInt("g_org") == 0) {
				byOrganization.put(rs.getLong("org"), rs.getLong("n"));
			}
			else if (dimension == null) {
				totals[0] = rs.getLong("n");
				totals[1] = rs.getLong("p");
			}
			else {
				String key = rs.getString(column(dimension));
				if (key != null) {
					byDimension.get(dimension).put(key, rs.getLong("n"));
				}
			}
		});
		Map<String, Map<String, Long>> ordered = new LinkedHashMap<>();
		byDimension.forEach((d, counts) -> {
			Map<String, Long> sorted = new LinkedHashMap<>();
			counts.entrySet().stream().sorted(Comparator.comparingInt(e -> order(d, e.getKey()))).forEach(e -> sorted.put(e.getKey(), e.getValue()));
			ordered.put(d, sorted);
		});
		return new Composition(totals[0], totals[0] - totals[1], totals[1], ordered, byOrganization);
	}

	/** The members in one bucket on the day, by name, at most {@code limit}; an unknown dimension finds no one. */
	List<MemberRef> in(Collection<Long> orgIds, String dimension, String key, LocalDate day, int limit) {
		String bucket = BUCKET.get(dimension);
		if (orgIds.isEmpty() || bucket == null) {
			return List.of();
		}
		return jdbc.query("select m.id, m.name, m.organization_id from member m where " + PRESENT + " and (" + bucket
				+ ") = :key order by m.name, m.id limit :limit",
				params(orgIds, day).addValue("key", key).addValue("limit", limit),
				(rs, i) -> new MemberRef(rs.getLong(1), rs.getString(2), rs.getLong(3)));
	}

	private static String sql() {
		List<String> columns = Composition.DIMENSIONS.stream().map(MemberComposition::column).toList();
		return "select " + String.join(", ", columns.stream().map(c -> "grouping(" + c + ") as g_" + c + ", " + c).toList())
				+ ", grouping(org) as g_org, org, count(*) as n, count(*) filter (where probationary) as p from (select "
				+ String.join(", ", Composition.DIMENSIONS.stream().map(d -> BUCKET.get(d) + " as " + column(d)).toList())
				+ ", m.organization_id as org, " + PROBATIONARY + " as probationary from member m where " + PRESENT
				+ ") t group by grouping sets (" + String.join(", ", columns.stream().map(c -> "(" + c + ")").toList())
				+ ", (org), ())";
	}

	private static String column(String dimension) {
		return dimension.toLowerCase();
	}

	private static MapSqlParameterSource params(Collection<Long> orgIds, LocalDate day) {
		// one array parameter, not one bind per organisation (a province has 25 000)
		return new MapSqlParameterSource("orgs", orgIds.toArray(Long[]::new)).addValue("day", Date.valueOf(day));
	}

	/** Enums in their declared order, bands in theirs, graduation years ascending with unknown last. */
	private static int order(String dimension, String key) {
		return switch (dimension) {
			case "category" -> ordinal(Category.class, key);
			case "gender" -> ordinal(Gender.class, key);
			case "education" -> ordinal(Education.class, key);
			case "age" -> AGE_BANDS.indexOf(key);
			case "partyAge" -> PARTY_AGE_BANDS.indexOf(key);
			default -> key.matches("\\d+") ? Integer.parseInt(key) : Integer.MAX_VALUE;
		};
	}

	private static <E extends Enum<E>> int ordinal(Class<E> type, String key) {
		try {
			return Enum.valueOf(type, key).ordinal();
		}
		catch (IllegalArgumentException e) {
			return Integer.MAX_VALUE;
		}
	}
}
