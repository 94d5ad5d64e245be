package cn.partybuilding.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.organization.NewSeat;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.Position;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.training.OrganisedClass;
import cn.partybuilding.training.TrainingManagement;
import cn.partybuilding.training.TrainingSessionPlan;

/**
 * The 培训班 of the demo year: the school's 教工党支部书记 training class (five sessions, 36 学时, 32 required) for the
 * secretaries of the teacher branches. branch1's secretary 张伟 (a 双带头人) attended all of it and has this year's
 * hours; branch2's secretary 刘洋 attended two sessions and lacks them. The two secretaries are registered as members
 * of their branches (the seats name them), and a few more teacher branches get a sitting secretary, some of them
 * 双带头人, for the committee's chart.
 */
@Component
class TrainingDemo {

	private final TrainingManagement training;

	private final MemberDirectory members;

	private final OrganizationTree tree;

	private final AccountManagement accounts;

	TrainingDemo(TrainingManagement training, MemberDirectory members, OrganizationTree tree, AccountManagement accounts) {
		this.training = training;
		this.members = members;
		this.tree = tree;
		this.accounts = accounts;
	}

	void seed(Map<String, Long> ids, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, PlatformZone.ZONE);
		Caller admin = accounts.callerFor("admin");
		String encoded = accounts.encode(DemoUniversity.DEMO_PASSWORD);
		long zhang = members.registerPrepared(secretary("张伟", ids.get("JSJ-1"), "T-SEC-JSJ01", "19780512", Gender.MALE),
				encoded, false);
		long liu = members.registerPrepared(secretary("刘洋", ids.get("JX-1"), "T-SEC-JX01", "19820923", Gender.MALE),
				encoded, false);
		Caller system = new Caller(0, "system", "system", admin.grants());
		String[][] seats = { { "JG-1", "孙立新", "true" }, { "LX-1", "周文华", "false" }, { "HX-1", "吴海燕", "true" },
				{ "MKS-1", "郑国栋", "true" }, { "JSJ-2", "王晓东", "false" } };
		for (String[] seat : seats) {
			tree.appoint(system, ids.get(seat[0]),
					new NewSeat(Position.SECRETARY, seat[1], today.minusYears(1), null, Boolean.parseBoolean(seat[2])));
		}
		// five Saturdays before today, the last a week ago (the demo's year: early in January they fall in the last)
		List<TrainingSessionPlan> sessions = new ArrayList<>();
		String[] places = { "党校报告厅", "党校报告厅", "校史馆", "红色教育基地（现场教学）", "党校报告厅" };
		for (int i = 0; i < 5; i++) {
			LocalDate day = today.minusDays(7L * (5 - i) + 1);
			BigDecimal hours = i == 4 ? new BigDecimal("4") : new BigDecimal("8");
			Instant start = day.atTime(LocalTime.of(8, 30)).atZone(PlatformZone.ZONE).toInstant();
			sessions.add(new TrainingSessionPlan(start,
					start.plus(Duration.ofMinutes(hours.intValue() * 45L + (i == 4 ? 30 : 90))), places[i], hours));
		}
		OrganisedClass course = training.organise(admin, ids.get("SFDX"),
				today.getYear() + "年教工党支部书记“双带头人”培训班", new BigDecimal("32"), List.of(zhang, liu), sessions);
		course.sessionIds().forEach(session -> training.attend(admin, session, zhang));
		course.sessionIds().subList(0, 2).forEach(session -> training.attend(admin, session, liu));
	}

	private static MemberForm secretary(String name, long branchId, String staff, String birth, Gender gender) {
		String first17 = "110108" + birth + "071";
		return new MemberForm(name, gender, "汉族", LocalDate.parse(birth.substring(0, 4) + "-" + birth.substring(4, 6) + "-"
				+ birth.substring(6)), first17 + IdCardNumber.checkCharacter(first17), "北京", Education.DOCTORATE,
				Category.FACULTY, staff, "1390000" + birth.substring(4), branchId, MemberStatus.FULL,
				LocalDate.of(2005, 7, 1), LocalDate.of(2006, 7, 1), null);
	}
}
