package cn.partybuilding.dues;

import cn.partybuilding.shared.AuditableEvent;

/**
 * A payment notification was refused (bad signature, unknown order, wrong amount) or needs a person
 * (money taken for months already paid): the audit log keeps it for the office to follow up.
 */
public record DuesNotificationRefused(String gateway, String orderNo, String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "dues.gateway.refuse";
	}

	@Override
	public String entityType() {
		return "dues-order";
	}

	@Override
	public String entityId() {
		return orderNo == null ? "?" : orderNo;
	}

	@Override
	public String summary() {
		return gateway + "：" + reason;
	}

	@Override
	public Outcome outcome() {
		return Outcome.FAILURE;
	}

	@Override
	public String actor() {
		return "gateway:" + gateway;
	}
}
