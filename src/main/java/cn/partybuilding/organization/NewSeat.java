package cn.partybuilding.organization;

import java.time.LocalDate;

/**
 * A seat on a committee to fill: the position, who holds it, the term (its end taken from the term setting
 * when not given) and, for a branch secretary, the 双带头人 flag.
 */
public record NewSeat(Position position, String holderName, LocalDate termStart, LocalDate termEnd,
		Boolean dualLeader) {

	boolean isDualLeader() {
		return Boolean.TRUE.equals(dualLeader);
	}
}
