package cn.partybuilding.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/**
 * Every module's navigation entries for a caller, in their order. Every page shows them, and asking the ~30 modules on
 * every request (several through a transactional façade: the tree, the organisation's type) was 6% of the dues roll
 * page at a school, sampled (issue 23). So a caller's entries are kept for {@code party.web.navigation-max-age} per
 * node. They are kept under the whole caller (account, name and grants): a grant given or taken is another key at
 * once, and no caller is ever given another's entries. What else an entry depends on (a member made a 服务队's leader,
 * an organisation's type changed) shows within that age.
 */
@Component
class CallerMenus {

	/** Callers kept at once: a bound whatever signs in (a member's own entries are few and alike). */
	static final int KEPT = 4096;

	private final List<MenuEntries> menus;

	private final long maxAgeNanos;

	private final LongSupplier nanoTime;

	private final Map<Caller, Kept> kept = new ConcurrentHashMap<>();

	private record Kept(List<MenuEntry> entries, long askedAt) {
	}

	@Autowired
	CallerMenus(List<MenuEntries> menus, @Value("${party.web.navigation-max-age:10s}") Duration maxAge) {
		this(menus, maxAge, System::nanoTime);
	}

	CallerMenus(List<MenuEntries> menus, Duration maxAge, LongSupplier nanoTime) {
		this.menus = List.copyOf(menus);
		this.maxAgeNanos = Math.max(0, maxAge.toNanos());
		this.nanoTime = nanoTime;
	}

	List<MenuEntry> entriesFor(Caller caller) {
		long now = nanoTime.getAsLong();
		Kept recent = kept.get(caller);
		if (recent != null && now - recent.askedAt() < maxAgeNanos) {
			return recent.entries();
		}
		List<MenuEntry> entries = menus.stream()
			.flatMap(m -> m.entriesFor(caller).stream())
			.sorted(Comparator.comparingInt(MenuEntry::order))
			.toList();
		if (maxAgeNanos > 0) {
			if (kept.size() >= KEPT) {
				kept.clear();
			}
			kept.put(caller, new Kept(entries, now));
		}
		return entries;
	}

	int keptCount() {
		return kept.size();
	}
}
