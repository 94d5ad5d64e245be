package cn.partybuilding.learning;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What counts as studied and what it earns (settings {@code party.learning.*}); the defaults follow 学习强国's
 * published rules (DOMAIN.md, Study and points).
 *
 * @param heartbeatSeconds how often a study page reports while visible
 * @param heartbeatCreditSeconds the most one heartbeat can credit: a page silent for longer (a closed laptop, a
 * lost connection) earns only this much for the gap
 * @param articleMinSeconds the least effective reading time that finishes an article
 * @param articleMaxSeconds the most a long article asks
 * @param readingCharsPerMinute reading speed: an article asks its length at this speed, within the two bounds
 * @param pdfMinSeconds the effective reading time that finishes a document
 * @param mediaShare the share of a video or audio that must really have been played
 * @param maxPlaybackRate the fastest playback accepted: a heartbeat cannot report more played seconds than this
 * times the seconds that passed
 * @param remindDaysBefore how many days before an outline's due date those who have not finished are reminded
 * @param personalRanking whether a personal ranking of points is shown at all (off: 学习强国 dropped it in 2019)
 * @param points per rule: points per unit, the unit in seconds for the time rules, and the daily cap
 * @param hallVisit when a visit of a 红色教育 hall counts as visited
 */
@ConfigurationProperties("party.learning")
record LearningRules(@DefaultValue("15") int heartbeatSeconds, @DefaultValue("20") int heartbeatCreditSeconds,
		@DefaultValue("60") int articleMinSeconds, @DefaultValue("300") int articleMaxSeconds,
		@DefaultValue("500") int readingCharsPerMinute, @DefaultValue("120") int pdfMinSeconds,
		@DefaultValue("0.9") double mediaShare, @DefaultValue("2.0") double maxPlaybackRate,
		@DefaultValue("1") int remindDaysBefore, @DefaultValue("false") boolean personalRanking,
		Map<PointRule, Points> points, @DefaultValue HallVisit hallVisit) {

	/** {@code perSeconds} only for the time rules: one award of {@code points} per so many effective seconds. */
	record Points(int points, int cap, int perSeconds) {
	}

	/**
	 * A hall is visited once the visit has both: {@code minSeconds} of effective time (the account's study clock, as
	 * for reading) and {@code sceneShare} of the hall's scenes seen (at least one).
	 */
	record HallVisit(@DefaultValue("120") int minSeconds, @DefaultValue("0.6") double sceneShare) {

		/** How many of a hall's scenes a visit must have seen. */
		int scenesToVisit(int scenes) {
			return scenes <= 0 ? 0 : Math.min(scenes, Math.max(1, (int) Math.ceil(scenes * sceneShare - 1e-9)));
		}
	}

	static final Map<PointRule, Points> DEFAULT_POINTS = Map.of(
			PointRule.ARTICLE_READ, new Points(1, 6, 0),
			PointRule.VIDEO_WATCHED, new Points(1, 6, 0),
			PointRule.READING_TIME, new Points(1, 8, 240),
			PointRule.WATCHING_TIME, new Points(1, 10, 300),
			PointRule.OUTLINE_ON_TIME, new Points(2, 4, 0),
			PointRule.HALL_VISITED, new Points(2, 4, 0),
			PointRule.COURSE_FINISHED, new Points(5, 10, 0),
			PointRule.EXAM_PASSED, new Points(5, 10, 0),
			PointRule.VOLUNTEER_SERVICE, new Points(1, 4, 3600));

	LearningRules {
		Map<PointRule, Points> all = new EnumMap<>(PointRule.class);
		all.putAll(DEFAULT_POINTS);
		if (points != null) {
			all.putAll(points);
		}
		points = Map.copyOf(all);
		if (hallVisit == null) {
			hallVisit = new HallVisit(120, 0.6);
		}
	}

	static LearningRules defaults() {
		return new LearningRules(15, 20, 60, 300, 500, 120, 0.9, 2.0, 1, false, null, null);
	}

	Points of(PointRule rule) {
		return points.get(rule);
	}

	/** The effective reading seconds that finish a material of this kind and length; 0 where time does not count. */
	int secondsToFinish(MaterialKind kind, int textLength) {
		return switch (kind) {
			case ARTICLE -> Math.max(articleMinSeconds,
					Math.min(articleMaxSeconds, (int) ((long) textLength * 60 / Math.max(1, readingCharsPerMinute))));
			case PDF -> pdfMinSeconds;
			default -> 0;
		};
	}

	/** The played seconds that finish a video or audio of this duration. */
	int playedToFinish(int durationSeconds) {
		return (int) Math.ceil(durationSeconds * mediaShare);
	}
}
