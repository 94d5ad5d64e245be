package cn.partybuilding.transfer;

import java.time.LocalDate;

/**
 * A letter out that the committee issued before the platform kept its transfers (on paper, or in the system
 * it replaces): whose, where to, why, and the day it was issued.
 */
public record EarlierLetter(long memberId, Destination destination, String toOrgName, String toOrgAddress, String reason,
		LocalDate issuedOn) {
}
