package cn.partybuilding.assessment;

import cn.partybuilding.shared.AuditableEvent;

/** A write in the assessment, for the audit log (never anything about a ballot). */
record AssessmentChanged(String action, String entityType, String entityId, String summary) implements AuditableEvent {

	AssessmentChanged(String action, String entityType, long id, String summary) {
		this(action, entityType, String.valueOf(id), summary);
	}
}
