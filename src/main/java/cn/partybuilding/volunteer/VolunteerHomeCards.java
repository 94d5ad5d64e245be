package cn.partybuilding.volunteer;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.Role;

/** On a member's phone home and 我的: the year's volunteer hours and their next shifts (the first three). */
@Component
class VolunteerHomeCards implements HomeCards {

	private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")
		.withZone(cn.partybuilding.shared.PlatformZone.ZONE);

	private final VolunteerActivities activities;

	private final VolunteerHours hours;

	VolunteerHomeCards(VolunteerActivities activities, VolunteerHours hours) {
		this.activities = activities;
		this.hours = hours;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER, Role.APPLICANT)) {
			return List.of();
		}
		VolunteerHours.MyHours mine = hours.mine(caller, null);
		List<HomeCard.Line> lines = new ArrayList<>();
		if (mine.totalHours().signum() > 0) {
			lines.add(HomeCard.Line.of("home.card.volunteer.hours", mine.year(), mine.hours().stripTrailingZeros().toPlainString(),
					mine.totalHours().stripTrailingZeros().toPlainString()).linkedTo("/me/volunteer"));
		}
		activities.forMe(caller, VolunteerActivities.Filter.UPCOMING).stream().filter(a -> a.mine() != null).limit(3)
			.forEach(a -> lines.add(HomeCard.Line.of(VolunteerActivities.CONFIRMED.equals(a.mine())
					? "home.card.volunteer.signedUp" : "home.card.volunteer.waiting", a.title(), WHEN.format(a.firstStart()))
				.linkedTo("/volunteer/activities/" + a.id())));
		return List.of(new HomeCard(13, "card-volunteer", "home.card.volunteer", "bi-heart", "/volunteer", lines,
				"home.card.volunteer.none", true));
	}
}
