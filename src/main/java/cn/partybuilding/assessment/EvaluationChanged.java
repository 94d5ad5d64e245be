package cn.partybuilding.assessment;

import cn.partybuilding.shared.AuditableEvent;

/**
 * A write in the 民主评议 for the audit log: an evaluation set, closed, returned; a self-assessment; that someone
 * voted (never what).
 */
record EvaluationChanged(String action, String entityType, String entityId, String summary) implements AuditableEvent {

	EvaluationChanged(String action, long id, String summary) {
		this(action, "evaluation", String.valueOf(id), summary);
	}
}
