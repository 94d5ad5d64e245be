package cn.partybuilding.analytics;

import org.springframework.stereotype.Service;

import cn.partybuilding.shared.Facade;

/** What another module (the demo) tells analytics: reports of past periods written as the schedule would. */
@Facade("what the demo tells analytics: reports of past periods queued as the schedule would write them")
@Service
public class AnalyticsRecords {

	private final AnalysisReports reports;

	AnalyticsRecords(AnalysisReports reports) {
		this.reports = reports;
	}

	/**
	 * Queues the organisation's report of the period ({@code 2026-11}, {@code 2026-Q4}, {@code 2026}) as the schedule
	 * would, written in the background; once (a second call finds it made). Answers whether it was queued.
	 */
	public boolean queueScheduled(long orgId, String period) {
		return reports.queueScheduled(orgId, period);
	}
}
