package cn.partybuilding.orglife;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Period;

/**
 * 支部工作条例 compliance: for each branch and period, the meetings each kind requires (from the frequency
 * settings), those held, and the gaps. Each interval of a frequency stands alone: a monthly requirement needs a
 * meeting <em>in each month</em> (three 支委会 in January leave February and March open), a quarterly one in
 * each quarter. A meeting counts once its minutes are signed off, for every branch whose members it invited
 * (a college's 党课 counts for each branch of the college). Three kinds are special:
 * <ul>
 * <li>党小组会 are required of <em>each</em> 党小组 of the branch, and only the group's own meetings count for it
 * (a 党小组会 planned at branch level counts for no group);</li>
 * <li>支委会 are required only of a branch that has a 支部委员会 (organisation's
 * {@link OrganizationTree#withBranchCommittee}); a branch with only a 书记 is exempt ("—", not a gap);</li>
 * <li>谈心谈话 are required of each member ({@code party.orglife.frequency.TALK}, default once a year): held
 * counts the members talked with (invitees of a signed-off talk) against the branch's members.</li>
 * </ul>
 * The table ({@link #report}) and a branch's year ({@link #year}) are built from the same intervals, so they
 * always agree. Both read the counts {@link ComplianceCounts} keeps per branch and year, month by month, not the
 * meetings themselves: a province's year is a few hundred thousand meetings and twenty million invitations.
 */
@Service
@Transactional(readOnly = true)
class Compliance {

	enum Frequency {
		MONTH(1), QUARTER(3), YEAR(12), NONE(0);

		final int months;

		Frequency(int months) {
			this.months = months;
		}
	}

	/**
	 * A branch in a period: per kind, what is required and held (intervals, or members for 谈心谈话), the gaps,
	 * how many meetings counted, and the kinds not required of this branch ({@code exempt}: 支委会 without a
	 * 支部委员会, 党小组会 without groups). {@code name} is "学院 › 支部".
	 */
	record BranchCompliance(long orgId, String name, Map<MeetingType, Integer> required, Map<MeetingType, Integer> held,
			Map<MeetingType, Integer> gaps, Map<MeetingType, Integer> meetings, Set<MeetingType> exempt, int rate) {
	}

	/**
	 * A month, a quarter or a year: {@code 2026-11}, {@code 2026-Q4}, {@code 2026}. Asked a page at a time, {@code next}
	 * is where the next page begins (the last branch's code, passed back as {@code after}); null on the last page and
	 * when every branch was asked for.
	 */
	record Report(String period, LocalDate from, LocalDate until, List<BranchCompliance> branches, String next) {

		Report(String period, LocalDate from, LocalDate until, List<BranchCompliance> branches) {
			this(period, from, until, branches, null);
		}
	}

	/**
	 * An organisation right below the one asked for, its branches summed: how many, how many below 100 %
	 * ({@code behind}), per kind the intervals required, held and missing and the meetings counted, and the rate over
	 * all their intervals.
	 */
	record ChildCompliance(long orgId, String name, int branches, int behind, Map<MeetingType, Integer> required,
			Map<MeetingType, Integer> held, Map<MeetingType, Integer> gaps, Map<MeetingType, Integer> meetings, int rate) {
	}

	/** A period's compliance below {@code orgId}, one row per organisation right below it. */
	record Summary(String period, LocalDate from, LocalDate until, long orgId, List<ChildCompliance> children) {
	}

	/** One interval (a month, a quarter, the year) of one line: held against required. */
	record Cell(LocalDate from, int months, int held, int required) {
	}

	/** One row of a branch's grid: a kind of meeting, or the 党小组会 of one group ({@code groupName}). */
	record Line(MeetingType type, Long groupId, String groupName, List<Cell> cells) {
	}

	/** A branch's period in detail: its lines, and the kinds not required of it. */
	record Detail(BranchCompliance branch, List<Line> lines) {
	}

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final MemberDirectory members;

	private final JdbcTemplate jdbc;

	private final ComplianceCounts counts;

	private static final MeetingType[] TYPES = MeetingType.values();

	private final Map<MeetingType, Frequency> frequencies = new EnumMap<>(MeetingType.class);

