package cn.partybuilding.analytics;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import cn.partybuilding.shared.PlatformZone;

/**
 * At the start of each month (by default the 1st at 03:00, Beijing time) the school's and each college's report of
 * last month, at a quarter's first month also of last quarter, in January also of last year. One node runs it
 * (ShedLock), and a report made already is not made again whatever the number of runs (a unique key).
 */
@Component
class ReportSchedule {

	private final AnalysisReports reports;

	private final Clock clock;

	private final boolean enabled;

	ReportSchedule(AnalysisReports reports, Clock clock,
			@Value("${party.analytics.reports.scheduled:true}") boolean enabled) {
		this.reports = reports;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Scheduled(cron = "${party.analytics.reports.cron:0 0 3 1 * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "analytics-reports", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void monthly() {
		if (enabled) {
			reports.schedule(LocalDate.now(clock.withZone(PlatformZone.ZONE)));
		}
	}
}
