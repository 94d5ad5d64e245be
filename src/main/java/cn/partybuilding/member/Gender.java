package cn.partybuilding.member;

public enum Gender {
	MALE, FEMALE
}
