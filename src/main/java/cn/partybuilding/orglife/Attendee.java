package cn.partybuilding.orglife;

import java.time.Instant;

/**
 * One line of a meeting's sign-in sheet: the member, how they stood, when they signed in ({@code at}, for
 * {@link Turnout#ON_TIME} and {@link Turnout#LATE}) and, for leave, the reason given.
 */
public record Attendee(long memberId, Turnout turnout, Instant at, String leaveReason) {
}
