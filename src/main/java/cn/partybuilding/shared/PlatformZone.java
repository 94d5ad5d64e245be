package cn.partybuilding.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The platform's one time zone: what dates and times mean to a Chinese university (stored as timestamptz). */
public final class PlatformZone {

	/** For annotations, which need a constant string ({@code @Scheduled(zone = ...)}). */
	public static final String NAME = "Asia/Shanghai";

	public static final ZoneId ZONE = ZoneId.of(NAME);

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

	private PlatformZone() {
	}

	/**
	 * A time as typed into a form or an API: an ISO instant with an offset, a Beijing local time
	 * ({@code 2026-12-02T09:00} or {@code 2026-12-02 09:00}) or a date (its midnight); empty when it is none of them.
	 */
	public static Optional<Instant> parse(String text) {
		try {
			return Optional.of(OffsetDateTime.parse(text).toInstant());
		}
		catch (DateTimeParseException notOffset) {
			try {
				return Optional.of(LocalDateTime.parse(text, LOCAL).atZone(ZONE).toInstant());
			}
			catch (DateTimeParseException notLocal) {
				try {
					return Optional.of(LocalDate.parse(text).atStartOfDay(ZONE).toInstant());
				}
				catch (DateTimeParseException notDate) {
					return Optional.empty();
				}
			}
		}
	}
}
