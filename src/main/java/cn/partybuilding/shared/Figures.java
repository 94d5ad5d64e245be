package cn.partybuilding.shared;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's figures of party work per organisation: organisational-life compliance, the dues collection rate,
 * 口袋党员… Each module that owns such numbers implements this as a bean, so the assessment scores them and the
 * analytics shows them without re-implementing a rule or copying a number: a meeting signed off today changes the
 * figure today. The caller has checked the reader's scope; an implementation only computes.
 * <p>
 * Keep {@link #measure} to a few grouped queries whatever the number of organisations: the school's ranking asks
 * every figure for about 60 branches at once.
 */
public interface Figures {

	/** The figures this module computes, in the order it shows them. */
	List<Kind> kinds();

	/**
	 * For each organisation given, the figure over its whole subtree (a general branch: all its branches) for the
	 * period. The period may reach past today: count only what was due by today (a month not over yet, without a
	 * meeting, is not a gap yet). An organisation with nothing to count (no transfers, no letters) is absent from
	 * the map: no data, not zero. An unknown code answers an empty map.
	 */
	Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period);

	/**
	 * Several figures of this module at once, by code, for the same organisations and period: a module that
	 * computes them in one pass (every kind of meeting from one reading of the year's meetings) overrides it.
	 */
	default Map<String, Map<Long, Measured>> measureAll(Collection<String> codes, Collection<Long> orgIds, Period period) {
		Map<String, Map<Long, Measured>> all = new LinkedHashMap<>();
		codes.forEach(code -> all.put(code, measure(code, orgIds, period)));
		return all;
	}

	/** What lies behind one organisation's figure: the meetings held and missing, the unpaid members… at most 500 lines. */
	List<Behind> behind(String code, long orgId, Period period);

	/** The lines behind several figures of this module for one organisation; overridden like {@link #measureAll}. */
	default Map<String, List<Behind>> behindAll(Collection<String> codes, long orgId, Period period) {
		Map<String, List<Behind>> all = new LinkedHashMap<>();
		codes.forEach(code -> all.put(code, behind(code, orgId, period)));
		return all;
	}

	/** Whether a bigger value is better. */
	enum Direction {
		HIGHER_IS_BETTER, LOWER_IS_BETTER
	}

	/** How the value reads: a rate from 0 to 1, a count, an amount per member, a number of days. */
	enum Unit {
		RATE, COUNT, PER_MEMBER, DAYS
	}

	/**
	 * One figure: its code ({@code orglife.compliance.BRANCH_COMMITTEE}, unique across modules), the message key of
	 * its name, how it reads, which way is better, and whether it is a standing figure — how things stand today
	 * (members in arrears, 口袋党员), whatever the period asked — so a comparison with a past period cannot be
	 * computed now, only kept from then.
	 */
	record Kind(String code, String nameKey, Unit unit, Direction direction, boolean standing) {

		/** A figure of the period asked. */
		public Kind(String code, String nameKey, Unit unit, Direction direction) {
			this(code, nameKey, unit, direction, false);
		}
	}

	/**
	 * One organisation's figure: the value the assessment scores, and the source in words — a message key with its
	 * arguments, e.g. 已开 34 次 / 应开 36 次 — shown beside the score so a branch sees why.
	 */
	record Measured(BigDecimal value, String sourceKey, List<Object> sourceArgs) {

		public Measured {
			sourceArgs = List.copyOf(sourceArgs);
		}

		public static Measured of(BigDecimal value, String sourceKey, Object... args) {
			return new Measured(value, sourceKey, List.of(args));
		}
	}

	/**
	 * One line behind a figure: a message key with its arguments (2026-03 支委会 未开; 张三 欠缴 3 个月), a link to
	 * act on it (the meeting, the member's dues), and whether it counts for the figure ({@code ok}) or against it.
	 */
	record Behind(String messageKey, List<Object> args, String href, boolean ok) {

		public Behind {
			args = List.copyOf(args);
		}

		public static Behind of(boolean ok, String href, String messageKey, Object... args) {
			return new Behind(messageKey, List.of(args), href, ok);
		}
	}
}