	Compliance(OrganizationScope scope, OrganizationTree tree, MemberDirectory members, JdbcTemplate jdbc,
			ComplianceCounts counts, Environment env) {
		this.scope = scope;
		this.tree = tree;
		this.members = members;
		this.jdbc = jdbc;
		this.counts = counts;
		for (MeetingType t : MeetingType.values()) {
			frequencies.put(t, env.getProperty("party.orglife.frequency." + t.name(), Frequency.class, Frequency.NONE));
		}
	}

	/** The frequency setting of each kind of meeting. */
	public Map<MeetingType, Frequency> frequencies() {
		return Collections.unmodifiableMap(frequencies);
	}

	/** How many intervals of a frequency a period holds: whole intervals only (a yearly meeting is not due in a quarter). */
	static int required(Frequency frequency, Period period) {
		if (frequency == Frequency.NONE || period.months() < frequency.months) {
			return 0;
		}
		return period.months() / frequency.months;
	}

	/** Every branch of the platform, for the reminders (no caller: the job runs for everyone). */
	Report reportAll(String periodText) {
		Period period = Period.parse(periodText);
		return report(period, scope.activeOfTypes(OrgType.BRANCH, OrgType.GROUP));
	}

	Long parentOf(long orgId) {
		return scope.find(orgId).map(OrgRef::parentId).orElse(null);
	}

	public Report report(Caller caller, Long orgId, String periodText) {
		return report(organizations(caller, orgId), periodText);
	}

	/**
	 * The organisations a report of the caller's at {@code orgId} (all the caller's subtrees when null) covers, read
	 * once: the page counts its branches, then reports or sums them from the same list (a province's 25 000).
	 */
	List<OrgRef> organizations(Caller caller, Long orgId) {
		return scope.findAll(reachable(caller, orgId));
	}

	/** Every branch among the organisations of a scope ({@link #organizations}). */
	Report report(List<OrgRef> refs, String periodText) {
		return report(Period.parse(periodText), refs);
	}

	/**
	 * One page of the report: at most {@code size} branches in the order of their codes, from the one after the code
	 * {@code after} (null: the first). The scope's organisations are read to find them; only the page's counts are read
	 * and computed, and only its rows sent (a province's year at once: 20 000 rows, 12.5 MB).
	 */
	public Report page(Caller caller, Long orgId, String periodText, String after, int size) {
		return page(organizations(caller, orgId), periodText, after, size);
	}

	/** One page of the report over the organisations of a scope ({@link #organizations}). */
	Report page(List<OrgRef> refs, String periodText, String after, int size) {
		Period period = Period.parse(periodText);
		List<OrgRef> branches = refs.stream().filter(o -> o.type() == OrgType.BRANCH && (after == null || o.code().compareTo(after) > 0))
			.sorted(Comparator.comparing(OrgRef::code)).limit(size + 1L).toList();
		boolean more = branches.size() > size;
		Set<Long> page = new HashSet<>();
		branches.stream().limit(size).forEach(b -> page.add(b.id()));
		// the page's branches and their 党小组 (a group's 党小组会 counts for its branch)
		List<OrgRef> wanted = refs.stream().filter(o -> page.contains(o.id())
				|| o.type() == OrgType.GROUP && o.parentId() != null && page.contains(o.parentId())).toList();
		Report report = report(period, wanted);
		return new Report(report.period(), report.from(), report.until(), report.branches(),
				more ? branches.get(size - 1).code() : null);
	}

	/** How many branches a report over these organisations ({@link #organizations}) lists. */
	static int branches(List<OrgRef> refs) {
		return (int) refs.stream().filter(o -> o.type() == OrgType.BRANCH).count();
	}

	private Report report(Period period, List<OrgRef> refs) {
		List<BranchCompliance> rows = new ArrayList<>();
		each(period, refs, true, true, d -> rows.add(d.branch()));
		return new Report(period.name(), period.from(), period.until(), rows);
	}

	/**
	 * The branches of an organisation's subtree summed by the organisation right below it that holds them (at the
	 * province one row per school, at a school one per college; a branch right below is its own row), in the tree's
	 * order; the audited 404 when the organisation is out of reach. The rate is over all their intervals, as a
	 * branch's is over its own.
	 */
	public Summary summary(Caller caller, Long org, String periodText) {
		long orgId = org != null ? org : topOf(caller);
		return summary(orgId, organizations(caller, orgId), periodText);
	}

