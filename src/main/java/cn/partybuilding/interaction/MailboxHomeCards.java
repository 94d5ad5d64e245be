package cn.partybuilding.interaction;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.Role;

/** On a member's phone home: write to the secretary, the letters still waiting, the questions of the branch. */
@Component
class MailboxHomeCards implements HomeCards {

	private final Letters letters;

	MailboxHomeCards(Letters letters) {
		this.letters = letters;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER, Role.APPLICANT)) {
			return List.of();
		}
		List<HomeCard.Line> lines = new ArrayList<>();
		long waiting = letters.waitingOf(caller);
		if (waiting > 0) {
			lines.add(HomeCard.Line.of("mailbox.card.waiting", waiting).linkedTo("/mailbox"));
		}
		lines.add(HomeCard.Line.of("mailbox.card.write").linkedTo("/mailbox/new"));
		lines.add(HomeCard.Line.of("mailbox.card.questions").linkedTo("/questions"));
		return List.of(new HomeCard(14, "card-mailbox", "mailbox.card.title", "bi-envelope", "/mailbox", lines,
				"mailbox.card.none", true));
	}
}
