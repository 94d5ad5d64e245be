package cn.partybuilding.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.partybuilding.analytics.AnalyticsRecords;
import cn.partybuilding.shared.PlatformZone;

/**
 * 数据分析 for the demo university: the monthly analysis reports of the last three months for the school and for
 * college1's college, as the schedule would have written them on each month's first day — queued once the demo's
 * year is written and written in the background (the platform is usable meanwhile; the reports page shows progress).
 * The early-warning centre needs nothing: it reads the demo's real warnings.
 */
@Component
class AnalyticsDemo {

	private final AnalyticsRecords analytics;

	AnalyticsDemo(AnalyticsRecords analytics) {
		this.analytics = analytics;
	}

	void seed(Map<String, Long> ids, Instant now) {
		LocalDate thisMonth = LocalDate.ofInstant(now, PlatformZone.ZONE).withDayOfMonth(1);
		for (int back = 3; back >= 1; back--) {
			String month = thisMonth.minusMonths(back).toString().substring(0, 7);
			analytics.queueScheduled(ids.get("SFDX"), month);
			analytics.queueScheduled(ids.get("JSJ"), month);
		}
	}
}
