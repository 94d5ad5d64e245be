package cn.partybuilding.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.member.MemberView;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.orglife.Attendee;
import cn.partybuilding.orglife.HeldMeeting;
import cn.partybuilding.orglife.MeetingType;
import cn.partybuilding.orglife.NewMeeting;
import cn.partybuilding.orglife.OrgLifeManagement;
import cn.partybuilding.orglife.Turnout;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/**
 * A lived year of 组织生活 for the demo university, recorded through orglife's façade as branches bring their
 * paper records (补录): for every branch, the meetings its frequency rules ask for over the last twelve months —
 * 支委会 and 主题党日 monthly, 支部党员大会 and 党课 quarterly, the 组织生活会 and 民主评议 once, 谈心谈话 with
 * nearly every member — with sign-in sheets (most on time, some late, some on leave, a few absent) and signed-off
 * minutes. Most branches are nearly complete, a few have gaps, and branch1's second 党小组 missed three months.
 * branch1 also has a meeting later today (the QR screen can be tried at once), one next week with a leave request
 * waiting, and one held three days ago whose minutes are still to be written; college1 has a college 党课 of last
 * week whose minutes wait too. Deterministic for a seed; one batch (one transaction) per branch.
 */
@Component
class OrgLifeDemo {

	private static final Logger log = LoggerFactory.getLogger(OrgLifeDemo.class);

	private static final String[] THEME_DAYS = { "学习贯彻党的二十大精神", "重温入党誓词", "参观革命纪念馆", "志愿服务进社区",
			"学习新修订的纪律处分条例", "七一主题党日：讲述入党故事", "学习习近平总书记重要讲话精神", "观看红色电影《觉醒年代》",
			"走访慰问困难党员", "国庆主题党日：我和我的祖国", "清廉校园建设专题学习", "宪法宣传日主题学习" };

	private static final String[] COMMITTEE = { "研究本月党建工作安排", "讨论发展对象人选", "研究主题党日方案", "讨论党费收缴情况",
			"研究组织生活会准备工作", "研究党员教育培训计划", "讨论入党积极分子培养情况", "研究支部年度工作总结" };

	private static final String[] LECTURES = { "书记讲党课：坚定理想信念", "党的创新理论专题党课", "党史学习教育专题党课",
			"师德师风专题党课" };

	private static final String[] ASSEMBLIES = { "讨论接收预备党员", "通报支部季度工作", "讨论预备党员转正", "选举出席上级党代会代表" };

	private static final String[] LEAVE = { "出差", "上课冲突", "病假", "参加学术会议", "家中有事" };

