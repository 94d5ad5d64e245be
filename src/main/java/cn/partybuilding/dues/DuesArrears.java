package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
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

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<Integer> levels;

	DuesArrears(JdbcTemplate jdbc, DuesAccess access, MemberDirectory members, OrganizationScope scope,
			ApplicationEventPublisher events, Clock clock, @Value("${party.dues.warn-at:3,5,6}") List<Integer> levels) {
		this.jdbc = jdbc;
		this.access = access;
		this.members = members;
		this.scope = scope;
		this.events = events;
		this.clock = clock;
		this.levels = levels.stream().sorted().toList();
	}

	/** {@code level}: the highest warning level the run has reached (0 below the first); {@code flagged}: the last. */
	public record Arrears(long memberId, String name, long organizationId, String organizationName, int unpaidMonths,
			int consecutive, YearMonth since, BigDecimal owed, int level, boolean flagged) {
	}

	/** Members of the caller's subtree (or one organisation's) with unpaid months, the longest runs first. */
	public List<Arrears> list(Caller caller, Long orgId) {
		Set<Long> orgs = access.organizations(caller, orgId);
		return compute(members.summaries(orgs), YearMonth.now(clock));
	}

	/** One member's arrears (none when paid up). */
	public Optional<Arrears> of(MemberSummary member) {
		return compute(List.of(member), YearMonth.now(clock)).stream().findFirst();
	}

	List<Arrears> compute(List<MemberSummary> who, YearMonth current) {
		if (who.isEmpty()) {
			return List.of();
		}
		Map<Long, MemberSummary> byId = who.stream().collect(Collectors.toMap(MemberSummary::id, m -> m));
		Map<Long, String> orgNames = access.qualifiedNames(who.stream().map(MemberSummary::organizationId).distinct().toList());
		List<Arrears> found = new ArrayList<>();
		jdbc.query("""
				with settled as (
				  select member_id, max(month) as last from dues_bill
				  where state <> 'UNPAID' and month < ? and member_id = any(?) group by member_id)
				select b.member_id, count(*),
				       count(*) filter (where b.month > coalesce(s.last, '-infinity')),
				       min(b.month) filter (where b.month > coalesce(s.last, '-infinity')),
				       sum(b.amount)
				from dues_bill b left join settled s on s.member_id = b.member_id
				where b.state = 'UNPAID' and b.month < ? and b.member_id = any(?)
				group by b.member_id""", rs -> {
			MemberSummary m = byId.get(rs.getLong(1));
			int run = rs.getInt(3);
			Date since = rs.getDate(4);
			found.add(new Arrears(m.id(), m.name(), m.organizationId(), orgNames.getOrDefault(m.organizationId(), ""),
					rs.getInt(2), run, since == null ? null : YearMonth.from(since.toLocalDate()), rs.getBigDecimal(5), level(run),
					run >= levels.get(levels.size() - 1)));
		}, Date.valueOf(current.atDay(1)), byId.keySet().toArray(Long[]::new), Date.valueOf(current.atDay(1)),
				byId.keySet().toArray(Long[]::new));
		found.sort(Comparator.comparing(Arrears::consecutive).reversed().thenComparing(Arrears::name));
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
	@Transactional // the class's read-only default would reach warn() too: it is called on this object, not its proxy
	public void daily() {
		warn();
	}

	/**
	 * Tells of every level newly reached, once per member and level while the run stays there; a level the
	 * run has fallen below (a back-payment) is cleared, so reaching it again tells again. Returns how many
	 * members were told.
	 */
	@Transactional
	public int warn() {
		List<ArrearsWarning> warnings = new ArrayList<>();
		Map<Long, Long> parents = new HashMap<>();
		List<MemberSummary> everyone = members.allSummaries();
		Map<Long, Long> accountOf = new HashMap<>();
		everyone.stream().filter(m -> m.accountId() != null).forEach(m -> accountOf.put(m.id(), m.accountId()));
		List<Arrears> all = compute(everyone, YearMonth.now(clock));
		jdbc.update("""
				delete from dues_warning w where not exists (
				  select 1 from unnest(?::bigint[], ?::int[]) as r(member_id, run) where r.member_id = w.member_id and r.run >= w.threshold)""",
				all.stream().map(Arrears::memberId).toArray(Long[]::new), all.stream().map(Arrears::consecutive).toArray(Integer[]::new));
		for (Arrears a : all) {
			if (a.level() == 0) {
				continue;
			}
			int fresh = 0;
			for (int l : levels) {
				if (a.consecutive() >= l) {
					fresh += jdbc.update("""
							insert into dues_warning (member_id, threshold, run_start, sent_at) values (?, ?, ?, ?)
							on conflict do nothing""", a.memberId(), l, Date.valueOf(a.since().atDay(1)), Timestamp.from(clock.instant()));
				}
			}
			if (fresh > 0) {
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
