package cn.partybuilding.shared;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * A module's rule-based warnings (预警): overdue talks, arrears, 口袋党员, terms due for 换届… Each module that
 * raises warnings implements this as a bean with its own rules, so the early-warning centre lists them all without
 * re-implementing a rule. The caller has checked the reader's scope; an implementation only finds.
 * <p>
 * Keep {@link #raisedIn} to a few grouped queries whatever the number of organisations: the committee asks for
 * about 60 branches and 50 000 members at once.
 */
public interface Warnings {

	/**
	 * The warnings standing today for the organisations given (a subtree already expanded: a warning belongs to the
	 * one organisation it names, which is among {@code orgIds}).
	 */
	List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today);

	/**
	 * How many warnings {@link #raisedIn} gives for the same organisations and day: the home page's count. A module
	 * whose warnings are many (a province's arrears, its branches short of a meeting) counts them in the database
	 * without building each warning; the default builds them and counts.
	 */
	default int count(Collection<Long> orgIds, LocalDate today) {
		return raisedIn(orgIds, today).size();
	}

	/**
	 * One warning: its kind ({@code dues.arrears}; its label is the message {@code warning.<kind>}), the organisation
	 * responsible, the person responsible (null: the organisation's secretary), since when it stands, by when it should
	 * be dealt with (null: no date), the page to act on it, and what it says (a message key with its arguments).
	 */
	record Raised(String kind, long orgId, String responsible, LocalDate since, LocalDate due, String href,
			String messageKey, List<Object> args) {

		public Raised {
			args = List.copyOf(args);
		}

		public static Raised of(String kind, long orgId, String responsible, LocalDate since, LocalDate due, String href,
				String messageKey, Object... args) {
			return new Raised(kind, orgId, responsible, since, due, href, messageKey, List.of(args));
		}
	}
}
