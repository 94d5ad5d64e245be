package cn.partybuilding.volunteer;

/** Who may join an activity: the publishing organisation's subtree, or the whole school. */
enum Audience {
	SUBTREE, SCHOOL
}
