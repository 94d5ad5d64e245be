package cn.partybuilding.shared;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Many rows written with PostgreSQL's COPY (text format) on the connection of the caller's transaction:
 * the generated province's millions of rows in minutes. Each module copies only into its own tables.
 * Values: null, numbers, booleans, strings, dates and instants (their ISO text, which PostgreSQL reads).
 */
public final class BulkCopy {

	private static final int FLUSH = 1 << 16;

	private BulkCopy() {
	}

	/** Copies the rows into {@code table (columns)}; returns how many were written. */
	public static long copy(DataSource dataSource, String table, List<String> columns, Iterator<Object[]> rows) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			CopyIn in = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
			try {
				ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH + 4096);
				StringBuilder line = new StringBuilder(256);
				while (rows.hasNext()) {
					Object[] row = rows.next();
					line.setLength(0);
					for (int i = 0; i < row.length; i++) {
						if (i > 0) {
							line.append('\t');
						}
						append(line, row[i]);
					}
					line.append('\n');
					buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
					if (buffer.size() >= FLUSH) {
						in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
						buffer.reset();
					}
				}
				if (buffer.size() > 0) {
					in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
				}
				return in.endCopy();
			}
			finally {
				if (in.isActive()) {
					in.cancelCopy();
				}
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static void append(StringBuilder line, Object value) {
		if (value == null) {
			line.append("\\N");
			return;
		}
		String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> line.append("\\\\");
				case '\t' -> line.append("\\t");
				case '\n' -> line.append("\\n");
				case '\r' -> line.append("\\r");
				default -> line.append(c);
			}
		}
	}
}
