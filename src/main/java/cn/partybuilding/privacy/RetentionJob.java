package cn.partybuilding.privacy;

import java.time.Clock;
import java.time.LocalDate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.PlatformZone;

/**
 * Retention: each night the ID-card numbers and phones of members who departed more than
 * {@code party.privacy.departed-retention} ago are erased, in batches, once whatever the number of nodes
 * (ShedLock). Each erasure is audited by the member database; a member erased is never touched again.
 */
@Component
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private static final int BATCH = 500;

	private final MemberDirectory members;

	private final PrivacySettings settings;

	private final Clock clock;

	RetentionJob(MemberDirectory members, PrivacySettings settings, Clock clock) {
		this.members = members;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(cron = "${party.privacy.retention-cron:0 40 3 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "privacy-retention", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void nightly() {
		int erased = run();
		if (erased > 0) {
			log.info("retention: erased the ID-card number and phone of {} departed members", erased);
		}
	}

	/** Erases every member due; returns how many. */
	int run() {
		LocalDate cutoff = LocalDate.now(clock.withZone(PlatformZone.ZONE)).minus(settings.departedRetention());
		int total = 0;
		int batch;
		do {
			batch = members.eraseSensitiveDataOfDepartedBefore(cutoff, BATCH);
			total += batch;
		}
		while (batch == BATCH);
		return total;
	}
}
