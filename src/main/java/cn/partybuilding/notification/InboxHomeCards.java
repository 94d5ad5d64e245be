package cn.partybuilding.notification;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.Role;

/** On a member's phone home: how many notices are unread, and the newest unread ones. */
@Component
class InboxHomeCards implements HomeCards {

	private final Inbox inbox;

	InboxHomeCards(Inbox inbox) {
		this.inbox = inbox;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER, Role.APPLICANT)) {
			return List.of();
		}
		int unread = inbox.unread(caller);
		List<HomeCard.Line> lines = new java.util.ArrayList<>();
		if (unread > 0) {
			lines.add(HomeCard.Line.of("home.card.notices.unread", unread).linkedTo("/me/notifications"));
			inbox.of(caller, 10).stream().filter(n -> n.readAt() == null).limit(3)
				.forEach(n -> lines.add(HomeCard.Line.of("home.card.text", n.title()).linkedTo("/me/notifications")));
		}
		return List.of(new HomeCard(40, "card-notices", "notification.title", "bi-bell", "/me/notifications", lines,
				"home.card.notices.none", false));
	}
}
