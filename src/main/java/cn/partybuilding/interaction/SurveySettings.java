package cn.partybuilding.interaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.interaction.surveys.*}.
 *
 * @param resultsLive whether a survey's results may be read while it is open (a survey may say otherwise when it is
 * created); by default results show only after the close
 * @param batchSize secret ballots are held sealed until twice this many have gathered, then this many chosen at
 * random are counted, in a shuffled order (the rest when the box closes): the smallest crowd a ballot hides in
 * @param ballotKey the key (32 bytes, base64) sealing ballots not yet counted; empty: derived from
 * party.security.data-key, or a key file in the data folder on the embedded default
 * @param maxQuestions the most questions one survey may hold
 * @param maxOptions the most options one question may offer
 * @param closeSweepMillis how often the server counts the held ballots of surveys that have closed
 */
@ConfigurationProperties("party.interaction.surveys")
record SurveySettings(@DefaultValue("false") boolean resultsLive, @DefaultValue("10") int batchSize,
		@DefaultValue("") String ballotKey, @DefaultValue("50") int maxQuestions, @DefaultValue("20") int maxOptions,
		@DefaultValue("60000") long closeSweepMillis) {
}
