package cn.partybuilding.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The portal's rendered pages (the first pages of its lists, its articles, the feed) kept in memory for
 * {@code party.content.portal-cache-seconds}, so that an anonymous crowd costs no query and no template each.
 * A publication or a withdrawal on this node empties it at once — when the event is raised and again after its
 * transaction commits, and a page rendered meanwhile is not kept — so a withdrawn item leaves this node's portal at
 * once; other nodes drop it when their copies expire (the setting: a few seconds). While one request renders an
 * expired page again, the others are answered from the expired copy; an emptied cache has no copy to give.
 */
@Component
class PortalCache {

	/** A rendered page and its validator. */
	record Page(byte[] body, String contentType, String etag, long builtAt) {

		static Page of(byte[] body, String contentType) {
			return new Page(body, contentType, PortalCache.etag(body), System.nanoTime());
		}
	}

	private static final int MAX_PAGES = 2_000;

	private final Map<String, Page> pages = new ConcurrentHashMap<>();

	private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

	private final AtomicLong generation = new AtomicLong();

	private final long ttlNanos;

	PortalCache(@Value("${party.content.portal-cache-seconds:5}") int seconds) {
		this.ttlNanos = Math.max(0, seconds) * 1_000_000_000L;
	}

	/**
	 * The page under {@code key}: the kept copy while it is fresh, else rendered now (and kept unless emptied
	 * meanwhile); a render that finds nothing (null) is answered as such and not kept.
	 */
	Page get(String key, Supplier<Page> render) {
		Page cached = pages.get(key);
		if (cached != null && (System.nanoTime() - cached.builtAt() < ttlNanos || !refreshing.add(key))) {
			return cached;
		}
		try {
			long before = generation.get();
			Page page = render.get();
			if (page != null && ttlNanos > 0) {
				if (pages.size() >= MAX_PAGES) {
					pages.clear();
				}
				pages.put(key, page);
				if (generation.get() != before) {
					// something was published or withdrawn while this page was rendered: it may show the old state
					pages.remove(key, page);
				}
			}
			return page;
		}
		finally {
			if (cached != null) {
				refreshing.remove(key);
			}
		}
	}

	void invalidate() {
		generation.incrementAndGet();
		pages.clear();
	}

	@EventListener
	void published(ContentPublished published) {
		invalidateNowAndAfterCommit();
	}

	@EventListener
	void decided(ContentDecided decided) {
		if ("WITHDRAW".equals(decided.decision())) {
			invalidateNowAndAfterCommit();
		}
	}

	private void invalidateNowAndAfterCommit() {
		invalidate();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					invalidate();
				}
			});
		}
	}

	static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** Whether an If-None-Match header names this page's validator (weak or strong, in a list, or any). */
	static boolean matches(String ifNoneMatch, Page page) {
		if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
			return false;
		}
		for (String tag : ifNoneMatch.split(",")) {
			String t = tag.strip();
			if (t.startsWith("W/")) {
				t = t.substring(2);
			}
			if (t.equals("*") || t.equals(page.etag())) {
				return true;
			}
		}
		return false;
	}
}
