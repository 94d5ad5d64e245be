package cn.partybuilding.shared;

/**
 * Thrown when the caller asks for something outside their organisation subtree, or for something
 * that does not exist: both answer 404 so the answer never confirms existence. The attempt is audited.
 */
public class OutOfScopeException extends RuntimeException {

	private final String entityType;

	private final String entityId;

	public OutOfScopeException(String entityType, Object entityId) {
		super(entityType + " " + entityId + " is not in the caller's scope");
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
