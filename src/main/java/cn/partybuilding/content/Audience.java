package cn.partybuilding.content;

/** Who may read a published item: anyone (the portal too), everyone signed in, or the author organisation's subtree. */
enum Audience {
	PUBLIC, SCHOOL, SUBTREE
}
