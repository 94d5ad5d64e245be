package cn.partybuilding.transfer;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.MaskedName;
import cn.partybuilding.shared.VerificationCode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * The introduction letters of transfers out of the school: issued by the committee (a number of the year,
 * a code to verify it by, its validity, 党费交至 as the dues module knows it), issued again when one lapsed
 * without its 回执, closed by the 回执 — the member then leaves the active lists —, and verified in public
 * by their code. Every letter ever issued stays verifiable: a superseded one answers as such.
 */
@Service
@Transactional
class OutgoingLetters {

	private final JdbcTemplate jdbc;

	private final Transfers transfers;

	private final TransferPermissions permissions;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final DuesManagement dues;

	private final Clock clock;

	private final int validityDays;

	private final int reissueMonths;

	/** Whether a 回执 dated after the letter's validity may still be recorded (local practice varies). */
	private final boolean lateReceipts;

	OutgoingLetters(JdbcTemplate jdbc, Transfers transfers, TransferPermissions permissions, MemberDirectory members,
			OrganizationScope scope, DuesManagement dues, Clock clock, @Value("${party.transfer.letter-validity-days:90}") int validityDays,
			@Value("${party.transfer.reissue-months:6}") int reissueMonths,
			@Value("${party.transfer.late-receipts:false}") boolean lateReceipts) {
		this.lateReceipts = lateReceipts;
		this.jdbc = jdbc;
		this.transfers = transfers;
		this.permissions = permissions;
		this.members = members;
		this.scope = scope;
		this.dues = dues;
		this.clock = clock;
		this.validityDays = validityDays;
		this.reissueMonths = reissueMonths;
	}

