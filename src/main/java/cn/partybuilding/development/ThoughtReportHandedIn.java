package cn.partybuilding.development;

import java.time.Instant;
import java.time.LocalDate;

import cn.partybuilding.shared.AuditableEvent;

/** A person in development handed in a 思想汇报 for a period (written online or uploaded). */
public record ThoughtReportHandedIn(long personId, long reportId, long organizationId, LocalDate periodStart,
		LocalDate periodEnd, String summary, Instant at) implements AuditableEvent {

	@Override
	public String action() {
		return "development.report";
	}

	@Override
	public String entityType() {
		return "development-person";
	}

	@Override
	public String entityId() {
		return Long.toString(personId);
	}
}
