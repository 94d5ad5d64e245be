package cn.partybuilding.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The reports and their state, each change in its own statement (autocommit: the progress shows while the report is
 * being written). A report whose heartbeat has stopped for longer than {@code party.analytics.reports.keep-running}
 * was cut off (the node stopped): it reads as failed, and it left no file (files are stored only when both are
 * written, and recorded in the one statement that makes the report DONE).
 */
@Repository
class ReportJobs {

	enum State {
		QUEUED, RUNNING, DONE, FAILED
	}

	/** A report as the list, the page and the API show it (the archived figures are read apart: they are large). */
	record Report(UUID id, long orgId, String orgName, String period, State state, int progress, Long requestedBy,
			String requestedByName, boolean scheduled, String docxKey, String pdfKey, String error, Instant createdAt,
			Instant finishedAt) {

		public boolean done() {
			return state == State.DONE;
		}

		public boolean running() {
			return state == State.QUEUED || state == State.RUNNING;
		}

		public ReportNarrative.Kind kind() {
			return ReportNarrative.Kind.of(period);
		}
	}

	private static final String COLUMNS = """
			select id, org_id, org_name, period, state, progress, requested_by, requested_by_name, scheduled, docx_key, pdf_key,
			    error, created_at, heartbeat_at, finished_at
			from analytics_report """;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration keepRunning;

	private final MessageSource messages;

	ReportJobs(JdbcTemplate jdbc, Clock clock, MessageSource messages,
			@Value("${party.analytics.reports.keep-running:10m}") Duration keepRunning) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.messages = messages;
		this.keepRunning = keepRunning;
	}

	void create(UUID id, long orgId, String orgName, String period, long accountId, String username) {
		jdbc.update("""
				insert into analytics_report (id, org_id, org_name, period, state, progress, requested_by, requested_by_name,
				    created_at, heartbeat_at)
				values (?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?)""", id, orgId, orgName, period, accountId, username, now(), now());
	}

	/** A scheduled report, unless the organisation has its scheduled report of that period already (another node, a rerun). */
	Optional<UUID> createScheduled(long orgId, String orgName, String period) {
		UUID id = UUID.randomUUID();
		int made = jdbc.update("""
				insert into analytics_report (id, org_id, org_name, period, state, progress, scheduled, created_at, heartbeat_at)
				values (?, ?, ?, ?, 'QUEUED', 0, true, ?, ?)
				on conflict (org_id, period) where scheduled do nothing""", id, orgId, orgName, period, now(), now());
		return made == 1 ? Optional.of(id) : Optional.empty();
	}

	void progress(UUID id, int progress) {
		jdbc.update("update analytics_report set state = 'RUNNING', progress = ?, heartbeat_at = ? where id = ? and state in ('QUEUED', 'RUNNING')",
				progress, now(), id);
	}

	/** Done: the figures it was made from and both files, in one statement. False when it was no longer running. */
	boolean done(UUID id, String figures, String docxKey, long docxSize, String pdfKey, long pdfSize) {
		return jdbc.update("""
				update analytics_report set state = 'DONE', progress = 100, figures = cast(? as jsonb), docx_key = ?, docx_size = ?,
				    pdf_key = ?, pdf_size = ?, heartbeat_at = ?, finished_at = ?
				where id = ? and state in ('QUEUED', 'RUNNING')""", figures, docxKey, docxSize, pdfKey, pdfSize, now(), now(),
				id) == 1;
	}

	void failed(UUID id, String error) {
		String text = error.length() > 1000 ? error.substring(0, 1000) : error;
		jdbc.update("""
				update analytics_report set state = 'FAILED', error = ?, heartbeat_at = ?, finished_at = ?
				where id = ? and state in ('QUEUED', 'RUNNING')""", text, now(), now(), id);
	}

	void heartbeat(Collection<UUID> ids) {
		if (!ids.isEmpty()) {
			jdbc.update("update analytics_report set heartbeat_at = ? where id = any(?) and state in ('QUEUED', 'RUNNING')", now(),
					ids.toArray(UUID[]::new));
		}
	}

	Optional<Report> find(UUID id) {
		return jdbc.query(COLUMNS + " where id = ?", this::report, id).stream().findFirst();
	}

	/** The archived figures: the dashboard value the report was written from, as JSON. */
	Optional<String> figures(UUID id) {
		return jdbc.queryForList("select figures::text from analytics_report where id = ? and figures is not null", String.class, id)
			.stream().findFirst();
	}

	/** The latest reports of these organisations, newest first; kind and state narrow them (null: any). */
	List<Report> list(Set<Long> orgIds, ReportNarrative.Kind kind, State state, int limit) {
		StringBuilder sql = new StringBuilder(COLUMNS).append(" where org_id = any(?)");
		List<Object> args = new ArrayList<>();
		args.add(orgIds.toArray(Long[]::new));
		if (kind != null) {
			sql.append(switch (kind) {
				case MONTH -> " and period ~ '^[0-9]{4}-[0-9]{2}$'";
				case QUARTER -> " and period like '%-Q%'";
				case YEAR -> " and length(period) = 4";
			});
		}
		if (state == State.FAILED) {
			sql.append(" and (state = 'FAILED' or (state in ('QUEUED', 'RUNNING') and heartbeat_at < ?))");
			args.add(Timestamp.from(clock.instant().minus(keepRunning)));
		}
		else if (state == State.QUEUED || state == State.RUNNING) {
			sql.append(" and state = ? and heartbeat_at >= ?");
			args.add(state.name());
			args.add(Timestamp.from(clock.instant().minus(keepRunning)));
		}
		else if (state != null) {
			sql.append(" and state = ?");
			args.add(state.name());
		}
		sql.append(" order by created_at desc, id limit ?");
		args.add(limit);
		return jdbc.query(sql.toString(), this::report, args.toArray());
	}

	private Report report(ResultSet rs, int row) throws SQLException {
		State state = State.valueOf(rs.getString("state"));
		String error = rs.getString("error");
		Instant heartbeat = rs.getTimestamp("heartbeat_at").toInstant();
		Timestamp finished = rs.getTimestamp("finished_at");
		if ((state == State.QUEUED || state == State.RUNNING) && heartbeat.isBefore(clock.instant().minus(keepRunning))) {
			state = State.FAILED;
			error = messages.getMessage("analytics.report.error.interrupted", null, ReportNarrative.CHINESE);
		}
		Number by = (Number) rs.getObject("requested_by");
		return new Report(rs.getObject("id", UUID.class), rs.getLong("org_id"), rs.getString("org_name"), rs.getString("period"),
				state, state == State.DONE ? 100 : rs.getInt("progress"), by == null ? null : by.longValue(),
				rs.getString("requested_by_name"), rs.getBoolean("scheduled"), rs.getString("docx_key"), rs.getString("pdf_key"),
				error, rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant());
	}
}
