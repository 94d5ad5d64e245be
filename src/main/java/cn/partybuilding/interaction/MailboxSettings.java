package cn.partybuilding.interaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.interaction.mailbox.*}.
 *
 * @param escalateDays after how many days without an answer a waiting letter goes once to the level above
 * @param escalateCron when the escalation job looks for such letters
 * @param anonymousBatchMinutes how often the anonymous letters held in memory are written, shuffled, in one batch
 * @param subjectMax the longest subject
 * @param bodyMax the longest letter, answer or note
 */
@ConfigurationProperties("party.interaction.mailbox")
record MailboxSettings(@DefaultValue("7") int escalateDays, @DefaultValue("0 10 * * * *") String escalateCron,
		@DefaultValue("60") int anonymousBatchMinutes,
		@DefaultValue("100") int subjectMax, @DefaultValue("5000") int bodyMax) {
}
