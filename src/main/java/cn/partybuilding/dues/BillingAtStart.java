package cn.partybuilding.dues;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Bills the month once the platform is up, in the background: a 1st spent offline is caught up. */
@Component
class BillingAtStart {

	private static final Logger log = LoggerFactory.getLogger(BillingAtStart.class);

	private final DuesBilling billing;

	BillingAtStart(DuesBilling billing) {
		this.billing = billing;
	}

	@EventListener(ApplicationReadyEvent.class)
	void catchUp() {
		Thread thread = new Thread(() -> {
			try {
				billing.monthly();
			}
			catch (RuntimeException e) {
				// the platform stopping while it runs, most likely; the daily job bills the month anyway
				log.info("Billing at start did not finish: {}", e.getMessage());
			}
		}, "dues-billing-at-start");
		thread.setDaemon(true);
		thread.start();
	}
}
