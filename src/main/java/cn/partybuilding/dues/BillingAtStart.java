package cn.partybuilding.dues;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Bills the month once the platform is up, in the background: a 1st spent offline is caught up. */
@Component
class BillingAtStart {

	private final DuesBilling billing;

	BillingAtStart(DuesBilling billing) {
		this.billing = billing;
	}

	@EventListener(ApplicationReadyEvent.class)
	void catchUp() {
		Thread thread = new Thread(billing::monthly, "dues-billing-at-start");
		thread.setDaemon(true);
		thread.start();
	}
}
