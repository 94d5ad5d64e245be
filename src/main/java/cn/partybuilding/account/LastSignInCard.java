package cn.partybuilding.account;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.PlatformZone;

/** After sign-in, on the phone home and 我的: when and from where the account signed in before (上次登录). */
@Component
class LastSignInCard implements HomeCards {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(PlatformZone.ZONE);

	private final SignInHistory history;

	LastSignInCard(SignInHistory history) {
		this.history = history;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		List<HomeCard.Line> lines = history.previous(caller.accountId())
			.map(p -> List.of(HomeCard.Line.of("home.card.lastSignIn.line", FORMAT.format(p.at()), p.from())))
			.orElse(List.of());
		return List.of(new HomeCard(18, "card-last-sign-in", "home.card.lastSignIn", "bi-clock-history", "/me/sessions",
				lines, "home.card.lastSignIn.none", true));
	}
}
