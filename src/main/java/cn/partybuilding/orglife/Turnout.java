package cn.partybuilding.orglife;

/** How an invitee stood at a meeting held: came on time, came late, was on approved leave, or was absent. */
public enum Turnout {
	ON_TIME, LATE, ON_LEAVE, ABSENT
}
