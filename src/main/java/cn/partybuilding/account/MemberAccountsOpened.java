package cn.partybuilding.account;

import cn.partybuilding.shared.AuditableEvent;

/** Many accounts opened at once, for the audit log: one line naming how many and by what. */
public record MemberAccountsOpened(int count, String summary, String actor) implements AuditableEvent {

	@Override
	public String action() {
		return "account.create.bulk";
	}

	@Override
	public String entityType() {
		return "account";
	}

	@Override
	public String entityId() {
		return null;
	}
}
