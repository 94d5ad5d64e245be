package cn.partybuilding.learning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/**
 * Progress that counts what was really studied. A study page sends a heartbeat every 15 s while it is visible;
 * the server credits at most the time since the account's previous heartbeat (on any material, in any tab), so
 * a flood of heartbeats, two tabs or a page left in the background earn no more than the time that passed. A
 * player reports the ranges it played since its last heartbeat; they are merged and can add no more seconds than
 * the time that passed allows at the fastest accepted playback rate.
 */
@Service
@Transactional
class StudyProgress {

	private final JdbcTemplate jdbc;

	private final MaterialLibrary library;

	private final StudyPoints points;

	private final StudyOutlines outlines;

	private final Courses courses;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final LearningRules rules;

	private final Clock clock;

	StudyProgress(JdbcTemplate jdbc, MaterialLibrary library, StudyPoints points, StudyOutlines outlines,
			MemberDirectory members, ApplicationEventPublisher events, LearningRules rules, Clock clock, Courses courses) {
		this.jdbc = jdbc;
		this.courses = courses;
		this.library = library;
		this.points = points;
		this.outlines = outlines;
		this.members = members;
		this.events = events;
		this.rules = rules;
		this.clock = clock;
	}

	/** A heartbeat: is the page visible, and (from a player) the ranges played since the last one, in seconds. */
	record Beat(Boolean visible, @Size(max = 50) List<@Size(min = 2, max = 2) List<Double>> played) {
	}

	record ProgressView(long materialId, MaterialKind kind, int effectiveSeconds, int secondsToFinish,
			int playedSeconds, Integer durationSeconds, int playedToFinish, boolean finished, Instant finishedAt,
			int creditedSeconds, int pointsToday) {
	}

	ProgressView beat(Caller caller, long materialId, Beat beat) {
		MaterialLibrary.Studied material = library.studied(caller, materialId);
		long account = caller.accountId();
		Instant now = clock.instant();
		int credit = credit(account, now, Boolean.TRUE.equals(beat.visible()) && material.kind() != MaterialKind.LINK);
		jdbc.update("""
				insert into learning_progress (account_id, material_id, started_at, updated_at) values (?, ?, ?, ?)
				on conflict do nothing""", account, materialId, Timestamp.from(now), Timestamp.from(now));
		Map<String, Object> row = jdbc.queryForMap("""
				select effective_seconds, played, played_seconds, finished_at from learning_progress
				where account_id = ? and material_id = ? for update""", account, materialId);
		int effective = ((Number) row.get("effective_seconds")).intValue();
		PlayedRanges played = PlayedRanges.parse((String) row.get("played"));
		int reading = 0;
		int watching = 0;
		if (material.kind().isMedia() && credit > 0 && material.durationSeconds() != null) {
			int budget = (int) Math.floor(credit * rules.maxPlaybackRate());
			int duration = material.durationSeconds();
			int reported = 0;
			int added = 0;
			for (List<Double> range : beat.played() == null ? List.<List<Double>>of() : beat.played()) {
				if (range == null || range.size() != 2 || range.get(0) == null || range.get(1) == null
						|| !Double.isFinite(range.get(0)) || !Double.isFinite(range.get(1))) {
					continue;
				}
				int from = (int) Math.floor(Math.max(0, Math.min(range.get(0), duration)));
				int to = (int) Math.floor(Math.max(0, Math.min(range.get(1), duration)));
				reported += Math.max(0, to - from);
				added += played.add(from, to, duration, budget - added);
			}
			watching = Math.min(credit, reported);
		}
		else if (!material.kind().isMedia()) {
			reading = credit;
		}
		effective += reading + watching;
		Timestamp finishedAt = (Timestamp) row.get("finished_at");
		boolean newlyFinished = finishedAt == null && finishes(material, effective, played.seconds());
		if (newlyFinished) {
			finishedAt = Timestamp.from(now);
		}
		jdbc.update("""
				update learning_progress set effective_seconds = ?, played = ?, played_seconds = ?, updated_at = ?,
				    finished_at = ? where account_id = ? and material_id = ?""", effective, played.toString(),
				played.seconds(), Timestamp.from(now), finishedAt, account, materialId);
		LocalDate today = LocalDate.ofInstant(now, PlatformZone.ZONE);
		points.addTime(account, today, reading, watching);
		if (newlyFinished) {
			points.award(account, today, material.kind().isMedia() ? PointRule.VIDEO_WATCHED : PointRule.ARTICLE_READ);
			Long memberId = members.memberOfAccount(account).orElse(null);
			events.publishEvent(new MaterialStudied(account, memberId, materialId, material.kind(), material.title(), now));
			outlines.materialFinished(account, memberId, materialId, now);
		}
		if (credit > 0 || newlyFinished) {
			courses.progressed(account, materialId, now);
		}
		return view(material, effective, played.seconds(), finishedAt == null ? null : finishedAt.toInstant(), credit,
				points.total(account, today));
	}

