package cn.partybuilding.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.development.ApplicantRegistry;
import cn.partybuilding.development.NewFile;
import cn.partybuilding.dues.BaseOnFile;
import cn.partybuilding.dues.DuesCategory;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.dues.PaymentMethod;
import cn.partybuilding.dues.PaymentOnFile;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.orglife.Attendee;
import cn.partybuilding.orglife.HeldMeeting;
import cn.partybuilding.orglife.MeetingType;
import cn.partybuilding.orglife.OrgLifeManagement;
import cn.partybuilding.orglife.Turnout;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * The demo province's second school 示范学院 (SFXY), made after the university: its 党委, a college with two
 * branches, a few members with accounts, an applicant, a held meeting and three months of dues, each through the
 * modules' façades; its administrator {@code school2}, and {@code province}, the administrator of the 教育工委
 * above both schools. Nothing of the university is touched, so its figures stay as they were.
 */
@Component
class SecondSchoolDemo {

	private static final Logger log = LoggerFactory.getLogger(SecondSchoolDemo.class);

	private final OrganizationTree tree;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final DuesManagement dues;

	private final OrgLifeManagement orglife;

	private final ApplicantRegistry applicants;

	private final TransactionTemplate tx;

	SecondSchoolDemo(OrganizationTree tree, AccountManagement accounts, MemberDirectory members, DuesManagement dues,
			OrgLifeManagement orglife, ApplicantRegistry applicants, TransactionTemplate tx) {
		this.tree = tree;
		this.accounts = accounts;
		this.members = members;
		this.dues = dues;
		this.orglife = orglife;
		this.applicants = applicants;
		this.tx = tx;
	}

	void seed(long provinceId, Instant now) {
		long started = System.nanoTime();
		LocalDate today = now.atZone(PlatformZone.ZONE).toLocalDate();
		DemoMembers people = DemoMembers.forSecondSchool();
		String encoded = accounts.encode(DemoUniversity.DEMO_PASSWORD);
		List<Long> branches = tx.execute(status -> {
			Caller above = new Caller(0, "system", "system", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, provinceId)));
			OrgRef school = tree.create(above, new NewOrganization(provinceId, "SFXY", "示范学院党委", OrgType.COMMITTEE));
			OrgRef college = tree.create(above,
					new NewOrganization(school.id(), "SFXY-XX", "信息工程学院党总支", OrgType.GENERAL_BRANCH));
			OrgRef teachers = tree.create(above, new NewOrganization(college.id(), "SFXY-XX-01", "教工党支部", OrgType.BRANCH));
			OrgRef students = tree.create(above,
					new NewOrganization(college.id(), "SFXY-XX-02", "本科生党支部", OrgType.BRANCH));
			accounts.openPrepared("province", "周立新", DemoUniversity.DEMO_PASSWORD, false,
					List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, provinceId)));
			accounts.openPrepared("school2", "郑小萍", DemoUniversity.DEMO_PASSWORD, false,
					List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, school.id())));
			List<MemberForm> forms = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				forms.add(people.next(teachers.id(), "教工党支部", today));
			}
			for (int i = 0; i < 12; i++) {
				forms.add(people.next(students.id(), "本科生党支部", today));
			}
			members.registerInBulk(forms, "示范学院演示数据", encoded);
			return List.of(teachers.id(), students.id());
		});
		Caller school2 = accounts.callerFor("school2");
		List<MemberSummary> all = members.summaries(Set.copyOf(branches)).stream()
			.sorted(Comparator.comparingLong(MemberSummary::id)).toList();
		seedDues(all, YearMonth.from(today));
		seedMeeting(school2, branches.get(0), all, today);
		// an undergraduate who has applied to join, waiting for the branch's talk
		MemberForm person = people.next(branches.get(1), "本科生党支部", today);
		Caller branch = new Caller(0, "system", "system", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, branches.get(1))));
		tx.executeWithoutResult(status -> applicants.recordFile(branch, school2, school2,
				new NewFile(person.name(), person.gender(), person.ethnicity(), person.birthDate(), person.idCard(),
						person.staffNumber(), person.category(), person.education(), person.phone(), branches.get(1),
						today.minusMonths(1), encoded, false),
				List.of()));
		log.info("Demo second school 示范学院: {} members in {} ms", all.size(), (System.nanoTime() - started) / 1_000_000);
	}

	/** Teachers' bases, bills for the last three months, paid up to last month. */
	private void seedDues(List<MemberSummary> all, YearMonth thisMonth) {
		YearMonth first = thisMonth.minusMonths(2);
		List<BaseOnFile> bases = all.stream().filter(m -> m.category() != Category.STUDENT)
			.map(m -> new BaseOnFile(m.id(), DuesCategory.IN_SERVICE, new BigDecimal("6000.00"), first))
			.toList();
		dues.takeOverBases(bases, "演示数据");
		for (YearMonth m = first; !m.isAfter(thisMonth); m = m.plusMonths(1)) {
			dues.openBills(m);
		}
		List<PaymentOnFile> payments = new ArrayList<>();
		for (MemberSummary m : all) {
			PaymentMethod method = m.category() == Category.STUDENT ? PaymentMethod.ONLINE : PaymentMethod.BANK_TRANSFER;
			for (YearMonth month = first; month.isBefore(thisMonth); month = month.plusMonths(1)) {
				payments.add(new PaymentOnFile(m.id(), List.of(month), method, month.atDay(10), "演示"));
			}
		}
		dues.recordPayments(payments, "system");
	}

	/** Last month's 主题党日 of the teachers' branch, everyone there but one on leave. */
	private void seedMeeting(Caller school2, long branchId, List<MemberSummary> all, LocalDate today) {
		LocalDate day = today.minusMonths(1).withDayOfMonth(15);
		Instant start = day.atTime(14, 30).atZone(PlatformZone.ZONE).toInstant();
		Instant end = start.plus(Duration.ofMinutes(90));
		List<Attendee> sheet = new ArrayList<>();
		List<MemberSummary> invited = all.stream().filter(m -> m.organizationId() == branchId).toList();
		for (int i = 0; i < invited.size(); i++) {
			sheet.add(i == 0 ? new Attendee(invited.get(i).id(), Turnout.ON_LEAVE, null, "出差")
					: new Attendee(invited.get(i).id(), Turnout.ON_TIME, start.minus(Duration.ofMinutes(5)), null));
		}
		orglife.recordHeld(school2, List.of(new HeldMeeting(branchId, MeetingType.THEME_DAY, "主题党日：学习党章",
				start, end, "党员活动室", null, sheet, "会议由支部书记主持，全体党员学习党章并交流体会。", null,
				end.plus(Duration.ofDays(1)))));
	}
}
