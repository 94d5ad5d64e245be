package cn.partybuilding.learning;

import java.time.LocalDate;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.partybuilding.exam.ExamResultRecorded;
import cn.partybuilding.shared.PlatformZone;

/**
 * Record once: an exam that feeds 学习 points earns them when passed — the first pass of a person only, full marks
 * worth more than a bare pass (学习强国's special exams), under the rule's daily cap.
 */
@Component
class ExamPoints {

	private final StudyPoints points;

	ExamPoints(StudyPoints points) {
		this.points = points;
	}

	@ApplicationModuleListener(condition = "#event.passed() && #event.firstPass() && #event.feedsPoints()")
	void on(ExamResultRecorded event) {
		LocalDate day = LocalDate.ofInstant(event.at(), PlatformZone.ZONE);
		points.award(event.accountId(), day, PointRule.EXAM_PASSED);
		if (event.fullMarks()) {
			points.award(event.accountId(), day, PointRule.EXAM_PASSED);
		}
	}
}