	/**
	 * The summary below {@code org} (null: the caller's one organisation) from the organisations of the scope already
	 * read ({@link #organizations} of the same caller and {@code org}).
	 */
	Summary summary(Caller caller, Long org, List<OrgRef> refs, String periodText) {
		return summary(org != null ? org : topOf(caller), refs, periodText);
	}

	private Summary summary(long orgId, List<OrgRef> refs, String periodText) {
		Period period = Period.parse(periodText);
		Map<Long, OrgRef> byId = new HashMap<>();
		refs.forEach(o -> byId.put(o.id(), o));
		Map<Long, ChildSum> sums = new LinkedHashMap<>();
		scope.childrenOf(orgId).forEach(c -> sums.put(c.id(), new ChildSum(c)));
		each(period, refs, true, false, d -> {
			OrgRef child = byId.get(d.branch().orgId());
			while (child.id() != orgId && child.parentId() != null && child.parentId() != orgId && byId.containsKey(child.parentId())) {
				child = byId.get(child.parentId());
			}
			sums.computeIfAbsent(child.id(), id -> new ChildSum(byId.get(id))).add(d);
		});
		List<ChildCompliance> children = sums.values().stream().filter(c -> c.branches > 0).map(ChildSum::row).toList();
		return new Summary(period.name(), period.from(), period.until(), orgId, children);
	}

	/** Where a summary starts when none is asked for: the one organisation the caller organises at (a 400 otherwise). */
	private static long topOf(Caller caller) {
		Set<Long> orgs = caller.organizationsWith(MeetingPlanner.ORGANISE);
		if (orgs.isEmpty()) {
			throw new NotPermittedException("compliance", "*", "read");
		}
		if (orgs.size() > 1) {
			throw new FieldProblem("orgId", "orglife.compliance.child.org");
		}
		return orgs.iterator().next();
	}

	/** One child's running sums while the branches go by. */
	private static final class ChildSum {

		final OrgRef org;

		final Map<MeetingType, Integer> required = new EnumMap<>(MeetingType.class);

		final Map<MeetingType, Integer> held = new EnumMap<>(MeetingType.class);

		final Map<MeetingType, Integer> gaps = new EnumMap<>(MeetingType.class);

		final Map<MeetingType, Integer> meetings = new EnumMap<>(MeetingType.class);

		int branches;

		int behind;

		double met;

		int due;

		ChildSum(OrgRef org) {
			this.org = org;
		}

		void add(Detail d) {
			BranchCompliance b = d.branch();
			branches++;
			if (b.rate() < 100) {
				behind++;
			}
			b.required().forEach((t, n) -> required.merge(t, n, Integer::sum));
			b.held().forEach((t, n) -> held.merge(t, n, Integer::sum));
			b.gaps().forEach((t, n) -> gaps.merge(t, n, Integer::sum));
			b.meetings().forEach((t, n) -> meetings.merge(t, n, Integer::sum));
			double[] r = metAndDue(d.lines());
			met += r[0];
			due += (int) r[1];
		}

		ChildCompliance row() {
			return new ChildCompliance(org.id(), org.name(), branches, behind, required, held, gaps, meetings, rate(met, due));
		}
	}

	/** One branch's year in the caller's reach, line by line (the year view); the audited 404 otherwise. */
	public Detail year(Caller caller, long branchId, int year) {
		Period period = Period.parse(Integer.toString(year));
		return details(period, reachable(caller, branchId)).stream().filter(d -> d.branch().orgId() == branchId).findFirst()
			.orElseThrow(() -> new OutOfScopeException("branch", branchId));
	}

	private Set<Long> reachable(Caller caller, Long orgId) {
		Set<Long> orgs;
		if (orgId != null) {
			scope.requireReach(caller, orgId, MeetingPlanner.ORGANISE);
			orgs = scope.subtree(orgId);
		}
		else {
			orgs = scope.visibleTo(caller, MeetingPlanner.ORGANISE);
		}
		if (orgs.isEmpty()) {
			throw new NotPermittedException("compliance", "*", "read");
		}
		return orgs;
	}

