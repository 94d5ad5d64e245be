package cn.partybuilding.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * A transfer as pages, the API and the letters read it: who, from where to where, where it waits, its
 * letter and every step. {@code memberId} is null only for a letter from outside not yet accepted: the
 * member does not exist yet.
 */
record TransferView(long id, Long memberId, String memberName, TransferKind kind, TransferState state, Stage stage,
		long fromOrgId, String fromName, Long toOrgId, String toName, Destination destination, String toAddress,
		boolean crosses, String reason, String startedBy, Instant startedAt, Instant closedAt, Letter letter,
		List<Step> steps) {

	/** The introduction letter of an outgoing transfer, once the committee has issued it (or the one from outside). */
	record Letter(String number, String verifyCode, Instant issuedAt, LocalDate validUntil, String paidUpTo, String receiptNo,
			LocalDate receiptOn) {
	}

	record Step(Stage stage, String action, String actor, String note, Instant at) {
	}

	/** Which organisation's people act where it waits; -1 when nobody in the school does. */
	long actingOrg(Function<Long, Lineage> lineage) {
		return stage.actingOrg(fromOrgId, toOrgId, lineage);
	}
}
