package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;

/**
 * Dues history for the demo university and the benchmark: approved bases for teachers and retirees, bills
 * for the last months, and payments as a university has them — most paid up, some a month or two behind,
 * a few long in arrears. Deterministic for a seed. Not used by anything else.
 */
@Component
public class DuesDemo {

	private static final String[] IN_SERVICE_BASES = { "2800.00", "3600.00", "4500.00", "5200.00", "6800.00", "8500.00",
			"9600.00", "12000.00", "15000.00" };

	private static final String[] RETIRED_BASES = { "3200.00", "4800.00", "5600.00", "7000.00" };

	private final JdbcTemplate jdbc;

	private final MemberDirectory members;

	private final DuesBilling billing;

	private final Clock clock;

	DuesDemo(JdbcTemplate jdbc, MemberDirectory members, DuesBilling billing, Clock clock) {
		this.jdbc = jdbc;
		this.members = members;
		this.billing = billing;
		this.clock = clock;
	}

	/**
	 * Bases, then bills for the months from {@code first} to {@code last}, then payments. {@code unpaid}
	 * fixes how many of the latest months some members still owe (the demo's member1 owes two, to pay them
	 * on the phone).
	 */
	@Transactional
	public void seed(YearMonth first, YearMonth last, long seed, Map<Long, Integer> unpaid) {
		SplittableRandom random = new SplittableRandom(seed);
		YearMonth now = last;
		List<MemberSummary> all = members.allSummaries();
		List<Object[]> bases = new ArrayList<>();
		Timestamp at = Timestamp.from(clock.instant());
		for (MemberSummary m : all) {
			if (m.category() == Category.STUDENT) {
				continue;
			}
			boolean retired = m.category() == Category.RETIREE;
			String[] choices = retired ? RETIRED_BASES : IN_SERVICE_BASES;
			YearMonth from = YearMonth.from(m.joinDate()).isAfter(first) ? YearMonth.from(m.joinDate()) : first;
			bases.add(new Object[] { m.id(), retired ? "RETIRED" : m.category() == Category.OTHER ? "OTHER" : "IN_SERVICE",
					new BigDecimal(choices[random.nextInt(choices.length)]), Date.valueOf(from.atDay(1)), at });
		}
		for (int i = 0; i < bases.size(); i += 2000) {
			jdbc.batchUpdate("""
					insert into dues_base (member_id, category, base, effective_from, state, note, declared_by, declared_at, decided_by, decided_at)
					values (?, ?, ?, ?, 'APPROVED', '演示数据', 'system', ?, 'system', ?)""",
					bases.subList(i, Math.min(bases.size(), i + 2000)).stream()
						.map(b -> new Object[] { b[0], b[1], b[2], b[3], b[4], b[4] }).toList());
		}
		for (YearMonth m = first; !m.isAfter(now); m = m.plusMonths(1)) {
			billing.generate(m);
		}
		pay(all, first, now, random, unpaid);
	}

	/** Each member's bills paid month by month up to where they stopped, by the way their kind pays. */
	private void pay(List<MemberSummary> all, YearMonth first, YearMonth now, SplittableRandom random, Map<Long, Integer> unpaid) {
		record Bill(long id, long memberId, YearMonth month, BigDecimal amount, long orgId) {
		}
		Map<Long, List<Bill>> bills = new HashMap<>();
		jdbc.query("select id, member_id, month, amount, organization_id from dues_bill where state = 'UNPAID' and month >= ? order by month",
				rs -> {
					Bill b = new Bill(rs.getLong(1), rs.getLong(2), YearMonth.from(rs.getDate(3).toLocalDate()), rs.getBigDecimal(4),
							rs.getLong(5));
					bills.computeIfAbsent(b.memberId(), k -> new ArrayList<>()).add(b);
				}, Date.valueOf(first.atDay(1)));
		List<Object[]> payments = new ArrayList<>();
		List<Object[]> settled = new ArrayList<>();
		for (MemberSummary m : all) {
			int dice = random.nextInt(100);
			int owing = unpaid.containsKey(m.id()) ? unpaid.get(m.id())
					: dice < 45 ? 0 : dice < 88 ? 1 : dice < 94 ? 2 : 3 + random.nextInt(6);
			String method = m.category() == Category.STUDENT ? "ONLINE" : m.category() == Category.RETIREE ? "CASH" : "BANK_TRANSFER";
			for (Bill b : bills.getOrDefault(m.id(), List.of())) {
				if (!b.month().isBefore(now.minusMonths(owing - 1L)) && owing > 0) {
					continue;
				}
				LocalDate paidOn = b.month().atDay(Math.min(28, 5 + random.nextInt(20)));
				payments.add(new Object[] { b.memberId(), b.amount(), method, Date.valueOf(paidOn), m.name(),
						"ONLINE".equals(method) ? "SBX-DEMO" : "演示", b.orgId(), Timestamp.valueOf(paidOn.atTime(10, 0)), b.id() });
			}
		}
		if (payments.isEmpty()) {
			return;
		}
		List<Long> ids = jdbc.queryForList("select nextval('dues_payment_id_seq') from generate_series(1, ?)", Long.class,
				payments.size());
		List<Long> receipts = jdbc.queryForList("select nextval('dues_receipt_seq') from generate_series(1, ?)", Long.class,
				payments.size());
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < payments.size(); i++) {
			Object[] p = payments.get(i);
			rows.add(new Object[] { ids.get(i), String.format("DF%d%08d", ((Date) p[3]).toLocalDate().getYear(), receipts.get(i)),
					p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7] });
			settled.add(new Object[] { ids.get(i), p[8] });
		}
		for (int i = 0; i < rows.size(); i += 5000) {
			jdbc.batchUpdate("""
					insert into dues_payment (id, receipt_no, member_id, amount, method, paid_on, payer_name, external_receipt,
					  organization_id, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'system', ?)""",
					rows.subList(i, Math.min(rows.size(), i + 5000)));
			// one statement per chunk: the running totals' trigger then runs once, not once per bill
			List<Object[]> chunk = settled.subList(i, Math.min(settled.size(), i + 5000));
			jdbc.update("""
					update dues_bill b set state = 'PAID', payment_id = x.payment_id
					from unnest(?::bigint[], ?::bigint[]) as x(payment_id, bill_id) where b.id = x.bill_id""",
					chunk.stream().map(c -> c[0]).toArray(Long[]::new), chunk.stream().map(c -> c[1]).toArray(Long[]::new));
		}
	}
}
