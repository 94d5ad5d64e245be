package cn.partybuilding.learning;

import java.time.LocalDate;

import cn.partybuilding.shared.AuditableEvent;

/** An organisation published its weekly study outline: its members hear of it (我的通知, the phone home). */
public record OutlinePublished(long outlineId, long organizationId, String organizationName, String week,
		String title, LocalDate dueOn, int requiredCount) implements AuditableEvent {

	@Override
	public String action() {
		return "learning.outline.publish";
	}

	@Override
	public String entityType() {
		return "learning-outline";
	}

	@Override
	public String entityId() {
		return Long.toString(outlineId);
	}

	@Override
	public String summary() {
		return week + "《" + title + "》，必学 " + requiredCount + " 项，" + dueOn + " 前完成";
	}
}
