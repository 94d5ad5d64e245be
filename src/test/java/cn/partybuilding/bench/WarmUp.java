package cn.partybuilding.bench;

/**
 * A page warmed before its throughput is measured: in a fresh JVM a page's first seconds are its JIT's (the province
 * root's dues roll page measured 170 req/s three seconds after its first request and 600 a minute later), and a
 * benchmark that warms each list for a fixed three seconds compares a page still compiling with an endpoint that
 * is not.
 */
public final class WarmUp {

	/** Most seconds a list is warmed ({@code -Dbench.warm-seconds}, 90). */
	public static final int MAX_SECONDS = Integer.getInteger("bench.warm-seconds", 90);

	private WarmUp() {
	}

	/** One load run of some seconds: its requests a second. */
	@FunctionalInterface
	public interface Run {

		double requestsPerSecond(int seconds) throws Exception;
	}

	/** Runs of 5 s until two in a row are within 3% of each other, at most {@link #MAX_SECONDS}: the seconds it took. */
	public static int untilSteady(Run run) throws Exception {
		double last = run.requestsPerSecond(5);
		int seconds = 5;
		while (seconds < MAX_SECONDS) {
			double now = run.requestsPerSecond(5);
			seconds += 5;
			if (Math.abs(now - last) <= 0.03 * Math.max(now, last)) {
				break;
			}
			last = now;
		}
		return seconds;
	}
}
