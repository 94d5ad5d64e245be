package cn.partybuilding.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.Role;

/** Every module's cards for a member's phone home (and 我的), text ready to show in the caller's language. */
@Component
class MemberCards {

	/** The roles of a person whose home is the phone home with the bottom navigation. */
	static final Set<Role> MEMBER_ROLES = Set.of(Role.MEMBER, Role.APPLICANT);

	private final List<HomeCards> contributions;

	private final MessageSource messages;

	MemberCards(List<HomeCards> contributions, MessageSource messages) {
		this.contributions = contributions;
		this.messages = messages;
	}

	/** A person whose only roles are member or applicant: their pages carry the bottom navigation. */
	static boolean onlyMember(Caller caller) {
		return !caller.grants().isEmpty() && caller.grants().stream().allMatch(g -> MEMBER_ROLES.contains(g.role()));
	}

	record Card(String id, String title, String icon, String href, List<Line> lines, String empty) {
	}

	record Line(String text, String href, boolean done) {
	}

	/** In one read-only transaction: each module's cards read apart were a transaction each, eighteen a page. */
	@Transactional(readOnly = true)
	List<Card> cards(Caller caller, Locale locale, boolean myPage) {
		return contributions.stream()
			.flatMap(c -> c.cardsFor(caller).stream())
			.filter(c -> !myPage || c.alsoOnMyPage())
			.sorted(Comparator.comparingInt(HomeCard::order))
			.map(c -> new Card(c.id(), messages.getMessage(c.titleKey(), null, locale), c.icon(), c.href(),
					c.lines().stream().map(l -> new Line(messages.getMessage(l.messageKey(), l.args().toArray(), locale),
							l.href(), l.done())).toList(),
					messages.getMessage(c.emptyKey(), null, locale)))
			.toList();
	}
}
