package cn.partybuilding.audit;

import cn.partybuilding.shared.AuditableEvent;

/** The auditor read the audit log with these filters. */
record AuditLogRead(String filter, int page) implements AuditableEvent {

	@Override
	public String action() {
		return "audit.read";
	}

	@Override
	public String entityType() {
		return "audit-log";
	}

	@Override
	public String entityId() {
		return null;
	}

	@Override
	public String summary() {
		return "查询审计日志（" + filter + "），第 " + (page + 1) + " 页";
	}
}
