package cn.partybuilding.training;

import cn.partybuilding.shared.AuditableEvent;

/** A write to a training class for the audit log: created, a member's attendance recorded by hand. */
record TrainingChanged(String action, long classId, String summary) implements AuditableEvent {

	@Override
	public String entityType() {
		return "training-class";
	}

	@Override
	public String entityId() {
		return Long.toString(classId);
	}
}
