package cn.partybuilding.analytics;

import cn.partybuilding.shared.AuditableEvent;

/** The warnings exported as Excel, for the audit log: the filter and how many rows left the platform. */
record WarningsExported(String entityId, String summary) implements AuditableEvent {

	@Override
	public String action() {
		return "analytics.warnings.export";
	}

	@Override
	public String entityType() {
		return "warnings";
	}
}
