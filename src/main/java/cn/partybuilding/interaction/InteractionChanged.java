package cn.partybuilding.interaction;

import cn.partybuilding.shared.AuditableEvent;

/**
 * A write in the mailbox, the questions or the surveys, for the audit log: never published for writing an anonymous
 * letter, and never with what an answer chose.
 */
record InteractionChanged(String action, String entityType, String entityId, String summary) implements AuditableEvent {

	InteractionChanged(String action, String entityType, long id, String summary) {
		this(action, entityType, String.valueOf(id), summary);
	}
}
