package cn.partybuilding.exam;

import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Submits, as saved, every attempt whose time ran out while nobody was looking (a closed tab, a lost phone): the
 * deadline is the server's, and a result must not wait for the person to come back.
 */
@Component
class ExpiredAttempts {

	private final Attempts attempts;

	ExpiredAttempts(Attempts attempts) {
		this.attempts = attempts;
	}

	@Scheduled(fixedDelayString = "${party.exam.expiry-sweep-millis:10000}", initialDelay = 20000)
	@SchedulerLock(name = "exam-expired-attempts")
	void sweep() {
		List<Long> due;
		do {
			due = attempts.expired(200);
			due.forEach(attempts::submitExpired);
		}
		while (due.size() == 200); // a surge ends with many at once
	}
}
