package cn.partybuilding.shared;

/**
 * An event the audit log records. Modules publish their own past-tense events and implement this,
 * so {@code audit} learns about every write without depending on the modules that make them.
 */
public interface AuditableEvent {

	enum Outcome { SUCCESS, FAILURE, DENIED }

	/** What happened, as a dotted key, e.g. {@code organization.create}. */
	String action();

	String entityType();

	String entityId();

	/** A short before/after summary, never a secret or a full sensitive value. */
	String summary();

	default Outcome outcome() {
		return Outcome.SUCCESS;
	}

	/** Who acted, when it is not the signed-in caller (e.g. a login attempt); null means the caller. */
	default String actor() {
		return null;
	}
}
