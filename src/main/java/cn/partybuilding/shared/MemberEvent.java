package cn.partybuilding.shared;

/** An auditable event about one member: the audit log files it under that member. */
public interface MemberEvent extends AuditableEvent {

	long memberId();

	@Override
	default String entityType() {
		return "member";
	}

	@Override
	default String entityId() {
		return Long.toString(memberId());
	}
}
