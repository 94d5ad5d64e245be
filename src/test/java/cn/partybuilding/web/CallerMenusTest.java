package cn.partybuilding.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller's navigation entries are asked of the modules at most once within the age, and only ever their own. */
class CallerMenusTest {

	private final AtomicInteger asked = new AtomicInteger();

	/** A module whose entries depend on something besides the caller: whether the account leads a team. */
	private final List<Long> leaders = new ArrayList<>();

	private final MenuEntries teams = caller -> {
		asked.incrementAndGet();
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.BRANCH_SECRETARY)) {
			entries.add(new MenuEntry(50, "nav.dues", "/dues", "bi-cash-coin"));
		}
		if (leaders.contains(caller.accountId())) {
			entries.add(new MenuEntry(64, "nav.volunteerManage", "/volunteer/manage", "bi-people"));
		}
		return entries;
	};

	private final MenuEntries home = caller -> List.of(new MenuEntry(0, "nav.home", "/", "bi-house"));

	private final AtomicLong now = new AtomicLong();

	private final CallerMenus menus = new CallerMenus(List.of(teams, home), Duration.ofSeconds(10), now::get);

	private static Caller member(Caller.Grant... grants) {
		return new Caller(7, "m7", "赵红梅", List.of(grants));
	}

	@Test
	void aCallersEntriesAreAskedOnceWithinTheAgeAndAgainAfterIt() {
		Caller caller = member(new Caller.Grant(Role.MEMBER, 11));
		assertThat(menus.entriesFor(caller)).extracting(MenuEntry::href).containsExactly("/");
		leaders.add(7L);
		now.addAndGet(Duration.ofSeconds(9).toNanos());
		// the same caller (an equal one, as each request reads it from the session) within the age: kept
		assertThat(menus.entriesFor(member(new Caller.Grant(Role.MEMBER, 11)))).extracting(MenuEntry::href).containsExactly("/");
		assertThat(asked).hasValue(1);
		now.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(menus.entriesFor(caller)).extracting(MenuEntry::href).containsExactly("/", "/volunteer/manage");
		assertThat(asked).hasValue(2);
	}

	@Test
	void aGrantGivenShowsAtOnceAndNoCallerGetsAnothersEntries() {
		Caller before = member(new Caller.Grant(Role.MEMBER, 11));
		Caller secretary = member(new Caller.Grant(Role.MEMBER, 11), new Caller.Grant(Role.BRANCH_SECRETARY, 11));
		assertThat(menus.entriesFor(before)).extracting(MenuEntry::href).containsExactly("/");
		// in their order, whatever the modules' order
		assertThat(menus.entriesFor(secretary)).extracting(MenuEntry::href).containsExactly("/", "/dues");
		Caller other = new Caller(8, "m8", "钱志强", List.of(new Caller.Grant(Role.MEMBER, 11)));
		leaders.add(8L);
		assertThat(menus.entriesFor(other)).extracting(MenuEntry::href).containsExactly("/", "/volunteer/manage");
		assertThat(menus.entriesFor(before)).extracting(MenuEntry::href).containsExactly("/");
		assertThat(menus.keptCount()).isEqualTo(3);
	}

	@Test
	void noAgeAsksEveryTimeAndKeepsNothing() {
		CallerMenus always = new CallerMenus(List.of(teams, home), Duration.ZERO, now::get);
		Caller caller = member(new Caller.Grant(Role.MEMBER, 11));
		always.entriesFor(caller);
		always.entriesFor(caller);
		assertThat(asked).hasValue(2);
		assertThat(always.keptCount()).isZero();
	}

	@Test
	void theKeptCallersAreBounded() {
		for (int i = 0; i < CallerMenus.KEPT + 5; i++) {
			menus.entriesFor(new Caller(i, "u" + i, "x", List.of()));
		}
		assertThat(menus.keptCount()).isLessThanOrEqualTo(CallerMenus.KEPT);
	}
}
