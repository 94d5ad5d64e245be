package cn.partybuilding.assessment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.assessment.ranking.*}: when the ranking is served from its kept copy rather than scored live,
 * how old that copy may grow, and how much of it is computed or answered at once.
 *
 * @param liveUpTo a ranking over at most this many organisations in scope is scored live; a larger one is read from
 * the kept copy
 * @param maxAge a kept ranking older than this is served and computed again in the background
 * @param chunk organisations scored at once when the kept ranking is computed (the heap it needs)
 * @param apiLimit the most rows {@code GET /api/v1/assessment/scores} answers when no {@code size} is asked for
 */
@ConfigurationProperties("party.assessment.ranking")
record RankingSettings(@DefaultValue("500") int liveUpTo, @DefaultValue("1h") Duration maxAge,
		@DefaultValue("2000") int chunk, @DefaultValue("500") int apiLimit) {

	RankingSettings {
		liveUpTo = Math.max(0, liveUpTo);
		chunk = Math.max(1, chunk);
		apiLimit = Math.max(1, apiLimit);
	}
}
