package cn.partybuilding.interaction;

import java.time.Instant;

/**
 * Something happened to a named letter that its writer must hear of: it was answered, forwarded, escalated or
 * closed. Never published for an anonymous letter (it has no writer to tell).
 *
 * @param what ANSWERED, FORWARDED, ESCALATED or CLOSED
 * @param organizationName where the letter is now
 */
public record LetterHandled(long letterId, long writerAccountId, String subject, String what, String organizationName,
		Instant at) {
}
