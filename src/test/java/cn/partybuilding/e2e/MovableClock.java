package cn.partybuilding.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import cn.partybuilding.shared.PlatformZone;

/**
 * The platform's time for a journey whose waiting times must pass (a year as an activist, the 预备期): the
 * system clock moved by whole days. A test imports {@link Config}; production keeps its own Clock.
 */
final class MovableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	private final ZoneId zone;

	MovableClock(ZoneId zone) {
		this.zone = zone;
	}

	/** Moves the platform's today to this day (the time of day goes on as the system's). */
	void moveTo(LocalDate day) {
		offset = Duration.ofDays(day.toEpochDay() - LocalDate.now(Clock.system(zone)).toEpochDay());
	}

	void reset() {
		offset = Duration.ZERO;
	}

	LocalDate today() {
		return LocalDate.now(this);
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId other) {
		MovableClock moved = new MovableClock(other);
		moved.offset = offset;
		return moved;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(offset);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(PlatformZone.ZONE);
		}
	}
}
