package cn.partybuilding.shared;

/** The caller can see the thing but their role does not allow this change: 403, audited. */
public class NotPermittedException extends RuntimeException {

	private final String entityType;

	private final String entityId;

	public NotPermittedException(String entityType, Object entityId, String reason) {
		super(reason);
		this.entityType = entityType;
		this.entityId = String.valueOf(entityId);
	}

	public String entityType() {
		return entityType;
	}

	public String entityId() {
		return entityId;
	}
}
