package cn.partybuilding.shared;

/** Someone asked for something outside their scope (404) or beyond their rights (403). */
public record AccessAttemptDenied(String entityType, String entityId, String summary) implements AuditableEvent {

	@Override
	public String action() {
		return "access.denied";
	}

	@Override
	public Outcome outcome() {
		return Outcome.DENIED;
	}
}
