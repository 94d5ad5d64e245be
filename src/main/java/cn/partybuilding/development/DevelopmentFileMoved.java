package cn.partybuilding.development;

import java.time.Instant;

import cn.partybuilding.shared.AuditableEvent;

/** A person not yet admitted moved to another branch; their file (every step) moved with them. */
public record DevelopmentFileMoved(long personId, long fromBranchId, long toBranchId, String summary)
		implements AuditableEvent {

	@Override
	public String action() {
		return "development.move";
	}

	@Override
	public String entityType() {
		return "development-person";
	}

	@Override
	public String entityId() {
		return Long.toString(personId);
	}
}
