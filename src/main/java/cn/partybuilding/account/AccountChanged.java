package cn.partybuilding.account;

import cn.partybuilding.shared.AuditableEvent;

/** A change to an account: created, role granted or revoked, password changed or reset, unlocked … */
public record AccountChanged(String action, long accountId, String summary) implements AuditableEvent {

	@Override
	public String entityType() {
		return "account";
	}

	@Override
	public String entityId() {
		return Long.toString(accountId);
	}
}
