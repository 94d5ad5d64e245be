package cn.partybuilding.learning;

import java.time.Instant;

/**
 * A person finished every chapter of a course ({@code onTime}: by the due date of an assignment, or none was set);
 * {@code certificateCode} is the code of the certificate they were given.
 */
public record CourseCompleted(long accountId, Long memberId, long courseId, String title, int chapters,
		String certificateCode, boolean onTime, Instant at) {
}
