package cn.partybuilding.development;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.ListTotal;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.RecentTotals;

/**
 * The applicant list's and the pipeline board's query at any size of scope, as the member list does it: the scope
 * as one array parameter (none when it covers every organisation with files), the name through the grams index and
 * the 学号/工号 by prefix, the API's deep pages through a keyset cursor, totals and counts by stage from the counters
 * kept per organisation and stage, a searched total counted up to {@link #EXACT_UP_TO} and estimated above.
 */
@Component
class ApplicantListing {

	static final int EXACT_UP_TO = 1000;

	/** The name search's recheck of the grams' candidates by the text itself. */
	private static final String RECHECK = " and a.name like :contains escape '\\'";

	private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.e+]+)");

	/** The API's order (a cursor continues it) and the board's (next step first; pages by number). */
	static final String LIST_ORDER = "a.organization_id, a.applied_on, a.id";

	static final String BOARD_ORDER = "a.organization_id, a.next_step, a.applied_on, a.id";

	private final JdbcClient jdbc;

	private final Applicants applicants;

	/** The counts by stage of large scopes, for the list. */
	private final RecentTotals<Map<Stage, Long>> large;

	ApplicantListing(JdbcClient jdbc, Applicants applicants, Clock clock,
			@Value("${party.lists.large-scope-totals-max-age:10s}") Duration maxAge) {
		this.jdbc = jdbc;
		this.applicants = applicants;
		this.large = RecentTotals.keptFor(maxAge, clock);
	}

	/** What the list reads from here on in this transaction is one snapshot ({@link ListTotal#oneSnapshot}). */
	void oneSnapshot() {
		ListTotal.oneSnapshot(jdbc);
	}

	/** How many files are at each stage, exact or (a scope of more than a thousand organisations) a few seconds old. */
	record StageCounts(Map<Stage, Long> byStage, boolean exact) {
	}

	/** One page of files in the list's order, the total (exact or estimated) and the cursor of the page after it. */
	record Found(List<Applicant> rows, long total, boolean exact, String next) {

		/** The page as Spring Data's, for the pager and the API's page fields. */
		<T> Page<T> page(java.util.function.Function<Applicant, T> view, int page, int size) {
			List<T> content = rows.stream().map(view).toList();
			return new PageImpl<>(content, PageRequest.of(Math.min(Math.max(page, 0), 100_000), size),
					Math.max(total, content.size()));
		}
	}

	/**
	 * One page of files in these organisations ({@code null}: the whole tree, no scope filter). {@code counts}, when
	 * the caller has read {@link #stageCounts} for the same organisations, gives an unsearched list its total without
	 * reading the counters again (at a province's root tens of thousands of rows); null reads them.
	 */
	Found find(Collection<Long> organizations, String q, Stage stage, String order, int page, int size, String after,
			StageCounts counts) {
		Map<String, Object> params = new HashMap<>();
		String scope = scope(organizations, params);
		StringBuilder where = new StringBuilder(" where true").append(scope);
		String text = PlainText.clean(q);
		boolean searched = text != null && !text.isBlank();
		if (searched) {
			where.append(" and ((a.name_grams @> member_name_query_grams(:q)").append(RECHECK)
				.append(") or lower(a.staff_number) like :prefix escape '\\')");
			params.put("q", text);
			params.put("contains", "%" + PlainText.escapeLike(text) + "%");
			params.put("prefix", PlainText.escapeLike(text.toLowerCase(Locale.ROOT)) + "%");
		}
		if (stage != null) {
			where.append(" and a.stage = :stage");
			params.put("stage", stage.name());
		}
		StringBuilder sql = new StringBuilder("select a.id, a.organization_id, a.applied_on from applicant a").append(where);
		boolean byCursor = after != null && !after.isBlank() && LIST_ORDER.equals(order);
		// the scope alone, pages by number in the list's or the board's order: the organisations' index in its order
		// whatever the scope (the board's sorted a few at a time on top of it), one plan kept (planned for a school's
		// 1 183 ids on each call, 1 to 2 ms of planning against 0.2 of running). Else planned for these values every
		// time: a plan cached for a rare name would walk 1 000 000 rows for 王
		boolean scopeAlone = !searched && stage == null && !byCursor;
		jdbc.sql("set local plan_cache_mode = " + (scopeAlone ? "force_generic_plan" : "force_custom_plan")).update();
		if (byCursor) {
			Object[] keys = decode(after);
			sql.append(" and (a.organization_id, a.applied_on, a.id) > (:k0, :k1, :k2)");
			params.put("k0", keys[0]);
			params.put("k1", keys[1]);
			params.put("k2", keys[2]);
		}
		sql.append(" order by ").append(order).append(" limit ").append(size);
		if (!byCursor) {
			sql.append(" offset ").append((long) Math.min(Math.max(page, 0), 100_000) * size);
		}
		List<Object[]> rows = jdbc.sql(sql.toString()).params(params)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class) })
			.list();
		List<Long> ids = rows.stream().map(r -> (Long) r[0]).toList();
		Map<Long, Applicant> byId = (ids.isEmpty() ? List.<Applicant>of() : applicants.withIds(ids.toArray(Long[]::new))).stream()
			.collect(Collectors.toMap(Applicant::id, a -> a));
		List<Applicant> found = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
		String next = rows.size() < size || !LIST_ORDER.equals(order) ? null : encode(rows.get(rows.size() - 1));
		if (!searched && counts != null) {
			Map<Stage, Long> byStage = counts.byStage();
			long total = stage == null ? byStage.values().stream().mapToLong(Long::longValue).sum() : byStage.get(stage);
			return new Found(found, total, counts.exact(), next);
		}
		if (!searched) {
			String sum = "select coalesce(sum(c.files), 0) from "
					+ (organizations == null ? "applicant_stage_total" : "applicant_count") + " c where true"
					+ scope.replace("a.", "c.") + (stage == null ? "" : " and c.stage = :stage");
			return new Found(found, jdbc.sql(sum).params(params).query(Long.class).single(), true, next);
		}
		long counted = jdbc.sql("select count(*) from (select 1 from applicant a" + where + " limit " + (EXACT_UP_TO + 1) + ") x")
			.params(params).query(Long.class).single();
		if (counted <= EXACT_UP_TO) {
			return new Found(found, counted, true, next);
		}
		// estimated without the name's recheck, whose guess the planner would multiply into the grams' (as the members')
		String plan = String.join("\n", jdbc.sql("explain (format json) select 1 from applicant a"
				+ where.toString().replace(RECHECK, "")).params(params)
			.query(String.class).list());
		Matcher m = PLAN_ROWS.matcher(plan);
		long estimate = m.find() ? Math.round(Double.parseDouble(m.group(1))) : counted;
		return new Found(found, Math.max(estimate, counted), false, next);
	}

	/**
	 * As {@link #countByStage}, for the list: over more than a thousand organisations (a school of a province) a copy
	 * at most {@code party.lists.large-scope-totals-max-age} old, said so; summing a school's 1 183 organisations'
	 * counters on every page cost 0.27 ms of PostgreSQL (89 buffers). The whole tree reads the platform's totals.
	 */
	StageCounts stageCounts(Collection<Long> organizations) {
		if (organizations != null && large.applyTo(organizations.size())) {
			Map<Stage, Long> copy = large.get(null, organizations, () -> Collections.unmodifiableMap(countByStage(organizations)));
			return new StageCounts(copy, false);
		}
		return new StageCounts(countByStage(organizations), true);
	}

	/** How many files are at each stage in these organisations ({@code null}: the whole tree), from the counters. */
	Map<Stage, Long> countByStage(Collection<Long> organizations) {
		Map<Stage, Long> counts = new EnumMap<>(Stage.class);
		for (Stage s : Stage.values()) {
			counts.put(s, 0L);
		}
		if (organizations != null && organizations.isEmpty()) {
			return counts;
		}
		Map<String, Object> params = new HashMap<>();
		String scope = scope(organizations, params).replace("a.organization_id", "c.organization_id");
		// the whole tree: the platform's totals per stage (V117), not every organisation's counters summed
		jdbc.sql(organizations == null ? "select stage, files from applicant_stage_total"
				: "select c.stage, sum(c.files) from applicant_count c where true" + scope + " group by c.stage")
			.params(params)
			.query((rs, n) -> counts.put(Stage.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return counts;
	}

	/** The scope's condition: none for the whole tree ({@code null}), else one array parameter. */
	private static String scope(Collection<Long> organizations, Map<String, Object> params) {
		if (organizations == null) {
			return "";
		}
		params.put("orgs", organizations.toArray(Long[]::new));
		return " and a.organization_id = any(:orgs)";
	}

	private static String encode(Object[] row) {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((row[1] + "|" + row[2] + "|" + row[0]).getBytes(StandardCharsets.UTF_8));
	}

	private static Object[] decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8).split("\\|");
			return new Object[] { Long.parseLong(parts[0]), LocalDate.parse(parts[1]), Long.parseLong(parts[2]) };
		}
		catch (RuntimeException ex) {
			throw new FieldProblem("after", "applicant.list.after.invalid");
		}
	}
}
