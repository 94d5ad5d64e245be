package cn.partybuilding.shared;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often one address may ask a public page in a minute: a fixed window per key, its count reset when a
 * new minute starts. Codes on public verification pages cannot be guessed, and this keeps anyone from trying.
 */
public final class PerMinute {

	private final int limit;

	private final Clock clock;

	private final Map<String, long[]> recent = new ConcurrentHashMap<>();

	private PerMinute(int limit, Clock clock) {
		this.limit = limit;
		this.clock = clock;
	}

	/** A limit of its own for one page (each page counts apart). */
	public static PerMinute limit(int perMinute, Clock clock) {
		return new PerMinute(perMinute, clock);
	}

	public boolean allows(String key) {
		long minute = clock.millis() / 60_000;
		if (recent.size() > 10_000) {
			recent.entrySet().removeIf(e -> e.getValue()[0] != minute);
		}
		long[] window = recent.compute(key, (k, w) -> w == null || w[0] != minute ? new long[] { minute, 1 }
				: new long[] { minute, w[1] + 1 });
		return window[1] <= limit;
	}
}
