package cn.partybuilding.content;

import java.time.Instant;

/**
 * Something the author of an item must hear of: it was returned with comments, rejected, published, or withdrawn
 * (with the reason).
 *
 * @param decision RETURN, REJECT, PUBLISH or WITHDRAW
 */
public record ContentDecided(long itemId, String title, long authorAccount, String decision, String comment,
		String decidedBy, Instant at) {
}
