package cn.partybuilding.member;

/** 正式党员 / 预备党员. */
public enum MemberStatus {
	FULL, PROBATIONARY
}
