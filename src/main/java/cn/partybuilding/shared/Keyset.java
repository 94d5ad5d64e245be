package cn.partybuilding.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the next page of a list ordered newest first begins: the last row's time and id, carried by the
 * {@code after} parameter as microseconds since the epoch, a dot and the id. A list read from such a position
 * through an index on (time, id) costs the same on its thousandth page as on its first, where an offset would
 * read and skip every row before it.
 */
public record Keyset(Instant at, long id) {

	/** The position a list continues from; null for a first page; an unreadable one is a 400 on {@code after}. */
	public static Keyset parse(String after) {
		if (after == null || after.isBlank()) {
			return null;
		}
		int dot = after.indexOf('.');
		try {
			long micros = Long.parseLong(after.substring(0, dot));
			return new Keyset(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(after.substring(dot + 1)));
		}
		catch (RuntimeException unreadable) {
			throw new FieldProblem("after", "keyset.after.invalid");
		}
	}

	/** The position after this row (PostgreSQL keeps microseconds: finer digits are dropped). */
	public static Keyset after(Instant at, long id) {
		return new Keyset(at.truncatedTo(ChronoUnit.MICROS), id);
	}

	/** The {@code after} parameter's value. */
	public String token() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "." + id;
	}
}
