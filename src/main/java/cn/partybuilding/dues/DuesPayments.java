package cn.partybuilding.dues;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * Payments of bills: recorded by the branch's 组织委员 (cash, bank transfer, payroll, with the paper
 * receipt's number), or online through an order. One or several months at once; 补交 reaches back at most
 * {@code party.dues.back-pay-months} (6) months, older arrears only by the branch with a recorded reason;
 * ahead only as far as the branch allows ({@code party.dues.advance-months}; online
 * {@code party.dues.online-advance-months}). Someone else may pay (代交); the payer is recorded. Two
 * payments racing for one bill: the first wins, the other is told.
 */
@Service
@Transactional
class DuesPayments {

	static final BigDecimal SPECIAL_FROM = new BigDecimal("1000.00");

	private final JdbcTemplate jdbc;

	private final DuesAccess access;

	private final DuesBilling billing;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int backPayMonths;

	private final int advanceMonths;

	private final int onlineAdvanceMonths;

	private final boolean payrollAllowed;

	DuesPayments(JdbcTemplate jdbc, DuesAccess access, DuesBilling billing, MemberDirectory members,
			ApplicationEventPublisher events, Clock clock, @Value("${party.dues.back-pay-months:6}") int backPayMonths,
			@Value("${party.dues.advance-months:12}") int advanceMonths,
			@Value("${party.dues.online-advance-months:0}") int onlineAdvanceMonths,
			@Value("${party.dues.payroll-allowed:false}") boolean payrollAllowed) {
		this.payrollAllowed = payrollAllowed;
		this.onlineAdvanceMonths = onlineAdvanceMonths;
		this.jdbc = jdbc;
		this.access = access;
		this.billing = billing;
		this.members = members;
		this.events = events;
		this.clock = clock;
		this.backPayMonths = backPayMonths;
		this.advanceMonths = advanceMonths;
	}

	public record OfflinePayment(Long memberId, List<@Size(max = 7) String> months, PaymentMethod method,
			@Size(max = 64) String receiptNo, LocalDate paidOn, @Size(max = 50) String payerName, Long payerMemberId,
			@Size(max = 200) String reason) {
	}

	public record SpecialPayment(Long memberId, BigDecimal amount, PaymentMethod method, @Size(max = 64) String receiptNo,
			LocalDate paidOn, @Size(max = 200) String note) {
	}

	public record PaymentView(long id, String receiptNo, long memberId, String memberName, BigDecimal amount, PaymentMethod method,
			LocalDate paidOn, String payerName, List<YearMonth> months, boolean special, String externalReceipt, String note,
			String recordedBy, Instant recordedAt, String organizationName) {
	}

