package cn.partybuilding.member;

/** 人员类别. */
public enum Category {
	STUDENT, FACULTY, RETIREE, OTHER
}
