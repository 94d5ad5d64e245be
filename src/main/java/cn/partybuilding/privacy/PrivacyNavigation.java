package cn.partybuilding.privacy;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * 我的数据 in a member's menu and, on their 我的 page, a card with the latest looks at their data; 更正申请 in the
 * menu and the 待办 of those who answer them.
 */
@Component
class PrivacyNavigation implements MenuEntries, ToDoList, HomeCards {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(PlatformZone.ZONE);

	private final Corrections corrections;

	private final DataAccessLog accessLog;

	private final MemberDirectory members;

	PrivacyNavigation(Corrections corrections, DataAccessLog accessLog, MemberDirectory members) {
		this.corrections = corrections;
		this.accessLog = accessLog;
		this.members = members;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(Role.MEMBER)) {
			entries.add(new MenuEntry(120, "nav.myData", "/me/data", "bi-person-lock"));
		}
		if (caller.has(Corrections.ANSWER)) {
			entries.add(new MenuEntry(121, "nav.dataCorrections", "/data-corrections", "bi-pencil-square"));
		}
		return entries;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		if (!caller.has(Corrections.ANSWER)) {
			return List.of();
		}
		long open = corrections.openFor(caller);
		return open == 0 ? List.of()
				: List.of(new ToDo(121, "", "privacy.todo.corrections", List.of(open), "/data-corrections?open=true"));
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER)) {
			return List.of();
		}
		return members.memberOfAccount(caller.accountId()).map(id -> {
			List<HomeCard.Line> lines = accessLog.of(id, 3).stream()
				.map(a -> HomeCard.Line.of("privacy.card.line." + a.kind(), DAY.format(a.at()),
						a.role() == null ? "" : Role.valueOf(a.role()).title(), a.organization() == null ? "" : a.organization()))
				.toList();
			return List.of(new HomeCard(21, "card-data-access", "privacy.card.title", "bi-eye", "/me/data#access", lines,
					"privacy.card.empty", true));
		}).orElse(List.of());
	}
}