	/**
	 * The seconds this heartbeat earns: the time since the account's previous heartbeat, at most the credit a
	 * heartbeat may give, nothing for a hidden page or the first heartbeat. The account's clock is locked, so
	 * concurrent heartbeats are counted one after the other and share the time that passed.
	 */
	private int credit(long account, Instant now, boolean visible) {
		jdbc.update("insert into learning_clock (account_id, last_beat_at) values (?, ?) on conflict do nothing",
				account, Timestamp.from(now.minus(Duration.ofDays(1))));
		Instant last = jdbc.queryForObject("select last_beat_at from learning_clock where account_id = ? for update",
				Timestamp.class, account).toInstant();
		long elapsed = Duration.between(last, now).toSeconds();
		if (!visible || elapsed <= 0 || elapsed > rules.heartbeatCreditSeconds()) {
			// hidden, or back after a gap: the clock starts again now and the gap earns nothing
			if (elapsed != 0) {
				jdbc.update("update learning_clock set last_beat_at = ? where account_id = ?", Timestamp.from(now), account);
			}
			return 0;
		}
		// the fraction of a second left over counts toward the next heartbeat
		jdbc.update("update learning_clock set last_beat_at = ? where account_id = ?",
				Timestamp.from(last.plusSeconds(elapsed)), account);
		return (int) elapsed;
	}

	private boolean finishes(MaterialLibrary.Studied material, int effective, int playedSeconds) {
		return switch (material.kind()) {
			case ARTICLE, PDF -> effective >= rules.secondsToFinish(material.kind(), material.textLength());
			case VIDEO, AUDIO -> material.durationSeconds() != null
					&& playedSeconds >= rules.playedToFinish(material.durationSeconds());
			case LINK -> false;
		};
	}

	private ProgressView view(MaterialLibrary.Studied m, int effective, int played, Instant finishedAt, int credit,
			int pointsToday) {
		return new ProgressView(m.id(), m.kind(), effective, rules.secondsToFinish(m.kind(), m.textLength()), played,
				m.durationSeconds(), m.durationSeconds() == null ? 0 : rules.playedToFinish(m.durationSeconds()),
				finishedAt != null, finishedAt, credit, pointsToday);
	}

	/** The caller's progress on a material (nothing studied yet is zero, not an error). */
	@Transactional(readOnly = true)
	ProgressView progress(Caller caller, long materialId) {
		MaterialLibrary.Studied material = library.studied(caller, materialId);
		return jdbc.query("""
				select effective_seconds, played_seconds, finished_at from learning_progress
				where account_id = ? and material_id = ?""", (rs, n) -> view(material, rs.getInt(1), rs.getInt(2),
				rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), 0, 0), caller.accountId(), materialId)
			.stream().findFirst().orElseGet(() -> view(material, 0, 0, null, 0, 0));
	}
}
