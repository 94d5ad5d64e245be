package cn.partybuilding.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.development.ApplicantRegistry;
import cn.partybuilding.development.NewFile;
import cn.partybuilding.development.PlannedStep;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The demo's 发展党员: about 300 people at every one of the 25 steps, most of them undergraduates, each file
 * entered from paper through {@link ApplicantRegistry#recordFile} — the development module's own rules, levels and
 * waiting times check every step, so a history that broke a rule would stop the demo. The dates lie in the past,
 * chosen so every waiting time holds; some next steps are possible today and some wait. Besides the generated
 * people, branch1's branch (SFDX-JSJ-01) has a 支部大会 vote waiting (steps 1–14 done), {@code applicant1} at the
 * activist stage (培养联系人 named), an overdue talk and a probationary member; elsewhere one 预备期 extended, one
 * cancelled and one 预审 returned and done again.
 */
@Component
class DevelopmentDemo {

	private static final Logger log = LoggerFactory.getLogger(DevelopmentDemo.class);

	/** A branch of the demo: its key in the demo's ids (JSJ-1), id, name, and whether it is branch1's college. */
	record Branch(String key, long id, String name, boolean branch1College) {
	}

	/**
	 * The last step done by the first person of a branch, branch after branch, until every step has someone (and a
	 * few more admitted and converted); the rest follow {@link #REACHED}.
	 */
	private static final int[] COVERAGE = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
			22, 23, 24, 25, 17, 20, 24, 25, 10 };

	/**
	 * The last step done by the others, by share (out of 100): mostly 入党申请人 and 积极分子, as at a university (and
	 * each step recorded through the rules costs the demo's start-up time).
	 */
	private static final int[] REACHED = spread(new int[] { 25, 25, 15, 5, 10, 15, 5 });

	private static final int THREADS = 8;

	private static final int FILES_A_TRANSACTION = 8;

	private final ApplicantRegistry registry;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final TransactionTemplate tx;

	DevelopmentDemo(ApplicantRegistry registry, AccountManagement accounts, MemberDirectory members,
			TransactionTemplate tx) {
		this.tx = tx;
		this.registry = registry;
		this.accounts = accounts;
		this.members = members;
	}

	private static int[] spread(int[] shares) {
		int[] reached = new int[100];
		int i = 0;
		for (int step = 1; step <= shares.length; step++) {
			for (int k = 0; k < shares[step - 1]; k++) {
				reached[i++] = step;
			}
		}
		return reached;
	}

	/** What a file is to show besides its steps. */
	private enum Twist {
		NONE, EXTENDED, CANCELLED, RETURNED
	}

	/** The people, the accounts acting for each level and the full members who can be named, for one load. */
	private final class Load {

		final String encoded = accounts.encode(DemoUniversity.DEMO_PASSWORD);

		final Caller admin = accounts.callerFor("admin");

		final Caller college1 = accounts.callerFor("college1");

		final Caller branch1 = accounts.callerFor("branch1");

		final Map<Long, List<Long>> full;

		final DemoMembers people = DemoMembers.forApplicants();

		final Random random = new Random(300);

		final LocalDate today;

		final long school;

		final List<Runnable> jobs = new ArrayList<>();

		int steps;

		Load(List<Branch> branches, long school, LocalDate today) {
			this.school = school;
			this.today = today;
			this.full = members.summaries(branches.stream().map(Branch::id).toList()).stream()
				.filter(m -> m.status() == MemberStatus.FULL)
				.collect(Collectors.groupingBy(MemberSummary::organizationId,
						Collectors.mapping(MemberSummary::id, Collectors.toList())));
		}

		/** One file: the person generated for the branch, planned up to {@code reached}, ending {@code slack} days ago. */
		void file(Branch branch, int reached, int slack, Twist twist, String staffNumber) {
			MemberForm person = people.next(branch.id(), branch.name(), today);
			int last = reached;
			List<PlannedStep> planned;
			while (true) {
				planned = plan(branch.id(), last, twist);
				long shift = ChronoUnit.DAYS.between(planned.get(planned.size() - 1).date(), today.minusDays(slack));
				planned = planned.stream().map(s -> shifted(s, shift)).toList();
				// ≥18 on the day of the application (step 1 is the file's own date)
				if (!planned.get(0).date().isBefore(person.birthDate().plusYears(18)) || last == 1) {
					break;
				}
				last--;
				twist = Twist.NONE;
			}
			boolean jsj01 = branch.key().equals("JSJ-1");
			Caller branchCaller = jsj01 ? branch1
					: new Caller(0, "system", "system", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, school)));
			Caller higher = branch.branch1College() ? college1 : admin;
			String staff = staffNumber == null ? person.staffNumber() : staffNumber;
			NewFile file = new NewFile(person.name(), person.gender(), person.ethnicity(), person.birthDate(),
					person.idCard(), staff, person.category(), person.education(), person.phone(), branch.id(),
					planned.get(0).date(), encoded, staffNumber == null);
			List<PlannedStep> rest = planned.subList(1, planned.size());
			jobs.add(() -> registry.recordFile(branchCaller, higher, admin, file, rest));
			steps += planned.size();
		}

		/**
		 * The files recorded a few to a transaction (fewer commits), by a few threads at once: each step waits
		 * mostly on the database, and the files do not touch each other.
		 */
		void record() {
			ExecutorService pool = Executors.newFixedThreadPool(THREADS);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int i = 0; i < jobs.size(); i += FILES_A_TRANSACTION) {
					List<Runnable> batch = jobs.subList(i, Math.min(jobs.size(), i + FILES_A_TRANSACTION));
					done.add(pool.submit(() -> tx.executeWithoutResult(status -> batch.forEach(Runnable::run))));
				}
				for (Future<?> f : done) {
					f.get();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			catch (ExecutionException e) {
				throw new IllegalStateException("a demo file broke a rule of the development module", e.getCause());
			}
			finally {
				pool.shutdownNow();
			}
		}

		/**
		 * Steps 1 to {@code last} dated from an arbitrary start (shifted afterwards, whole), each gap as offices
		 * take them and every waiting time kept with two days to spare (a shift never crosses a boundary).
		 */
		private List<PlannedStep> plan(long branchId, int last, Twist twist) {
			List<Long> fullHere = full.getOrDefault(branchId, List.of());
			if (fullHere.size() < 3) {
				throw new IllegalStateException("branch " + branchId + " has too few full members to develop anyone");
			}
			List<PlannedStep> planned = new ArrayList<>();
			Map<Integer, LocalDate> on = new HashMap<>();
			LocalDate day = LocalDate.of(2015, 3, 1).plusDays(random.nextInt(200));
			for (int step = 1; step <= last; step++) {
				day = switch (step) {
					case 1 -> day;
					case 2 -> day.plusDays(5 + random.nextInt(20));
					case 3 -> day.plusDays(60 + random.nextInt(90));
					case 6 -> day.plusDays(150 + random.nextInt(40));
					case 7 -> later(day, on.get(3).plusYears(1).plusDays(2)).plusDays(random.nextInt(30));
					case 10, 11 -> day.plusDays(10 + random.nextInt(20));
					case 13 -> day.plusDays(9 + random.nextInt(6)); // the 公示's 7 days run out first
					case 16 -> day.plusDays(5 + random.nextInt(15)); // 16 and 17 within 3 months of the vote
					case 17, 24 -> day.plusDays(10 + random.nextInt(30));
					case 21 -> day.plusDays(90 + random.nextInt(100));
					case 22 -> later(day, on.get(15).plusYears(1).minusDays(25)).plusDays(random.nextInt(10));
					case 23 -> later(day, on.get(15).plusYears(1).plusDays(2)).plusDays(random.nextInt(15));
					default -> day.plusDays(2 + random.nextInt(10));
				};
				on.put(step, day);
				if (twist == Twist.RETURNED && step == 13) {
					planned.add(PlannedStep.approved(13, day, null).returnedFor("公示期间收到群众反映，需进一步核实"));
					day = day.plusDays(10 + random.nextInt(10));
					on.put(step, day);
				}
				planned.add(step(step, day, fullHere, twist));
			}
			return planned;
		}

		private PlannedStep step(int step, LocalDate day, List<Long> fullHere, Twist twist) {
			int offset = random.nextInt(fullHere.size());
			return switch (step) {
				case 2 -> PlannedStep.approved(2, day, "支部委员谈话，了解入党动机和对党的认识");
				case 3 -> PlannedStep.approved(3, day, random.nextBoolean() ? "经党员推荐、支部委员会研究，确定为入党积极分子"
						: "经团支部推优、支部委员会研究，确定为入党积极分子");
				case 5 -> PlannedStep.approved(5, day, "指定培养联系人")
					.naming(List.of(fullHere.get(offset), fullHere.get((offset + 1) % fullHere.size())));
				case 6 -> PlannedStep.approved(6, day, "培养教育考察满半年，考察意见良好，按时递交思想汇报");
				case 7 -> PlannedStep.approved(7, day, "听取党小组、培养联系人和党员群众意见，支部委员会讨论确定为发展对象");
				case 9 -> PlannedStep.approved(9, day, "确定入党介绍人")
					.naming(List.of(fullHere.get(offset), fullHere.get((offset + 2) % fullHere.size())));
				case 10 -> PlannedStep.approved(10, day, "政治审查合格");
				case 11 -> PlannedStep.approved(11, day, "参加学校党校发展对象培训班，考核合格")
					.trained(random.nextBoolean() ? 3 : null, 24 + random.nextInt(9));
				case 12 -> PlannedStep.approved(12, day, "支部委员会审查合格，公示 7 天");
				case 14 -> PlannedStep.approved(14, day, "填写入党志愿书");
				case 15, 23 -> vote(step, day, fullHere.size());
				case 17 -> PlannedStep.approved(17, day, "上级党委审批同意，接收为预备党员");
				case 24 -> switch (twist) {
					case EXTENDED -> PlannedStep.approved(24, day, "预备期间表现不够突出，延长预备期六个月").extendedBy(6);
					case CANCELLED -> PlannedStep.approved(24, day, null).cancelledFor("预备期间不履行党员义务，经教育仍无转变");
					default -> PlannedStep.approved(24, day, "上级党委审批同意，按期转为正式党员");
				};
				default -> PlannedStep.approved(step, day, null);
			};
		}

		/** A 支部大会 that passes: most full members present, nearly all for, the absent writing their opinion. */
		private PlannedStep vote(int step, LocalDate day, int expected) {
			int present = expected - random.nextInt(Math.min(3, expected / 3) + 1);
			int no = random.nextInt(2);
			int abstain = present - no > expected / 2 + 1 ? random.nextInt(2) : 0;
			return PlannedStep.approved(step, day, step == 15 ? "支部大会讨论，同意接收为预备党员" : "支部大会讨论，同意按期转正")
				.voted(expected, present, present - no - abstain, no, abstain, expected - present, 0);
		}
	}

	private static LocalDate later(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static PlannedStep shifted(PlannedStep s, long days) {
		return new PlannedStep(s.step(), s.date().plusDays(days), s.note(), s.memberIds(), s.days(), s.hours(),
				s.expected(), s.present(), s.yes(), s.no(), s.abstain(), s.writtenYes(), s.writtenNo(), s.returned(),
				s.reason(), s.extensionMonths(), s.noticeFrom(), s.cancel());
	}

	/**
	 * Loads the files: per branch as many people as before (13 in an undergraduate branch, 7 in a graduate one, 1
	 * in a teachers' one), branch1's branch with its four, and the three twists in other branches.
	 */
	void seed(List<Branch> branches, long school, LocalDate today) {
		long started = System.nanoTime();
		Load load = new Load(branches, school, today);
		Random random = load.random;
		int covered = 0;
		for (Branch branch : branches) {
			if (branch.key().equals("JSJ-1")) {
				load.file(branch, 14, 3, Twist.NONE, null); // the 支部大会 vote waits for branch1
				load.file(branch, 5, 20, Twist.NONE, "applicant1"); // 积极分子, 培养联系人 named
				load.file(branch, 1, 40, Twist.NONE, null); // the talk is overdue
				load.file(branch, 20, 30, Twist.NONE, null); // a probationary member who took the oath
				continue;
			}
			String name = branch.name();
			int size = name.contains("本科") ? 13 : name.contains("研究生") || name.contains("硕士") ? 7
					: name.contains("退休") || name.contains("离休") || !name.contains("教工") ? 0 : 1;
			for (int i = 0; i < size; i++) {
				Twist twist = i > 0 ? Twist.NONE : switch (branch.key()) {
					case "JSJ-3" -> Twist.EXTENDED;
					case "JX-3" -> Twist.CANCELLED;
					case "JG-3" -> Twist.RETURNED;
					default -> Twist.NONE;
				};
				int reached = switch (twist) {
					case EXTENDED, CANCELLED -> 24;
					case RETURNED -> 16;
					case NONE -> i == 0 && covered < COVERAGE.length ? COVERAGE[covered++]
							: REACHED[random.nextInt(REACHED.length)];
				};
				// 16 and 23 wait for an approval that has to come within 3 months: recent; the rest up to two months ago
				int slack = reached == 1 ? random.nextInt(45)
						: reached == 15 || reached == 16 || reached == 23 ? random.nextInt(30) : random.nextInt(60);
				load.file(branch, reached, twist == Twist.EXTENDED ? 20 : slack, twist, null);
			}
		}
		load.record();
		// applicant1 keeps up with the 思想汇报; the others of branch1's branch owe theirs (the 待办 shows them)
		registry.handInOwedReports(accounts.callerFor("applicant1"),
				"本季度认真学习了党章和习近平新时代中国特色社会主义思想，对照党员标准查找了自己在学习和工作中的不足，今后将继续努力，争取早日加入党组织。");
		log.info("Demo development: {} people, {} steps in {} ms", load.jobs.size(), load.steps,
				(System.nanoTime() - started) / 1_000_000);
	}
}
