package cn.partybuilding.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * How many warnings wait in a staff member's scope, linking to the centre; nothing when there are none. A card for
 * the phone home, and a line of 待办 for the staff home (which shows no cards); counts kept a few minutes.
 */
@Component
class WarningHomeCards implements HomeCards, ToDoList {

	private final WarningCentre centre;

	private final OrganizationScope scope;

	WarningHomeCards(WarningCentre centre, OrganizationScope scope) {
		this.centre = centre;
		this.scope = scope;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!WarningCentre.reads(caller)) {
			return List.of();
		}
		int count = centre.countFor(caller.organizationsWith(WarningCentre.STAFF));
		if (count == 0) {
			return List.of();
		}
		return List.of(new HomeCard(17, "card-warnings", "home.card.warnings", "bi-exclamation-triangle",
				"/analytics/warnings", List.of(HomeCard.Line.of("home.card.warnings.line", count).linkedTo("/analytics/warnings")),
				"home.card.warnings", false));
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		if (!WarningCentre.reads(caller)) {
			return List.of();
		}
		List<ToDo> todos = new ArrayList<>();
		for (OrgRef root : scope.findAll(caller.organizationsWith(WarningCentre.STAFF))) {
			int count = centre.countFor(Set.of(root.id()));
			if (count > 0) {
				todos.add(new ToDo(17, root.name(), "warning.todo", List.of(count), "/analytics/warnings?orgId=" + root.id()));
			}
		}
		return todos;
	}
}
