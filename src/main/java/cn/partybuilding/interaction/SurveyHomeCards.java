package cn.partybuilding.interaction;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/** On a member's phone home, while a survey of theirs is open and unanswered: each with its close; nothing else. */
@Component
class SurveyHomeCards implements HomeCards {

	private static final DateTimeFormatter CLOSES = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final Surveys surveys;

	SurveyHomeCards(Surveys surveys) {
		this.surveys = surveys;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER)) {
			return List.of();
		}
		List<HomeCard.Line> lines = surveys.mine(caller).stream()
			.filter(l -> l.state().equals("OPEN") && !Boolean.TRUE.equals(l.answeredByMe()))
			.map(l -> HomeCard.Line.of("home.card.surveys.line", l.title(), CLOSES.format(l.closesAt()))
				.linkedTo("/surveys/" + l.id()))
			.toList();
		if (lines.isEmpty()) {
			return List.of();
		}
		return List.of(new HomeCard(15, "card-surveys", "home.card.surveys", "bi-check2-square", "/surveys", lines,
				"home.card.surveys", false));
	}
}
