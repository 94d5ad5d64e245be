package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/**
 * Arrears: for each member the unpaid months before the current one, and the run of consecutive unpaid
 * months since the last month settled (paid or waived) — a back-payment of the oldest months shortens
 * the run from its start, paying the latest ends it. Runs cross year ends like any other month. Warnings
 * at {@code party.dues.warn-at} (3, 5, 6) months go out once per run and level.
 */
@Service
@Transactional(readOnly = true)
class DuesArrears {

	private final JdbcTemplate jdbc;

	private final DuesAccess access;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<Integer> levels;

	private final DuesChunks chunks;

	DuesArrears(JdbcTemplate jdbc, DuesAccess access, MemberDirectory members,
			ApplicationEventPublisher events, Clock clock, @Value("${party.dues.warn-at:3,5,6}") List<Integer> levels,
			DuesChunks chunks) {
		this.chunks = chunks;
		this.jdbc = jdbc;
		this.access = access;
		this.members = members;
		this.events = events;
		this.clock = clock;
		this.levels = levels.stream().sorted().toList();
	}

	/** {@code level}: the highest warning level the run has reached (0 below the first); {@code flagged}: the last. */
	public record Arrears(long memberId, String name, long organizationId, String organizationName, int unpaidMonths,
			int consecutive, YearMonth since, BigDecimal owed, int level, boolean flagged) {
	}

	/**
	 * Members of the caller's subtree (or one organisation's) with unpaid months, the longest runs first: read a batch
	 * of organisations at a time ({@link DuesChunks}), so only the members in arrears are held, not the scope's.
	 */
	public List<Arrears> list(Caller caller, Long orgId) {
		return list(access.organizations(caller, orgId), chunks.size());
	}

	/** As {@link #list(Caller, Long)}, in these organisations, batches of about {@code chunk} members. */
	List<Arrears> list(Set<Long> orgs, int chunk) {
		YearMonth now = YearMonth.now(clock);
		List<Arrears> found = new ArrayList<>();
		for (List<Long> batch : chunks.of(orgs, chunk)) {
			found.addAll(compute(members.summaries(batch), now));
		}
		found.sort(ORDER);
		return found;
	}

	private static final Comparator<Arrears> ORDER = Comparator.comparing(Arrears::consecutive).reversed()
		.thenComparing(Arrears::name).thenComparing(Arrears::memberId);

	/** One member's arrears (none when paid up). */
	public Optional<Arrears> of(MemberSummary member) {
		return compute(List.of(member), YearMonth.now(clock)).stream().findFirst();
	}

	/**
	 * Per member: unpaid months before {@code current}, the run since the last settled month, its first month, the sum
	 * owed. The rule is the database's function {@code dues_arrears_runs} (V123), which the warnings and their counts
	 * read too.
	 */
	private static final String UNPAID_MONTHS = "select member_id, unpaid, run, run_start, owed from dues_arrears_runs(?, ?)";

	/** Each of these members' run of unpaid months before {@code current} (none unpaid: absent). */
	Map<Long, Integer> runs(List<Long> who, YearMonth current) {
		Map<Long, Integer> runs = new HashMap<>();
		if (!who.isEmpty()) {
			Long[] ids = who.toArray(Long[]::new);
			jdbc.query(UNPAID_MONTHS, rs -> {
				runs.put(rs.getLong(1), rs.getInt(3));
			}, Date.valueOf(current.atDay(1)), ids);
		}
		return runs;
	}

	List<Arrears> compute(List<MemberSummary> who, YearMonth current) {
		if (who.isEmpty()) {
			return List.of();
		}
		Map<Long, MemberSummary> byId = who.stream().collect(Collectors.toMap(MemberSummary::id, m -> m));
		Map<Long, String> orgNames = access.qualifiedNames(who.stream().map(MemberSummary::organizationId).distinct().toList());
		List<Arrears> found = new ArrayList<>();
		jdbc.query(UNPAID_MONTHS, rs -> {
			MemberSummary m = byId.get(rs.getLong(1));
			int run = rs.getInt(3);
			Date since = rs.getDate(4);
			found.add(new Arrears(m.id(), m.name(), m.organizationId(), orgNames.getOrDefault(m.organizationId(), ""),
					rs.getInt(2), run, since == null ? null : YearMonth.from(since.toLocalDate()), rs.getBigDecimal(5), level(run),
					run >= levels.get(levels.size() - 1)));
		}, Date.valueOf(current.atDay(1)), byId.keySet().toArray(Long[]::new));
		found.sort(ORDER);
		return found;
	}

	/** The first warning level (months in a row unpaid): who has reached it is in arrears. */
	int firstLevel() {
		return levels.get(0);
	}

