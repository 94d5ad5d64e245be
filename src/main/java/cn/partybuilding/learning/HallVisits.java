package cn.partybuilding.learning;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * A visit of a hall counts as study: the viewer sends a heartbeat while it is visible, naming the scene shown; the
 * account's study clock ({@link StudyProgress}, the same as for reading: at most the time since its previous
 * heartbeat, nothing for a hidden page) credits effective time, which is also the day's reading time. Once the
 * visit has the rule's time and share of scenes ({@link LearningRules.HallVisit}) the hall is visited: points by
 * {@link PointRule#HALL_VISITED} and {@link HallVisited}, once per person and hall.
 */
@Service
@Transactional
class HallVisits {

	private final JdbcTemplate jdbc;

	private final Halls halls;

	private final StudyProgress progress;

	private final StudyPoints points;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final LearningRules rules;

	private final Clock clock;

	HallVisits(JdbcTemplate jdbc, Halls halls, StudyProgress progress, StudyPoints points, MemberDirectory members,
			ApplicationEventPublisher events, LearningRules rules, Clock clock) {
		this.jdbc = jdbc;
		this.halls = halls;
		this.progress = progress;
		this.points = points;
		this.members = members;
		this.events = events;
		this.rules = rules;
		this.clock = clock;
	}

	/** A heartbeat of the viewer: the scene shown, and whether the page is visible. */
	record Beat(Long sceneId, Boolean visible) {
	}

	record VisitView(long hallId, int effectiveSeconds, int secondsToVisit, int scenesSeen, int scenesToVisit,
			int scenes, boolean visited, Instant visitedAt, int creditedSeconds, int pointsToday) {
	}

	VisitView beat(Caller caller, long hallId, Beat beat) {
		Halls.Row hall = halls.visitable(caller, hallId);
		List<Long> sceneIds = jdbc.queryForList("select id from learning_hall_scene where hall_id = ?", Long.class, hallId);
		if (beat.sceneId() == null || !sceneIds.contains(beat.sceneId())) {
			throw new FieldProblem("sceneId", "learning.hall.hotspot.scene");
		}
		long account = caller.accountId();
		Instant now = clock.instant();
		boolean visible = Boolean.TRUE.equals(beat.visible());
		int credit = progress.credit(account, now, visible);
		jdbc.update("""
				insert into learning_hall_visit (account_id, hall_id, started_at, updated_at) values (?, ?, ?, ?)
				on conflict do nothing""", account, hallId, Timestamp.from(now), Timestamp.from(now));
		Map<String, Object> row = jdbc.queryForMap("""
				select effective_seconds, scenes_seen, visited_at from learning_hall_visit
				where account_id = ? and hall_id = ? for update""", account, hallId);
		int effective = ((Number) row.get("effective_seconds")).intValue() + credit;
		Set<Long> seen = new LinkedHashSet<>(ids((Array) row.get("scenes_seen")));
		if (visible) {
			seen.add(beat.sceneId());
		}
		seen.retainAll(sceneIds);
		Timestamp visitedAt = (Timestamp) row.get("visited_at");
		LearningRules.HallVisit rule = rules.hallVisit();
		int scenesToVisit = rule.scenesToVisit(sceneIds.size());
		boolean newlyVisited = visitedAt == null && effective >= rule.minSeconds() && seen.size() >= scenesToVisit;
		if (newlyVisited) {
			visitedAt = Timestamp.from(now);
		}
		jdbc.update("""
				update learning_hall_visit set effective_seconds = ?, scenes_seen = ?, updated_at = ?, visited_at = ?
				where account_id = ? and hall_id = ?""", effective, seen.toArray(Long[]::new), Timestamp.from(now),
				visitedAt, account, hallId);
		LocalDate today = LocalDate.ofInstant(now, PlatformZone.ZONE);
		points.addTime(account, today, credit, 0);
		if (newlyVisited) {
			points.award(account, today, PointRule.HALL_VISITED);
			Long memberId = members.memberOfAccount(account).orElse(null);
			events.publishEvent(new HallVisited(account, memberId, hallId, hall.title(), effective, seen.size(), now));
		}
		return new VisitView(hallId, effective, rule.minSeconds(), seen.size(), scenesToVisit, sceneIds.size(),
				visitedAt != null, visitedAt == null ? null : visitedAt.toInstant(), credit, points.total(account, today));
	}

	/** The caller's visit so far (nothing yet is zero, not an error). */
	@Transactional(readOnly = true)
	VisitView visit(Caller caller, long hallId) {
		halls.find(caller, hallId);
		int scenes = jdbc.queryForObject("select count(*) from learning_hall_scene where hall_id = ?", Integer.class, hallId);
		LearningRules.HallVisit rule = rules.hallVisit();
		return jdbc.query("""
				select effective_seconds, cardinality(scenes_seen), visited_at from learning_hall_visit
				where account_id = ? and hall_id = ?""", (rs, n) -> new VisitView(hallId, rs.getInt(1), rule.minSeconds(),
				rs.getInt(2), rule.scenesToVisit(scenes), scenes, rs.getTimestamp(3) != null,
				rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), 0, 0), caller.accountId(), hallId)
			.stream().findFirst()
			.orElseGet(() -> new VisitView(hallId, 0, rule.minSeconds(), 0, rule.scenesToVisit(scenes), scenes, false,
					null, 0, 0));
	}

	private static List<Long> ids(Array array) {
		try {
			return array == null ? List.of() : Arrays.asList((Long[]) array.getArray());
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException(e);
		}
	}
}
