package cn.partybuilding.interaction;

import cn.partybuilding.shared.AuditableEvent;

/** A write in the mailbox or the questions, for the audit log (never published for writing an anonymous letter). */
record MailboxChanged(String action, String entityType, String entityId, String summary) implements AuditableEvent {

	MailboxChanged(String action, String entityType, long id, String summary) {
		this(action, entityType, String.valueOf(id), summary);
	}
}
