package cn.partybuilding.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state of each import, written in its own short transactions (never in the import's big one, so
 * progress shows while the members are being written) — except "done", which commits with the rows
 * themselves. A job whose heartbeat has stopped for longer than {@link #STALE} was cut off (the platform
 * stopped): it is reported as failed, and nothing was written.
 */
@Repository
class ImportJobs {

	static final Duration STALE = Duration.ofMinutes(2);

	/** The most errors kept and shown for one file; the count says how many there were. */
	static final int MAX_ERRORS = 2000;

	enum Mode { ALL_OR_NOTHING, VALID_ONLY }

	enum OnExisting { SKIP, UPDATE }

	enum Status { RUNNING, DONE, FAILED }

	enum Phase { QUEUED, READING, CHECKING, WRITING, FINISHED }

	/** One wrong cell: the spreadsheet's own row number, the column's header and letter, what is wrong. */
	record ImportError(int row, String column, String cell, String message) {
	}

	/** What the API and the page show; {@code progress} is a percentage. */
	record ImportStatus(UUID id, String fileName, Mode mode, OnExisting onExisting, Status status, Phase phase,
			int progress, Integer totalRows, int rowsRead, int rowsToWrite, int rowsWritten, int created, int updated,
			int skipped, int errorCount, List<ImportError> errors, String message, boolean credentialsAvailable,
			Instant startedAt, Instant finishedAt, int warningCount, List<ImportError> warnings) {
	}

	/** Everything but the credentials themselves, which a progress poll has no business reading. */
	private static final String COLUMNS = """
			select id, file_name, mode, on_existing, status, phase, total_rows, rows_read, rows_to_write, rows_written,
			    created_count, updated_count, skipped_count, error_count, errors, message, credentials is not null as has_credentials,
			    warning_count, warnings,
			    started_at, heartbeat_at, finished_at
			from member_import """;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate own;

	private final TransactionTemplate joined;

	private final JsonMapper json;

	private final Clock clock;

	ImportJobs(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.joined = new TransactionTemplate(transactions);
		this.joined.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
		this.json = json;
		this.clock = clock;
	}

	void create(UUID id, long accountId, String username, String fileName, Mode mode, OnExisting onExisting) {
		own.executeWithoutResult(t -> jdbc.update("""
				insert into member_import (id, account_id, username, file_name, mode, on_existing, status, phase, started_at, heartbeat_at)
				values (?, ?, ?, ?, ?, ?, 'RUNNING', 'QUEUED', ?, ?)""", id, accountId, username, fileName, mode.name(),
				onExisting.name(), now(), now()));
	}

	void progress(UUID id, Phase phase, Integer totalRows, int rowsRead, int rowsToWrite, int rowsWritten) {
		own.executeWithoutResult(t -> jdbc.update("""
				update member_import set phase = ?, total_rows = ?, rows_read = ?, rows_to_write = ?, rows_written = ?,
				    heartbeat_at = ? where id = ?""", phase.name(), totalRows, rowsRead, rowsToWrite, rowsWritten, now(), id));
	}

	/**
	 * Marks the job done in the transaction that wrote its rows: a stop between the two commits would
	 * otherwise leave every row written and the job reported as failed with nothing written.
	 * {@code warnings}: rows written with a warning (a historical record outside the probation rule).
	 */
	void done(UUID id, int created, int updated, int skipped, List<ImportError> errors, int errorCount, String message,
			String credentials, List<ImportError> warnings) {
		joined.executeWithoutResult(t -> finish(id, Status.DONE, created, updated, skipped, errors, errorCount, message,
				credentials, warnings));
	}

	/** A job that wrote nothing, in its own transaction (the import's has rolled back). */
	void failed(UUID id, List<ImportError> errors, int errorCount, String message) {
		own.executeWithoutResult(t -> finish(id, Status.FAILED, 0, 0, 0, errors, errorCount, message, null, List.of()));
	}

