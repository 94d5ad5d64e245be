package cn.partybuilding.interaction;

import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Counts the held ballots of every survey that has closed, so results do not wait for someone to look (and a box
 * that closed holds nothing sealed any longer than it must).
 */
@Component
class SurveyCloser {

	private final Surveys surveys;

	SurveyCloser(Surveys surveys) {
		this.surveys = surveys;
	}

	@Scheduled(fixedDelayString = "${party.interaction.surveys.close-sweep-millis:60000}", initialDelay = 30000)
	@SchedulerLock(name = "interaction-survey-close")
	void sweep() {
		List<Long> due;
		do {
			due = surveys.closedWithOpenBoxes(100);
			due.forEach(surveys::sealIfClosed);
		}
		while (due.size() == 100);
	}
}
