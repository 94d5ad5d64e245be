package cn.partybuilding.dues;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;

/**
 * What the roll page ({@code /dues}) reads, in one read-only transaction: a page of the roll with its totals, the bases
 * and reliefs waiting around it, how many members have no bill. Read one service call each, they were four
 * transactions, each with its own connection, session and commit.
 */
@Service
@Transactional(readOnly = true)
class DuesRollPage {

	/** How many pending bases and reliefs the roll page names (it says how many more). */
	static final int AROUND_SHOWN = 50;

	private final DuesRoll roll;

	private final DuesBases bases;

	private final DuesReliefs reliefs;

	private final JdbcTemplate jdbc;

	DuesRollPage(DuesRoll roll, DuesBases bases, DuesReliefs reliefs, JdbcTemplate jdbc) {
		this.roll = roll;
		this.bases = bases;
		this.reliefs = reliefs;
		this.jdbc = jdbc;
	}

	/**
	 * The page's data: the roll (with its members without a bill, for the current month only: the member counts are
	 * today's); {@code reliefs}: relief the branches proposed, still waiting one level up.
	 */
	record View(DuesRoll.Roll roll, DuesBases.Waiting<DuesBases.BaseView> pending, DuesBases.Waiting<DuesReliefs.ReliefView> reliefs) {
	}

	/**
	 * {@code orgs}: the scope resolved (null: the whole tree). The transaction's first statement asks what waits, bases
	 * and reliefs, at once, and sets the plan mode the roll's statement is planned under: three round trips in one (at a
	 * school, asked apart, they were 4% of its roll page, sampled, mostly encoding the scope's 1 183 ids twice).
	 */
	View read(Caller caller, Long orgId, Set<Long> orgs, YearMonth month, DuesRoll.Show show, String after, int size) {
		if (orgs == null) {
			int[] waiting = jdbc.queryForObject(WAITING_ALL, (rs, n) -> new int[] { rs.getInt(2), rs.getInt(3) },
					DuesRoll.planMode(show));
			DuesRoll.Roll r = roll.page(caller, orgId, null, month, show, after, size, DuesRoll.Reading.ROLL_PAGE);
			return new View(r, bases.pendingAll(waiting[0], AROUND_SHOWN), reliefs.pendingIn(null, waiting[1], AROUND_SHOWN));
		}
		record Waiting(List<Long> members, int reliefs) {
		}
		Waiting waiting = jdbc.queryForObject(WAITING_IN, (rs, n) -> new Waiting(Arrays.asList((Long[]) rs.getArray(2).getArray()),
				rs.getInt(3)), DuesRoll.planMode(show), (Object) orgs.toArray(Long[]::new));
		DuesRoll.Roll r = roll.page(caller, orgId, orgs, month, show, after, size, DuesRoll.Reading.ROLL_PAGE);
		return new View(r, bases.pendingOf(orgs, waiting.members(), AROUND_SHOWN), reliefs.pendingIn(orgs, waiting.reliefs(), AROUND_SHOWN));
	}

	/** The plan mode set for the rest of the transaction, the members with a base waiting in a scope, how many reliefs. */
	private static final String WAITING_IN = "select set_config('plan_cache_mode', ?, true), array("
			+ DuesBases.WAITING_MEMBERS.formatted("s.orgs") + "), (" + DuesReliefs.WAITING_COUNT.formatted("s.orgs")
			+ ") from (select cast(? as bigint[]) as orgs) s";

	/** The same for the whole tree: how many members have a base waiting, how many reliefs. */
	private static final String WAITING_ALL = "select set_config('plan_cache_mode', ?, true), (" + DuesBases.WAITING_COUNT_ALL
			+ "), (" + DuesReliefs.WAITING_COUNT_ALL + ")";
}
