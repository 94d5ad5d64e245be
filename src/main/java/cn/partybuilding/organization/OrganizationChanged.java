package cn.partybuilding.organization;

import cn.partybuilding.shared.AuditableEvent;

/** A change to the tree or a branch committee; {@code action} says which (organization.create, …). */
public record OrganizationChanged(String action, long organizationId, String summary) implements AuditableEvent {

	@Override
	public String entityType() {
		return "organization";
	}

	@Override
	public String entityId() {
		return Long.toString(organizationId);
	}
}
