package cn.partybuilding.learning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * A personal ranking of points exists only when {@code party.learning.personal-ranking} turns it on (it is off:
 * 学习强国 removed its own in 2019), and even then a member may hide their name. Off, it does not exist: 404.
 */
@Service
@Transactional
class PointsRanking {

	private final JdbcTemplate jdbc;

	private final LearningRules rules;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final Clock clock;

	PointsRanking(JdbcTemplate jdbc, LearningRules rules, MemberDirectory members, OrganizationScope scope, Clock clock) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.members = members;
		this.scope = scope;
		this.clock = clock;
	}

	record Place(int place, String name, int points, boolean me) {
	}

	record Ranking(LocalDate from, LocalDate to, List<Place> places) {
	}

	/** This week's points of the members of the caller's branch (or the caller's own organisation), best first. */
	@Transactional(readOnly = true)
	Ranking thisWeek(Caller caller) {
		if (!rules.personalRanking()) {
			throw new OutOfScopeException("learning-ranking", "off");
		}
		Set<Long> orgs = new HashSet<>(caller.organizationsWith(Role.MEMBER));
		orgs.addAll(caller.organizationsWith(Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE));
		if (orgs.isEmpty()) {
			throw new OutOfScopeException("learning-ranking", "none");
		}
		List<MemberAccount> people = members.accountsIn(scope.subtrees(orgs));
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		Long[] accounts = people.stream().map(MemberAccount::accountId).toArray(Long[]::new);
		Map<Long, Integer> points = new HashMap<>();
		jdbc.query("""
				select account_id, sum(points) from learning_points where account_id = any(?) and day between ? and ?
				group by account_id""", rs -> {
			points.put(rs.getLong(1), rs.getInt(2));
		}, accounts, monday, monday.plusDays(6));
		Set<Long> hidden = new HashSet<>(jdbc.queryForList(
				"select account_id from learning_privacy where hide_name and account_id = any(?)", Long.class,
				(Object) accounts));
		List<MemberAccount> sorted = new ArrayList<>(people);
		sorted.sort((a, b) -> Integer.compare(points.getOrDefault(b.accountId(), 0), points.getOrDefault(a.accountId(), 0)));
		List<Place> places = new ArrayList<>();
		for (int i = 0; i < sorted.size(); i++) {
			MemberAccount a = sorted.get(i);
			boolean me = a.accountId() == caller.accountId();
			places.add(new Place(i + 1, hidden.contains(a.accountId()) && !me ? null : a.name(),
					points.getOrDefault(a.accountId(), 0), me));
		}
		return new Ranking(monday, monday.plusDays(6), places);
	}

	/** The member's choice to hide their name from any ranking (kept whether the ranking is on or not). */
	void hideName(Caller caller, boolean hide) {
		jdbc.update("""
				insert into learning_privacy (account_id, hide_name, changed_at) values (?, ?, ?)
				on conflict (account_id) do update set hide_name = excluded.hide_name, changed_at = excluded.changed_at""",
				caller.accountId(), hide, Timestamp.from(clock.instant()));
	}

	@Transactional(readOnly = true)
	boolean hidesName(Caller caller) {
		return Boolean.TRUE.equals(jdbc.query("select hide_name from learning_privacy where account_id = ?",
				(rs, n) -> rs.getBoolean(1), caller.accountId()).stream().findFirst().orElse(false));
	}
}
