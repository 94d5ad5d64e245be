package cn.partybuilding.learning;

import cn.partybuilding.shared.AuditableEvent;

/** An organisation published a course of {@code chapters} chapters, or withdrew it ({@code withdrawn}). */
public record CoursePublished(long courseId, String title, long organizationId, boolean wholeSchool, int chapters,
		boolean withdrawn) implements AuditableEvent {

	@Override
	public String action() {
		return withdrawn ? "learning.course.withdraw" : "learning.course.publish";
	}

	@Override
	public String entityType() {
		return "learning-course";
	}

	@Override
	public String entityId() {
		return Long.toString(courseId);
	}

	@Override
	public String summary() {
		return "《" + title + "》，" + chapters + " 章" + (wholeSchool ? "，面向全校" : "");
	}
}
