package cn.partybuilding.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.account.MemberAccountOpening;
import cn.partybuilding.development.ApplicantRegistry;
import cn.partybuilding.development.NewFile;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.GeneratedOrganization;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.orglife.OrgLifeManagement;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.transfer.TransferManagement;

/**
 * A province for measurements: {@code --party.generate.province=true} makes a 教育工委 (above the demo university
 * when there is one) with {@code party.generate.schools} schools of 2 000–50 000 people summing to
 * {@code party.generate.members}, their colleges (党总支) and branches of at most 50, members with accounts,
 * and a year of activity written by each module's own generator. Deterministic for {@code party.generate.seed};
 * each school is written in one transaction, and a school already there is skipped, so starting again adds
 * nothing and an interrupted run resumes.
 */
@Component
@Order(110)
@ConditionalOnBooleanProperty("party.generate.province")
class ProvinceData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProvinceData.class);

	static final String ROOT_CODE = "JYGW";

	static final String ROOT_NAME = "示范省委教育工委";

	static final String PASSWORD = "Demo@2026";

	private static final int BRANCH_SIZE = 45;

	private static final String[] CITIES = { "江城", "汉江", "荆楚", "东湖", "南湖", "珞珈", "桂子", "晴川", "黄鹤", "龟山",
			"蛇山", "汤逊", "沙湖", "梁子", "洪山", "光谷", "鄂州", "云梦", "三峡", "神农" };

	private static final String[] KINDS = { "大学", "理工大学", "师范大学", "医科大学", "财经大学" };

	private static final String[] COLLEGES = { "马克思主义学院", "文学院", "历史学院", "哲学学院", "经济学院", "管理学院", "法学院",
			"外国语学院", "新闻学院", "数学学院", "物理学院", "化学学院", "生命科学学院", "计算机学院", "电子信息学院", "机械学院",
			"土木学院", "材料学院", "医学院", "药学院", "公共卫生学院", "教育学院", "艺术学院", "体育学院", "环境学院", "能源学院",
			"自动化学院", "航空学院", "农学院", "网络空间安全学院" };

	private final OrganizationTree tree;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final AccountManagement accounts;

	private final OrgLifeManagement orgLife;

	private final DuesManagement dues;

	private final TransferManagement transfers;

	private final ApplicantRegistry development;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int schools;

	private final int people;

	private final long seed;

	ProvinceData(OrganizationTree tree, OrganizationScope scope, MemberDirectory members, AccountManagement accounts,
			OrgLifeManagement orgLife, DuesManagement dues, TransferManagement transfers,
			ApplicantRegistry development, TransactionTemplate transactions, Clock clock, @Value("${party.generate.schools:100}") int schools,
			@Value("${party.generate.members:1000000}") int people, @Value("${party.generate.seed:2026}") long seed) {
		this.tree = tree;
		this.scope = scope;
		this.members = members;
		this.accounts = accounts;
		this.orgLife = orgLife;
		this.dues = dues;
		this.transfers = transfers;
		this.development = development;
		this.transactions = transactions;
		this.clock = clock;
		this.schools = schools;
		this.people = people;
		this.seed = seed;
	}

	/** One school as generated: its code, size and, per branch, the branch's code, name and headcount. */
	record School(int number, String code, String name, int size, List<GeneratedOrganization> organizations,
			List<Branch> branches) {
	}

	record Branch(String code, String name, int size) {
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		List<School> plan = plan();
		OrgRef root = transactions.execute(t -> tree.provinceRoot(ROOT_CODE, ROOT_NAME));
		int added = transactions.execute(t -> tree.addGenerated(plan.stream()
			.flatMap(s -> s.organizations().stream())
			.toList()));
		log.info("Province: root {} and {} new organisations in {} ms", root.code(), added, millis(started));

		long step = System.nanoTime();
		String hash = accounts.encode(PASSWORD);
		openAdministrators(root, plan);
		LocalDate today = LocalDate.now(clock);
		int made = 0;
		for (School school : plan) {
			if (members.countWithStaffNumberPrefix(String.format("PV%03d", school.number())) > 0) {
				continue;
			}
			made += transactions.execute(t -> writeMembers(school, hash, today));
			log.info("Province: {} members of {} written ({} ms so far)", school.size(), school.name(), millis(step));
		}
		log.info("Province: {} new members with accounts in {} ms", made, millis(step));

		step = System.nanoTime();
		long invitations = 0;
		long bills = 0;
		for (School school : plan) {
			Caller admin = accounts.callerFor(adminOf(school));
			List<MemberSummary> people = new ArrayList<>(
					members.summaries(scope.idsOfCodes(school.branches().stream().map(Branch::code).toList()).values()));
			people.sort(Comparator.comparingLong(MemberSummary::id));
			Map<Long, List<Long>> byBranch = new TreeMap<>();
			people.forEach(m -> byBranch.computeIfAbsent(m.organizationId(), k -> new ArrayList<>()).add(m.id()));
			long t0 = System.nanoTime();
			long i = transactions.execute(t -> orgLife.generateYear(byBranch, admin.accountId(), admin.username(), today, seed));
			long t1 = System.nanoTime();
			long b = transactions.execute(t -> dues.generateYear(people, today, seed));
			long t2 = System.nanoTime();
			int moved = transactions.execute(t -> transfers.generateYear(people, admin.username(), today, seed));
			long t3 = System.nanoTime();
			int applied = transactions.execute(t -> applicants(school, admin, hash, today));
			if (i + b + moved + applied > 0) {
				log.info("Province: {} — {} invitations in {} ms, {} dues bills in {} ms, {} transfers in {} ms, {} applicants in {} ms",
						school.name(), i, (t1 - t0) / 1_000_000, b, (t2 - t1) / 1_000_000, moved, (t3 - t2) / 1_000_000, applied,
						millis(t3));
			}
			invitations += i;
			bills += b;
		}
		log.info("Province: {} invitations and {} dues bills in {} ms", invitations, bills, millis(step));
		step = System.nanoTime();
		// the meetings were written with COPY: counted now for compliance, so the first report need not
		log.info("Province: {} signed-off meetings counted for compliance in {} ms", orgLife.countSignedOffMeetings(),
				millis(step));
		log.info("Province: generated in {} s", millis(started) / 1000);
	}

	private int writeMembers(School school, String hash, LocalDate today) {
		DemoMembers people = DemoMembers.forProvince(seed, school.number());
		List<MemberForm> forms = new ArrayList<>(school.size());
		var branchIds = scope.idsOfCodes(school.branches().stream().map(Branch::code).toList());
		for (Branch branch : school.branches()) {
			long branchId = branchIds.get(branch.code());
			for (int i = 0; i < branch.size(); i++) {
				forms.add(people.next(branchId, branch.name(), today));
			}
		}
		List<Long> accountIds = accounts.openGeneratedMemberAccounts(forms.stream()
			.map(f -> new MemberAccountOpening(f.staffNumber(), f.name(), f.organizationId()))
			.toList(), hash, "生成省级数据 " + school.name());
		return members.writeGenerated(forms, accountIds);
	}

	/**
	 * About one applicant for every 250 people of the school, at its student and teacher branches, who applied in
	 * the past year (入党申请, the pipeline's first step), each with an applicant account — through the development
	 * module's own registration of a paper file. Returns how many; none when the school has them already.
	 */
	private int applicants(School school, Caller admin, String hash, LocalDate today) {
		DemoMembers people = DemoMembers.forProvinceApplicants(seed, school.number());
		Random random = new Random(seed * 11 + school.number());
		List<Branch> branches = school.branches().stream().filter(b -> !b.name().contains("退休")).toList();
		Map<String, Long> ids = scope.idsOfCodes(branches.stream().map(Branch::code).toList());
		Caller branchSecretary = new Caller(0, "system", "system",
				List.of(new Caller.Grant(Role.BRANCH_SECRETARY, admin.grants().get(0).organizationId())));
		List<NewFile> files = new ArrayList<>();
		for (int n = 0; n < school.size() / 250; n++) {
			Branch branch = branches.get(random.nextInt(branches.size()));
			MemberForm p = people.next(ids.get(branch.code()), branch.name(), today);
			files.add(new NewFile(p.name(), p.gender(), p.ethnicity(), p.birthDate(), p.idCard(), p.staffNumber(),
					p.category(), p.education(), p.phone(), p.organizationId(), today.minusDays(30 + random.nextInt(300)),
					hash, false));
		}
		if (files.isEmpty() || !accounts.usernamesTaken(List.of(files.get(0).staffNumber())).isEmpty()) {
			return 0;
		}
		files.forEach(f -> development.recordFile(branchSecretary, admin, admin, f, List.of()));
		return files.size();
	}

	/** {@code province} at the root (unless the demo has it already) and {@code admin-<school code>} per school. */
	private void openAdministrators(OrgRef root, List<School> plan) {
		List<String> wanted = new ArrayList<>();
		wanted.add("province");
		plan.forEach(s -> wanted.add(adminOf(s)));
		Set<String> taken = accounts.usernamesTaken(wanted);
		if (!taken.contains("province")) {
			accounts.openPrepared("province", "省委教育工委管理员", PASSWORD, false,
					List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, root.id())));
		}
		var schoolIds = scope.idsOfCodes(plan.stream().map(School::code).toList());
		for (School s : plan) {
			if (!taken.contains(adminOf(s).toLowerCase())) {
				accounts.openPrepared(adminOf(s), s.name().replace("党委", "") + "管理员", PASSWORD, false,
						List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, schoolIds.get(s.code()))));
			}
		}
	}

	static String adminOf(School school) {
		return "admin-" + school.code().toLowerCase();
	}

	/** The whole province as the seed makes it: schools, their sizes, colleges and branches. */
	List<School> plan() {
		Random random = new Random(seed);
		int[] sizes = sizes(random);
		List<School> plan = new ArrayList<>(schools);
		for (int n = 1; n <= schools; n++) {
			int size = sizes[n - 1];
			String code = String.format("PS%03d", n);
			String name = CITIES[(n - 1) % CITIES.length] + KINDS[((n - 1) / CITIES.length) % KINDS.length]
					+ (n > CITIES.length * KINDS.length ? String.valueOf(n) : "") + "党委";
			List<GeneratedOrganization> orgs = new ArrayList<>();
			List<Branch> branches = new ArrayList<>();
			orgs.add(new GeneratedOrganization(code, name, OrgType.COMMITTEE, ROOT_CODE, n * 10));
			int retirees = Math.max(1, size / 20);
			int colleges = Math.max(1, Math.min(COLLEGES.length, size / 2000));
			int rest = size - retirees;
			for (int c = 0; c < colleges; c++) {
				int collegeSize = rest / colleges + (c < rest % colleges ? 1 : 0);
				String collegeCode = String.format("%s-C%02d", code, c + 1);
				String college = COLLEGES[c];
				orgs.add(new GeneratedOrganization(collegeCode, college + "党委", OrgType.GENERAL_BRANCH, code, (c + 1) * 10));
				int undergraduates = collegeSize * 55 / 100;
				int graduates = collegeSize * 25 / 100;
				int teachers = collegeSize - undergraduates - graduates;
				branchesOf(orgs, branches, collegeCode, college + "本科生", undergraduates, 0);
				branchesOf(orgs, branches, collegeCode, college + "研究生", graduates, 100);
				branchesOf(orgs, branches, collegeCode, college + "教工", teachers, 200);
			}
			String retiredCode = String.format("%s-R", code);
			orgs.add(new GeneratedOrganization(retiredCode, "离退休工作党委", OrgType.GENERAL_BRANCH, code, (colleges + 1) * 10));
			branchesOf(orgs, branches, retiredCode, "离退休", retirees, 0);
			plan.add(new School(n, code, name, size, orgs, branches));
		}
		return plan;
	}

	/** Branches of at most {@link #BRANCH_SIZE} for {@code count} people, sizes as even as they can be. */
	private static void branchesOf(List<GeneratedOrganization> orgs, List<Branch> branches, String parentCode, String kind,
			int count, int codeBase) {
		if (count <= 0) {
			return;
		}
		int n = (count + BRANCH_SIZE - 1) / BRANCH_SIZE;
		for (int b = 0; b < n; b++) {
			String code = String.format("%s-%03d", parentCode, codeBase + b + 1);
			String name = kind + "第" + (b + 1) + "党支部";
			orgs.add(new GeneratedOrganization(code, name, OrgType.BRANCH, parentCode, (codeBase + b + 1) * 10));
			branches.add(new Branch(code, name, count / n + (b < count % n ? 1 : 0)));
		}
	}

	/**
	 * School sizes from the seed: skewed (a few large universities, many small colleges), each between 2 000 and
	 * 50 000 (or an even share when the total is too small for that), summing to the total.
	 */
	int[] sizes(Random random) {
		int low = Math.min(2000, people / schools / 2);
		int high = Math.max(50_000, (people + schools - 1) / schools);
		double[] weights = new double[schools];
		for (int i = 0; i < schools; i++) {
			weights[i] = Math.exp(random.nextGaussian() * 0.9);
		}
		int[] sizes = new int[schools];
		boolean[] capped = new boolean[schools];
		while (true) {
			long fixed = 0;
			double free = 0;
			for (int i = 0; i < schools; i++) {
				if (capped[i]) {
					fixed += high;
				}
				else {
					free += weights[i];
				}
			}
			long spread = people - fixed - (long) low * count(capped, false);
			boolean changed = false;
			for (int i = 0; i < schools; i++) {
				if (!capped[i]) {
					sizes[i] = low + (int) (spread * weights[i] / free);
					if (sizes[i] > high) {
						capped[i] = true;
						changed = true;
					}
				}
				else {
					sizes[i] = high;
				}
			}
			if (!changed) {
				break;
			}
		}
		int sum = 0;
		int largest = 0;
		for (int i = 0; i < schools; i++) {
			sum += sizes[i];
			if (!capped[i] && (capped[largest] || sizes[i] > sizes[largest])) {
				largest = i;
			}
		}
		sizes[largest] += people - sum;
		return sizes;
	}

	private static int count(boolean[] flags, boolean value) {
		int n = 0;
		for (boolean f : flags) {
			n += f == value ? 1 : 0;
		}
		return n;
	}

	private static long millis(long since) {
		return (System.nanoTime() - since) / 1_000_000;
	}
}
