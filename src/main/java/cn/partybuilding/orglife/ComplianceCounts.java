package cn.partybuilding.orglife;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationChanged;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.PlatformZone;

/**
 * The compliance counts kept per branch and month (tables orglife_branch_month, its sums per year
 * orglife_branch_year, orglife_talked, orglife_talk_count): what {@link Compliance} reads instead of a province's
 * millions of meetings and invitations.
 * A signed-off meeting is counted once, in the transaction that signs it off ({@link #count}); minutes written in bulk
 * (补录, the generator) are caught up before a report reads ({@link #catchUp}). Each counted meeting counts for every
 * branch its audience answers for (a branch for itself, a 党小组 for its branch), by the tree at the time of counting;
 * when the tree moves, everything is counted again ({@link #rebuild}). Counting is additive and marked on the minutes
 * row, so concurrent sign-offs neither lose nor double a meeting.
 */
@Component
class ComplianceCounts {

	private static final Logger log = LoggerFactory.getLogger(ComplianceCounts.class);

	/** The intervals a 谈心谈话 frequency may ask: a month, a quarter, a year. */
	static final int[] TALK_INTERVALS = { 1, 3, 12 };

	private static final int CHUNK = 5000;

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	ComplianceCounts(JdbcTemplate jdbc, OrganizationScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	/** Counts these meetings where signed off and not counted yet; returns how many it counted. */
	@Transactional(propagation = Propagation.MANDATORY)
	int count(Collection<Long> meetingIds) {
		if (meetingIds.isEmpty()) {
			return 0;
		}
		List<Long> mine = jdbc.queryForList("""
				update meeting_minutes set counted = true
				where meeting_id = any(?) and signed_off_at is not null and not counted
				returning meeting_id""", Long.class, (Object) meetingIds.toArray(Long[]::new));
		if (mine.isEmpty()) {
			return 0;
		}
		Long[] ids = mine.toArray(Long[]::new);
		record Held(MeetingType type, YearMonth month, long heldBy, Set<Long> audience) {
		}
		Map<Long, Held> meetings = new HashMap<>();
		Set<Long> orgIds = new HashSet<>();
		jdbc.query("""
				select m.id, m.type, m.start_at, m.organization_id, a.organization_id
				from meeting m join meeting_audience a on a.meeting_id = m.id where m.id = any(?)""", rs -> {
			long org = rs.getLong(5);
			long heldBy = rs.getLong(4);
			Held held = meetings.get(rs.getLong(1));
			if (held == null) {
				held = new Held(MeetingType.valueOf(rs.getString(2)),
						YearMonth.from(rs.getTimestamp(3).toInstant().atZone(PlatformZone.ZONE)), heldBy, new HashSet<>());
				meetings.put(rs.getLong(1), held);
			}
			held.audience().add(org);
			orgIds.add(org);
			orgIds.add(heldBy);
		}, (Object) ids);
		Map<Long, Long> branchOf = branchOf(orgIds);

		// one row per branch, month, kind (and 党小组 for its own 党小组会): how many meetings counted there
		Map<List<Object>, Integer> rows = new HashMap<>();
		List<Long> talks = new ArrayList<>();
		meetings.forEach((id, m) -> {
			Set<Long> branches = new HashSet<>();
			m.audience().forEach(a -> {
				Long b = branchOf.get(a);
				if (b != null) {
					branches.add(b);
				}
			});
			for (Long branch : branches) {
				long group = 0;
				if (m.type() == MeetingType.GROUP_MEETING) {
					// only a group's own meetings count, and only for that group
					Long groupBranch = branchOf.get(m.heldBy());
					if (groupBranch == null || groupBranch == m.heldBy() || !groupBranch.equals(branch)) {
						continue;
					}
					group = m.heldBy();
				}
				rows.merge(List.of(branch, m.month().atDay(1), m.type().name(), group), 1, Integer::sum);
			}
			if (m.type() == MeetingType.TALK) {
				talks.add(id);
			}
		});
		// in the key's order, so two transactions counting the same rows wait for each other instead of deadlocking
		List<Object[]> batch = rows.entrySet().stream().map(e -> new Object[] { e.getKey().get(0), e.getKey().get(1),
				e.getKey().get(2), e.getKey().get(3), e.getValue() })
			.sorted(java.util.Comparator.comparing((Object[] r) -> (Long) r[0]).thenComparing(r -> (LocalDate) r[1])
				.thenComparing(r -> (String) r[2]).thenComparing(r -> (Long) r[3]))
			.toList();
		jdbc.batchUpdate("""
				insert into orglife_branch_month (branch_id, month, type, group_id, meetings) values (?, ?, ?, ?, ?)
				on conflict (branch_id, month, type, group_id) do update set meetings = orglife_branch_month.meetings + excluded.meetings""",
				batch);
		// the same added to the branch's year, month by month (the province's year reads these), in the key's order too
		Map<List<Object>, Integer[]> years = new java.util.TreeMap<>(
				java.util.Comparator.comparing((List<Object> k) -> (Long) k.get(0)).thenComparing(k -> (Integer) k.get(1))
					.thenComparing(k -> (String) k.get(2)).thenComparing(k -> (Long) k.get(3)));
		for (Object[] r : batch) {
			LocalDate month = (LocalDate) r[1];
			Integer[] perMonth = years.computeIfAbsent(List.of(r[0], month.getYear(), r[2], r[3]), k -> {
				Integer[] none = new Integer[12];
				java.util.Arrays.fill(none, 0);
				return none;
			});
			perMonth[month.getMonthValue() - 1] += (Integer) r[4];
		}
		// one statement for all the rows (V132's trigger then sums each branch's year once, not once a row); the twelve
		// months of the n-th row are the n-th twelve of one array
		List<Object[]> yearRows = years.entrySet().stream().map(e -> new Object[] { e.getKey().get(0), e.getKey().get(1),
				e.getKey().get(2), e.getKey().get(3), e.getValue() }).toList();
		Integer[] months = yearRows.stream().flatMap(r -> java.util.Arrays.stream((Integer[]) r[4])).toArray(Integer[]::new);
		jdbc.update("""
				insert into orglife_branch_year (branch_id, year, type, group_id, meetings)
				select k.branch_id, k.year, k.type, k.group_id, m.months[(k.n - 1) * 12 + 1 : k.n * 12]
				from unnest(?::bigint[], ?::smallint[], ?::varchar[], ?::bigint[]) with ordinality k(branch_id, year, type, group_id, n),
				  (select ?::integer[] as months) m
				order by k.n
				on conflict (branch_id, year, type, group_id) do update set meetings = array(
				  select a + b from unnest(orglife_branch_year.meetings, excluded.meetings) with ordinality u(a, b, n) order by n)""",
				column(yearRows, 0, Long.class), column(yearRows, 1, Integer.class), column(yearRows, 2, String.class),
				column(yearRows, 3, Long.class), months);
		countTalks(talks, meetings.entrySet().stream().filter(e -> talks.contains(e.getKey()))
			.collect(HashMap<Long, YearMonth>::new, (map, e) -> map.put(e.getKey(), e.getValue().month()), Map::putAll));
		return mine.size();
	}

	/**
	 * The members a 谈心谈话 was held with, once per member and interval: the first talk of a member in a quarter
	 * counts for the branch the member was invited from; a second one adds nothing.
	 */
	private void countTalks(List<Long> talks, Map<Long, YearMonth> monthOf) {
		if (talks.isEmpty()) {
			return;
		}
		List<long[]> invitees = new ArrayList<>();
		Set<Long> orgIds = new HashSet<>();
		jdbc.query("select meeting_id, member_id, organization_id from meeting_invitee where meeting_id = any(?)", rs -> {
			invitees.add(new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) });
			orgIds.add(rs.getLong(3));
		}, (Object) talks.toArray(Long[]::new));
		Map<Long, Long> branchOf = branchOf(orgIds);
		List<Object[]> rows = new ArrayList<>();
		for (long[] i : invitees) {
			Long branch = branchOf.get(i[2]);
			if (branch == null) {
				continue;
			}
			YearMonth month = monthOf.get(i[0]);
			for (int months : TALK_INTERVALS) {
				rows.add(new Object[] { i[1], months, intervalStart(month, months).toString(), branch });
			}
		}
		rows.sort(java.util.Comparator.comparing((Object[] r) -> (Long) r[0]).thenComparing(r -> (Integer) r[1])
			.thenComparing(r -> (String) r[2]));
		// the unique key decides, under concurrent sign-offs too, which talk counts a member in an interval
		for (int from = 0; from < rows.size(); from += CHUNK) {
			List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
			jdbc.update("""
					with added as (
					  insert into orglife_talked (member_id, months, from_month, branch_id)
					  select * from unnest(?::bigint[], ?::smallint[], ?::date[], ?::bigint[])
					  on conflict do nothing returning branch_id, months, from_month)
					insert into orglife_talk_count (branch_id, months, from_month, members)
					select branch_id, months, from_month, count(*) from added group by branch_id, months, from_month
					on conflict (branch_id, months, from_month) do update set members = orglife_talk_count.members + excluded.members""",
					column(chunk, 0, Long.class), column(chunk, 1, Integer.class), column(chunk, 2, String.class),
					column(chunk, 3, Long.class));
		}
	}

	/** The first month of the calendar interval of {@code months} months holding {@code month}. */
	static LocalDate intervalStart(YearMonth month, int months) {
		int index = (month.getMonthValue() - 1) / months * months;
		return LocalDate.of(month.getYear(), index + 1, 1);
	}

	/** Whether signed-off minutes wait to be counted (written in bulk, or before the counts existed). */
	@Transactional(readOnly = true)
	boolean behind() {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from meeting_minutes where signed_off_at is not null and not counted)", Boolean.class));
	}

	/** Counts every signed-off meeting not counted yet, a chunk at a time; returns how many. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	int catchUp() {
		int total = 0;
		while (true) {
			List<Long> ids = jdbc.queryForList("""
					select meeting_id from meeting_minutes where signed_off_at is not null and not counted
					order by meeting_id limit ?""", Long.class, CHUNK);
			if (ids.isEmpty()) {
				break;
			}
			int counted = count(ids);
			total += counted;
			if (counted == 0) {
				break; // another transaction holds them: it counts them
			}
		}
		if (total > 0) {
			log.info("Compliance counts: {} signed-off meetings counted", total);
		}
		return total;
	}

	/**
	 * Everything counted again from the meetings, under the tree as it is now: the tables are locked against other
	 * counting (readers go on reading the old counts) until the new ones are committed.
	 */
	@Transactional
	int rebuild() {
		jdbc.execute("lock table orglife_branch_month, orglife_branch_year, orglife_branch_year_held, orglife_talked, orglife_talk_count"
				+ " in exclusive mode");
		// the year one row a branch (V132) is put together once at the end: kept on every chunk, each branch's row would be
		// written once a chunk (a province: 500 000 dead rows, a table ten times its size)
		jdbc.execute("set local orglife.year_held_deferred = on");
		jdbc.update("delete from orglife_branch_month");
		jdbc.update("delete from orglife_branch_year");
		jdbc.update("delete from orglife_talked");
		jdbc.update("delete from orglife_talk_count");
		jdbc.update("update meeting_minutes set counted = false where counted");
		int total = 0;
		long after = 0;
		while (true) {
			List<Long> ids = jdbc.queryForList("""
					select meeting_id from meeting_minutes where signed_off_at is not null and meeting_id > ?
					order by meeting_id limit ?""", Long.class, after, CHUNK);
			if (ids.isEmpty()) {
				break;
			}
			total += count(ids);
			after = ids.get(ids.size() - 1);
		}
		jdbc.execute("set local orglife.year_held_deferred = off");
		jdbc.update("delete from orglife_branch_year_held");
		jdbc.execute("""
				select orglife_branch_year_held_refill(array_agg(year order by year, branch_id), array_agg(branch_id order by year, branch_id))
				from (select distinct year, branch_id from orglife_branch_year) k""");
		log.info("Compliance counts rebuilt: {} signed-off meetings", total);
		return total;
	}

	/** A 党小组 moved to another branch (or a branch under another college): its meetings count elsewhere now. */
	@ApplicationModuleListener
	void on(OrganizationChanged changed) {
		if (changed.action().equals("organization.move")) {
			rebuild();
		}
	}

	/** Each organisation that answers for a branch: a branch for itself, a 党小组 under a branch for that branch. */
	private Map<Long, Long> branchOf(Set<Long> orgIds) {
		List<OrgRef> refs = new ArrayList<>(scope.findAll(orgIds));
		Set<Long> parents = new HashSet<>();
		refs.forEach(o -> {
			if (o.type() == OrgType.GROUP && o.parentId() != null && !orgIds.contains(o.parentId())) {
				parents.add(o.parentId());
			}
		});
		refs.addAll(scope.findAll(parents));
		Map<Long, OrgType> types = new HashMap<>();
		refs.forEach(o -> types.put(o.id(), o.type()));
		Map<Long, Long> branchOf = new HashMap<>();
		for (OrgRef o : refs) {
			if (o.type() == OrgType.BRANCH) {
				branchOf.put(o.id(), o.id());
			}
			else if (o.type() == OrgType.GROUP && o.parentId() != null && types.get(o.parentId()) == OrgType.BRANCH) {
				branchOf.put(o.id(), o.parentId());
			}
		}
		return branchOf;
	}

	private static Object column(List<Object[]> rows, int index, Class<?> type) {
		Object array = java.lang.reflect.Array.newInstance(type, rows.size());
		for (int i = 0; i < rows.size(); i++) {
			java.lang.reflect.Array.set(array, i, rows.get(i)[index]);
		}
		return array;
	}
}
