package cn.partybuilding.interaction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The figure of the mailbox ({@code interaction.letters}): of the letters written in the period to the
 * organisations of a subtree that were due by now (written the setting's days ago, or answered already), the
 * share answered within those days ({@link Letters#answerWithin}, the clock that makes a letter overdue and
 * escalates it). A letter counts for the organisation it was written to, wherever it went later; closing it with
 * a note to its writer answers it too.
 * <p>
 * Privacy first: an anonymous letter goes to the committee and stays there, so it counts at the committee only,
 * as the committee's mailbox already counts it; it is never linked. Behind the figure each letter shows the day
 * it was written and the days to its answer, never its writer and never its subject: the reader of a figure may
 * sit above the handlers, and a letter is private to them.
 */
@Component
@Transactional(readOnly = true)
class MailboxFigures implements Figures {

	static final String LETTERS = "interaction.letters";

	private final Letters letters;

	private final OrganizationScope scope;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	MailboxFigures(Letters letters, OrganizationScope scope, JdbcTemplate jdbc, Clock clock) {
		this.letters = letters;
		this.scope = scope;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A letter due by now: where it was written to, when, whether anonymous, the days to its answer (null: none). */
	record Due(long id, long addressee, boolean anonymous, LocalDate writtenOn, Integer days, boolean inTime) {
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(LETTERS, "figure." + LETTERS, Unit.RATE, Direction.HIGHER_IS_BETTER));
	}

	/**
	 * The letters due by now (parameters: the zone, the period's first and last-but-one day, now, the days allowed
	 * in seconds, twice): addressed to the organisation of the WRITTEN step (an anonymous letter has none: where
	 * it is, the committee), answered or closed first at {@code replied}.
	 */
	private static final String DUE = """
			letter as (
			    select l.id, l.anonymous, l.written_on,
			           coalesce((select s.to_org from interaction_letter_step s where s.letter_id = l.id and s.kind = 'WRITTEN'
			                     order by s.id limit 1), l.organization_id) as addressee,
			           coalesce(l.written_at, l.written_on::timestamp at time zone ?) as since,
			           (select min(s.at) from interaction_letter_step s where s.letter_id = l.id
			              and s.kind in ('ANSWERED', 'CLOSED')) as replied
			    from interaction_letter l where l.written_on >= ? and l.written_on < ?),
			due as (
			    select letter.*, replied is not null and replied < since + ? * interval '1 second' as in_time
			    from letter where since <= ?::timestamptz - ? * interval '1 second' or replied is not null)""";

	private List<Object> dueArgs(Period period) {
		long seconds = letters.answerWithin().toSeconds();
		return List.of(PlatformZone.NAME, Date.valueOf(period.from()), Date.valueOf(period.until()), seconds,
				Timestamp.from(clock.instant()), seconds);
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		if (!LETTERS.equals(code)) {
			return Map.of();
		}
		Map<Long, Set<Long>> trees = new LinkedHashMap<>();
		trees.putAll(scope.subtreesOf(orgIds));
		List<Long> roots = new ArrayList<>();
		List<Long> orgs = new ArrayList<>();
		trees.forEach((root, tree) -> tree.forEach(org -> {
			roots.add(root);
			orgs.add(org);
		}));
		Map<Long, Measured> found = new LinkedHashMap<>();
		if (orgs.isEmpty()) {
			return found;
		}
		List<Object> args = new ArrayList<>(List.of(roots.toArray(Long[]::new), orgs.toArray(Long[]::new)));
		args.addAll(dueArgs(period));
		long days = letters.answerWithin().toDays();
		jdbc.query("with tree (root, org) as (select * from unnest(?::bigint[], ?::bigint[])), " + DUE + """
				 select t.root, count(*), count(*) filter (where d.in_time) from due d join tree t on t.org = d.addressee
				group by t.root""", rs -> {
			long due = rs.getLong(2);
			long inTime = rs.getLong(3);
			found.put(rs.getLong(1), Measured.of(BigDecimal.valueOf(inTime).divide(BigDecimal.valueOf(due), 4,
					RoundingMode.HALF_UP), "figure." + LETTERS + ".source", due, inTime, days));
		}, args.toArray());
		Map<Long, Measured> ordered = new LinkedHashMap<>();
		trees.keySet().stream().filter(found::containsKey).forEach(root -> ordered.put(root, found.get(root)));
		return ordered;
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		if (!LETTERS.equals(code)) {
			return List.of();
		}
		Set<Long> tree = scope.subtree(orgId);
		if (tree.isEmpty()) {
			return List.of();
		}
		List<Object> args = new ArrayList<>(dueArgs(period));
		args.add(PlatformZone.NAME);
		args.add(tree.toArray(Long[]::new));
		List<Due> rows = jdbc.query("with " + DUE + """
				 select d.id, d.addressee, d.anonymous, d.written_on,
				        (d.replied at time zone ?)::date - d.written_on, d.in_time
				from due d where d.addressee = any(?) order by d.written_on, d.id limit 500""",
				(rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getObject(4, LocalDate.class),
						(Integer) rs.getObject(5), rs.getBoolean(6)),
				args.toArray());
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(Due::addressee).distinct().toList());
		long days = letters.answerWithin().toDays();
		return rows.stream().map(d -> {
			String href = d.anonymous() ? null : "/mailbox/letters/" + d.id();
			String where = names.getOrDefault(d.addressee(), "");
			if (d.days() == null) {
				return Behind.of(false, href, "figure." + LETTERS + ".line.waiting", where, d.writtenOn().toString(), days);
			}
			return Behind.of(d.inTime(), href, "figure." + LETTERS + (d.inTime() ? ".line.inTime" : ".line.late"), where,
					d.writtenOn().toString(), d.days(), days);
		}).toList();
	}
}
