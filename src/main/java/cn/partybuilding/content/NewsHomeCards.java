package cn.partybuilding.content;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.Role;

/** On a member's phone home: the newest three items in their audience. */
@Component
class NewsHomeCards implements HomeCards {

	private final Reading reading;

	NewsHomeCards(Reading reading) {
		this.reading = reading;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER, Role.APPLICANT)) {
			return List.of();
		}
		List<HomeCard.Line> lines = reading.list(caller, null, null, null, 0, 3).getContent().stream()
			.map(line -> HomeCard.Line.of("home.card.news.line", line.title(), line.orgName()).linkedTo("/news/" + line.id()))
			.toList();
		return List.of(new HomeCard(12, "card-news", "home.card.news", "bi-newspaper", "/news", lines,
				"home.card.news.none", false));
	}
}