	/** A payment the 组织委员 took in person, by transfer or through payroll. */
	public PaymentView record(Caller caller, OfflinePayment form) {
		if (form.memberId() == null) {
			throw new FieldProblem("memberId", "dues.member.required");
		}
		MemberSummary member = recorder(caller, form.memberId());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String receipt = voucher(form.method(), form.receiptNo(), form.paidOn(), problems);
		LocalDate today = LocalDate.now(clock);
		String payer = payer(member, form.payerName(), form.payerMemberId(), caller, problems);
		if (PlainText.clean(form.reason()).length() > 200) {
			problems.add(new FieldProblem.Problem("reason", "dues.note.length", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		List<Long> bills = payable(member, form.months(), Mode.BRANCH, PlainText.clean(form.reason()));
		String note = PlainText.clean(form.reason());
		return settle(member, bills, form.method(), form.paidOn() == null ? today : form.paidOn(), payer,
				form.payerMemberId(), receipt, note.isEmpty() ? null : note, null, caller.username());
	}

	/** A voluntary one-off payment of 1000 元 or more: recorded apart, and reported apart. */
	public PaymentView special(Caller caller, SpecialPayment form) {
		if (form.memberId() == null) {
			throw new FieldProblem("memberId", "dues.member.required");
		}
		MemberSummary member = recorder(caller, form.memberId());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (form.amount() == null || form.amount().scale() > 2 || form.amount().compareTo(SPECIAL_FROM) < 0
				|| form.amount().compareTo(new BigDecimal("10000000")) >= 0) {
			problems.add(new FieldProblem.Problem("amount", "dues.special.amountRange", new Object[] { "1000.00" }));
		}
		String receipt = voucher(form.method(), form.receiptNo(), form.paidOn(), problems);
		LocalDate today = LocalDate.now(clock);
		String note = PlainText.clean(form.note());
		if (note.length() > 200) {
			problems.add(new FieldProblem.Problem("note", "dues.note.length", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long id = insert(member, form.amount().setScale(2), form.method(), form.paidOn() == null ? LocalDate.now(clock) : form.paidOn(),
				member.name(), null, receipt, note.isEmpty() ? "特殊党费" : note, true, null, caller.username());
		PaymentView view = find(id);
		events.publishEvent(new DuesPaid(view.id(), view.receiptNo(), member.id(), member.name(), List.of(), view.amount(),
				view.method(), true, view.payerName(), caller.username(), view.paidOn()));
		return view;
	}

	/** What every payment taken by hand needs: an offline method, the paper receipt's number, a date not ahead. */
	private String voucher(PaymentMethod method, String receiptNo, LocalDate paidOn, List<FieldProblem.Problem> problems) {
		method(method, problems);
		String receipt = PlainText.clean(receiptNo);
		if (receipt.isEmpty() || receipt.length() > 64) {
			problems.add(new FieldProblem.Problem("receiptNo", "dues.receiptNo.required", new Object[0]));
		}
		LocalDate today = LocalDate.now(clock);
		if (paidOn != null && (paidOn.isAfter(today) || paidOn.isBefore(today.minusYears(1)))) {
			problems.add(new FieldProblem.Problem("paidOn", "dues.paidOn.range", new Object[0]));
		}
		return receipt;
	}

	/** The member whose payment the caller records: in their reach, and not themselves — another officer records that. */
	private MemberSummary recorder(Caller caller, long memberId) {
		MemberSummary member = access.managed(caller, memberId);
		if (access.isSelf(caller, member)) {
			throw new FieldProblem("memberId", "dues.self");
		}
		return member;
	}

	/**
	 * Offline methods. Deduction from pay (扣缴) is barred by §14 of the regulation; where a member has
	 * asked for it in writing and local practice allows, {@code party.dues.payroll-allowed} admits it.
	 */
	private void method(PaymentMethod method, List<FieldProblem.Problem> problems) {
		if (method == null || method == PaymentMethod.ONLINE) {
			problems.add(new FieldProblem.Problem("method", "dues.method.offline", new Object[0]));
		}
		else if (method == PaymentMethod.PAYROLL && !payrollAllowed) {
			problems.add(new FieldProblem.Problem("method", "dues.method.payroll", new Object[0]));
		}
	}

	/** The ways the branch may record a payment taken by hand, as its forms offer them. */
	public List<PaymentMethod> offlineMethods() {
		return payrollAllowed ? List.of(PaymentMethod.CASH, PaymentMethod.BANK_TRANSFER, PaymentMethod.PAYROLL)
				: List.of(PaymentMethod.CASH, PaymentMethod.BANK_TRANSFER);
	}

	enum Mode {
		/** the branch: may settle old arrears with a reason, and accept payment ahead */
		BRANCH,
		/** the member online */
		MEMBER
	}

	/**
	 * The bills these months stand for, made if not billed yet, each checked: inside the member's time,
	 * not too old (unless the branch gives a reason), not too far ahead, not waived, not paid, not in
	 * another payment under way.
	 */
	List<Long> payable(MemberSummary member, List<String> texts, Mode mode, String reason) {
		TreeSet<YearMonth> months = months(texts);
		YearMonth now = YearMonth.now(clock);
		YearMonth joined = YearMonth.from(member.joinDate());
		YearMonth oldest = now.minusMonths(backPayMonths);
		YearMonth furthest = now.plusMonths(mode == Mode.BRANCH ? advanceMonths : onlineAdvanceMonths);
		for (YearMonth m : months) {
			if (m.isBefore(joined)) {
				throw new FieldProblem("months", "dues.months.beforeJoin", m.toString(), joined.toString());
			}
			if (m.isBefore(oldest) && (mode == Mode.MEMBER || reason.isEmpty())) {
				throw new FieldProblem(mode == Mode.MEMBER ? "months" : "reason",
						mode == Mode.MEMBER ? "dues.months.tooOldOnline" : "dues.months.tooOldReason", m.toString(), backPayMonths);
			}
			if (m.isAfter(furthest)) {
				throw new FieldProblem("months", mode == Mode.MEMBER ? "dues.months.aheadOnline" : "dues.months.ahead",
						m.toString(), furthest.toString());
			}
		}
		// a member who left with a letter is billed here only up to its 党费交至; the receiver bills after it
		Optional<YearMonth> left = billing.lastBilled(member.id());
		if (left.isPresent() && months.last().isAfter(left.get())) {
			throw new FieldProblem("months", "dues.months.leftWithLetter", months.last().toString(), left.get().toString());
		}
		if (months.last().isAfter(now)) {
			inOrder(member, months, now);
		}
		// bill on demand only the months not billed yet (paying ahead, or before the job ran)
		List<Date> billed = jdbc.queryForList("select month from dues_bill where member_id = ? and month = any(?::date[])",
				Date.class, member.id(), days(months));
		Set<YearMonth> have = billed.stream().map(d -> YearMonth.from(d.toLocalDate())).collect(Collectors.toSet());
		for (YearMonth m : months) {
			if (!have.contains(m)) {
				billing.ensure(member, m);
			}
		}
		record Bill(long id, YearMonth month, String state, boolean reserved, String receipt) {
		}
		Map<YearMonth, Bill> found = new HashMap<>();
		jdbc.query("""
				select b.id, b.month, b.state, o.id is not null, p.receipt_no from dues_bill b
				left join dues_order o on o.id = b.order_id and o.state = 'OPEN' and o.expires_at > ?
				left join dues_payment p on p.id = b.payment_id
				where b.member_id = ? and b.month = any(?::date[])""", rs -> {
			Bill bill = new Bill(rs.getLong(1), YearMonth.from(rs.getDate(2).toLocalDate()), rs.getString(3), rs.getBoolean(4),
					rs.getString(5));
			found.put(bill.month(), bill);
		}, Timestamp.from(clock.instant()), member.id(), days(months));
		if (mode == Mode.MEMBER) {
			// the oldest first: paying only the latest months would hide a run of unpaid ones behind them
			List<Date> skipped = jdbc.queryForList("""
					select b.month from dues_bill b left join dues_order o on o.id = b.order_id and o.state = 'OPEN' and o.expires_at > ?
					where b.member_id = ? and b.state = 'UNPAID' and o.id is null and b.month >= ? and b.month < ?
					  and not (b.month = any(?::date[])) order by b.month limit 1""", java.sql.Date.class,
					Timestamp.from(clock.instant()), member.id(), Date.valueOf(oldest.atDay(1)), Date.valueOf(months.last().atDay(1)),
					days(months));
			if (!skipped.isEmpty()) {
				throw new FieldProblem("months", "dues.months.oldestFirst", YearMonth.from(skipped.get(0).toLocalDate()).toString());
			}
		}
		List<Long> ids = new ArrayList<>();
		for (YearMonth m : months) {
			Bill bill = found.get(m);
			if (bill == null) {
				throw new FieldProblem("months", "dues.months.noBill", m.toString());
			}
			if ("EXEMPT".equals(bill.state())) {
				throw new FieldProblem("months", "dues.months.exempt", m.toString());
			}
			if ("PAID".equals(bill.state())) {
				throw new ConflictProblem("months", "dues.months.paid", m.toString(), bill.receipt());
			}
			if (bill.reserved()) {
				throw new ConflictProblem("months", "dues.months.inOrder", m.toString());
			}
			ids.add(bill.id());
		}
		return ids;
	}

	/**
	 * Paying ahead continues 党费交至 without a gap: every month before the last one asked — unpaid arrears
	 * and months not yet billed alike — is settled already or paid with it. (Back-paying older months alone,
	 * 补交, is not paying ahead and stays as it is.)
	 */
	private void inOrder(MemberSummary member, TreeSet<YearMonth> months, YearMonth now) {
		YearMonth last = months.last();
		List<Date> unpaid = jdbc.queryForList("""
				select b.month from dues_bill b
				left join dues_order o on o.id = b.order_id and o.state = 'OPEN' and o.expires_at > ?
				where b.member_id = ? and b.state = 'UNPAID' and o.id is null and b.month < ? and not (b.month = any(?::date[]))
				order by b.month limit 1""", Date.class, Timestamp.from(clock.instant()), member.id(), Date.valueOf(last.atDay(1)),
				days(months));
		YearMonth gap = unpaid.isEmpty() ? null : YearMonth.from(unpaid.get(0).toLocalDate());
		if (gap == null) {
			Set<YearMonth> settled = jdbc.queryForList("""
					select month from dues_bill where member_id = ? and (state <> 'UNPAID' or order_id is not null)
					  and month >= ? and month < ?""", Date.class,
					member.id(), Date.valueOf(now.atDay(1)), Date.valueOf(last.atDay(1))).stream()
				.map(d -> YearMonth.from(d.toLocalDate())).collect(Collectors.toSet());
			// from this month (or joining, or the month after what a letter says was paid where they came from)
			YearMonth from = YearMonth.from(member.joinDate()).isAfter(now) ? YearMonth.from(member.joinDate()) : now;
			for (Date elsewhere : jdbc.queryForList("select up_to from dues_paid_elsewhere where member_id = ?", Date.class, member.id())) {
				YearMonth next = YearMonth.from(elsewhere.toLocalDate()).plusMonths(1);
				from = next.isAfter(from) ? next : from;
			}
			for (YearMonth m = from; m.isBefore(last); m = m.plusMonths(1)) {
				if (!months.contains(m) && !settled.contains(m)) {
					gap = m;
					break;
				}
			}
		}
		if (gap != null) {
			throw new FieldProblem("months", "dues.months.aheadInOrder", gap.toString(), last.toString());
		}
	}

	/** Months as the first days PostgreSQL reads into a {@code date[]}. */
	static String[] days(Collection<YearMonth> months) {
		return months.stream().map(m -> m.atDay(1).toString()).toArray(String[]::new);
	}

	static TreeSet<YearMonth> months(List<String> texts) {
		if (texts == null || texts.isEmpty()) {
			throw new FieldProblem("months", "dues.months.required");
		}
		if (texts.size() > 36) {
			throw new FieldProblem("months", "dues.months.tooMany", 36);
		}
		TreeSet<YearMonth> months = new TreeSet<>();
		for (String text : texts) {
			try {
				if (text == null || !text.trim().matches("\\d{4}-\\d{2}")) {
					throw new DateTimeParseException("", String.valueOf(text), 0);
				}
				months.add(YearMonth.parse(text.trim()));
			}
			catch (DateTimeParseException e) {
				throw new FieldProblem("months", "dues.months.format", String.valueOf(text));
			}
		}
		return months;
	}

	/**
	 * Marks the bills paid by one payment — only if every one is still unpaid and not held by another
	 * payment under way ({@code orderId} is the order paying them, if online); else nothing is written.
	 */
	PaymentView settle(MemberSummary member, List<Long> bills, PaymentMethod method, LocalDate paidOn, String payerName,
			Long payerMemberId, String externalReceipt, String note, Long orderId, String recordedBy) {
		BigDecimal amount = jdbc.queryForObject("select coalesce(sum(amount), 0) from dues_bill where id = any(?)",
				BigDecimal.class, (Object) bills.toArray(Long[]::new));
		long id = insert(member, amount, method, paidOn, payerName, payerMemberId, externalReceipt, note, false, orderId,
				recordedBy);
		// the row locks make a second payment wait for the first and then find the bills paid
		int paid = jdbc.update("""
				update dues_bill set state = 'PAID', payment_id = ?, order_id = coalesce(?, order_id)
				where id = any(?) and state = 'UNPAID'
				  and (order_id is null or order_id = ? or order_id in (select id from dues_order where state <> 'OPEN' or expires_at <= ?))""",
				id, orderId, bills.toArray(Long[]::new), orderId == null ? -1L : orderId, Timestamp.from(clock.instant()));
		if (paid != bills.size()) {
			throw new ConflictProblem("months", "dues.months.justPaid");
		}
		PaymentView view = find(id);
		events.publishEvent(new DuesPaid(view.id(), view.receiptNo(), member.id(), member.name(), view.months(), view.amount(),
				view.method(), false, view.payerName(), recordedBy, view.paidOn()));
		return view;
	}

	private long insert(MemberSummary member, BigDecimal amount, PaymentMethod method, LocalDate paidOn, String payerName,
			Long payerMemberId, String externalReceipt, String note, boolean special, Long orderId, String recordedBy) {
		if (amount.signum() <= 0) {
			throw new FieldProblem("months", "dues.months.nothingToPay");
		}
		String receiptNo = receiptNo(paidOn, jdbc.queryForObject("select nextval('dues_receipt_seq')", Long.class));
		return jdbc.queryForObject("""
				insert into dues_payment (receipt_no, member_id, amount, method, paid_on, payer_name, payer_member_id,
				  external_receipt, special, note, order_id, organization_id, recorded_by, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, receiptNo, member.id(), amount,
				method.name(), Date.valueOf(paidOn), payerName, payerMemberId, externalReceipt, special, note, orderId,
				member.organizationId(), recordedBy, Timestamp.from(clock.instant()));
	}

	/** The platform's receipt number: DF, the year paid, and the receipt sequence. */
	private static String receiptNo(LocalDate paidOn, long seq) {
		return String.format("DF%d%08d", paidOn.getYear(), seq);
	}

	/** See {@link DuesManagement#takeOverPayments}: one statement per step, however many payments. */
	int takeOver(List<PaymentOnFile> onFile) {
		return settleInBulk(onFile, "system").size();
	}

	/**
	 * See {@link DuesManagement#recordPayments}: as {@link #takeOver}, recorded by {@code recordedBy}, and
	 * told — one {@link DuesPaymentsRecorded} per 2 000 payments.
	 */
	int recordInBulk(List<PaymentOnFile> onFile, String recordedBy) {
		List<DuesPaid> paid = settleInBulk(onFile, recordedBy);
		for (int i = 0; i < paid.size(); i += BATCH_EVENT) {
			events.publishEvent(new DuesPaymentsRecorded(List.copyOf(paid.subList(i, Math.min(paid.size(), i + BATCH_EVENT))),
					recordedBy));
		}
		return paid.size();
	}

	/** Payments per {@link DuesPaymentsRecorded}: small enough for the event registry, few enough to be quick. */
	private static final int BATCH_EVENT = 2000;

	/** The payments written, as their events would tell them. */
	private List<DuesPaid> settleInBulk(List<PaymentOnFile> onFile, String recordedBy) {
		List<Integer> entries = new ArrayList<>();
		List<Long> memberIds = new ArrayList<>();
		List<YearMonth> months = new ArrayList<>();
		for (int i = 0; i < onFile.size(); i++) {
			PaymentOnFile p = onFile.get(i);
			if (p.method() == null || p.paidOn() == null || PlainText.clean(p.externalReceipt()).length() > 64) {
				throw new FieldProblem("payments", "dues.takeOver.incomplete", i + 1);
			}
			for (YearMonth m : p.months()) {
				entries.add(i);
				memberIds.add(p.memberId());
				months.add(m);
			}
		}
		record Bill(long id, BigDecimal amount, long organizationId, YearMonth month) {
		}
		Map<Integer, List<Bill>> bills = new HashMap<>();
		jdbc.query("""
				select x.entry, b.id, b.amount, b.organization_id, b.month
				from unnest(?::int[], ?::bigint[], ?::date[]) as x(entry, member_id, month)
				join dues_bill b on b.member_id = x.member_id and b.month = x.month
				where b.state = 'UNPAID' and b.order_id is null order by x.entry, b.month""", rs -> {
			bills.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new Bill(rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4),
					YearMonth.from(rs.getDate(5).toLocalDate())));
		}, entries.toArray(Integer[]::new), memberIds.toArray(Long[]::new), days(months));
		List<Integer> paying = bills.keySet().stream().sorted().toList();
		if (paying.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = new HashMap<>();
		members.refs(paying.stream().map(i -> onFile.get(i).memberId()).distinct().toList())
			.forEach(m -> names.put(m.id(), m.name()));
		List<Long> ids = jdbc.queryForList("select nextval('dues_payment_id_seq') from generate_series(1, ?)", Long.class,
				paying.size());
		List<Long> receipts = jdbc.queryForList("select nextval('dues_receipt_seq') from generate_series(1, ?)", Long.class,
				paying.size());
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		List<Long[]> settled = new ArrayList<>();
		List<DuesPaid> told = new ArrayList<>();
		for (int n = 0; n < paying.size(); n++) {
			PaymentOnFile p = onFile.get(paying.get(n));
			List<Bill> paid = bills.get(paying.get(n));
			String external = PlainText.clean(p.externalReceipt());
			String receipt = receiptNo(p.paidOn(), receipts.get(n));
			BigDecimal amount = paid.stream().map(Bill::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
			String name = names.getOrDefault(p.memberId(), "");
			rows.add(new Object[] { ids.get(n), receipt, p.memberId(), amount, p.method().name(),
					Date.valueOf(p.paidOn()), name, external.isEmpty() ? null : external,
					paid.get(0).organizationId(), recordedBy, now });
			told.add(new DuesPaid(ids.get(n), receipt, p.memberId(), name, paid.stream().map(Bill::month).toList(), amount,
					p.method(), false, name, recordedBy, p.paidOn()));
			for (Bill b : paid) {
				settled.add(new Long[] { ids.get(n), b.id() });
			}
		}
		for (int i = 0; i < rows.size(); i += 5000) {
			jdbc.batchUpdate("""
					insert into dues_payment (id, receipt_no, member_id, amount, method, paid_on, payer_name, external_receipt,
					  organization_id, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
					rows.subList(i, Math.min(rows.size(), i + 5000)));
		}
		for (int i = 0; i < settled.size(); i += 5000) {
			// one statement per chunk: the running totals' trigger then runs once, not once per bill
			List<Long[]> chunk = settled.subList(i, Math.min(settled.size(), i + 5000));
			jdbc.update("""
					update dues_bill b set state = 'PAID', payment_id = x.payment_id
					from unnest(?::bigint[], ?::bigint[]) as x(payment_id, bill_id) where b.id = x.bill_id""",
					chunk.stream().map(c -> c[0]).toArray(Long[]::new), chunk.stream().map(c -> c[1]).toArray(Long[]::new));
		}
		return told;
	}

	/** 代交: another member (named by id, in the same reach) or anyone named; the member themselves by default. */
	private String payer(MemberSummary member, String payerName, Long payerMemberId, Caller caller,
			List<FieldProblem.Problem> problems) {
		if (payerMemberId != null) {
			if (payerMemberId == member.id()) {
				return member.name();
			}
			return access.managed(caller, payerMemberId).name();
		}
		String name = PlainText.clean(payerName);
		if (name.length() > 50) {
			problems.add(new FieldProblem.Problem("payerName", "dues.payer.length", new Object[0]));
		}
		return name.isEmpty() ? member.name() : name;
	}

	@Transactional(readOnly = true)
	public List<PaymentView> payments(Caller caller, long memberId) {
		access.ownOrManaged(caller, memberId);
		return query("where p.member_id = ? order by p.paid_on desc, p.id desc", memberId);
	}

	/** A receipt: the member, the branch managing them, or nobody (the audited 404). */
	@Transactional(readOnly = true)
	public PaymentView receipt(Caller caller, long paymentId) {
		PaymentView view = find(paymentId);
		access.ownOrManaged(caller, view.memberId());
		return view;
	}

	@Transactional(readOnly = true)
	PaymentView find(long id) {
		return query("where p.id = ?", id).stream().findFirst().orElseThrow(() -> new OutOfScopeException("dues-payment", id));
	}

	private List<PaymentView> query(String where, Object... args) {
		record Row(long id, String receiptNo, long memberId, BigDecimal amount, PaymentMethod method, LocalDate paidOn, String payer,
				boolean special, String external, String note, String recordedBy, Instant recordedAt, long orgId) {
		}
		List<Row> rows = jdbc.query("""
				select p.id, p.receipt_no, p.member_id, p.amount, p.method, p.paid_on, p.payer_name, p.special,
				       p.external_receipt, p.note, p.recorded_by, p.recorded_at, p.organization_id
				from dues_payment p """ + " " + where, (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3),
				rs.getBigDecimal(4), PaymentMethod.valueOf(rs.getString(5)), rs.getDate(6).toLocalDate(), rs.getString(7),
				rs.getBoolean(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
				rs.getLong(13)), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<YearMonth>> months = new HashMap<>();
		jdbc.query("select payment_id, month from dues_bill where payment_id = any(?) order by month", rs -> {
			months.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(YearMonth.from(rs.getDate(2).toLocalDate()));
		}, (Object) rows.stream().map(Row::id).toArray(Long[]::new));
		Map<Long, String> names = new HashMap<>();
		members.refs(rows.stream().map(Row::memberId).distinct().toList()).forEach(m -> names.put(m.id(), m.name()));
		Map<Long, String> orgs = new HashMap<>();
		access.organizationNames(rows.stream().map(Row::orgId).distinct().toList()).forEach(orgs::put);
		return rows.stream().map(r -> new PaymentView(r.id(), r.receiptNo(), r.memberId(), names.getOrDefault(r.memberId(), ""),
				r.amount(), r.method(), r.paidOn(), r.payer(), months.getOrDefault(r.id(), List.of()), r.special(), r.external(),
				r.note(), r.recordedBy(), r.recordedAt(),
				orgs.getOrDefault(r.orgId(), ""))).toList();
	}
}
