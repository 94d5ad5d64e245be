package cn.partybuilding.dues;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Warnings;

/**
 * Arrears reaching the first warning level ({@code party.dues.warn-at}: 3 months in a row unpaid), as
 * {@link DuesArrears} computes them for its own notices: the branch acts on the member's dues page. The members are
 * read a batch of organisations at a time and only the warnings kept: a province's scope is a million members. The
 * count (and the dashboard's members in arrears, {@link DuesFigures}) is counted in the database per organisation,
 * no warning built.
 */
@Component
@Transactional(readOnly = true)
class DuesWarnings implements Warnings {

	static final String ARREARS = "dues.arrears";

	/**
	 * Per organisation of a batch: its members and those whose run of unpaid months before the current one (after the
	 * last month paid or waived, as {@link DuesArrears} counts it) has reached the first level. Only members with that
	 * many unpaid months are looked at (the partial index of unpaid bills); their last settled month is one step of the
	 * unique (member, month) index.
	 */
	private static final String OWING = """
			with m as (select * from unnest(?::bigint[], ?::bigint[]) as m(member_id, org)),
			candidate as (
			  select b.member_id from dues_bill b where b.state = 'UNPAID' and b.month < ? and b.member_id = any(?)
			  group by b.member_id having count(*) >= ?),
			owing as (
			  select c.member_id from candidate c
			  where (select count(*) from dues_bill u where u.member_id = c.member_id and u.state = 'UNPAID' and u.month < ?
			         and u.month > coalesce((select max(s.month) from dues_bill s
			                                 where s.member_id = c.member_id and s.state <> 'UNPAID' and s.month < ?), '-infinity')) >= ?)
			select m.org, count(*), count(o.member_id) from m left join owing o on o.member_id = m.member_id group by m.org""";

	private final DuesArrears arrears;

	private final MemberDirectory members;

	private final DuesChunks chunks;

	private final JdbcTemplate jdbc;

	DuesWarnings(DuesArrears arrears, MemberDirectory members, DuesChunks chunks, JdbcTemplate jdbc) {
		this.arrears = arrears;
		this.members = members;
		this.chunks = chunks;
		this.jdbc = jdbc;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		return raisedIn(orgIds, today, chunks.size());
	}

	/** The same, reading about {@code chunk} members at a time. */
	List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today, int chunk) {
		List<Raised> raised = new ArrayList<>();
		for (List<Long> batch : chunks.of(orgIds, chunk)) {
			arrears.compute(members.summaries(batch), YearMonth.from(today)).stream()
				.filter(a -> a.level() > 0)
				.map(a -> Raised.of(ARREARS, a.organizationId(), null, a.since().atDay(1), null,
						"/dues/members/" + a.memberId(), a.flagged() ? "warning.dues.arrears.flagged" : "warning.dues.arrears.text",
						a.name(), a.consecutive(), a.owed().toPlainString()))
				.forEach(raised::add);
		}
		return raised;
	}

	@Override
	public int count(Collection<Long> orgIds, LocalDate today) {
		int owing = 0;
		for (int[] c : owingIn(orgIds, YearMonth.from(today), chunks.size()).values()) {
			owing += c[1];
		}
		return owing;
	}

	/**
	 * Per organisation of these with members: {members, members in arrears at the first level} in {@code current}'s
	 * terms (the months before it), a batch of about {@code chunk} members at a time.
	 */
	Map<Long, int[]> owingIn(Collection<Long> orgIds, YearMonth current, int chunk) {
		Map<Long, int[]> counts = new HashMap<>();
		if (orgIds.isEmpty()) {
			return counts;
		}
		Date month = Date.valueOf(current.atDay(1));
		int level = arrears.firstLevel();
		for (List<Long> batch : chunks.of(orgIds, chunk)) {
			List<MemberSummary> who = members.summaries(batch);
			if (who.isEmpty()) {
				continue;
			}
			Long[] ids = who.stream().map(MemberSummary::id).toArray(Long[]::new);
			Long[] orgs = who.stream().map(MemberSummary::organizationId).toArray(Long[]::new);
			jdbc.query(OWING, rs -> {
				counts.put(rs.getLong(1), new int[] { rs.getInt(2), rs.getInt(3) });
			}, ids, orgs, month, ids, level, month, month, level);
		}
		return counts;
	}
}
