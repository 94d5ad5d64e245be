package cn.partybuilding.shared;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Keep a copy, serve it at once, compute it again behind the reader": figures too slow to compute on a request (a
 * province's dashboards, ranking, warnings) are kept by their module, and a reader gets the kept copy whatever its age
 * while a copy that is no longer fresh is computed again on a daemon thread of the module's own, once at a time per key
 * however many readers ask. The module keeps the copy and says what fresh means; this only runs the work.
 */
public final class KeptCopy<K> {

	private static final Logger log = LoggerFactory.getLogger(KeptCopy.class);

	private final String name;

	private final ExecutorService thread;

	private final Set<K> computing = ConcurrentHashMap.newKeySet();

	private KeptCopy(String name) {
		this.name = name;
		this.thread = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		});
	}

	/** Copies computed again on a daemon thread of this name (one per module: a slow one holds up only its own). */
	public static <K> KeptCopy<K> computedOn(String threadName) {
		return new KeptCopy<>(threadName);
	}

	/**
	 * The copy to serve: none kept → what {@code first} answers (the first reader waits for it); kept but not
	 * {@code fresh} → the kept one at once, and {@code again} behind the reader ({@link #behind}).
	 */
	public <T> T serve(K key, Optional<T> kept, Predicate<T> fresh, Supplier<T> first, Runnable again) {
		if (kept.isEmpty()) {
			return first.get();
		}
		if (!fresh.test(kept.get())) {
			behind(key, again);
		}
		return kept.get();
	}

	/** {@code work} on the thread, unless it is already queued or running for this key; a failure is logged. */
	public void behind(K key, Runnable work) {
		if (computing.add(key)) {
			try {
				thread.execute(() -> {
					try {
						work.run();
					}
					catch (RuntimeException e) {
						log.warn("{}: {} not computed again: {}", name, key, e.toString());
					}
					finally {
						computing.remove(key);
					}
				});
			}
			catch (RuntimeException e) {
				// the thread is stopped (the application shutting down)
				computing.remove(key);
			}
		}
	}

	/**
	 * {@code work} on the thread, waited for: a reader in a read-only transaction has a copy written in transactions of
	 * the thread's own.
	 */
	public <T> T waitFor(Supplier<T> work) {
		try {
			return thread.submit(work::get).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		catch (ExecutionException e) {
			throw new IllegalStateException(name + ": not computed", e.getCause());
		}
	}

	/** Stops the thread (the application shuts down): work queued is dropped, work running is interrupted. */
	public void stop() {
		thread.shutdownNow();
	}
}
