package cn.partybuilding.orglife;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Period;

/**
 * Compliance summed in the database: the intervals {@link Compliance} draws for each branch, counted from the kept
 * counts (orglife_branch_year, orglife_talk_count) and added up per bucket — an organisation right below the one asked
 * for (the summed table), or each organisation a figure is asked for (a branch in several buckets: the province and
 * its school). No branch's intervals reach Java: a province's year is 20 000 branches × 35 intervals. The rules are
 * {@link Compliance}'s (which makes and calls this, in its read-only transaction), so the sums equal its branch rows added up (ComplianceSumsTest): 支委会 only of a branch with a
 * 支部委员会, 党小组会 of each 党小组 from its own meetings, 谈心谈话 the members talked with against the branch's
 * members, and a branch's rate over all its intervals (谈心谈话's met by the share talked with).
 */
class ComplianceSums {

	/**
	 * One bucket: how many branches and how many of them below 100 %, per kind the intervals required and held
	 * (members for 谈心谈话) and the meetings counted, and the requirements met and due (for the rate).
	 */
	record Sum(long bucket, int branches, int behind, Map<MeetingType, Integer> required, Map<MeetingType, Integer> held,
			Map<MeetingType, Integer> meetings, double met, int due) {
	}

	private final Map<MeetingType, Compliance.Frequency> frequencies;

	private final ComplianceCounts counts;

	private final OrganizationTree tree;

	private final MemberDirectory members;

	private final JdbcTemplate jdbc;

	ComplianceSums(Map<MeetingType, Compliance.Frequency> frequencies, ComplianceCounts counts, OrganizationTree tree,
			MemberDirectory members, JdbcTemplate jdbc) {
		this.frequencies = frequencies;
		this.counts = counts;
		this.tree = tree;
		this.members = members;
		this.jdbc = jdbc;
	}

	/**
	 * The branches among {@code refs} (the organisations of a scope: branches and their 党小组) summed into the buckets
	 * {@code bucketsOf} gives each branch (none: left out). {@code today} null counts every interval of the period as
	 * the table does; a day counts as the figures do ({@link ComplianceFigures#counted}): intervals over by then, and the
	 * one under way only when something was held in it (as held and required). 谈心谈话 only when {@code talks}.
	 */
	Map<Long, Sum> sum(Period period, LocalDate today, List<OrgRef> refs, boolean talks,
			Function<Long, Collection<Long>> bucketsOf) {
		return sum(period, today, refs, talks, bucketsOf, null);
	}

