package cn.partybuilding.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.NewSeat;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.Position;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * The demo university 示范大学: loaded once, into an empty database, when {@code party.demo} is true
 * (the default for the embedded database, never for an external one unless asked). It is built through
 * the modules' façades, as an office would build it: the tree, its committees, accounts, members,
 * applicants, a year of dues, of 组织生活 and of 学习, and some transfers. (Without the demo, account's first start makes the root
 * committee and the first administrators.)
 */
@Component
@Order(0)
class DemoUniversity implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoUniversity.class);

	static final String DEMO_PASSWORD = "Demo@2026";

	/** The code of the demo's root, the province's 教育工委 above the two schools. */
	static final String PROVINCE_CODE = "JYGW";

	/** College code, name, type, and its branches. */
	private record College(String code, String name, OrgType type, List<String> branches) {
	}

	private static final List<String> TEACHING = List.of("教工第一党支部", "教工第二党支部", "本科生第一党支部",
			"本科生第二党支部", "研究生第一党支部", "研究生第二党支部");

	private static final List<College> COLLEGES = List.of(
			new College("JSJ", "计算机科学与技术学院党委", OrgType.GENERAL_BRANCH, TEACHING),
			new College("JX", "机械工程学院党委", OrgType.GENERAL_BRANCH, TEACHING),
			new College("JG", "经济管理学院党委", OrgType.GENERAL_BRANCH, TEACHING),
			new College("WY", "外国语学院党总支", OrgType.GENERAL_BRANCH,
					List.of("教工党支部", "英语系本科生党支部", "日语系本科生党支部", "研究生党支部", "翻译硕士研究生党支部")),
			new College("WX", "文学院党总支", OrgType.GENERAL_BRANCH,
					List.of("教工党支部", "汉语言文学本科生党支部", "新闻传播本科生党支部", "研究生第一党支部", "研究生第二党支部")),
			new College("LX", "理学院党委", OrgType.GENERAL_BRANCH, TEACHING),
			new College("HX", "化学化工学院党委", OrgType.GENERAL_BRANCH, TEACHING),
			new College("MKS", "马克思主义学院党总支", OrgType.GENERAL_BRANCH,
					List.of("教工第一党支部", "教工第二党支部", "研究生党支部")),
			new College("JGDW", "机关党委", OrgType.GENERAL_BRANCH,
					List.of("党委办公室党支部", "组织部宣传部联合党支部", "教务处党支部", "学生工作部党支部", "后勤保障处党支部",
							"图书馆党支部", "财务处审计处联合党支部")),
			new College("LTX", "离退休工作党委", OrgType.GENERAL_BRANCH,
					List.of("离休干部党支部", "退休教工第一党支部", "退休教工第二党支部", "退休教工第三党支部", "退休教工第四党支部")));

	private final OrganizationTree tree;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final TransactionTemplate tx;

	private final Environment env;

	private final Clock clock;

	private final DevelopmentDemo development;

	private final DuesDemo dues;

	private final TransferDemo transfers;

	private final OrgLifeDemo orgLife;

	private final LearningDemo learning;

	private final TrainingDemo training;

	private final ExamDemo exams;

	private final ContentDemo content;

	private final VolunteerDemo volunteer;

	private final MailboxDemo mailbox;

	private final SurveyDemo surveys;

	private final AssessmentDemo assessment;

	private final EvaluationDemo evaluations;

	private final AssessmentWorkflowDemo assessmentWorkflow;

	private final AnalyticsDemo analytics;

	private final SecondSchoolDemo secondSchool;

	DemoUniversity(SecondSchoolDemo secondSchool, AnalyticsDemo analytics, AssessmentDemo assessment, AssessmentWorkflowDemo assessmentWorkflow, EvaluationDemo evaluations, VolunteerDemo volunteer, MailboxDemo mailbox, SurveyDemo surveys, ContentDemo content, ExamDemo exams, TrainingDemo training, LearningDemo learning, DuesDemo dues, TransferDemo transfers, OrgLifeDemo orgLife, OrganizationTree tree, AccountManagement accounts, MemberDirectory members,
			DevelopmentDemo development,
			OrganizationScope scope, TransactionTemplate tx, Environment env, Clock clock) {
		this.secondSchool = secondSchool;
		this.analytics = analytics;
		this.development = development;
		this.dues = dues;
		this.transfers = transfers;
		this.orgLife = orgLife;
		this.learning = learning;
		this.training = training;
		this.exams = exams;
		this.content = content;
		this.volunteer = volunteer;
		this.mailbox = mailbox;
		this.surveys = surveys;
		this.assessment = assessment;
		this.evaluations = evaluations;
		this.assessmentWorkflow = assessmentWorkflow;
		this.tree = tree;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
		this.tx = tx;
		this.env = env;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!scope.isEmpty() || !env.getProperty("party.demo", Boolean.class, false)) {
			return;
		}
		long started = System.nanoTime();
		Map<String, Long> ids = tx.execute(status -> loadDemo());
		loadMembers(ids, LocalDate.now(clock));
		// a year of study touches none of what follows: written meanwhile, on a connection of its own
		CompletableFuture<Void> study = CompletableFuture.runAsync(() -> learning.seed(ids, clock.instant()));
		loadDevelopment(ids, LocalDate.now(clock));
		transfers.seed(ids, LocalDate.now(clock));
		orgLife.seed(ids, clock.instant());
		training.seed(ids, clock.instant());
		exams.seed(ids, clock.instant());
		content.seed(ids, clock.instant());
		volunteer.seed(ids, clock.instant());
		mailbox.seed(ids, clock.instant());
		surveys.seed(ids, clock.instant());
		assessment.seed(ids, clock.instant());
		assessmentWorkflow.seed(ids, clock.instant());
		evaluations.seed(ids, clock.instant());
		secondSchool.seed(ids.get(PROVINCE_CODE), clock.instant());
		long waiting = System.nanoTime();
		study.join();
		log.info("Demo learning finished {} ms after the rest", (System.nanoTime() - waiting) / 1_000_000);
		analytics.seed(ids, clock.instant());
		log.info("Demo university 示范大学 loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
	}

	private Map<String, Long> loadDemo() {
		// the province's 教育工委 at the top, the university one of its schools (a second one follows the demo)
		OrgRef province = tree.establishRoot(PROVINCE_CODE, "示范省委教育工委");
		Caller above = new Caller(0, "system", "system", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, province.id())));
		OrgRef school = tree.create(above, new NewOrganization(province.id(), "SFDX", "示范大学党委", OrgType.COMMITTEE));
		// the demo is built as the school's 党委 would build it, through the same rules
		Caller system = new Caller(0, "system", "system", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, school.id())));
		Map<String, Long> ids = new HashMap<>();
		ids.put("SFDX", school.id());
		ids.put(PROVINCE_CODE, province.id());
		LocalDate today = LocalDate.now(clock);
		for (College college : COLLEGES) {
			OrgRef c = tree.create(system, new NewOrganization(school.id(), "SFDX-" + college.code(), college.name(), college.type()));
			ids.put(college.code(), c.id());
			int n = 1;
			for (String branch : college.branches()) {
				OrgRef b = tree.create(system,
						new NewOrganization(c.id(), String.format("SFDX-%s-%02d", college.code(), n), branch, OrgType.BRANCH));
				ids.put(college.code() + "-" + n, b.id());
				n++;
			}
		}
		long branch1 = ids.get("JSJ-1");
		tree.create(system, new NewOrganization(branch1, "SFDX-JSJ-01-G1", "第一党小组", OrgType.GROUP));
		tree.create(system, new NewOrganization(branch1, "SFDX-JSJ-01-G2", "第二党小组", OrgType.GROUP));
		tree.create(system, new NewOrganization(school.id(), "SFDX-ZS01", "校医院直属党支部", OrgType.BRANCH));

		// a committee whose term ends within 90 days, to show the 换届 warning
		LocalDate start = today.minusYears(3).plusDays(40);
		tree.appoint(system, branch1, new NewSeat(Position.SECRETARY, "张伟", start, null, true));
		tree.appoint(system, branch1, new NewSeat(Position.ORGANIZATION, "黄丽", start, null, false));
		tree.appoint(system, branch1, new NewSeat(Position.PUBLICITY, "周强", start, null, false));
		tree.appoint(system, ids.get("JX-1"), new NewSeat(Position.SECRETARY, "刘洋",
				today.minusYears(1), null, false));

		seed("admin", "王建国", Role.COMMITTEE_ADMIN, school.id());
		seed("college1", "李明", Role.GENERAL_BRANCH_ADMIN, ids.get("JSJ"));
		seed("branch1", "张伟", Role.BRANCH_SECRETARY, branch1);
		seed("branch2", "刘洋", Role.BRANCH_SECRETARY, ids.get("JX-1"));
		seed("reviewer", "吴芳", Role.CONTENT_REVIEWER, school.id());
		// the three separated administrators are the platform's, at the top of the tree (as FirstStart sets one up);
		// the audit log is the whole platform's record, and only an auditor at the top reads it
		seed("secadmin", "陈静", Role.SECURITY_ADMIN, province.id());
		seed("sysadmin", "赵磊", Role.SYSTEM_ADMIN, province.id());
		seed("auditor", "孙丽", Role.AUDITOR, province.id());
		return ids;
	}

	/**
	 * About 2 000 members spread over the branches as a university has them (students, teachers,
	 * retirees), written in one batch with one bcrypt for all their accounts, plus {@code member1} in
	 * branch1's branch and {@code member2} in branch2's.
	 */
	private void loadMembers(Map<String, Long> ids, LocalDate today) {
		String encoded = accounts.encode(DEMO_PASSWORD);
		DemoMembers people = new DemoMembers();
		long started = System.nanoTime();
		List<MemberForm> forms = new ArrayList<>();
		for (College college : COLLEGES) {
			for (int n = 1; n <= college.branches().size(); n++) {
				String branch = college.branches().get(n - 1);
				long branchId = ids.get(college.code() + "-" + n);
				boolean students = branch.contains("本科") || branch.contains("研究生") || branch.contains("硕士");
				int size = students ? 44 : branch.contains("退休") || branch.contains("离休") ? 32 : 27;
				for (int i = 0; i < size; i++) {
					forms.add(people.next(branchId, branch, today));
				}
			}
		}
		Map<Long, Integer> owing = tx.execute(status -> {
			members.registerInBulk(forms, "示范大学演示数据", encoded);
			long member1 = members.registerPrepared(withStaffNumber(ids.get("JSJ-1"), "member1", "赵红梅"), encoded, false);
			long member2 = members.registerPrepared(withStaffNumber(ids.get("JX-1"), "member2", "钱志强"), encoded, false);
			// member1 still owes this month and last, to pay them on the phone; member2 is paid up
			return Map.of(member1, 2, member2, 0);
		});
		YearMonth thisMonth = YearMonth.from(today);
		dues.seed(thisMonth.minusMonths(11), thisMonth, 2026, owing);
		log.info("Demo members: {} in {} ms", forms.size() + 2, (System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * About 300 people on their way to membership, at every one of the 25 steps, each file recorded through the
	 * development module's rules ({@link DevelopmentDemo}); most of them undergraduates, some graduate students
	 * and a few teachers.
	 */
	private void loadDevelopment(Map<String, Long> ids, LocalDate today) {
		List<DevelopmentDemo.Branch> branches = new ArrayList<>();
		for (College college : COLLEGES) {
			for (int n = 1; n <= college.branches().size(); n++) {
				String key = college.code() + "-" + n;
				branches.add(new DevelopmentDemo.Branch(key, ids.get(key), college.branches().get(n - 1),
						college.code().equals("JSJ")));
			}
		}
		development.seed(branches, ids.get("SFDX"), today);
	}

	private static MemberForm withStaffNumber(long branchId, String staff, String name) {
		Gender gender = name.equals("赵红梅") ? Gender.FEMALE : Gender.MALE;
		String first17 = "42010219800315" + (gender == Gender.FEMALE ? "022" : "031");
		String idCard = first17 + IdCardNumber.checkCharacter(first17);
		return new MemberForm(name, gender, "汉族", LocalDate.of(1980, 3, 15), idCard, "湖北武汉",
				Education.DOCTORATE, Category.FACULTY, staff, "13800000" + (gender == Gender.FEMALE ? "001" : "002"),
				branchId, MemberStatus.FULL, LocalDate.of(2003, 6, 1), LocalDate.of(2004, 6, 1), null);
	}

	private void seed(String username, String name, Role role, long orgId) {
		accounts.openPrepared(username, name, DEMO_PASSWORD, false, List.of(new Caller.Grant(role, orgId)));
	}

	@EventListener(ApplicationReadyEvent.class)
	void printWelcome() {
		String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
		boolean demo = scope.findByCode("SFDX").isPresent();
		StringBuilder text = new StringBuilder("\n\n  高校智慧党建平台 is running at http://localhost:" + port + "/\n");
		if (demo) {
			text.append("  Demo province 示范省委教育工委 with 示范大学 and 示范学院 — all demo accounts use the password ").append(DEMO_PASSWORD).append(":\n")
				.append("    province  教育工委管理员 (COMMITTEE_ADMIN, 示范省委教育工委: both schools)\n")
				.append("    school2   党委管理员 (COMMITTEE_ADMIN, 示范学院党委)\n")
				.append("    admin     党委管理员 (COMMITTEE_ADMIN, 示范大学党委)\n")
				.append("    college1  二级党委管理员 (GENERAL_BRANCH_ADMIN, 计算机科学与技术学院党委)\n")
				.append("    branch1   支部书记 (BRANCH_SECRETARY, 计算机学院 教工第一党支部)\n")
				.append("    branch2   支部书记 (BRANCH_SECRETARY, 机械工程学院 教工第一党支部)\n")
				.append("    secadmin  安全管理员 (SECURITY_ADMIN, 示范省委教育工委)\n")
				.append("    sysadmin  系统管理员 (SYSTEM_ADMIN, 示范省委教育工委)\n")
				.append("    auditor   审计员 (AUDITOR, 示范省委教育工委: the whole platform's audit log)\n")
				.append("    member1   党员 (MEMBER, 计算机学院 教工第一党支部)\n")
				.append("    member2   党员 (MEMBER, 机械工程学院 教工第一党支部)\n")
				.append("    applicant1 入党积极分子 (APPLICANT, 计算机学院 教工第一党支部)\n");
		}
		log.info(text.toString());
	}
}
