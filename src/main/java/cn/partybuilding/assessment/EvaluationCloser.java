package cn.partybuilding.assessment;

import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Closes and tallies every 民主评议 whose window has ended, so the counts do not wait for someone to look. Each is
 * tallied once: the tally locks the evaluation and leaves a tallied one alone.
 */
@Component
class EvaluationCloser {

	private final Evaluations evaluations;

	EvaluationCloser(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	@Scheduled(fixedDelayString = "${party.assessment.evaluation.close-sweep-millis:60000}", initialDelay = 30000)
	@SchedulerLock(name = "assessment-evaluation-close")
	void sweep() {
		List<Long> due;
		int tallied;
		do {
			tallied = 0;
			due = evaluations.due(50);
			for (Long id : due) {
				tallied += evaluations.tally(id) ? 1 : 0;
			}
		}
		while (due.size() == 50 && tallied > 0);
	}
}
