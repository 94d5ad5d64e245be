package cn.partybuilding.development;

import java.time.Instant;
import java.time.LocalDate;

/** A person in development handed in a 思想汇报 for a period (written online or uploaded). */
public record ThoughtReportHandedIn(long personId, long reportId, long organizationId, LocalDate periodStart,
		LocalDate periodEnd, String summary, Instant at) implements DevelopmentPersonEvent {

	@Override
	public String action() {
		return "development.report";
	}
}
