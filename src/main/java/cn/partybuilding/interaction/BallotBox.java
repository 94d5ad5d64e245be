package cn.partybuilding.interaction;

import java.time.Instant;

/**
 * A secret ballot box as {@link AnonymousBallots} reports it: who owns it ({@code purpose} and {@code reference},
 * e.g. survey and its id), how many have voted, how many ballots are counted (readable) and how many are still held
 * sealed until enough have gathered or the box closes.
 */
public record BallotBox(long id, String purpose, String reference, int batchSize, long voters, long counted, long held,
		Instant closedAt) {

	public boolean closed() {
		return closedAt != null;
	}
}
