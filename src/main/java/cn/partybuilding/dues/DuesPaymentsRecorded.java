package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.util.List;

import cn.partybuilding.shared.AuditableEvent;

/**
 * Payments the branches took by hand, recorded together (a term's receipts, a school's year brought onto the
 * platform): each is a {@link DuesPaid} for the 纪实, carried in one event per batch so that thousands of
 * payments are one line in the audit log and one batch for each listener.
 */
public record DuesPaymentsRecorded(List<DuesPaid> payments, String recordedBy) implements AuditableEvent {

	@Override
	public String action() {
		return "dues.pay.batch";
	}

	@Override
	public String entityType() {
		return "dues-payment";
	}

	@Override
	public String entityId() {
		return payments.isEmpty() ? "-" : payments.get(0).paymentId() + "-" + payments.get(payments.size() - 1).paymentId();
	}

	@Override
	public String actor() {
		return recordedBy;
	}

	@Override
	public String summary() {
		return "登记线下收缴的党费 " + payments.size() + " 笔，共 "
				+ payments.stream().map(DuesPaid::amount).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString() + " 元";
	}
}
