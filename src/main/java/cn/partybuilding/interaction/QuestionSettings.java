package cn.partybuilding.interaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.interaction.questions.*}.
 *
 * @param pageSize how many questions a list page shows
 * @param titleMax the longest question title
 * @param bodyMax the longest question or answer
 */
@ConfigurationProperties("party.interaction.questions")
record QuestionSettings(@DefaultValue("20") int pageSize, @DefaultValue("100") int titleMax,
		@DefaultValue("3000") int bodyMax) {
}
