package cn.partybuilding.learning;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import cn.partybuilding.shared.PlatformZone;

/** Each morning: outlines due soon remind those who have not finished them, once per outline. */
@Component
class OutlineReminders {

	private final StudyOutlines outlines;

	private final LearningRules rules;

	OutlineReminders(StudyOutlines outlines, LearningRules rules) {
		this.outlines = outlines;
		this.rules = rules;
	}

	@Scheduled(cron = "${party.learning.reminder-cron:0 30 8 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "learning-outline-reminders", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void daily() {
		outlines.remindBeforeDue(rules.remindDaysBefore());
	}
}
