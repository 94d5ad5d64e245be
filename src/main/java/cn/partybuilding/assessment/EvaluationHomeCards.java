package cn.partybuilding.assessment;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/** On a voter's phone home while their branch's 民主评议 is open and they have not voted: the close; nothing else. */
@Component
class EvaluationHomeCards implements HomeCards {

	private static final DateTimeFormatter CLOSES = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final Evaluations evaluations;

	EvaluationHomeCards(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER)) {
			return List.of();
		}
		List<HomeCard.Line> lines = evaluations.mine(caller).stream()
			.filter(l -> l.state().equals("OPEN") && !Boolean.TRUE.equals(l.votedByMe()))
			.filter(l -> evaluations.load(l.id()).map(e -> evaluations.mayVote(caller, e)).orElse(false))
			.map(l -> HomeCard.Line.of("home.card.evaluations.line", l.year(), CLOSES.format(l.closesAt()))
				.linkedTo("/evaluations/mine"))
			.toList();
		if (lines.isEmpty()) {
			return List.of();
		}
		return List.of(new HomeCard(16, "card-evaluations", "home.card.evaluations", "bi-person-check",
				"/evaluations/mine", lines, "home.card.evaluations", false));
	}
}
