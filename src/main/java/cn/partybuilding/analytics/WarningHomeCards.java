package cn.partybuilding.analytics;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;

/** On a staff member's home while their scope has warnings: how many, linking to the centre; nothing otherwise. */
@Component
class WarningHomeCards implements HomeCards {

	private final WarningCentre centre;

	WarningHomeCards(WarningCentre centre) {
		this.centre = centre;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!WarningCentre.reads(caller)) {
			return List.of();
		}
		int count = centre.countFor(caller);
		if (count == 0) {
			return List.of();
		}
		return List.of(new HomeCard(17, "card-warnings", "home.card.warnings", "bi-exclamation-triangle",
				"/analytics/warnings", List.of(HomeCard.Line.of("home.card.warnings.line", count).linkedTo("/analytics/warnings")),
				"home.card.warnings", false));
	}
}
