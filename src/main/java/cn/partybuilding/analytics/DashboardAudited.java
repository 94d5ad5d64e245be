package cn.partybuilding.analytics;

import cn.partybuilding.shared.AuditableEvent;

/** A read of the dashboard worth the audit log: an export of its tables, a list of the names behind a bar. */
record DashboardAudited(String action, String entityType, String entityId, String summary) implements AuditableEvent {
}
