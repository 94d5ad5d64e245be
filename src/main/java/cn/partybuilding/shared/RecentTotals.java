package cn.partybuilding.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A list's total over the whole tree of a large platform (a province), read again only when the copy this node holds is
 * older than {@code maxAge}: summing every organisation's kept counters (23 000 rows) cost a root's member or meeting
 * page 1.3 ms of PostgreSQL and its dues roll 5.7 of 9.7 ms, the same sum for every page and every reader within seconds.
 * A total served from here is not exact (the page says 约); below {@link #ABOVE_ORGANIZATIONS} organisations, or with a
 * max age of zero, it is read every time and exact.
 */
public final class RecentTotals<K, V> {

	/**
	 * Organisations in the whole tree from which its totals may be recent copies: a university has a few hundred and
	 * its sums cost nothing worth saving; a province's 23 000 do.
	 */
	public static final int ABOVE_ORGANIZATIONS = 5_000;

	private record Copy<V>(V value, Instant at) {
	}

	private final Duration maxAge;

	private final Clock clock;

	private final Map<K, Copy<V>> copies = new ConcurrentHashMap<>();

	private RecentTotals(Duration maxAge, Clock clock) {
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/** Copies at most {@code maxAge} old (the setting {@code party.lists.province-totals-max-age}). */
	public static <K, V> RecentTotals<K, V> keptFor(Duration maxAge, Clock clock) {
		return new RecentTotals<>(maxAge, clock);
	}

	/** Whether a tree of this many organisations has its totals from copies (else each is read as it is asked). */
	public boolean applyTo(int organizations) {
		return organizations > ABOVE_ORGANIZATIONS && !maxAge.isZero() && !maxAge.isNegative();
	}

	/**
	 * The copy of {@code key}'s total, read with {@code read} when there is none or it is older than the max age. Two
	 * readers finding it stale may both read it: a sum, not worth a lock.
	 */
	public V get(K key, Supplier<V> read) {
		Instant now = clock.instant();
		Copy<V> copy = copies.get(key);
		if (copy == null || copy.at().plus(maxAge).isBefore(now)) {
			copy = new Copy<>(read.get(), now);
			copies.put(key, copy);
		}
		return copy.value();
	}
}
