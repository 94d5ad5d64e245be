package cn.partybuilding.account;

import cn.partybuilding.shared.AuditableEvent;

/**
 * A change to an account (created, role granted or revoked, password changed or reset, unlocked …),
 * or an attempt at one that the rules refused (outcome DENIED).
 */
public record AccountChanged(String action, long accountId, String summary, Outcome outcome) implements AuditableEvent {

	AccountChanged(String action, long accountId, String summary) {
		this(action, accountId, summary, Outcome.SUCCESS);
	}

	static AccountChanged refused(String action, long accountId, String why) {
		return new AccountChanged(action, accountId, "被拒绝：" + why, Outcome.DENIED);
	}

	@Override
	public String entityType() {
		return "account";
	}

	@Override
	public String entityId() {
		return Long.toString(accountId);
	}
}
