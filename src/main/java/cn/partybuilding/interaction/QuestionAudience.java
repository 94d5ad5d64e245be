package cn.partybuilding.interaction;

/** Where a question is asked, seen from the asker's branch: the branch, its general branch, the whole school. */
public enum QuestionAudience {
	BRANCH, GENERAL_BRANCH, SCHOOL
}
