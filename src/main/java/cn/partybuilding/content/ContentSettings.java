package cn.partybuilding.content;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.content.*}.
 *
 * @param reviewLevels how many levels above its author an item goes through (1: the general branch approves a
 * branch's item; 2: then the committee too); the committee's own items are reviewed by its other reviewers
 * @param commentsReviewed whether every comment waits for a reviewer (otherwise only comments the word list marks)
 * @param maxAttachments the most attachments one item may carry
 * @param maxAttachmentSize the largest attachment, in megabytes
 * @param scheduleSweepMillis how often scheduled items are looked at (ScheduledPublication reads it)
 */
@ConfigurationProperties("party.content")
record ContentSettings(@DefaultValue("2") int reviewLevels, @DefaultValue("false") boolean commentsReviewed,
		@DefaultValue("10") int maxAttachments, @DefaultValue("20") int maxAttachmentSize,
		@DefaultValue("60000") long scheduleSweepMillis) {
}