	private final OrgLifeManagement orglife;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	OrgLifeDemo(OrgLifeManagement orglife, AccountManagement accounts, MemberDirectory members, OrganizationScope scope) {
		this.orglife = orglife;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	/** {@code ids}: the demo's organisations as {@link DemoUniversity} numbers them ("JSJ", "JSJ-1", …). */
	void seed(Map<String, Long> ids, Instant now) {
		long started = System.nanoTime();
		LocalDate today = now.atZone(PlatformZone.ZONE).toLocalDate();
		Caller admin = accounts.callerFor("admin");
		Caller college1 = accounts.callerFor("college1");
		Caller branch1 = accounts.callerFor("branch1");
		Caller branch2 = accounts.callerFor("branch2");
		long jsj = ids.get("JSJ");
		long jsj1 = ids.get("JSJ-1");
		Set<Long> jsjBranches = scope.subtree(jsj);

		// branch1's two 党小组, six teachers each (编入党小组); member1 stays with the branch
		List<MemberSummary> jsj1Members = members.summaries(Set.of(jsj1)).stream()
			.sorted(Comparator.comparingLong(MemberSummary::id)).toList();
		long member1 = members.memberOfAccount(accounts.callerFor("member1").accountId()).orElseThrow();
		List<Long> groups = scope.findAll(scope.subtree(jsj1)).stream().filter(o -> o.type() == OrgType.GROUP)
			.sorted(Comparator.comparing(OrgRef::code)).map(OrgRef::id).toList();
		List<MemberSummary> teachers = jsj1Members.stream().filter(m -> m.id() != member1).toList();
		Map<Long, List<Long>> groupMembers = new HashMap<>();
		for (int g = 0; g < groups.size() && teachers.size() >= 6 * groups.size(); g++) {
			List<Long> in = new ArrayList<>();
			for (MemberSummary m : teachers.subList(g * 6, g * 6 + 6)) {
				members.placeInGroup(branch1, m.id(), groups.get(g));
				in.add(m.id());
			}
			groupMembers.put(groups.get(g), in);
		}

		// every member by branch (a 党小组's members with their branch)
		Map<Long, Long> branchOf = new HashMap<>();
		List<OrgRef> branches = new ArrayList<>();
		for (OrgRef o : scope.activeOfTypes(OrgType.BRANCH, OrgType.GROUP)) {
			if (o.type() == OrgType.BRANCH) {
				branchOf.put(o.id(), o.id());
				branches.add(o);
			}
		}
		for (OrgRef o : scope.activeOfTypes(OrgType.GROUP)) {
			if (o.parentId() != null && branchOf.containsKey(o.parentId())) {
				branchOf.put(o.id(), o.parentId());
			}
		}
		Map<Long, List<MemberSummary>> byBranch = new HashMap<>();
		for (MemberSummary m : members.allSummaries()) {
			Long b = branchOf.get(m.organizationId());
			if (b != null) {
				byBranch.computeIfAbsent(b, x -> new ArrayList<>()).add(m);
			}
		}
		branches.sort(Comparator.comparing(OrgRef::code));

		SplittableRandom random = new SplittableRandom(2026);
		YearMonth thisMonth = YearMonth.from(today);
		List<Batch> batches = new ArrayList<>();
		int n = 0;
		for (OrgRef branch : branches) {
			List<MemberSummary> people = byBranch.getOrDefault(branch.id(), List.of());
			if (people.size() < 3) {
				continue; // a branch still being formed has no year to show
			}
			people.sort(Comparator.comparingLong(MemberSummary::id));
			Caller organiser = branch.id() == jsj1 ? branch1 : branch.id() == ids.get("JX-1") ? branch2
					: jsjBranches.contains(branch.id()) ? college1 : admin;
			// a few branches (every ninth) let meetings slip; the others miss one now and then
			double skip = n++ % 9 == 4 ? 0.3 : 0.03;
			Year year = new Year(random, now, people, member1);
			for (int back = 12; back >= 1; back--) {
				YearMonth month = thisMonth.minusMonths(back);
				if (random.nextDouble() >= skip) {
					year.held(branch.id(), MeetingType.BRANCH_COMMITTEE, COMMITTEE[month.getMonthValue() % COMMITTEE.length],
							month.atDay(3 + random.nextInt(5)), year.committee());
				}
				if (random.nextDouble() >= skip) {
					year.held(branch.id(), MeetingType.THEME_DAY, THEME_DAYS[month.getMonthValue() - 1], month.atDay(15),
							year.everyone());
				}
				int quarterMonth = (month.getMonthValue() - 1) % 3;
				boolean firstInWindow = back == 12;
				if ((quarterMonth == 1 || firstInWindow && quarterMonth == 2) && random.nextDouble() >= skip / 2) {
					year.held(branch.id(), MeetingType.BRANCH_ASSEMBLY, ASSEMBLIES[(month.getMonthValue() - 1) / 3],
							month.atDay(20 + random.nextInt(5)), year.everyone());
				}
				if ((quarterMonth == 1 || firstInWindow && quarterMonth == 2) && random.nextDouble() >= skip / 2) {
					year.held(branch.id(), MeetingType.PARTY_LECTURE, LECTURES[(month.getMonthValue() - 1) / 3],
							month.atDay(10 + random.nextInt(3)), year.everyone());
				}
				if (month.getMonthValue() == 1) {
					year.held(branch.id(), MeetingType.ORG_LIFE_MEETING, (month.getYear() - 1) + "年度组织生活会",
							month.atDay(12), year.everyone());
					year.held(branch.id(), MeetingType.DEMOCRATIC_EVALUATION, (month.getYear() - 1) + "年度民主评议党员",
							month.atDay(12), year.everyone());
				}
				// 谈心谈话: the secretary talks with a few members each month
				year.talks(branch.id(), month, people.size() / 11 + 1);
			}
			for (Map.Entry<Long, List<Long>> group : groupMembers.entrySet()) {
				if (branchOf.get(group.getKey()) != branch.id()) {
					continue;
				}
				boolean second = group.getKey().equals(groups.get(groups.size() - 1));
				for (int back = 12; back >= 1; back--) {
					if (second && back >= 3 && back <= 5) {
						continue; // the second group's gap: three months without a 党小组会
					}
					YearMonth month = thisMonth.minusMonths(back);
					year.withSheet(group.getKey(), MeetingType.GROUP_MEETING, "党小组学习：" + THEME_DAYS[month.getMonthValue() - 1],
							month.atDay(8), year.attendance(group.getValue(), month.atDay(8)));
				}
			}
			if (branch.id() == jsj1) {
				// held three days ago: the sign-in sheet is in, the minutes are still to be written
				LocalDate held = today.minusDays(3);
				year.add(new HeldMeeting(jsj1, MeetingType.BRANCH_COMMITTEE, "研究年终党建述职准备工作", year.at(held, 14, 30),
						year.at(held, 16, 0), "计算机学院 302 会议室", null, year.attendance(year.committeeIds(), held), null, null, null));
			}
			// a few branches of one organiser per batch (one transaction each)
			Batch last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
			if (last == null || last.organiser() != organiser || last.branches() >= BRANCHES_PER_BATCH) {
				last = new Batch(organiser, new ArrayList<>(), new int[1]);
				batches.add(last);
			}
			last.meetings().addAll(year.meetings);
			last.count()[0]++;
		}

		int meetings = record(batches);

		// a college 党课 of last week by college1, its minutes still to be written
		LocalDate lastWeek = today.minusDays(6);
		List<Long> college = new ArrayList<>();
		byBranch.forEach((b, people) -> {
			if (jsjBranches.contains(b)) {
				people.forEach(p -> college.add(p.id()));
			}
		});
		Year collegeYear = new Year(random, now, List.of(), member1);
		orglife.recordHeld(college1, List.of(new HeldMeeting(jsj, MeetingType.PARTY_LECTURE, "学院党委书记讲党课：教育家精神",
				collegeYear.at(lastWeek, 14, 30), collegeYear.at(lastWeek, 16, 30), "学院报告厅", "李明",
				collegeYear.attendance(college, lastWeek), null, null, null)));

		// branch1: a meeting later today (check-in opens at once) and one next week, with a leave request
		Instant soon = now.plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
		orglife.plan(branch1, new NewMeeting(jsj1, MeetingType.THEME_DAY, "主题党日：学习全会精神", soon, soon.plus(Duration.ofHours(2)),
				"计算机学院 302 会议室", null, List.of()));
		LocalDate nextWeek = today.plusDays(7);
		long assembly = orglife.plan(branch1, new NewMeeting(jsj1, MeetingType.BRANCH_ASSEMBLY, "讨论接收预备党员",
				ZonedDateTime.of(nextWeek, LocalTime.of(14, 30), PlatformZone.ZONE).toInstant(),
				ZonedDateTime.of(nextWeek, LocalTime.of(16, 30), PlatformZone.ZONE).toInstant(), "计算机学院 302 会议室", null,
				List.of()));
		teachers.stream().skip(6L * groups.size()).findFirst().ifPresent(t -> {
			MemberView teacher = members.find(branch1, t.id());
			if (teacher.staffNumber() != null) {
				orglife.askForLeave(accounts.callerFor(teacher.staffNumber()), assembly, "当天在外地参加学术会议");
			}
		});
		log.info("Demo orglife: {} meetings held in the last year, 2 planned, in {} ms", meetings + 1,
				(System.nanoTime() - started) / 1_000_000);
	}

	private static final int BRANCHES_PER_BATCH = 8;

	/** Meetings of a few branches, recorded together by their organiser. */
	private record Batch(Caller organiser, List<HeldMeeting> meetings, int[] count) {

		int branches() {
			return count[0];
		}
	}

	/** The batches, two at a time (the database works on both while the next is prepared). */
	private int record(List<Batch> batches) {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> done = new ArrayList<>();
			for (Batch b : batches) {
				done.add(pool.submit(() -> orglife.recordHeld(b.organiser(), b.meetings()).size()));
			}
			int meetings = 0;
			for (Future<Integer> f : done) {
				meetings += f.get();
			}
			return meetings;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("demo meetings interrupted", e);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
		}
		finally {
			pool.shutdown();
		}
	}

