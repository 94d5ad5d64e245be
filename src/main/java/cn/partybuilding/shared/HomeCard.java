package cn.partybuilding.shared;

import java.util.List;

/**
 * One card on a member's phone home: where it stands ({@code order}, smaller first), an id for the page (the
 * element's id), its title (a message key), a bootstrap icon, the link of the whole card (its page), the lines
 * (each a message key with its arguments, resolved in the caller's language, and an optional link), the message
 * key shown when there are no lines, and whether the card also stands on the member's own page (我的).
 */
public record HomeCard(int order, String id, String titleKey, String icon, String href, List<Line> lines,
		String emptyKey, boolean alsoOnMyPage) {

	public HomeCard {
		lines = List.copyOf(lines);
	}

	/** A line of a card: {@code done} shows it as finished (a studied material, a paid month). */
	public record Line(String messageKey, List<Object> args, String href, boolean done) {

		public Line {
			args = List.copyOf(args);
		}

		public static Line of(String messageKey, Object... args) {
			return new Line(messageKey, List.of(args), null, false);
		}

		public Line linkedTo(String link) {
			return new Line(messageKey, args, link, done);
		}

		public Line finished(boolean finished) {
			return new Line(messageKey, args, href, finished);
		}
	}
}
