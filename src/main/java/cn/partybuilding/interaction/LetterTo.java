package cn.partybuilding.interaction;

/** Whom a letter is written to, seen from the writer's branch: the branch itself, its general branch, the committee. */
public enum LetterTo {
	BRANCH, GENERAL_BRANCH, COMMITTEE
}
