package cn.partybuilding.development;

import cn.partybuilding.shared.AuditableEvent;

/** An auditable event about one person's development file: the audit log files it under that person. */
public interface DevelopmentPersonEvent extends AuditableEvent {

	long personId();

	@Override
	default String entityType() {
		return "development-person";
	}

	@Override
	default String entityId() {
		return Long.toString(personId());
	}
}
