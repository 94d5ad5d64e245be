package cn.partybuilding.audit;

import cn.partybuilding.shared.AuditableEvent;

/** The audit chain was checked: whether it holds, how many entries, the first that did not match. */
record AuditChainVerified(boolean valid, long checked, Long firstBroken) implements AuditableEvent {

	@Override
	public String action() {
		return "audit.verify";
	}

	@Override
	public String entityType() {
		return "audit-log";
	}

	@Override
	public String entityId() {
		return firstBroken == null ? null : firstBroken.toString();
	}

	@Override
	public String summary() {
		return valid ? "校验审计链：完整，共 " + checked + " 条"
				: "校验审计链：被改动，共 " + checked + " 条，首个不符条目 " + (firstBroken == null ? "（链尾缺失）" : "#" + firstBroken);
	}
}
