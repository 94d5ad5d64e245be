package cn.partybuilding.shared;

import java.util.List;

/**
 * A module's cards on a member's phone home (首页) for the signed-in caller: this week's study outline, coming
 * meetings, dues owed, unread notices, points. Each module that has something to show a member implements this as
 * a bean; the home page asks all of them and renders the cards in their order, so a new module adds a card without
 * touching another module. Keep it to a few cheap queries: it runs on every visit of a member's home page. An
 * empty list shows nothing; a card with no lines shows its empty text.
 */
public interface HomeCards {

	List<HomeCard> cardsFor(Caller caller);
}
