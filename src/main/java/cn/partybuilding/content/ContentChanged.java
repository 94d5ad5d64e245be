package cn.partybuilding.content;

import cn.partybuilding.shared.AuditableEvent;

/** Every write on content, for the audit log: {@code content.create}, {@code content.review}, {@code content.withdraw} … */
record ContentChanged(String action, String entityType, long id, String summary) implements AuditableEvent {

	@Override
	public String entityId() {
		return Long.toString(id);
	}
}
