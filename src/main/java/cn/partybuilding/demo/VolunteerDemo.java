package cn.partybuilding.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.volunteer.VolunteerManagement;
import cn.partybuilding.volunteer.VolunteerPlan;
import cn.partybuilding.volunteer.VolunteerShiftPlan;

/**
 * 志愿服务 of the demo: past activities with confirmed hours for many members (the school's 迎新 school-wide, the
 * computer college's weekly campus clean-up, another college's 社区服务), which publish their hours so the 纪实
 * fills; upcoming ones — a weekly visit to a home for the elderly member1 signed up for, a library shift that is
 * full with a waiting list, a sports-day shift that is full — and member1's certificate of this year's hours.
 */
@Component
class VolunteerDemo {

	private final VolunteerManagement volunteer;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	VolunteerDemo(VolunteerManagement volunteer, AccountManagement accounts, MemberDirectory members,
			OrganizationScope scope) {
		this.volunteer = volunteer;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	void seed(Map<String, Long> ids, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, PlatformZone.ZONE);
		Caller admin = accounts.callerFor("admin");
		Caller branch1 = accounts.callerFor("branch1");
		Caller member1 = accounts.callerFor("member1");
		long member1Account = member1.accountId();
		List<Long> computing = people(ids.get("JSJ"), 40, member1Account);
		List<Long> mechanical = people(ids.get("JX"), 20, member1Account);

		// past: the school's welcome of the freshmen, two shifts, people of both colleges
		List<Long> welcome = volunteer.publish(admin, new VolunteerPlan(ids.get("SFDX"), "新生报到迎新志愿服务", "校体育馆及各报到点",
				"引导新生报到、搬运行李、解答咨询。", "穿志愿者马甲，提前 15 分钟到场", "校团委 李老师 010-62780000", true,
				at(today.minusDays(40), 18), List.of(shift(today.minusDays(35), 8, 12, 30), shift(today.minusDays(35), 13, 17, 30))));
		enrolAndConfirm(admin, welcome.get(0), slice(computing, 0, 11), member1Account);
		enrolAndConfirm(admin, welcome.get(1), slice(mechanical, 0, 12), null);

		// past: the computer college's first branch cleans the campus every week, three weeks running
		List<VolunteerShiftPlan> weeks = new ArrayList<>();
		for (int w = 3; w >= 1; w--) {
			weeks.add(shift(today.minusDays(7L * w), 14, 16, 15));
		}
		List<Long> clean = volunteer.publish(branch1, new VolunteerPlan(ids.get("JSJ-1"), "校园环境清洁日", "东区宿舍及教学楼周边",
				"清理绿化带垃圾、整理共享单车。", "自带手套", "张伟 13900000001", false, at(today.minusDays(22), 12), weeks));
		for (int i = 0; i < clean.size(); i++) {
			enrolAndConfirm(branch1, clean.get(i), slice(computing, i * 5, i * 5 + 10), i == 0 ? member1Account : null);
		}
		// one of them came early to set up: the organiser changes the hours, with the reason
		volunteer.adjustHours(branch1, clean.get(0), member1Account, new BigDecimal("2.5"), "提前半小时到场准备工具");

		// past: another college's community service
		Caller branch2 = accounts.callerFor("branch2");
		List<Long> community = volunteer.publish(branch2, new VolunteerPlan(ids.get("JX-1"), "社区科普进楼宇", "学院路社区活动中心",
				"为社区居民讲解家用电器安全常识。", "", "刘洋", false, at(today.minusDays(16), 12),
				List.of(shift(today.minusDays(14), 9, 11, 10))));
		enrolAndConfirm(branch2, community.get(0), slice(mechanical, 5, 15), null);

		// upcoming: weekly visits for four weeks, member1 signed up for the first
		List<Long> elderly = volunteer.publish(branch1, new VolunteerPlan(ids.get("JSJ-1"), "阳光敬老院陪伴服务", "阳光敬老院",
				"陪老人聊天、读报，协助护理员打扫活动室。", "有耐心，能连续参加两次以上者优先", "张伟 13900000001", false,
				at(today.plusDays(2), 20), List.of(shift(today.plusDays(3), 9, 11, 8), shift(today.plusDays(10), 9, 11, 8),
						shift(today.plusDays(17), 9, 11, 8), shift(today.plusDays(24), 9, 11, 8))));
		volunteer.signUp(member1, elderly.get(0));
		slice(computing, 20, 24).forEach(a -> volunteer.enrol(branch1, elderly.get(0), a));

		// upcoming, school-wide: the library shift is full with two waiting; the sports day is full
		Caller college1 = accounts.callerFor("college1");
		List<Long> library = volunteer.publish(college1, new VolunteerPlan(ids.get("JSJ"), "图书馆古籍整理", "校图书馆古籍部",
				"协助馆员除尘、登记古籍。", "动作轻柔，需戴手套口罩", "图书馆 王老师", true, at(today.plusDays(4), 18),
				List.of(shift(today.plusDays(6), 14, 17, 3))));
		slice(computing, 25, 30).forEach(a -> volunteer.enrol(college1, library.get(0), a));
		List<Long> sports = volunteer.publish(admin, new VolunteerPlan(ids.get("SFDX"), "校运动会赛会服务", "田径场",
				"检录、计时、后勤保障。", "", "体育部 赵老师", true, at(today.plusDays(7), 18),
				List.of(shift(today.plusDays(9), 8, 12, 4))));
		slice(mechanical, 15, 19).forEach(a -> volunteer.enrol(admin, sports.get(0), a));

		// member1's certificate of this year's hours (from the first of January, or of the last twelve months)
		LocalDate from = today.minusDays(60).withDayOfYear(1);
		volunteer.certificate(member1, from, today);
	}

	/** Members with an account in the college's subtree (member1 left out: added where the demo says). */
	private List<Long> people(long collegeId, int n, long leaveOut) {
		return members.accountsIn(scope.subtree(collegeId)).stream().map(MemberAccount::accountId)
			.filter(a -> a != leaveOut).distinct().limit(n).toList();
	}

	private static List<Long> slice(List<Long> all, int from, int to) {
		return all.subList(Math.min(from, all.size()), Math.min(to, all.size()));
	}

	private void enrolAndConfirm(Caller by, long shiftId, List<Long> accountIds, Long also) {
		if (also != null) {
			volunteer.enrol(by, shiftId, also);
		}
		accountIds.forEach(a -> volunteer.enrol(by, shiftId, a));
		volunteer.confirmHours(by, shiftId);
	}

	private static VolunteerShiftPlan shift(LocalDate day, int fromHour, int toHour, int places) {
		Instant start = day.atTime(LocalTime.of(fromHour, 0)).atZone(PlatformZone.ZONE).toInstant();
		return new VolunteerShiftPlan(start, day.atTime(LocalTime.of(toHour, 0)).atZone(PlatformZone.ZONE).toInstant(),
				places);
	}

	private static Instant at(LocalDate day, int hour) {
		return day.atTime(LocalTime.of(hour, 0)).atZone(PlatformZone.ZONE).toInstant().truncatedTo(ChronoUnit.MINUTES);
	}
}
