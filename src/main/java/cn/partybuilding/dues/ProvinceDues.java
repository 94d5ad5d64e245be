package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.BulkCopy;
import cn.partybuilding.shared.PlatformZone;

/**
 * A year of dues for the generated province's members, written with COPY: an approved base for each member
 * paying on one (teachers, retirees), a bill for each of the twelve months before this one charged by the
 * module's own rules, and a payment for each quarter paid (about 19 in 20), in its first month. The running totals
 * ({@code dues_bill_tally}) and each member's 党费交至 ({@code dues_paid_up_to}) follow by the table's own triggers, which
 * fire for COPY as for any insert (or are written below when a superuser skips them). This month's bills are the
 * billing job's, which runs at start.
 */
@Component
class ProvinceDues {

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final DuesRules rules;

	ProvinceDues(JdbcTemplate jdbc, DataSource dataSource, DuesRules rules) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.rules = rules;
	}

	record Bill(long memberId, long organizationId, YearMonth month, DuesRules.Charge charge, long ruleVersion,
			Long paymentId, LocalDate paidOn, String payer) {
	}

	/** Whether bill {@code i} is paid with bill {@code before}: the same member, the same quarter, both paid. */
	private static boolean sameQuarter(List<Bill> bills, int before, int i) {
		if (before < 0) {
			return false;
		}
		Bill a = bills.get(before);
		Bill b = bills.get(i);
		// a member's quarter is paid on one day, a day of its own
		return a.memberId() == b.memberId() && a.paymentId() != null && b.paymentId() != null
				&& a.paidOn().equals(b.paidOn());
	}

	/** Writes the members' year inside the caller's transaction unless they have bills already; returns the bills. */
	@Transactional(propagation = Propagation.MANDATORY)
	long write(List<MemberSummary> members, LocalDate today, long seed) {
		if (members.isEmpty() || Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from dues_bill where member_id = any(?) and month < ?)", Boolean.class,
				members.stream().limit(100).map(MemberSummary::id).toArray(Long[]::new),
				java.sql.Date.valueOf(YearMonth.from(today).atDay(1))))) {
			return 0;
		}
		YearMonth first = YearMonth.from(today).minusMonths(12);
		Instant now = Instant.now();
		DuesRules.Version[] versions = new DuesRules.Version[12];
		for (int i = 0; i < 12; i++) {
			versions[i] = rules.versionFor(first.plusMonths(i));
		}
		List<Object[]> bases = new ArrayList<>();
		List<Bill> bills = new ArrayList<>();
		for (MemberSummary m : members) {
			Random random = new Random(seed * 13 + m.id());
			DuesCategory category = m.category() == Category.STUDENT ? DuesCategory.STUDENT
					: m.category() == Category.RETIREE ? DuesCategory.RETIRED : DuesCategory.IN_SERVICE;
			BigDecimal base = switch (category) {
				case IN_SERVICE -> BigDecimal.valueOf(4000 + random.nextInt(110) * 100L);
				case RETIRED -> BigDecimal.valueOf(3000 + random.nextInt(50) * 100L);
				default -> null;
			};
			if (base != null) {
				bases.add(new Object[] { m.id(), category.name(), base, first.atDay(1), "APPROVED", "生成省级数据", "system",
						now, "system", now });
			}
			// most pay a quarter at a time, in its first month; about one quarter in twenty stays unpaid
			boolean quarterPaid = false;
			LocalDate paidOn = null;
			for (int i = 0; i < 12; i++) {
				YearMonth month = first.plusMonths(i);
				if (i % 3 == 0) {
					quarterPaid = random.nextInt(20) > 0;
					paidOn = month.atDay(3 + random.nextInt(20));
				}
				if (YearMonth.from(m.joinDate()).isAfter(month)) {
					continue;
				}
				DuesRules.Version version = versions[i];
				DuesRules.Charge charge = rules.charge(version, category, base);
				boolean paid = charge.amount().signum() > 0 && quarterPaid;
				bills.add(new Bill(m.id(), m.organizationId(), month, charge, version.id(), paid ? 0L : null,
						paidOn, m.name()));
			}
		}
		// Twelve million bills: their foreign keys hold by construction (the members given, the payments below, the
		// rules in force), and checking them row by row would lock every member row a dozen times. A superuser skips
		// those checks — and with them the running totals' trigger, so the totals are added below from the rows
		// just written, as the trigger would have; anyone else has both done row by row.
		boolean unchecked = Boolean.TRUE.equals(jdbc.queryForObject(
				"select rolsuper from pg_roles where rolname = current_user", Boolean.class));
		if (unchecked) {
			jdbc.execute("set local session_replication_role = replica");
		}
		BulkCopy.copy(dataSource, "dues_base", List.of("member_id", "category", "base", "effective_from", "state", "note",
				"declared_by", "declared_at", "decided_by", "decided_at"), bases.iterator());
		// one payment for the paid bills of a member's quarter (the bills are in member and month order)
		int paying = 0;
		for (int i = 0; i < bills.size(); i++) {
			if (bills.get(i).paymentId() != null && !sameQuarter(bills, i - 1, i)) {
				paying++;
			}
		}
		List<Long> paymentIds = jdbc.queryForList("select nextval('dues_payment_id_seq') from generate_series(1, ?)",
				Long.class, paying);
		List<Long> receipts = jdbc.queryForList("select nextval('dues_receipt_seq') from generate_series(1, ?)", Long.class,
				paying);
		int next = -1;
		List<Object[]> payments = new ArrayList<>();
		for (int i = 0; i < bills.size(); i++) {
			Bill b = bills.get(i);
			if (b.paymentId() == null) {
				continue;
			}
			boolean more = sameQuarter(bills, i - 1, i);
			if (!more) {
				next++;
				payments.add(new Object[] { paymentIds.get(next),
						String.format("DF%d%08d", b.paidOn().getYear(), receipts.get(next)), b.memberId(), BigDecimal.ZERO,
						"CASH", b.paidOn(), b.payer(), b.memberId(), false, b.organizationId(), "system",
						b.paidOn().atTime(10, 0).atZone(PlatformZone.ZONE).toInstant() });
			}
			Object[] payment = payments.get(payments.size() - 1);
			payment[3] = ((BigDecimal) payment[3]).add(b.charge().amount());
			bills.set(i, new Bill(b.memberId(), b.organizationId(), b.month(), b.charge(), b.ruleVersion(),
					paymentIds.get(next), b.paidOn(), b.payer()));
		}
		BulkCopy.copy(dataSource, "dues_payment", List.of("id", "receipt_no", "member_id", "amount", "method", "paid_on",
				"payer_name", "payer_member_id", "special", "organization_id", "recorded_by", "recorded_at"),
				payments.iterator());
		payments.clear();
		BulkCopy.copy(dataSource, "dues_bill", List.of("member_id", "month", "organization_id", "category", "base", "amount",
				"rule_version_id", "state", "payment_id", "created_at"),
				bills.stream()
					.map(b -> new Object[] { b.memberId(), b.month().atDay(1), b.organizationId(), b.charge().category().name(),
							b.charge().base(), b.charge().amount(), b.ruleVersion(),
							b.paymentId() != null ? "PAID" : b.charge().amount().signum() == 0 ? "EXEMPT" : "UNPAID",
							b.paymentId(), b.month().atDay(1).atStartOfDay(PlatformZone.ZONE).toInstant() })
					.iterator());
		if (unchecked) {
			jdbc.execute("set local session_replication_role = origin");
			Long[] ids = members.stream().map(MemberSummary::id).toArray(Long[]::new);
			jdbc.update("""
					insert into dues_bill_tally as t (organization_id, month, state, relieved, bills, amount)
					select organization_id, month, state, relief_id is not null, count(*), sum(amount)
					from dues_bill where member_id = any(?) and month >= ? and month < ?
					group by 1, 2, 3, 4 order by 1, 2, 3, 4
					on conflict (organization_id, month, state, relieved)
					do update set bills = t.bills + excluded.bills, amount = t.amount + excluded.amount""",
					ids, java.sql.Date.valueOf(first.atDay(1)), java.sql.Date.valueOf(first.plusMonths(12).atDay(1)));
			// and each member's 党费交至, as its trigger would have kept it
			jdbc.query("select dues_paid_up_to_refresh(?)", (RowCallbackHandler) rs -> {
			}, (Object) ids);
		}
		return bills.size();
	}
}