	/**
	 * The committee issues the introduction letter of an outgoing transfer: a number of the year, a code to
	 * verify it by, its validity ({@code party.transfer.letter-validity-days}, 90) and 党费交至年月 as the
	 * dues module knows it. The transfer then waits for the 回执.
	 */
	TransferView issue(String actor, TransferView t) {
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		Fresh fresh = freshLetter(t.memberId(), today);
		if (jdbc.update("""
				update transfer set state = 'ISSUED', stage = null, letter_no = ?, verify_code = ?, issued_at = ?, valid_until = ?,
				  paid_up_to = ? where id = ? and state = 'PENDING' and stage = 'COMMITTEE_ISSUE'""", fresh.number(), fresh.code(),
				Timestamp.from(now), Date.valueOf(today.plusDays(validityDays)), fresh.paidUpTo(), t.id()) == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
		keepLetter(t.id(), fresh, now, today.plusDays(validityDays));
		dues.leftWithLetter(t.memberId(), fresh.paidUpTo() == null ? null : YearMonth.parse(fresh.paidUpTo()), fresh.number(), now);
		transfers.step(t.id(), Stage.COMMITTEE_ISSUE, "ISSUE", actor, "介绍信 " + fresh.number(), now);
		TransferView view = transfers.find(t.id());
		transfers.announce(view, "ISSUE", Stage.COMMITTEE_ISSUE, fresh.number(), actor);
		return view;
	}

	/**
	 * A letter out issued before the platform kept its transfers (on paper, or in the system it replaces),
	 * recorded by the committee's administrator as issued on its day — a number of that year, a code of its
	 * own, valid for the usual period from that day — so that its 回执, its lapse and its reissue are followed
	 * like any other letter's.
	 */
	TransferView recordEarlier(Caller caller, EarlierLetter earlier) {
		MemberSummary member = members.summary(earlier.memberId())
			.orElseThrow(() -> new OutOfScopeException("member", earlier.memberId()));
		scope.requireReach(caller, member.organizationId(), TransferPermissions.MANAGE);
		Lineage from = transfers.lineage(member.organizationId());
		if (!scope.reaches(caller, from.committee(), Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("member", member.id(), "record letter");
		}
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Addressee to = Addressee.checked(earlier.toOrgName(), earlier.destination() == null ? null : earlier.destination().name(),
				earlier.toOrgAddress(), "", "destination", problems);
		String reason = PlainText.clean(earlier.reason());
		if (reason.isEmpty() || reason.length() > 200) {
			problems.add(new FieldProblem.Problem("reason", "transfer.reason.required", new Object[0]));
		}
		LocalDate today = LocalDate.now(clock);
		LocalDate issuedOn = earlier.issuedOn();
		if (issuedOn == null || issuedOn.isAfter(today)) {
			problems.add(new FieldProblem.Problem("issuedOn", "transfer.earlier.issuedOn", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		scope.holdStructure();
		Instant issuedAt = issuedOn.equals(today) ? clock.instant() : issuedOn.atStartOfDay(PlatformZone.ZONE).toInstant();
		LocalDate validUntil = issuedOn.plusDays(validityDays);
		Fresh fresh = freshLetter(member.id(), issuedOn);
		long id;
		try {
			id = jdbc.queryForObject("""
					insert into transfer (member_id, kind, state, from_org_id, to_org_name, to_org_kind, to_org_address, letter_no,
					  verify_code, issued_at, valid_until, paid_up_to, crosses, reason, started_by, started_at)
					values (?, 'OUTGOING', 'ISSUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, member.id(),
					member.organizationId(), to.name(), to.destination().name(), to.storedAddress(), fresh.number(), fresh.code(),
					Timestamp.from(issuedAt), Date.valueOf(validUntil), fresh.paidUpTo(),
					Stage.crosses(TransferKind.OUTGOING, from, null), reason, caller.username(), Timestamp.from(issuedAt));
		}
		catch (DuplicateKeyException e) {
			throw new ConflictProblem("memberId", "transfer.open", member.name());
		}
		keepLetter(id, fresh, issuedAt, validUntil);
		dues.leftWithLetter(member.id(), fresh.paidUpTo() == null ? null : YearMonth.parse(fresh.paidUpTo()), fresh.number(),
				issuedAt);
		transfers.step(id, Stage.COMMITTEE_ISSUE, "ISSUE", caller.username(), "介绍信 " + fresh.number() + "（补录）", issuedAt);
		TransferView view = transfers.find(id);
		transfers.announce(view, "ISSUE", Stage.COMMITTEE_ISSUE, fresh.number(), caller.username());
		return view;
	}

	/**
	 * A letter that lapsed before its 回执 came back is issued again — within
	 * {@code party.transfer.reissue-months} (6) of the first one — with a new number and code; the old one
	 * verifies as superseded, and the history keeps both.
	 */
	TransferView reissue(Caller caller, long id) {
		TransferView t = permissions.visible(caller, id);
		if (!permissions.isCommitteeOf(caller, t)) {
			throw new NotPermittedException("transfer", id, "reissue");
		}
		LocalDate today = LocalDate.now(clock);
		if (t.state() != TransferState.ISSUED || !t.letter().validUntil().isBefore(today)) {
			throw new FieldProblem("state", "transfer.reissue.notLapsed");
		}
		Instant first = jdbc.queryForObject("select min(issued_at) from transfer_letter where transfer_id = ?", Timestamp.class, id)
			.toInstant();
		LocalDate firstDay = LocalDate.ofInstant(first, PlatformZone.ZONE);
		if (firstDay.plusMonths(reissueMonths).isBefore(today)) {
			throw new FieldProblem("state", "transfer.reissue.tooLate", reissueMonths, firstDay.toString());
		}
		Instant now = clock.instant();
		Fresh fresh = freshLetter(t.memberId(), today);
		jdbc.update("update transfer_letter set superseded_at = ? where transfer_id = ? and superseded_at is null", Timestamp.from(now), id);
		if (jdbc.update("""
				update transfer set letter_no = ?, verify_code = ?, issued_at = ?, valid_until = ?, paid_up_to = ?
				where id = ? and state = 'ISSUED'""", fresh.number(), fresh.code(), Timestamp.from(now),
				Date.valueOf(today.plusDays(validityDays)), fresh.paidUpTo(), id) == 0) {
			throw new ConflictProblem("state", "transfer.changed");
		}
		keepLetter(id, fresh, now, today.plusDays(validityDays));
		dues.leftWithLetter(t.memberId(), fresh.paidUpTo() == null ? null : YearMonth.parse(fresh.paidUpTo()), fresh.number(), now);
		transfers.step(id, Stage.COMMITTEE_ISSUE, "REISSUE", caller.username(),
				"原介绍信 " + t.letter().number() + " 作废，重新开具 " + fresh.number(), now);
		TransferView done = transfers.find(id);
		transfers.announce(done, "REISSUE", Stage.COMMITTEE_ISSUE, fresh.number(), caller.username());
		return done;
	}

	/**
	 * The 回执 came back: recorded by the committee, the transfer closes and the member leaves the active
	 * lists (their history stays). A letter past its validity needs a new one first.
	 */
	TransferView receipt(Caller caller, long id, String receiptNo, LocalDate receivedOn) {
		TransferView t = permissions.visible(caller, id);
		if (!permissions.isCommitteeOf(caller, t)) {
			throw new NotPermittedException("transfer", id, "receipt");
		}
		if (t.state() == TransferState.RECEIPTED) {
			return t;
		}
		if (t.state() != TransferState.ISSUED) {
			throw new FieldProblem("state", "transfer.receipt.notIssued");
		}
		String number = PlainText.clean(receiptNo);
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (number.isEmpty() || number.length() > 64) {
			problems.add(new FieldProblem.Problem("receiptNo", "transfer.receipt.no", new Object[0]));
		}
		LocalDate today = LocalDate.now(clock);
		LocalDate issued = LocalDate.ofInstant(t.letter().issuedAt(), PlatformZone.ZONE);
		if (receivedOn == null || receivedOn.isAfter(today) || receivedOn.isBefore(issued)) {
			problems.add(new FieldProblem.Problem("receivedOn", "transfer.receipt.date", new Object[] { issued.toString() }));
		}
		else if (!lateReceipts && receivedOn.isAfter(t.letter().validUntil())) {
			problems.add(new FieldProblem.Problem("receivedOn", "transfer.receipt.expired", new Object[] { t.letter().validUntil().toString() }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		Instant now = clock.instant();
		if (jdbc.update("""
				update transfer set state = 'RECEIPTED', receipt_no = ?, receipt_on = ?, closed_at = ? where id = ? and state = 'ISSUED'""",
				number, Date.valueOf(receivedOn), Timestamp.from(now), id) == 1) {
			members.depart(t.memberId(), receivedOn);
			// a graduate who had stayed at the school has now left it
			jdbc.update("update graduate_stay set ended_on = ? where member_id = ? and ended_on is null", Date.valueOf(receivedOn),
					t.memberId());
			transfers.step(id, Stage.COMMITTEE_ISSUE, "RECEIPT", caller.username(), "回执 " + number, now);
			transfers.announce(transfers.find(id), "RECEIPT", Stage.COMMITTEE_ISSUE, number, caller.username());
		}
		return transfers.find(id);
	}

	/**
	 * The committee voids a letter that is out (the member stays after all: plans changed, the letter was lost
	 * unused), with a reason: the transfer closes as withdrawn, the letter verifies as void, and dues bill the
	 * member here again from the month after its 党费交至.
	 */
	TransferView voidLetter(Caller caller, long id, String reason) {
		TransferView t = permissions.visible(caller, id);
		if (!permissions.isCommitteeOf(caller, t)) {
			throw new NotPermittedException("transfer", id, "void");
		}
		if (t.state() != TransferState.ISSUED) {
			throw new FieldProblem("state", "transfer.void.notIssued");
		}
		String why = PlainText.clean(reason);
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "transfer.void.reason");
		}
		Instant now = clock.instant();
		if (jdbc.update("update transfer set state = 'WITHDRAWN', closed_at = ? where id = ? and state = 'ISSUED'",
				Timestamp.from(now), id) == 0) {
			throw new ConflictProblem("state", "transfer.void.notIssued");
		}
		jdbc.update("update transfer_letter set superseded_at = ? where transfer_id = ? and superseded_at is null",
				Timestamp.from(now), id);
		dues.stayedAfterLetter(t.memberId());
		transfers.step(id, Stage.COMMITTEE_ISSUE, "VOID", caller.username(), why, now);
		TransferView view = transfers.find(id);
		transfers.announce(view, "VOID", Stage.COMMITTEE_ISSUE, why, caller.username());
		return view;
	}

	/** What the public verification page may show of a letter: its number, the masked name, where to, its state. */
	record Verification(String letterNo, String maskedName, String toName, String state, LocalDate validUntil) {
	}

	@Transactional(readOnly = true)
	Optional<Verification> verify(String code) {
		if (!VerificationCode.wellFormed(code)) {
			return Optional.empty();
		}
		record Issued(long transferId, String number, LocalDate validUntil, boolean superseded) {
		}
		return jdbc.query("select transfer_id, letter_no, valid_until, superseded_at is not null from transfer_letter where verify_code = ?",
				(rs, n) -> new Issued(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getBoolean(4)), code)
			.stream().findFirst().map(l -> {
				TransferView t = transfers.find(l.transferId());
				String state = l.superseded() && t.state() == TransferState.WITHDRAWN ? "VOIDED" : l.superseded() ? "SUPERSEDED" : t.state() == TransferState.RECEIPTED ? "RECEIPTED"
						: l.validUntil().isBefore(LocalDate.now(clock)) ? "EXPIRED" : "VALID";
				return new Verification(l.number(), MaskedName.of(t.memberName()), t.toName(), state, l.validUntil());
			});
	}

	/** A graduate's letter-to-be in a batch: who, from where, to whom. */
	record Graduate(long memberId, long fromOrgId, Addressee to, String reason) {
	}

	/**
	 * The batch's outgoing transfers, started by the committee and waiting for their letters (the batch
	 * issues them next). Nobody is asked to approve: the committee that issues them started them.
	 */
	void startForBatch(String actor, List<Graduate> rows, long batchId) {
		Timestamp now = Timestamp.from(clock.instant());
		for (int from = 0; from < rows.size(); from += 1000) {
			List<Graduate> chunk = rows.subList(from, Math.min(rows.size(), from + 1000));
			jdbc.update("""
					insert into transfer (member_id, kind, state, stage, from_org_id, to_org_name, to_org_kind, to_org_address, crosses,
					  reason, started_by, started_at, batch_id)
					select m, 'OUTGOING', 'PENDING', 'COMMITTEE_ISSUE', f, n, k, nullif(a, ''), false, r, ?, ?, ?
					from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) as u(m, f, n, k, a, r)""",
					actor, now, batchId, chunk.stream().map(Graduate::memberId).toArray(Long[]::new),
					chunk.stream().map(Graduate::fromOrgId).toArray(Long[]::new),
					chunk.stream().map(g -> g.to().name()).toArray(String[]::new),
					chunk.stream().map(g -> g.to().destination().name()).toArray(String[]::new),
					chunk.stream().map(g -> g.to().address()).toArray(String[]::new),
					chunk.stream().map(Graduate::reason).toArray(String[]::new));
		}
		jdbc.update("""
				insert into transfer_step (transfer_id, stage, action, actor, note, at)
				select id, 'SENDING_BRANCH', 'SUBMIT', ?, '毕业生批量转出', ? from transfer where batch_id = ? and kind = 'OUTGOING'""",
				actor, now, batchId);
	}

	private void keepLetter(long transferId, Fresh letter, Instant issuedAt, LocalDate validUntil) {
		jdbc.update("insert into transfer_letter (verify_code, transfer_id, letter_no, issued_at, valid_until) values (?, ?, ?, ?, ?)",
				letter.code(), transferId, letter.number(), Timestamp.from(issuedAt), Date.valueOf(validUntil));
	}

	private record Fresh(String number, String code, String paidUpTo) {
	}

	/** A new letter's number of the year, its verification code, and 党费交至 as the dues module knows it now. */
	private Fresh freshLetter(long memberId, LocalDate today) {
		long seq = jdbc.queryForObject("select nextval('transfer_letter_seq')", Long.class);
		return new Fresh(today.getYear() + "-" + String.format("%04d", seq), VerificationCode.fresh(),
				dues.paidUpTo(memberId).map(YearMonth::toString).orElse(null));
	}
}