	/** What each branch among {@code orgs} held, interval by interval (the pages and the figures alike). */
	List<Detail> details(Period period, Set<Long> orgs) {
		List<Detail> details = new ArrayList<>();
		each(period, scope.findAll(orgs), true, true, details::add);
		return details;
	}

	/**
	 * Each branch among {@code refs} (the organisations of a scope) in turn, in the order of their codes, handed to
	 * {@code each} and not kept: a province's year is 20 000 branches × 96 intervals, which a report needs only summed.
	 * The 谈心谈话 line is left out when {@code talks} is false (a figure of another kind need not count every member of
	 * the subtree); the names are the branches' own unless {@code named} (学院 › 支部, for a list that mixes colleges).
	 */
	void each(Period period, List<OrgRef> refs, boolean talks, boolean named, Consumer<Detail> each) {
		// each organisation answers for its branch: a branch for itself, a 党小组 for the branch above it
		Map<Long, Long> branchOf = new HashMap<>();
		Map<Long, List<OrgRef>> groups = new HashMap<>();
		for (OrgRef o : refs) {
			if (o.type() == OrgType.BRANCH) {
				branchOf.put(o.id(), o.id());
			}
		}
		for (OrgRef o : refs) {
			if (o.type() == OrgType.GROUP && o.parentId() != null && branchOf.containsKey(o.parentId())) {
				branchOf.put(o.id(), o.parentId());
				groups.computeIfAbsent(o.parentId(), b -> new ArrayList<>()).add(o);
			}
		}
		List<OrgRef> branches = refs.stream().filter(o -> o.type() == OrgType.BRANCH).sorted(Comparator.comparing(OrgRef::code))
			.toList();
		if (branches.isEmpty()) {
			return;
		}
		if (counts.behind()) {
			counts.catchUp();
		}
		Date from = Date.valueOf(period.from());
		Date until = Date.valueOf(period.until());
		YearMonth first = YearMonth.from(period.from());
		Long[] ids = branches.stream().map(OrgRef::id).toArray(Long[]::new);

		// the months in which each branch (and each group, for its own 党小组会) held each kind, as bits from the
		// period's first month, and how many counted: kept per branch and year as meetings are signed off
		// (ComplianceCounts)
		Map<Long, long[]> monthsOf = new HashMap<>();
		Map<Long, Long> groupMonths = new HashMap<>();
		Map<Long, int[]> meetingsOf = new HashMap<>();
		// one row per branch and year (V132: a province's year is 20 000 rows, not 140 000 of orglife_branch_year): its
		// kinds and groups, and for each the meetings counted in each month; the period's months become one bit each
		YearMonth last = YearMonth.from(period.until().minusDays(1));
		for (int year = first.getYear(); year <= last.getYear(); year++) {
			int fromMonth = year == first.getYear() ? first.getMonthValue() : 1;
			int toMonth = year == last.getYear() ? last.getMonthValue() : 12;
			int offset = (int) first.until(YearMonth.of(year, fromMonth), ChronoUnit.MONTHS);
			jdbc.query("select branch_id, types, groups, meetings from orglife_branch_year_held where year = ? and branch_id = any(?)",
					rs -> {
						long branch = rs.getLong(1);
						String[] types = (String[]) rs.getArray(2).getArray();
						Long[] groupIds = (Long[]) rs.getArray(3).getArray();
						Integer[][] perMonth = (Integer[][]) rs.getArray(4).getArray();
						for (int i = 0; i < types.length; i++) {
							long bits = 0;
							int counted = 0;
							for (int m = fromMonth; m <= toMonth; m++) {
								int n = perMonth[i][m - 1];
								if (n > 0) {
									bits |= 1L << (m - fromMonth);
									counted += n;
								}
							}
							if (bits == 0) {
								continue;
							}
							bits <<= offset;
							MeetingType type = MeetingType.valueOf(types[i]);
							long group = groupIds[i];
							if (type == MeetingType.GROUP_MEETING) {
								if (!groups.getOrDefault(branch, List.of()).stream().anyMatch(g -> g.id() == group)) {
									continue; // a group no longer under this branch
								}
								groupMonths.merge(group, bits, (x, y) -> x | y);
							}
							else {
								monthsOf.computeIfAbsent(branch, b -> new long[TYPES.length])[type.ordinal()] |= bits;
							}
							meetingsOf.computeIfAbsent(branch, b -> new int[TYPES.length])[type.ordinal()] += counted;
						}
					}, year, (Object) ids);
		}

		// 谈心谈话: how many members were talked with in each interval, counted against the branch's members as they are now
		Frequency talkFrequency = frequencies.get(MeetingType.TALK);
		Map<Long, Map<LocalDate, Integer>> talkedWith = new HashMap<>();
		Map<Long, Integer> membersOf = new HashMap<>();
		if (talks && talkFrequency != Frequency.NONE && required(talkFrequency, period) > 0) {
			members.countsIn(branchOf.keySet()).forEach((org, n) -> membersOf.merge(branchOf.get(org), n.intValue(), Integer::sum));
			jdbc.query("""
					select branch_id, from_month, members from orglife_talk_count
					where months = ? and from_month >= ? and from_month < ? and branch_id = any(?)""",
					rs -> {
						talkedWith.computeIfAbsent(rs.getLong(1), b -> new HashMap<>()).put(rs.getDate(2).toLocalDate(), rs.getInt(3));
					}, talkFrequency.months, from, until, (Object) ids);
		}

		List<Long> branchIds = Arrays.asList(ids);
		Set<Long> withCommittee = frequencies.get(MeetingType.BRANCH_COMMITTEE) == Frequency.NONE ? Set.of()
				: tree.withBranchCommittee(branchIds);
		Map<Long, String> names = named ? qualifiedNames(branches, refs) : Map.of();
		long[] noMonths = new long[TYPES.length];
		int[] none = new int[TYPES.length];
		Grid grid = Grid.of(period);
		for (OrgRef b : branches) {
			each.accept(branch(b, names.getOrDefault(b.id(), b.name()), grid,
					groups.getOrDefault(b.id(), List.of()).stream().sorted(Comparator.comparing(OrgRef::code)).toList(),
					withCommittee.contains(b.id()), monthsOf.getOrDefault(b.id(), noMonths), groupMonths,
					meetingsOf.getOrDefault(b.id(), none), membersOf.getOrDefault(b.id(), 0),
					talkedWith.getOrDefault(b.id(), Map.of())));
		}
	}

