package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.Role;

/** On a member's phone home: the months of dues owed by now and their sum, or that all is paid. */
@Component
class DuesHomeCards implements HomeCards {

	private final DuesBilling billing;

	private final MemberDirectory members;

	private final Clock clock;

	DuesHomeCards(DuesBilling billing, MemberDirectory members, Clock clock) {
		this.billing = billing;
		this.members = members;
		this.clock = clock;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER)) {
			return List.of();
		}
		Long memberId = members.memberOfAccount(caller.accountId()).orElse(null);
		if (memberId == null) {
			return List.of();
		}
		YearMonth now = YearMonth.now(clock);
		List<DuesBilling.BillView> owed = billing.bills(caller, memberId).stream()
			.filter(b -> b.state() == DuesBilling.State.UNPAID && !b.month().isAfter(now)).toList();
		List<HomeCard.Line> lines = owed.isEmpty() ? List.of()
				: List.of(HomeCard.Line.of("home.card.dues.owed", owed.size(),
						owed.stream().map(DuesBilling.BillView::amount).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString())
					.linkedTo("/me/dues"));
		return List.of(new HomeCard(30, "card-dues", "nav.myDues", "bi-wallet2", "/me/dues", lines,
				"home.card.dues.none", false));
	}
}
