package cn.partybuilding.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/** Reading the audit log with filters; newest first, keyset-friendly ordering. */
@Component
class AuditLog {


	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	AuditLog(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** A page of the log for the auditor: reading the audit log is itself a sensitive read, and recorded. */
	Page read(Filter filter, int page, int size) {
		events.publishEvent(new AuditLogRead(filter.describe(), page));
		return find(filter, page, size);
	}

	/** One row; {@code occurrences} > 1 when an anonymous caller's refusal repeated within the minute (until {@code lastOccurredAt}). */
	record Entry(long id, Instant occurredAt, String actor, String ip, String action, String entityType,
			String entityId, String summary, String outcome, int occurrences, Instant lastOccurredAt) {
	}

	/** Filters: who (username, exact, case-insensitive), what (action prefix), from/to (dates, Beijing time, inclusive). */
	record Filter(String who, String what, LocalDate from, LocalDate to) {

		String whoOrEmpty() {
			return PlainText.clean(who);
		}

		String whatOrEmpty() {
			return PlainText.clean(what);
		}

		/** For the audit log's own record of a search: 操作人、类别、日期, only those given. */
		String describe() {
			StringBuilder sb = new StringBuilder();
			if (!whoOrEmpty().isEmpty()) {
				sb.append("操作人含“").append(whoOrEmpty()).append("” ");
			}
			if (!whatOrEmpty().isEmpty()) {
				sb.append("类别 ").append(whatOrEmpty()).append(' ');
			}
			if (from != null || to != null) {
				sb.append("日期 ").append(from == null ? "" : from).append(" 至 ").append(to == null ? "" : to).append(' ');
			}
			return sb.isEmpty() ? "全部" : sb.toString().trim();
		}
	}

	record Page(List<Entry> content, long totalElements, int page, int size) {

		public int totalPages() {
			return (int) Math.ceil(totalElements / (double) Math.max(size, 1));
		}
	}

	/** Who matches part of the username, case-insensitively; what matches the start of the action. */
	Page find(Filter filter, int page, int size) {
		String where = """
				where (:who = '' or lower(actor) like lower(:whoLike))
				  and (:what = '' or action like :whatPrefix)
				  and (:what <> '' or action <> 'audit.read')
				  and (cast(:fromTs as timestamptz) is null or occurred_at >= cast(:fromTs as timestamptz))
				  and (cast(:toTs as timestamptz) is null or occurred_at < cast(:toTs as timestamptz))""";
		Instant from = filter.from() == null ? null : filter.from().atStartOfDay(PlatformZone.ZONE).toInstant();
		Instant to = filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(PlatformZone.ZONE).toInstant();
		var count = jdbc.sql("select count(*) from audit_event " + where);
		var rows = jdbc.sql("select * from audit_event " + where + " order by occurred_at desc, id desc limit :limit offset :offset");
		for (var spec : List.of(count, rows)) {
			spec.param("who", filter.whoOrEmpty())
				.param("whoLike", PlainText.containing(filter.whoOrEmpty()))
				.param("what", filter.whatOrEmpty())
				.param("whatPrefix", PlainText.escapeLike(filter.whatOrEmpty()) + "%")
				.param("fromTs", from == null ? null : Timestamp.from(from))
				.param("toTs", to == null ? null : Timestamp.from(to));
		}
		long total = count.query(Long.class).single();
		List<Entry> content = rows.param("limit", size)
			.param("offset", (long) Math.min(Math.max(page, 0), 1_000_000) * size)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("ip"), rs.getString("action"), rs.getString("entity_type"),
					rs.getString("entity_id"), rs.getString("summary"), rs.getString("outcome"), rs.getInt("occurrences"),
					rs.getTimestamp("last_occurred_at") == null ? null : rs.getTimestamp("last_occurred_at").toInstant()))
			.list();
		return new Page(content, total, Math.max(page, 0), size);
	}
}