	/**
	 * The branches' names as {@link OrganizationScope#qualifiedNames} gives them (学院 › 支部: the path below the
	 * school), made from the scope's organisations already read: a province's 20 000 branches and their paths are not
	 * read again. A branch whose lineage within the scope holds no 党委 (a college's report) is named by the scope.
	 */
	private Map<Long, String> qualifiedNames(List<OrgRef> branches, List<OrgRef> refs) {
		Map<Long, OrgRef> byId = new HashMap<>();
		refs.forEach(o -> byId.put(o.id(), o));
		Map<Long, String> names = new HashMap<>();
		List<Long> elsewhere = new ArrayList<>();
		for (OrgRef b : branches) {
			LinkedList<OrgRef> lineage = new LinkedList<>();
			for (OrgRef o = b; o != null; o = o.parentId() == null ? null : byId.get(o.parentId())) {
				lineage.addFirst(o);
			}
			if (lineage.getFirst().parentId() != null && lineage.stream().noneMatch(o -> o.type() == OrgType.COMMITTEE)) {
				elsewhere.add(b.id());
				continue;
			}
			List<Long> chain = OrganizationScope.pathBelowSchool(lineage);
			names.put(b.id(), chain.isEmpty() ? b.name()
					: chain.stream().map(id -> byId.get(id).name()).collect(Collectors.joining(" › ")));
		}
		names.putAll(scope.qualifiedNames(elsewhere));
		return names;
	}

	/** A period's whole intervals of each frequency, worked out once for all the branches of a report. */
	private record Grid(Map<Frequency, LocalDate[]> froms) {

		static Grid of(Period period) {
			Map<Frequency, LocalDate[]> froms = new EnumMap<>(Frequency.class);
			for (Frequency f : Frequency.values()) {
				LocalDate[] starts = new LocalDate[required(f, period)];
				for (int i = 0; i < starts.length; i++) {
					starts[i] = period.from().plusMonths((long) i * f.months);
				}
				froms.put(f, starts);
			}
			return new Grid(froms);
		}

