package cn.partybuilding.member;

/** 学历, the national member system's coarse levels. */
public enum Education {
	DOCTORATE, MASTER, BACHELOR, JUNIOR_COLLEGE, HIGH_SCHOOL, BELOW_HIGH_SCHOOL
}
