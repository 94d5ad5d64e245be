package cn.partybuilding.platform;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database part of a backup, through JDBC (the embedded binaries hold no {@code pg_dump}): every table of the
 * schema in one {@code REPEATABLE READ READ ONLY} transaction with {@code COPY ... TO STDOUT}, so the tables agree with
 * each other, and the sequences' positions from the same snapshot. Restoring goes into an empty database that Flyway
 * has brought to the backup's schema version: the rows the migrations inserted are replaced, the rows go back with
 * {@code COPY ... FROM STDIN} with triggers and foreign-key checks off ({@code session_replication_role = replica}: the
 * dump is consistent, and the audit log's append-only trigger must not refuse its own rows), then the sequences are set.
 */
final class DatabaseDump {

	/**
	 * Not saved: Flyway's history (a restore migrates), the sign-in sessions (a restored session would let a copied
	 * cookie in again), ShedLock's locks and the cron firings' claims.
	 */
	static final Set<String> SKIPPED = Set.of("flyway_schema_history", "spring_session", "spring_session_attributes",
			"shedlock", "scheduled_firing");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DatabaseDump() {
	}

	/** What the dump wrote. */
	record Snapshot(String schemaVersion, List<BackupManifest.Table> tables, int sequences) {
	}

	/** A sequence's position. */
	record Sequence(String name, long lastValue, boolean called) {
	}

	/** Writes each table as {@code db/<table>} (COPY text), then {@code db/sequences.json}. */
	static Snapshot dump(Connection connection, EntrySink sink) throws SQLException, IOException {
		boolean autoCommit = connection.getAutoCommit();
		int isolation = connection.getTransactionIsolation();
		connection.setAutoCommit(false);
		connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		connection.setReadOnly(true);
		try {
			// the first statement takes the snapshot every later one reads
			String version = schemaVersion(connection);
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			List<BackupManifest.Table> tables = new ArrayList<>();
			for (String table : tables(connection)) {
				if (SKIPPED.contains(table)) {
					continue;
				}
				List<String> columns = columns(connection, table);
				long rows;
				try (OutputStream out = sink.entry("db/" + table)) {
					rows = copy.copyOut("COPY (SELECT " + list(columns) + " FROM " + quote(table) + ") TO STDOUT", out);
				}
				tables.add(new BackupManifest.Table(table, columns, rows));
			}
			List<Sequence> sequences = new ArrayList<>();
			for (String name : sequences(connection)) {
				try (Statement st = connection.createStatement();
						ResultSet rs = st.executeQuery("select last_value, is_called from " + quote(name))) {
					rs.next();
					sequences.add(new Sequence(name, rs.getLong(1), rs.getBoolean(2)));
				}
			}
			try (OutputStream out = sink.entry("db/sequences.json")) {
				out.write(JSON.writeValueAsBytes(sequences));
			}
			connection.commit();
			return new Snapshot(version, tables, sequences.size());
		}
		finally {
			if (!connection.isClosed()) {
				connection.rollback();
				connection.setReadOnly(false);
				connection.setTransactionIsolation(isolation);
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	/** Where a dump writes its entries (an entry ends when its stream is closed). */
	interface EntrySink {

		OutputStream entry(String name) throws IOException;
	}

	/** The highest migration applied, or null for a database Flyway never touched. */
	static String schemaVersion(Connection connection) throws SQLException {
		if (!exists(connection, "flyway_schema_history")) {
			return null;
		}
		List<String> versions = new ArrayList<>();
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
				"select version from flyway_schema_history where success and version is not null")) {
			while (rs.next()) {
				versions.add(rs.getString(1));
			}
		}
		return versions.stream().map(MigrationVersion::fromVersion).max(Comparator.naturalOrder())
			.map(MigrationVersion::getVersion).orElse(null);
	}

	/** Whether the schema holds no table, view or sequence: a restore goes only there. */
	static boolean isEmpty(Connection connection) throws SQLException {
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
				select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S')""")) {
			rs.next();
			return rs.getLong(1) == 0;
		}
	}

	/**
	 * Inside the caller's transaction: checks every table of the backup exists with its columns, then empties the
	 * tables the migrations filled and switches triggers off for the rest of the transaction.
	 */
	static void prepareRestore(Connection connection, List<BackupManifest.Table> tables) throws SQLException {
		List<String> present = tables(connection);
		for (BackupManifest.Table table : tables) {
			if (!present.contains(table.name()) || !columns(connection, table.name()).containsAll(table.columns())) {
				throw new SQLException("table " + table.name() + " of the backup does not match the migrated schema");
			}
		}
		try (Statement st = connection.createStatement()) {
			st.execute("set local session_replication_role = replica");
			String all = present.stream().filter(t -> !t.equals("flyway_schema_history"))
				.map(DatabaseDump::quote).collect(Collectors.joining(", "));
			if (!all.isEmpty()) {
				st.execute("truncate " + all);
			}
		}
	}

	/** Copies one table's rows back; the count of rows copied. */
	static long restoreTable(Connection connection, BackupManifest.Table table, InputStream rows)
			throws SQLException, IOException {
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		return copy.copyIn("COPY " + quote(table.name()) + " (" + list(table.columns()) + ") FROM STDIN",
				new FilterInputStream(rows) {
					@Override
					public void close() {
						// the entry's stream belongs to the archive
					}
				});
	}

	/** Sets every sequence of {@code db/sequences.json} to where it stood. */
	static int restoreSequences(Connection connection, InputStream json) throws SQLException, IOException {
		List<Sequence> sequences = JSON.readValue(json.readAllBytes(), new TypeReference<List<Sequence>>() {
		});
		List<String> present = sequences(connection);
		for (Sequence sequence : sequences) {
			if (!present.contains(sequence.name())) {
				throw new SQLException("sequence " + sequence.name() + " of the backup is not in the migrated schema");
			}
			try (var st = connection.prepareStatement("select setval(?::regclass, ?, ?)")) {
				st.setString(1, quote(sequence.name()));
				st.setLong(2, sequence.lastValue());
				st.setBoolean(3, sequence.called());
				st.execute();
			}
		}
		return sequences.size();
	}

	private static List<String> tables(Connection connection) throws SQLException {
		return names(connection, """
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
				order by c.relname""");
	}

	private static List<String> sequences(Connection connection) throws SQLException {
		return names(connection, """
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind = 'S' order by c.relname""");
	}

	/** The stored columns (generated ones are computed again on restore). */
	private static List<String> columns(Connection connection, String table) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (var st = connection.prepareStatement("""
				select a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
				join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relname = ? and a.attnum > 0 and not a.attisdropped
				and a.attgenerated = '' order by a.attnum""")) {
			st.setString(1, table);
			try (ResultSet rs = st.executeQuery()) {
				while (rs.next()) {
					columns.add(rs.getString(1));
				}
			}
		}
		return columns;
	}

	private static boolean exists(Connection connection, String table) throws SQLException {
		return tables(connection).contains(table);
	}

	private static List<String> names(Connection connection, String sql) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		return names;
	}

	private static String list(List<String> columns) {
		return columns.stream().map(DatabaseDump::quote).collect(Collectors.joining(", "));
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}
}
