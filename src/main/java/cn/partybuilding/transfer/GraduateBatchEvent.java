package cn.partybuilding.transfer;

import cn.partybuilding.shared.AuditableEvent;

/** What the audit log keeps of a graduation batch: filed under the batch. */
interface GraduateBatchEvent extends AuditableEvent {

	long batchId();

	@Override
	default String entityType() {
		return "transfer-batch";
	}

	@Override
	default String entityId() {
		return Long.toString(batchId());
	}
}
