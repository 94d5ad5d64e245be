package cn.partybuilding.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * How many rows a list holds, as its page says it: counted exactly up to a bound; above it PostgreSQL's planner
 * estimate, rounded and marked {@code exact = false} (the page shows 约 52 000), because an exact count of a
 * province's rows reads them all on every page.
 */
public record ListTotal(long count, boolean exact) {

	private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

	/**
	 * The total of {@code select ... fromWhere}: {@code fromWhere} is the list's from and where clauses with their
	 * bind values, without order or limit.
	 */
	public static ListTotal of(JdbcTemplate jdbc, int exactUpTo, String fromWhere, Object... args) {
		Long counted = jdbc.queryForObject("select count(*) from (select 1 " + fromWhere + " limit " + (exactUpTo + 1) + ") t",
				Long.class, args);
		if (counted != null && counted <= exactUpTo) {
			return new ListTotal(counted, true);
		}
		String plan = String.join("\n", jdbc.queryForList("explain (format json) select 1 " + fromWhere, String.class, args));
		Matcher rows = PLAN_ROWS.matcher(plan);
		long estimate = rows.find() ? Long.parseLong(rows.group(1)) : 0;
		return new ListTotal(rounded(Math.max(estimate, exactUpTo + 1L)), false);
	}

	/**
	 * The transaction reads one snapshot (REPEATABLE READ) from here on, so a list's page and its totals agree though
	 * read by several statements. Call it first in a transaction the method begins; joined to one begun before (which
	 * may have read already) it leaves that one's level, as {@code @Transactional(isolation = …)} would. A statement,
	 * not that annotation: with it Spring asks the connection's level, sets it and sets it back, three more round trips
	 * on every list page.
	 */
	public static void oneSnapshot(JdbcClient jdbc) {
		if (TransactionAspectSupport.currentTransactionStatus().isNewTransaction()) {
			jdbc.sql("set transaction isolation level repeatable read").update();
		}
	}

	/** Two significant digits: an estimate does not pretend to more. */
	static long rounded(long n) {
		long unit = 1;
		while (n / unit >= 100) {
			unit *= 10;
		}
		return Math.round((double) n / unit) * unit;
	}

	/**
	 * A page of a list API, its body the rows as before: {@code X-Total-Count} and {@code X-Total-Exact} say the
	 * total, {@code X-Next-After} and a {@code Link} with {@code rel=next} where the next page begins (none on the
	 * last page).
	 */
	public <T> ResponseEntity<List<T>> respond(List<T> rows, Keyset next) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().header("X-Total-Count", Long.toString(count))
			.header("X-Total-Exact", Boolean.toString(exact));
		if (next != null) {
			response.header("X-Next-After", next.token()).header("Link", "<" + ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("after", next.token()).build().toUriString() + ">; rel=\"next\"");
		}
		return response.body(rows);
	}
}
