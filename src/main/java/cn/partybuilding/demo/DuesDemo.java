package cn.partybuilding.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.dues.BaseOnFile;
import cn.partybuilding.dues.DuesCategory;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.dues.PaymentMethod;
import cn.partybuilding.dues.PaymentOnFile;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.FieldProblem;

/**
 * Dues history for the demo university and the benchmark, a year lived on the platform: approved bases for
 * teachers and retirees, bills for the last months, and payments recorded through the payment path as a
 * university has them — most paid up, some a month or two behind, a few long in arrears — each in the
 * member's 纪实; and one hardship relief that branch1's branch proposed, waiting for college1. Deterministic
 * for a seed.
 */
@Component
class DuesDemo {

	private static final Logger log = LoggerFactory.getLogger(DuesDemo.class);

	private static final String[] IN_SERVICE_BASES = { "2800.00", "3600.00", "4500.00", "5200.00", "6800.00", "8500.00",
			"9600.00", "12000.00", "15000.00" };

	private static final String[] RETIRED_BASES = { "3200.00", "4800.00", "5600.00", "7000.00" };

	private final MemberDirectory members;

	private final DuesManagement dues;

	private final AccountManagement accounts;

	private final OrganizationScope scope;

	DuesDemo(MemberDirectory members, DuesManagement dues, AccountManagement accounts, OrganizationScope scope) {
		this.members = members;
		this.dues = dues;
		this.accounts = accounts;
		this.scope = scope;
	}

	/**
	 * Bases, then bills for the months from {@code first} to {@code last}, then payments. {@code unpaid}
	 * fixes how many of the latest months some members still owe (the demo's member1 owes two, to pay them
	 * on the phone).
	 */
	@Transactional
	void seed(YearMonth first, YearMonth last, long seed, Map<Long, Integer> unpaid) {
		long started = System.nanoTime();
		SplittableRandom random = new SplittableRandom(seed);
		List<MemberSummary> all = members.allSummaries();
		List<BaseOnFile> bases = new ArrayList<>();
		for (MemberSummary m : all) {
			if (m.category() == Category.STUDENT) {
				continue; // students pay the fixed amount without a base
			}
			boolean retired = m.category() == Category.RETIREE;
			String[] choices = retired ? RETIRED_BASES : IN_SERVICE_BASES;
			bases.add(new BaseOnFile(m.id(),
					retired ? DuesCategory.RETIRED : m.category() == Category.OTHER ? DuesCategory.OTHER : DuesCategory.IN_SERVICE,
					new BigDecimal(choices[random.nextInt(choices.length)]), latest(first, YearMonth.from(m.joinDate()))));
		}
		dues.takeOverBases(bases, "演示数据");
		for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
			dues.openBills(m);
		}
		// the year's payments as the branches recorded them: each reaches the member's 纪实
		int paid = dues.recordPayments(payments(all, first, last, random, unpaid), "system");
		proposeRelief(last);
		log.info("Demo dues: {} bases, {} payments, 1 relief proposal in {} ms", bases.size(), paid,
				(System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * A teacher of branch1's branch in hardship: the branch proposes waiving the next six months; the
	 * proposal waits among college1's 待办.
	 */
	private void proposeRelief(YearMonth now) {
		scope.findByCode("SFDX-JSJ-01").ifPresent(branch -> members.summaries(Set.of(branch.id())).stream()
			.filter(m -> m.category() == Category.FACULTY)
			.min(Comparator.comparingLong(MemberSummary::id))
			.ifPresent(teacher -> {
				try {
					dues.proposeRelief(accounts.callerFor("branch1"), teacher.id(), now, now.plusMonths(5), BigDecimal.ZERO,
							"配偶重病住院，家庭收入大幅减少，经支委会研究，提请免交半年党费");
				}
				catch (FieldProblem alreadyWaiting) {
					// seeded again (the benchmark): the proposal waits already
				}
			}));
	}

	/**
	 * Each member's months paid one by one up to where they stopped, by the way their kind pays; every
	 * member is billed from {@code first} or the month they joined.
	 */
	private static List<PaymentOnFile> payments(List<MemberSummary> all, YearMonth first, YearMonth now, SplittableRandom random,
			Map<Long, Integer> unpaid) {
		List<PaymentOnFile> payments = new ArrayList<>();
		for (MemberSummary m : all) {
			int dice = random.nextInt(100);
			int owing = unpaid.containsKey(m.id()) ? unpaid.get(m.id())
					: dice < 45 ? 0 : dice < 88 ? 1 : dice < 94 ? 2 : 3 + random.nextInt(6);
			PaymentMethod method = m.category() == Category.STUDENT ? PaymentMethod.ONLINE
					: m.category() == Category.RETIREE ? PaymentMethod.CASH : PaymentMethod.BANK_TRANSFER;
			YearMonth stopped = now.minusMonths(owing);
			for (YearMonth month = latest(first, YearMonth.from(m.joinDate())); !month.isAfter(stopped); month = month.plusMonths(1)) {
				LocalDate paidOn = month.atDay(Math.min(28, 5 + random.nextInt(20)));
				payments.add(new PaymentOnFile(m.id(), List.of(month), method, paidOn,
						method == PaymentMethod.ONLINE ? "SBX-DEMO" : "演示"));
			}
		}
		return payments;
	}

	private static YearMonth latest(YearMonth a, YearMonth b) {
		return a.isAfter(b) ? a : b;
	}
}
