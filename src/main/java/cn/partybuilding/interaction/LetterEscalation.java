package cn.partybuilding.interaction;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** The job that sends an unanswered letter, once, to the level above after the setting's days (one node at a time). */
@Component
class LetterEscalation {

	private static final Logger log = LoggerFactory.getLogger(LetterEscalation.class);

	private final Mailbox mailbox;

	private final Clock clock;

	LetterEscalation(Mailbox mailbox, Clock clock) {
		this.mailbox = mailbox;
		this.clock = clock;
	}

	@Scheduled(cron = "${party.interaction.mailbox.escalate-cron:0 10 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "interaction-letter-escalation", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void run() {
		int moved;
		do {
			moved = mailbox.escalateDue(clock.instant());
			if (moved > 0) {
				log.info("Letters escalated: {}", moved);
			}
		}
		while (moved == 500);
	}
}
