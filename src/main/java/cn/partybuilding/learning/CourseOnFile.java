package cn.partybuilding.learning;

import java.util.List;

/** A course brought from elsewhere ({@link LearningRecords#publish(cn.partybuilding.shared.Caller, CourseOnFile)}). */
public record CourseOnFile(String title, String summary, long orgId, boolean wholeSchool, List<String> tags,
		List<Chapter> chapters) {

	/** A chapter: its materials and its rule, READ_MINUTES (minutes) or WATCH_SHARE (percent). */
	public record Chapter(String title, List<Long> materialIds, String rule, int value) {
	}
}