	/** One branch's year being written: its meetings, with sign-in sheets drawn from {@code random}. */
	private static final class Year {

		final List<HeldMeeting> meetings = new ArrayList<>();

		private final SplittableRandom random;

		private final Instant now;

		private final List<MemberSummary> people;

		private final long member1;

		private int talked;

		Year(SplittableRandom random, Instant now, List<MemberSummary> people, long member1) {
			this.random = random;
			this.now = now;
			this.people = people;
			this.member1 = member1;
		}

		List<Long> everyone() {
			return people.stream().map(MemberSummary::id).toList();
		}

		/** The branch's committee: its first five full members (the demo has no seats recorded for most). */
		List<Long> committeeIds() {
			return people.stream().filter(p -> p.status() == MemberStatus.FULL).limit(5).map(MemberSummary::id).toList();
		}

		List<Long> committee() {
			return committeeIds();
		}

		void held(long orgId, MeetingType type, String topic, LocalDate day, List<Long> invited) {
			withSheet(orgId, type, topic, day, attendance(invited, day));
		}

		void withSheet(long orgId, MeetingType type, String topic, LocalDate day, List<Attendee> sheet) {
			Instant start = at(day, 14, 30);
			Instant end = start.plus(Duration.ofMinutes(type == MeetingType.BRANCH_COMMITTEE ? 60 : 90));
			if (!end.isBefore(now)) {
				return;
			}
			long came = sheet.stream().filter(a -> a.turnout() == Turnout.ON_TIME || a.turnout() == Turnout.LATE).count();
			String minutes = "会议由支部书记主持，应到 " + sheet.size() + " 人，实到 " + came + " 人。围绕“" + topic
					+ "”进行学习讨论，与会党员结合工作实际逐一发言，会议形成一致意见。";
			Instant signed = end.plus(Duration.ofDays(1 + random.nextInt(3)));
			add(new HeldMeeting(orgId, type, topic, start, end, "党员活动室", null, sheet, minutes, null,
					signed.isAfter(now) ? now : signed));
		}