		LocalDate[] of(Frequency f) {
			return froms.get(f);
		}
	}

	private Detail branch(OrgRef branch, String name, Grid grid, List<OrgRef> groups, boolean hasCommittee,
			long[] months, Map<Long, Long> groupMonths, int[] meetings, int people, Map<LocalDate, Integer> talked) {
		List<Line> lines = new ArrayList<>();
		Set<MeetingType> exempt = EnumSet.noneOf(MeetingType.class);
		for (MeetingType t : MeetingType.values()) {
			Frequency f = frequencies.get(t);
			LocalDate[] froms = grid.of(f);
			if (froms.length == 0) {
				continue;
			}
			if (t == MeetingType.BRANCH_COMMITTEE && !hasCommittee || t == MeetingType.GROUP_MEETING && groups.isEmpty()) {
				exempt.add(t);
				continue;
			}
			if (t == MeetingType.GROUP_MEETING) {
				for (OrgRef g : groups) {
					long held = groupMonths.getOrDefault(g.id(), 0L);
					lines.add(new Line(t, g.id(), g.name(), cells(froms, f, i -> covered(held, i, f) ? 1 : 0, 1)));
				}
			}
			else if (t == MeetingType.TALK) {
				lines.add(new Line(t, null, null, cells(froms, f, i -> talked.getOrDefault(froms[i], 0), people)));
			}
			else {
				long held = months[t.ordinal()];
				lines.add(new Line(t, null, null, cells(froms, f, i -> covered(held, i, f) ? 1 : 0, 1)));
			}
		}
		Map<MeetingType, Integer> required = new EnumMap<>(MeetingType.class);
		Map<MeetingType, Integer> held = new EnumMap<>(MeetingType.class);
		Map<MeetingType, Integer> gaps = new EnumMap<>(MeetingType.class);
		for (Line line : lines) {
			for (Cell c : line.cells()) {
				int done = Math.min(c.held(), c.required());
				required.merge(line.type(), c.required(), Integer::sum);
				held.merge(line.type(), done, Integer::sum);
				gaps.merge(line.type(), c.required() - done, Integer::sum);
			}
		}
		double[] metAndDue = metAndDue(lines);
		Map<MeetingType, Integer> counted = new EnumMap<>(MeetingType.class);
		for (MeetingType t : TYPES) {
			if (meetings[t.ordinal()] > 0) {
				counted.put(t, meetings[t.ordinal()]);
			}
		}
		return new Detail(new BranchCompliance(branch.id(), name, required, held, gaps, counted, exempt,
				rate(metAndDue[0], (int) metAndDue[1])), lines);
	}

	/** The requirements met and due over these lines: each interval is one, 谈心谈话's met by the share talked with. */
	private static double[] metAndDue(List<Line> lines) {
		double met = 0;
		int due = 0;
		for (Line line : lines) {
			for (Cell c : line.cells()) {
				due++;
				met += c.required() == 0 ? 1 : (double) Math.min(c.held(), c.required()) / c.required();
			}
		}
		return new double[] { met, due };
	}

	private static int rate(double met, int due) {
		return due == 0 ? 100 : (int) Math.floor(met * 100 / due + 1e-9);
	}

	/**
	 * Whether any month of the period's {@code i}-th interval of frequency {@code f} is among {@code held} (bits from the
	 * period's first month: the interval's first month is bit i × its months).
	 */
	private static boolean covered(long held, int i, Frequency f) {
		return (held >>> (i * f.months) & ((1L << f.months) - 1)) != 0;
	}

	/** The period's whole intervals of frequency {@code f} ({@code froms}), the i-th held as {@code held} says against {@code required}. */
	private static List<Cell> cells(LocalDate[] froms, Frequency f, java.util.function.IntUnaryOperator held, int required) {
		List<Cell> cells = new ArrayList<>(froms.length);
		for (int i = 0; i < froms.length; i++) {
			cells.add(new Cell(froms[i], f.months, held.applyAsInt(i), required));
		}
		return cells;
	}
}
