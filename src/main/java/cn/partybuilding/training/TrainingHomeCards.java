package cn.partybuilding.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.Role;

/** On a member's phone home and 我的: the year's training hours and the classes they are in (the newest three). */
@Component
class TrainingHomeCards implements HomeCards {

	private final TrainingClasses classes;

	private final SecretaryHours hours;

	private final MemberDirectory members;

	TrainingHomeCards(TrainingClasses classes, SecretaryHours hours, MemberDirectory members) {
		this.classes = classes;
		this.hours = hours;
		this.members = members;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER)) {
			return List.of();
		}
		Optional<Long> me = members.memberOfAccount(caller.accountId());
		List<TrainingClasses.MyClass> mine = me.isEmpty() ? List.of() : classes.mine(caller);
		if (mine.isEmpty()) {
			return List.of();
		}
		List<HomeCard.Line> lines = new ArrayList<>();
		int year = hours.thisYear();
		hours.ofMember(me.get(), year).ifPresent(h -> lines.add(
				HomeCard.Line.of("home.card.training.hours", year, h.hours(), h.requiredHours()).finished(!h.lacking())));
		mine.stream().limit(3).forEach(c -> lines.add((c.completed()
				? HomeCard.Line.of("home.card.training.done", c.line().title())
				: HomeCard.Line.of("home.card.training.line", c.line().title(), c.hours(), c.line().requiredHours()))
			.finished(c.completed()).linkedTo("/me/training")));
		return List.of(new HomeCard(55, "card-training", "home.card.training", "bi-mortarboard", "/me/training", lines,
				"home.card.training.none", true));
	}
}
