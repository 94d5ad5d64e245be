package cn.partybuilding.organization;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A seat on a committee to fill: the position, who holds it, the term (its end taken from the term setting
 * when not given) and, for a branch secretary, the 双带头人 flag.
 */
public record NewSeat(Position position, @Size(max = 50) String holderName, LocalDate termStart, LocalDate termEnd,
		Boolean dualLeader) {

	boolean isDualLeader() {
		return Boolean.TRUE.equals(dualLeader);
	}
}
