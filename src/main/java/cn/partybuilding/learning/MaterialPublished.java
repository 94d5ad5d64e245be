package cn.partybuilding.learning;

import cn.partybuilding.shared.AuditableEvent;

/** A study material was published (or withdrawn) by an organisation. */
public record MaterialPublished(long materialId, MaterialKind kind, String title, long organizationId,
		boolean wholeSchool, boolean withdrawn) implements AuditableEvent {

	@Override
	public String action() {
		return withdrawn ? "learning.material.withdraw" : "learning.material.publish";
	}

	@Override
	public String entityType() {
		return "learning-material";
	}

	@Override
	public String entityId() {
		return Long.toString(materialId);
	}

	@Override
	public String summary() {
		return kind + "《" + title + "》" + (wholeSchool ? "（全校）" : "");
	}
}
