package cn.partybuilding.orglife;

/** An invitee who did not come to a concluded meeting: on approved leave, or absent. */
public record MeetingAbsence(long memberId, boolean onLeave) {
}