		void add(HeldMeeting meeting) {
			if (meeting.endAt().isBefore(now)) {
				meetings.add(meeting);
			}
		}

		/** A few members talked with this month, in turn through the branch (nearly everyone by the year's end). */
		void talks(long orgId, YearMonth month, int count) {
			List<Attendee> sheet = new ArrayList<>();
			LocalDate day = month.atDay(18);
			Instant start = at(day, 16, 0);
			List<String> names = new ArrayList<>();
			for (int i = 0; i < count && talked < people.size() - 1; i++) {
				MemberSummary p = people.get(talked++);
				sheet.add(new Attendee(p.id(), Turnout.ON_TIME, start.minusSeconds(120), null));
				names.add(p.name());
			}
			if (sheet.isEmpty()) {
				return;
			}
			Instant signed = start.plus(Duration.ofDays(1));
			add(new HeldMeeting(orgId, MeetingType.TALK, "谈心谈话：" + String.join("、", names), start,
					start.plus(Duration.ofMinutes(30L * sheet.size())), "书记办公室", null, sheet,
					"与" + String.join("、", names) + "同志逐一谈心谈话，了解思想、工作和生活情况，听取对支部工作的意见建议。", null,
					signed.isAfter(now) ? now : signed));
		}

		/** Most on time, some late, some on approved leave, a few absent; member1 comes (now and then late). */
		List<Attendee> attendance(List<Long> invited, LocalDate day) {
			Instant start = at(day, 14, 30);
			List<Attendee> sheet = new ArrayList<>();
			Set<Long> seen = new HashSet<>();
			for (Long id : invited) {
				if (!seen.add(id)) {
					continue;
				}
				int dice = random.nextInt(100);
				if (id == member1) {
					dice = dice < 85 ? 0 : 87;
				}
				if (dice < 84) {
					sheet.add(new Attendee(id, Turnout.ON_TIME, start.minusSeconds(60 + random.nextInt(1200)), null));
				}
				else if (dice < 92) {
					sheet.add(new Attendee(id, Turnout.LATE, start.plusSeconds(60 + random.nextInt(1200)), null));
				}
				else if (dice < 97) {
					sheet.add(new Attendee(id, Turnout.ON_LEAVE, null, LEAVE[random.nextInt(LEAVE.length)]));
				}
				else {
					sheet.add(new Attendee(id, Turnout.ABSENT, null, null));
				}
			}
			return sheet;
		}

		Instant at(LocalDate day, int hour, int minute) {
			return ZonedDateTime.of(day, LocalTime.of(hour, minute), PlatformZone.ZONE).toInstant();
		}
	}
}