	/** The same, or with {@code plan} not null only the statement's plan (EXPLAIN ANALYZE) added to it: the benchmark prints it. */
	Map<Long, Sum> sum(Period period, LocalDate today, List<OrgRef> refs, boolean talks,
			Function<Long, Collection<Long>> bucketsOf, List<String> plan) {
		Map<Long, Sum> out = new LinkedHashMap<>();
		List<Long> branches = new ArrayList<>();
		Map<Long, Long> branchOf = new HashMap<>();
		for (OrgRef o : refs) {
			if (o.type() == OrgType.BRANCH) {
				branches.add(o.id());
				branchOf.put(o.id(), o.id());
			}
		}
		List<Long> groupIds = new ArrayList<>();
		List<Long> groupBranches = new ArrayList<>();
		for (OrgRef o : refs) {
			if (o.type() == OrgType.GROUP && o.parentId() != null && branchOf.containsKey(o.parentId())) {
				branchOf.put(o.id(), o.parentId());
				groupIds.add(o.id());
				groupBranches.add(o.parentId());
			}
		}
		List<Long> pairBuckets = new ArrayList<>();
		List<Long> pairBranches = new ArrayList<>();
		for (Long b : branches) {
			for (Long bucket : bucketsOf.apply(b)) {
				pairBuckets.add(bucket);
				pairBranches.add(b);
			}
		}
		if (pairBranches.isEmpty()) {
			return out;
		}
		if (counts.behind()) {
			counts.catchUp();
		}
		// the kinds required in the period (谈心谈话 apart): months an interval, intervals, those counted, the one under way
		List<String> kinds = new ArrayList<>();
		List<Integer> months = new ArrayList<>();
		List<Integer> counted = new ArrayList<>();
		List<Integer> underway = new ArrayList<>();
		int[] talk = null;
		for (MeetingType t : MeetingType.values()) {
			Compliance.Frequency f = frequencies.get(t);
			int n = Compliance.required(f, period);
			if (n == 0 || t == MeetingType.TALK && !talks) {
				continue;
			}
			int over = n;
			int now = -1;
			if (today != null) {
				over = 0;
				for (int i = 0; i < n; i++) {
					LocalDate from = period.from().plusMonths((long) i * f.months);
					if (!from.plusMonths(f.months).isAfter(today)) {
						over = i + 1;
					}
					else if (!from.isAfter(today)) {
						now = i;
					}
				}
			}
			if (t == MeetingType.TALK) {
				talk = new int[] { f.months, n, over, now };
			}
			else {
				kinds.add(t.name());
				months.add(f.months);
				counted.add(over);
				underway.add(now);
			}
		}
		Long[] ids = branches.toArray(Long[]::new);
		Set<Long> withCommittee = frequencies.get(MeetingType.BRANCH_COMMITTEE) == Compliance.Frequency.NONE ? Set.of()
				: tree.withBranchCommittee(branches);
		Map<Long, Integer> people = new HashMap<>();
		if (talk != null) {
			members.countsIn(branchOf.keySet()).forEach((org, n) -> people.merge(branchOf.get(org), n.intValue(), Integer::sum));
		}
		Boolean[] committee = branches.stream().map(withCommittee::contains).toArray(Boolean[]::new);
		Integer[] headcount = branches.stream().map(b -> people.getOrDefault(b, 0)).toArray(Integer[]::new);
		int firstMonth = period.from().getMonthValue();
		int lastMonth = firstMonth + period.months() - 1;
		int[] talkArgs = talk != null ? talk : new int[] { 12, 0, 0, -1 };
		Object[] args = { ids, committee, headcount, pairBuckets.toArray(Long[]::new), pairBranches.toArray(Long[]::new),
				groupIds.toArray(Long[]::new), groupBranches.toArray(Long[]::new), kinds.toArray(String[]::new),
				months.toArray(Integer[]::new), counted.toArray(Integer[]::new), underway.toArray(Integer[]::new),
				firstMonth, lastMonth, period.from().getYear(), ids, talkArgs[2], talkArgs[1], talkArgs[0],
				Date.valueOf(period.from()), talkArgs[0], talkArgs[2], talkArgs[3] };
		if (plan != null) {
			jdbc.query("explain (analyze, buffers) " + SQL, rs -> {
				plan.add(rs.getString(1));
			}, args);
			return out;
		}
		jdbc.query(SQL, rs -> {
			long bucket = rs.getLong(2);
			Sum sum = out.computeIfAbsent(bucket, k -> new Sum(k, 0, 0, new EnumMap<>(MeetingType.class),
					new EnumMap<>(MeetingType.class), new EnumMap<>(MeetingType.class), 0, 0));
			switch (rs.getString(1)) {
				case "kind" -> {
					MeetingType t = MeetingType.valueOf(rs.getString(3));
					sum.required().put(t, rs.getInt(4));
					sum.held().put(t, rs.getInt(5));
				}
				case "meetings" -> sum.meetings().put(MeetingType.valueOf(rs.getString(3)), rs.getInt(4));
				default -> out.put(bucket, new Sum(bucket, rs.getInt(4), rs.getInt(5), sum.required(), sum.held(),
						sum.meetings(), rs.getDouble(6), rs.getInt(7)));
			}
		}, args);
		return out;
	}

