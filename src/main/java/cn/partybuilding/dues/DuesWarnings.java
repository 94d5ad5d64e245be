package cn.partybuilding.dues;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
	 * Per organisation of a batch of members: those whose run of unpaid months before the current one has reached the
	 * first level, by the rule of {@code dues_arrears_runs} (V123, as {@link DuesArrears} reads it). Only members with
	 * that many unpaid bills are handed to it (the partial index of unpaid bills).
	 */
	private static final String OWING_AMONG = """
			with m as (select * from unnest(?::bigint[], ?::bigint[]) as m(member_id, org))
			select m.org, count(*) from m join dues_arrears_runs(?, array(
			  select b.member_id from dues_bill b where b.state = 'UNPAID' and b.month < ? and b.member_id = any(?)
			  group by b.member_id having count(*) >= ?)) a on a.member_id = m.member_id
			where a.run >= ? group by m.org""";

	/** The same rule over every member with that many unpaid bills: the members in arrears anywhere, placed afterwards. */
	private static final String OWING_ANYWHERE = """
			select member_id from dues_arrears_runs(?, array(
			  select member_id from dues_bill where state = 'UNPAID' and month < ? group by member_id having count(*) >= ?))
			where run >= ?""";

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
		for (int n : owingIn(orgIds, YearMonth.from(today)).values()) {
			owing += n;
		}
		return owing;
	}

	/**
	 * Per organisation of these: how many of its members are in arrears at the first level, in {@code current}'s terms
	 * (the months before it), counted in the database, no warning built. A scope of up to four batches of members
	 * ({@code party.dues.billing.chunk-size}) is read a batch at a time; a larger one (a province's million) starts
	 * from the members in arrears anywhere, then asks where each belongs.
	 */
	Map<Long, Integer> owingIn(Collection<Long> orgIds, YearMonth current) {
		if (orgIds.isEmpty()) {
			return new HashMap<>();
		}
		return members.countIn(orgIds) <= 4L * chunks.size() ? owingAmong(orgIds, current, chunks.size())
				: owingAnywhere(orgIds, current);
	}

	/** {@link #owingIn}, reading about {@code chunk} members at a time. */
	Map<Long, Integer> owingAmong(Collection<Long> orgIds, YearMonth current, int chunk) {
		Map<Long, Integer> counts = new HashMap<>();
		Date month = Date.valueOf(current.atDay(1));
		int level = arrears.firstLevel();
		for (List<Long> batch : chunks.of(orgIds, chunk)) {
			List<MemberSummary> who = members.summaries(batch);
			if (who.isEmpty()) {
				continue;
			}
			Long[] ids = who.stream().map(MemberSummary::id).toArray(Long[]::new);
			Long[] orgs = who.stream().map(MemberSummary::organizationId).toArray(Long[]::new);
			jdbc.query(OWING_AMONG, rs -> {
				counts.merge(rs.getLong(1), rs.getInt(2), Integer::sum);
			}, ids, orgs, month, month, ids, level, level);
		}
		return counts;
	}

	/** {@link #owingIn} from every member in arrears, kept where they now belong among these organisations. */
	Map<Long, Integer> owingAnywhere(Collection<Long> orgIds, YearMonth current) {
		Date month = Date.valueOf(current.atDay(1));
		int level = arrears.firstLevel();
		List<Long> owing = jdbc.queryForList(OWING_ANYWHERE, Long.class, month, month, level, level);
		Set<Long> orgs = orgIds instanceof Set<Long> set ? set : new HashSet<>(orgIds);
		Map<Long, Integer> counts = new HashMap<>();
		members.activeOrganizationsOf(owing).values().stream().filter(orgs::contains)
			.forEach(org -> counts.merge(org, 1, Integer::sum));
		return counts;
	}
}
