package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.PlatformZone;

/**
 * What other modules ask of, and tell, dues: a member's 党费交至 (the transfer letter prints it), months a
 * member paid where they came from (an incoming letter says so), the months' bills opened, and a school's
 * bases and payments from before the platform taken over in bulk (the demo university builds its year so).
 */
@Facade("what other modules ask of, and tell, dues")
@Service
@Transactional(readOnly = true)
public class DuesManagement {

	/**
	 * A member arrived with a letter stating 党费交至 {@code upTo}: those months were paid where they came from
	 * and are not billed here; their 党费交至 starts from it.
	 */
	@Transactional
	public void paidElsewhere(long memberId, YearMonth upTo, String source) {
		jdbc.update("""
				insert into dues_paid_elsewhere (member_id, up_to, source) values (?, ?, ?)
				on conflict (member_id) do update set up_to = excluded.up_to, source = excluded.source""", memberId,
				Date.valueOf(upTo.atDay(1)), source.length() > 200 ? source.substring(0, 200) : source);
		// a bill already made for such a month (the member arrived mid-month, after the day's billing) goes
		jdbc.update("delete from dues_bill where member_id = ? and month <= ? and state = 'UNPAID' and order_id is null", memberId,
				Date.valueOf(upTo.atDay(1)));
	}

	/**
	 * An outgoing introduction letter was issued (or issued again) stating 党费交至 {@code paidUpTo}: that is
	 * the last month this school bills the member — nothing after it, even before the 回执 returns (the
	 * receiver bills from the next month). Unpaid bills after it are withdrawn (those in a payment under way
	 * stay), and no arrears are counted for them. A letter stating no month (nothing settled yet) ends
	 * billing with the month before it was issued.
	 */
	@Transactional
	public void leftWithLetter(long memberId, YearMonth paidUpTo, String letterNo, Instant issuedAt) {
		YearMonth last = paidUpTo != null ? paidUpTo : YearMonth.from(issuedAt.atZone(PlatformZone.ZONE)).minusMonths(1);
		jdbc.update("""
				insert into dues_letter_out (member_id, last_month, letter_no, issued_at) values (?, ?, ?, ?)
				on conflict (member_id) do update set last_month = excluded.last_month, letter_no = excluded.letter_no,
				  issued_at = excluded.issued_at""", memberId, Date.valueOf(last.atDay(1)), letterNo, Timestamp.from(issuedAt));
		jdbc.update("delete from dues_bill where member_id = ? and month > ? and state = 'UNPAID' and order_id is null", memberId,
				Date.valueOf(last.atDay(1)));
	}

	/**
	 * The member's outgoing transfer was withdrawn or its letter voided: they stay, and billing resumes from
	 * the month after the letter's 党费交至 — those months are billed now, as the daily job would have.
	 */
	@Transactional
	public void stayedAfterLetter(long memberId) {
		List<Date> last = jdbc.queryForList("delete from dues_letter_out where member_id = ? returning last_month", Date.class,
				memberId);
		if (!last.isEmpty()) {
			billing.resume(memberId, YearMonth.from(last.get(0).toLocalDate()).plusMonths(1));
		}
	}

	private final JdbcTemplate jdbc;

	private final DuesBilling billing;

	private final DuesBases bases;

	private final DuesPayments payments;

	private final DuesReliefs reliefs;

	private final ProvinceDues province;

	DuesManagement(JdbcTemplate jdbc, DuesBilling billing, DuesBases bases, DuesPayments payments, DuesReliefs reliefs,
			ProvinceDues province) {
		this.province = province;
		this.reliefs = reliefs;
		this.jdbc = jdbc;
		this.billing = billing;
		this.bases = bases;
		this.payments = payments;
	}

	/**
	 * A year of dues for the generated province's members (the province generator, inside its transaction): bases,
	 * the twelve months before this one billed by the rules, most of them paid; written with COPY, the running
	 * totals kept by their trigger. Members with bills already are left alone (returns 0). Returns the bills.
	 */
	@Transactional
	public long generateYear(List<MemberSummary> members, LocalDate today, long seed) {
		return province.write(members, today, seed);
	}

	/**
	 * 党费交至年月: the last month settled (paid or waived) with no unpaid month before it — or, for a member who
	 * arrived with a letter, its 党费交至 when nothing later is settled here; empty when nothing is settled yet.
	 * The transfer letter prints it.
	 */
	public Optional<YearMonth> paidUpTo(long memberId) {
		Date month = jdbc.queryForObject("""
				select greatest(
				  (select max(month) from dues_bill
				   where member_id = ? and state <> 'UNPAID'
				     and month < coalesce((select min(month) from dues_bill where member_id = ? and state = 'UNPAID'), 'infinity')),
				  (select up_to from dues_paid_elsewhere where member_id = ?))""",
				Date.class, memberId, memberId, memberId);
		return Optional.ofNullable(month).map(d -> YearMonth.from(d.toLocalDate()));
	}

	/**
	 * Bills every member owing dues for the month, as the daily job does for the current one — for the
	 * months before a school's dues were kept here, once their bases are taken over. Running it again bills
	 * only who is missing. Returns how many bills were made.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public int openBills(YearMonth month) {
		return billing.generate(month);
	}

	/**
	 * Bases the school approved before its dues were kept here, taken over as approved: checked against the
	 * rules of their month, written at once, with {@code source} as their note. No declaration, decision or
	 * 纪实 entry per member (that history is the former books'), and bills already made stay as they are:
	 * take bases over before opening the months.
	 */
	@Transactional
	public void takeOverBases(List<BaseOnFile> onFile, String source) {
		bases.takeOver(onFile, source);
	}

	/**
	 * Payments the branches took before their dues were kept here, taken over as paid: each settles the
	 * member's unpaid bills of its months (a month with none is left out, a payment with none is not
	 * written) and gets its receipt number, recorded by {@code system}. No {@link DuesPaid} per payment: the
	 * 纪实 holds what happened on the platform. Returns how many payments were written.
	 */
	@Transactional
	public int takeOverPayments(List<PaymentOnFile> onFile) {
		return payments.takeOver(onFile);
	}

	/**
	 * Payments the branches took by hand and record together — a term's receipts, or a school's year brought
	 * onto the platform — recorded by {@code recordedBy}: each settles the member's unpaid bills of its months
	 * and gets its receipt number (a month with none is left out, a payment with none is not written), and
	 * each reaches the member's 纪实 as a {@link DuesPaid}, told in batches ({@link DuesPaymentsRecorded}).
	 * Returns how many payments were written.
	 */
	@Transactional
	public int recordPayments(List<PaymentOnFile> payments, String recordedBy) {
		return this.payments.recordInBulk(payments, recordedBy);
	}

	/**
	 * The branch proposes hardship relief for a member (amount a month, 0 to waive; months; reason), as on the
	 * member's dues page: it waits for the organisation above the branch. Returns the proposal's id.
	 */
	@Transactional
	public long proposeRelief(Caller caller, long memberId, YearMonth from, YearMonth to, BigDecimal amount, String reason) {
		return reliefs.propose(caller, memberId, new DuesReliefs.ReliefForm(from, to, amount, reason)).id();
	}
}
