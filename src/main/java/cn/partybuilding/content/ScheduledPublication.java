package cn.partybuilding.content;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Publishes approved items whose time has come (定时发布), once a minute, on one node at a time. */
@Component
class ScheduledPublication {

	private final ContentItems items;

	ScheduledPublication(ContentItems items) {
		this.items = items;
	}

	@Scheduled(fixedDelayString = "${party.content.schedule-sweep-millis:60000}", initialDelay = 30000)
	@SchedulerLock(name = "content-scheduled-publication")
	void publishDue() {
		items.publishDue();
	}
}
