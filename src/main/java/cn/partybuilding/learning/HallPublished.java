package cn.partybuilding.learning;

import cn.partybuilding.shared.AuditableEvent;

/** A 红色教育 hall was opened, given a scene or new hotspots, or withdrawn by an organisation. */
public record HallPublished(long hallId, String title, long organizationId, boolean wholeSchool, Change change)
		implements AuditableEvent {

	/** What happened to the hall. */
	public enum Change {
		OPENED, SCENES, WITHDRAWN
	}

	@Override
	public String action() {
		return switch (change) {
			case OPENED -> "learning.hall.publish";
			case SCENES -> "learning.hall.scenes";
			case WITHDRAWN -> "learning.hall.withdraw";
		};
	}

	@Override
	public String entityType() {
		return "learning-hall";
	}

	@Override
	public String entityId() {
		return Long.toString(hallId);
	}

	@Override
	public String summary() {
		return "《" + title + "》" + (wholeSchool ? "（全校）" : "");
	}
}