	private void finish(UUID id, Status status, int created, int updated, int skipped, List<ImportError> errors,
			int errorCount, String message, String credentials, List<ImportError> warnings) {
		String errorJson = json.writeValueAsString(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
		String warningJson = json.writeValueAsString(warnings.subList(0, Math.min(warnings.size(), MAX_ERRORS)));
		jdbc.update("""
				update member_import set status = ?, phase = 'FINISHED', created_count = ?, updated_count = ?, skipped_count = ?,
				    errors = ?, error_count = ?, message = ?, credentials = ?, heartbeat_at = ?, finished_at = ?,
				    warnings = ?, warning_count = ?
				where id = ?""", status.name(), created, updated, skipped, errorJson, errorCount, message, credentials, now(),
				now(), warningJson, warnings.size(), id);
	}

	void heartbeat(Collection<UUID> ids) {
		if (!ids.isEmpty()) {
			own.executeWithoutResult(t -> jdbc.update("update member_import set heartbeat_at = ? where id = any(?) and status = 'RUNNING'",
					now(), ids.toArray(UUID[]::new)));
		}
	}

	/** Whether this person has an import waiting or running (one at a time each). */
	boolean running(long accountId) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from member_import where account_id = ? and status = 'RUNNING' and heartbeat_at > ?)",
				Boolean.class, accountId, Timestamp.from(clock.instant().minus(STALE))));
	}

	/** The importer's own job; anybody else's is not found. */
	Optional<ImportStatus> find(UUID id, long accountId) {
		return jdbc.query(COLUMNS + " where id = ? and account_id = ?", this::status, id, accountId)
			.stream()
			.findFirst();
	}

	List<ImportStatus> recent(long accountId, int limit) {
		return jdbc.query(COLUMNS + " where account_id = ? order by started_at desc limit ?", this::status,
				accountId, limit);
	}

	/** One-time passwords nobody took within a day are not kept: the accounts' passwords can be reset. */
	void forgetCredentialsOlderThan(Duration age) {
		own.executeWithoutResult(t -> jdbc.update(
				"update member_import set credentials = null where credentials is not null and finished_at < ?",
				Timestamp.from(clock.instant().minus(age))));
	}

	/** The encrypted one-time passwords, handed out once: reading them erases them. */
	Optional<String> takeCredentials(UUID id, long accountId) {
		return own.execute(t -> {
			List<String> found = jdbc.queryForList(
					"select credentials from member_import where id = ? and account_id = ? and credentials is not null for update",
					String.class, id, accountId);
			if (found.isEmpty()) {
				return Optional.<String>empty();
			}
			jdbc.update("update member_import set credentials = null where id = ?", id);
			return Optional.of(found.get(0));
		});
	}

	private ImportStatus status(ResultSet rs, int row) throws SQLException {
		Status status = Status.valueOf(rs.getString("status"));
		Phase phase = Phase.valueOf(rs.getString("phase"));
		String message = rs.getString("message");
		Instant heartbeat = rs.getTimestamp("heartbeat_at").toInstant();
		if (status == Status.RUNNING && heartbeat.isBefore(clock.instant().minus(STALE))) {
			status = Status.FAILED;
			message = "导入在服务重启时中断，未写入任何数据，请重新导入";
		}
		Integer total = (Integer) rs.getObject("total_rows");
		int read = rs.getInt("rows_read");
		int toWrite = rs.getInt("rows_to_write");
		int written = rs.getInt("rows_written");
		String errors = rs.getString("errors");
		String warnings = rs.getString("warnings");
		Timestamp finished = rs.getTimestamp("finished_at");
		return new ImportStatus(rs.getObject("id", UUID.class), rs.getString("file_name"), Mode.valueOf(rs.getString("mode")),
				OnExisting.valueOf(rs.getString("on_existing")), status, phase,
				progress(status, phase, total, read, toWrite, written), total, read, toWrite, written,
				rs.getInt("created_count"), rs.getInt("updated_count"), rs.getInt("skipped_count"), rs.getInt("error_count"),
				errors == null ? List.of() : json.readValue(errors, new TypeReference<List<ImportError>>() { }), message,
				rs.getBoolean("has_credentials"), rs.getTimestamp("started_at").toInstant(),
				finished == null ? null : finished.toInstant(), rs.getInt("warning_count"),
				warnings == null ? List.of() : json.readValue(warnings, new TypeReference<List<ImportError>>() { }));
	}

	/** Reading is most of the work: 0–60 %, checking 60–70 %, writing 70–100 %. */
	private static int progress(Status status, Phase phase, Integer total, int read, int toWrite, int written) {
		if (status != Status.RUNNING) {
			return 100;
		}
		return switch (phase) {
			case QUEUED -> 0;
			case READING -> total == null || total == 0 ? 5 : Math.min(59, read * 60 / total);
			case CHECKING -> 60;
			case WRITING -> 70 + (toWrite == 0 ? 0 : Math.min(29, written * 30 / toWrite));
			case FINISHED -> 100;
		};
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant());
	}
}