	/** The highest warning level a run has reached (0 below the first). */
	int level(int run) {
		int reached = 0;
		for (int l : levels) {
			if (run >= l) {
				reached = l;
			}
		}
		return reached;
	}

	@Scheduled(cron = "${party.dues.warn-cron:0 30 8 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "dues-arrears-warnings", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	@Transactional(propagation = Propagation.SUPPORTS) // each batch writes in a transaction of its own
	public void daily() {
		warn();
	}

	/**
	 * Tells of every level newly reached, once per member and level while the run stays there; a level the
	 * run has fallen below (a back-payment) is cleared, so reaching it again tells again. Returns how many
	 * members were told. Reads the members a batch of organisations at a time ({@link DuesChunks}), each batch
	 * written and told in a transaction of its own.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public int warn() {
		return warn(chunks.size());
	}

	/** As {@link #warn()}, in batches of about {@code chunk} members. */
	@Transactional(propagation = Propagation.SUPPORTS)
	int warn(int chunk) {
		YearMonth now = YearMonth.now(clock);
		// who holds a warning now: whoever no batch reads (departed) has their warnings cleared at the end
		Set<Long> unseen = new HashSet<>(jdbc.queryForList("select distinct member_id from dues_warning", Long.class));
		int told = chunks.eachInItsOwnTransaction(chunk, who -> {
			who.forEach(m -> unseen.remove(m.id()));
			return warnAmong(who, now);
		});
		if (!unseen.isEmpty()) {
			chunks.inItsOwnTransaction(() -> jdbc.update("delete from dues_warning where member_id = any(?)",
					(Object) unseen.toArray(Long[]::new)));
		}
		return told;
	}

	/** The warnings of one batch of members: stale levels cleared, new ones written and told. */
	private int warnAmong(List<MemberSummary> who, YearMonth now) {
		if (who.isEmpty()) {
			return 0;
		}
		Map<Long, Long> accountOf = new HashMap<>();
		who.stream().filter(m -> m.accountId() != null).forEach(m -> accountOf.put(m.id(), m.accountId()));
		List<Arrears> all = compute(who, now);
		jdbc.update("""
				delete from dues_warning w where w.member_id = any(?) and not exists (
				  select 1 from unnest(?::bigint[], ?::int[]) as r(member_id, run) where r.member_id = w.member_id and r.run >= w.threshold)""",
				who.stream().map(MemberSummary::id).toArray(Long[]::new), all.stream().map(Arrears::memberId).toArray(Long[]::new),
				all.stream().map(Arrears::consecutive).toArray(Integer[]::new));
		List<Long> ids = new ArrayList<>();
		List<Integer> thresholds = new ArrayList<>();
		List<YearMonth> starts = new ArrayList<>();
		for (Arrears a : all) {
			for (int l : levels) {
				if (a.level() > 0 && a.consecutive() >= l) {
					ids.add(a.memberId());
					thresholds.add(l);
					starts.add(a.since());
				}
			}
		}
		if (ids.isEmpty()) {
			return 0;
		}
		Set<Long> fresh = new HashSet<>(jdbc.queryForList("""
				insert into dues_warning (member_id, threshold, run_start, sent_at)
				select r.member_id, r.threshold, r.run_start, ? from unnest(?::bigint[], ?::int[], ?::date[]) as r(member_id, threshold, run_start)
				on conflict do nothing returning member_id""", Long.class, Timestamp.from(clock.instant()), ids.toArray(Long[]::new),
				thresholds.toArray(Integer[]::new), DuesPayments.days(starts)));
		List<ArrearsWarning> warnings = new ArrayList<>();
		Map<Long, Long> parents = new HashMap<>();
		for (Arrears a : all) {
			if (fresh.contains(a.memberId())) {
				Long parent = parents.computeIfAbsent(a.organizationId(), this::generalBranchOf);
				warnings.add(new ArrearsWarning(a.memberId(), a.name(), a.organizationId(), a.organizationName(),
						parent < 0 ? null : parent, a.consecutive(), a.since(), a.owed(), a.level(), escalated(a.level()),
						a.flagged(), accountOf.get(a.memberId())));
			}
		}
		if (!warnings.isEmpty()) {
			events.publishEvent(new DuesArrearsWarned(warnings));
		}
		return warnings.size();
	}

	private boolean escalated(int level) {
		return levels.size() > 1 && level >= levels.get(1);
	}

	/** The general branch above a branch (or the committee when there is none), -1 if none at all. */
	private long generalBranchOf(long orgId) {
		return access.levelAbove(orgId).orElse(-1L);
	}
}
