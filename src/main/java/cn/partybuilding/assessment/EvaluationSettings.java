package cn.partybuilding.assessment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.assessment.evaluation.*}.
 *
 * @param probationaryVote whether 预备党员 vote in the 民主评议 (they are evaluated either way); by default not, as
 * they have no vote at the 支部大会
 * @param closeSweepMillis how often the server closes and tallies the evaluations whose window has ended
 */
@ConfigurationProperties("party.assessment.evaluation")
record EvaluationSettings(@DefaultValue("false") boolean probationaryVote,
		@DefaultValue("60000") long closeSweepMillis) {
}
