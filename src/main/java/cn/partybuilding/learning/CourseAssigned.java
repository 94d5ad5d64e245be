package cn.partybuilding.learning;

import java.time.LocalDate;

import cn.partybuilding.shared.AuditableEvent;

/** A course was assigned to everyone with an account in an organisation's subtree, to finish by {@code dueOn} (or whenever). */
public record CourseAssigned(long courseId, String title, long organizationId, String organizationName, LocalDate dueOn)
		implements AuditableEvent {

	@Override
	public String action() {
		return "learning.course.assign";
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
		return "《" + title + "》布置给" + organizationName + (dueOn == null ? "" : "，" + dueOn + " 前学完");
	}
}
