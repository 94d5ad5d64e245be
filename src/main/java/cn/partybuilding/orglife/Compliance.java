package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * 支部工作条例 compliance: for each branch and period, the meetings each kind requires (from the
 * frequency settings), those held, and the gaps. A meeting counts once its minutes are signed off, for
 * every branch whose members it invited (a college's 党课 counts for each branch of the college). 党小组会
 * are required of each 党小组 of the branch.
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

	/** A month, a quarter or a year: {@code 2026-11}, {@code 2026-Q4}, {@code 2026}. */
	record BranchCompliance(long orgId, String name, Map<MeetingType, Integer> required,
			Map<MeetingType, Integer> held, Map<MeetingType, Integer> gaps, int rate) {
	}

	record Report(String period, LocalDate from, LocalDate until, List<BranchCompliance> branches) {
	}

	private final OrganizationScope scope;

	private final JdbcTemplate jdbc;

	private final Map<MeetingType, Frequency> frequencies = new EnumMap<>(MeetingType.class);

	Compliance(OrganizationScope scope, JdbcTemplate jdbc, Environment env) {
		this.scope = scope;
		this.jdbc = jdbc;
		for (MeetingType t : MeetingType.values()) {
			frequencies.put(t, env.getProperty("party.orglife.frequency." + t.name(), Frequency.class, Frequency.NONE));
		}
	}

	/** The frequency setting of each kind of meeting. */
	public Map<MeetingType, Frequency> frequencies() {
		return Collections.unmodifiableMap(frequencies);
	}

	/** How many of a kind a period requires: whole intervals only (a yearly meeting is not due in a quarter). */
	static int required(Frequency frequency, Period period) {
		if (frequency == Frequency.NONE || period.months() < frequency.months) {
			return 0;
		}
		return period.months() / frequency.months;
	}

	/** Every branch of the platform, for the reminders (no caller: the job runs for everyone). */
	Report reportAll(String periodText) {
		return report(Period.parse(periodText), scope.activeOfTypes(OrgType.BRANCH, OrgType.GROUP).stream().map(OrgRef::id).collect(Collectors.toSet()));
	}

	Long parentOf(long orgId) {
		return scope.find(orgId).map(OrgRef::parentId).orElse(null);
	}

	public Report report(Caller caller, Long orgId, String periodText) {
		Period period = Period.parse(periodText);
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
		return report(period, orgs);
	}

	private Report report(Period period, Set<Long> orgs) {
		List<OrgRef> refs = scope.findAll(orgs);
		Map<Long, OrgRef> byId = new HashMap<>();
		refs.forEach(o -> byId.put(o.id(), o));
		// each organisation answers for its branch: a branch for itself, a 党小组 for the branch above it
		Map<Long, Long> branchOf = new HashMap<>();
		Map<Long, Integer> groups = new HashMap<>();
		for (OrgRef o : refs) {
			if (o.type() == OrgType.BRANCH) {
				branchOf.put(o.id(), o.id());
			}
			else if (o.type() == OrgType.GROUP && o.parentId() != null) {
				branchOf.put(o.id(), o.parentId());
				groups.merge(o.parentId(), 1, Integer::sum);
			}
		}
		Map<Long, Map<MeetingType, Set<Long>>> heldBy = new HashMap<>();
		jdbc.query("""
				select a.organization_id, m.type, m.id
				from meeting m
				join meeting_minutes mm on mm.meeting_id = m.id and mm.signed_off_at is not null
				join meeting_audience a on a.meeting_id = m.id
				where m.start_at >= ? and m.start_at < ? and a.organization_id = any(?)""", rs -> {
			Long branch = branchOf.get(rs.getLong(1));
			if (branch != null) {
				heldBy.computeIfAbsent(branch, b -> new EnumMap<>(MeetingType.class))
					.computeIfAbsent(MeetingType.valueOf(rs.getString(2)), t -> new HashSet<>())
					.add(rs.getLong(3));
			}
		}, Timestamp.from(period.from().atStartOfDay(PlatformZone.ZONE).toInstant()),
				Timestamp.from(period.until().atStartOfDay(PlatformZone.ZONE).toInstant()),
				branchOf.keySet().toArray(Long[]::new));
		List<BranchCompliance> branches = refs.stream()
			.filter(o -> o.type() == OrgType.BRANCH)
			.sorted(Comparator.comparing(OrgRef::code))
			.map(b -> branch(b, period, groups.getOrDefault(b.id(), 0), heldBy.getOrDefault(b.id(), Map.of())))
			.toList();
		return new Report(period.name(), period.from(), period.until(), branches);
	}

	private BranchCompliance branch(OrgRef branch, Period period, int groups, Map<MeetingType, Set<Long>> held) {
		Map<MeetingType, Integer> required = new EnumMap<>(MeetingType.class);
		Map<MeetingType, Integer> heldCounts = new EnumMap<>(MeetingType.class);
		Map<MeetingType, Integer> gaps = new EnumMap<>(MeetingType.class);
		int due = 0;
		int met = 0;
		for (MeetingType t : MeetingType.values()) {
			int need = required(frequencies.get(t), period) * (t == MeetingType.GROUP_MEETING ? groups : 1);
			int done = held.getOrDefault(t, Set.of()).size();
			if (need == 0 && done == 0) {
				continue;
			}
			required.put(t, need);
			heldCounts.put(t, done);
			gaps.put(t, Math.max(0, need - done));
			due += need;
			met += Math.min(need, done);
		}
		return new BranchCompliance(branch.id(), branch.name(), required, heldCounts, gaps, due == 0 ? 100 : met * 100 / due);
	}
}