	/**
	 * Every interval of every line of every branch, from the kept counts of the period's months (a period lies within
	 * one year), summed per branch and kind, then per bucket. Interval i of a kind of {@code f} months holds the
	 * months i·f+1 … i·f+f of the period.
	 */
	private static final String SQL = """
			with b (branch_id, committee, people) as (
			  select * from unnest(?::bigint[], ?::boolean[], ?::int[])),
			p (bucket, branch_id) as (
			  select * from unnest(?::bigint[], ?::bigint[])),
			g (group_id, branch_id) as (
			  select * from unnest(?::bigint[], ?::bigint[])),
			k (type, f, counted, underway) as (
			  select * from unnest(?::text[], ?::int[], ?::int[], ?::int[])),
			y as (
			  select r.branch_id, r.type, r.group_id, r.meetings[?:?] as m
			  from orglife_branch_year r where r.year = ? and r.branch_id = any(?)),
			line (branch_id, type, group_id) as (
			  select b.branch_id, k.type, 0::bigint from b join k
			    on k.type <> 'GROUP_MEETING' and (k.type <> 'BRANCH_COMMITTEE' or b.committee)
			  union all
			  select g.branch_id, k.type, g.group_id from g join k on k.type = 'GROUP_MEETING'),
			held (branch_id, type, counted, held, now) as (
			  select l.branch_id, l.type, k.counted,
			         coalesce((select count(distinct (j - 1) / k.f) from unnest(y.m) with ordinality u (x, j)
			                   where x > 0 and (j - 1) / k.f < k.counted), 0),
			         coalesce((select bool_or(x > 0) from unnest(y.m) with ordinality u (x, j)
			                   where (j - 1) / k.f = k.underway), false)::int
			  from line l join k on k.type = l.type
			  left join y on y.branch_id = l.branch_id and y.type = l.type and y.group_id = l.group_id),
			talk (branch_id, required, held, met) as (
			  select b.branch_id,
			         case when i < ? then b.people else least(coalesce(t.members, 0), b.people) end,
			         least(coalesce(t.members, 0), b.people),
			         case when b.people = 0 then 1 else least(coalesce(t.members, 0), b.people)::float8 / b.people end
			  from b cross join generate_series(0, ? - 1) i
			  left join orglife_talk_count t on t.branch_id = b.branch_id and t.months = ?
			   and t.from_month = ?::date + make_interval(months => i * ?)
			  where i < ? or i = ? and coalesce(t.members, 0) > 0 and b.people > 0),
			kind (branch_id, type, required, held, met, due) as (
			  select branch_id, type, sum(counted + now), sum(held + now), sum(held + now)::float8, sum(counted + now)
			  from held group by branch_id, type
			  union all
			  select branch_id, 'TALK', sum(required), sum(held), sum(met), count(*) from talk group by branch_id),
			branch (branch_id, met, due, rate) as (
			  select b.branch_id, coalesce(sum(x.met), 0), coalesce(sum(x.due), 0),
			         case when coalesce(sum(x.due), 0) = 0 then 100 else floor(sum(x.met) * 100 / sum(x.due) + 1e-9) end
			  from b left join kind x on x.branch_id = b.branch_id group by b.branch_id)
			select 'kind', p.bucket, x.type, sum(x.required)::int, sum(x.held)::int, 0::float8, 0
			from p join kind x on x.branch_id = p.branch_id group by p.bucket, x.type
			union all
			select 'meetings', p.bucket, y.type, sum(n)::int, 0, 0::float8, 0
			from p join y on y.branch_id = p.branch_id cross join unnest(y.m) n
			where y.group_id = 0 or exists (select 1 from g where g.group_id = y.group_id and g.branch_id = y.branch_id)
			group by p.bucket, y.type having sum(n) > 0
			union all
			select 'branches', p.bucket, null, count(*)::int, (count(*) filter (where x.rate < 100))::int, sum(x.met), sum(x.due)::int
			from p join branch x on x.branch_id = p.branch_id group by p.bucket""";
}
