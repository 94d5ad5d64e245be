package cn.partybuilding.learning;

import java.time.LocalDate;

/** A course was assigned to everyone with an account in an organisation's subtree, to finish by {@code dueOn} (or whenever). */
public record CourseAssigned(long courseId, String title, long organizationId, String organizationName, LocalDate dueOn) {
}
