package cn.partybuilding.shared;

import java.time.ZoneId;

/** The platform's one time zone: what dates and times mean to a Chinese university (stored as timestamptz). */
public final class PlatformZone {

	/** For annotations, which need a constant string ({@code @Scheduled(zone = ...)}). */
	public static final String NAME = "Asia/Shanghai";

	public static final ZoneId ZONE = ZoneId.of(NAME);

	private PlatformZone() {
	}
}
