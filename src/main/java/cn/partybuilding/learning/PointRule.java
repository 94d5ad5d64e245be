package cn.partybuilding.learning;

/** The rules that earn 学习 points; each has its points, a unit and a daily cap in {@link LearningRules}. */
enum PointRule {
	/** An article or document read to the end of its effective reading time. */
	ARTICLE_READ,
	/** A video or audio played through (the share the rules ask, merged played ranges). */
	VIDEO_WATCHED,
	/** Effective reading time, per unit of seconds. */
	READING_TIME,
	/** Effective watching or listening time, per unit of seconds. */
	WATCHING_TIME,
	/** A weekly study outline finished by its due date. */
	OUTLINE_ON_TIME,
	/** A 红色教育 hall visited: its effective time and share of scenes met, once per hall. */
	HALL_VISITED,
	/** A course finished: every chapter's rule met. */
	COURSE_FINISHED,
	/** An exam passed that feeds points (once per exam): one award for a pass, two for full marks. */
	EXAM_PASSED,
	/** Volunteer service the organiser confirmed: points per unit of seconds of the day's confirmed hours, capped. */
	VOLUNTEER_SERVICE
}
