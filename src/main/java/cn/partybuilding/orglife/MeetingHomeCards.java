package cn.partybuilding.orglife;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/** On a member's phone home: the next meetings they are invited to (活动). */
@Component
class MeetingHomeCards implements HomeCards {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final MeetingPlanner planner;

	private final Clock clock;

	MeetingHomeCards(MeetingPlanner planner, Clock clock) {
		this.planner = planner;
		this.clock = clock;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER, Role.APPLICANT)) {
			return List.of();
		}
		List<HomeCard.Line> lines = planner.mine(caller, clock.instant()).stream().limit(3)
			.map(m -> HomeCard.Line.of("home.card.meetings.line", WHEN.format(m.startAt()), m.topic(),
					m.place() == null ? "" : m.place()).linkedTo("/meetings/" + m.id()))
			.toList();
		return List.of(new HomeCard(20, "card-meetings", "home.card.meetings", "bi-calendar-check", "/me/meetings",
				lines, "orglife.mine.empty", false));
	}
}
