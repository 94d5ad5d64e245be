package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/** The compliance figures: each interval stands alone, summed over a general branch's branches, due by today. */
class ComplianceFiguresTest extends PlatformTest {

	static final String COMMITTEE = "orglife.compliance.BRANCH_COMMITTEE";

	static final String ASSEMBLY = "orglife.compliance.BRANCH_ASSEMBLY";

	static final String THEME_DAY = "orglife.compliance.THEME_DAY";

	@Autowired
	ComplianceFigures figures;

	@Autowired
	List<Figures> all;

	@Autowired
	OrgLifeManagement orglife;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MemberDirectory members;

	@Autowired
	OrganizationTree tree;

	@Autowired
	Clock clock;

	FigureOrgs orgs;

	Caller admin;

	@BeforeEach
	void setUp() {
		orgs = new FigureOrgs(tree, members, accounts);
		admin = accounts.callerFor("admin");
	}

	/** A meeting of the branch from {@code start}, one hour, everyone present, minutes signed off as it ended. */
	long held(long orgId, MeetingType type, Instant start, List<FigureOrgs.Person> invited) {
		Instant end = start.plus(Duration.ofHours(1));
		List<Attendee> sheet = invited.stream().map(p -> new Attendee(p.id(), Turnout.ON_TIME, start.minusSeconds(60), null)).toList();
		return orglife.recordHeld(admin, List.of(new HeldMeeting(orgId, type, "考核指标测试", start, end, null, null, sheet,
				"会议记录", null, end))).get(0);
	}

	static Instant on(LocalDate day) {
		return ZonedDateTime.of(day, LocalTime.of(14, 30), PlatformZone.ZONE).toInstant();
	}

	@Test
	@DisplayName("支部工作条例: a monthly meeting is required in each month — three 支委会 in January do not cover February and March")
	void aMonthlyMeetingIsRequiredInEachMonth() {
		long branch = orgs.branch(orgId("SFDX"), true);
		List<FigureOrgs.Person> people = orgs.members(branch, 3, LocalDate.of(2020, 1, 1));
		for (int day : new int[] { 5, 15, 25 }) {
			held(branch, MeetingType.BRANCH_COMMITTEE, on(LocalDate.of(2024, 1, day)), people);
		}
		Figures.Measured m = figures.measure(COMMITTEE, List.of(branch), Period.parse("2024-Q1")).get(branch);
		assertThat(m.value()).isEqualByComparingTo("0.3333");
		assertThat(m.sourceKey()).isEqualTo("figure.orglife.compliance.source");
		assertThat(m.sourceArgs()).containsExactly(1, 3);

		List<Figures.Behind> behind = figures.behind(COMMITTEE, branch, Period.parse("2024-Q1"));
		assertThat(behind).hasSize(3);
		assertThat(behind.get(0).ok()).isTrue();
		assertThat(behind.get(0).messageKey()).isEqualTo("figure.orglife.compliance.behind.held");
		assertThat(behind.get(0).args()).last().isEqualTo("2024-01");
		assertThat(behind.subList(1, 3)).allSatisfy(b -> {
			assertThat(b.ok()).isFalse();
			assertThat(b.messageKey()).isEqualTo("figure.orglife.compliance.behind.missing");
			assertThat(b.href()).isEqualTo("/orglife/year?orgId=" + branch + "&year=2024");
		});
		assertThat(behind.get(2).args()).last().isEqualTo("2024-03");
	}

	@Test
	@DisplayName("支部工作条例: a general branch's figure sums its branches' intervals, each asked at once with the general branch")
	void aGeneralBranchSumsItsBranches() {
		long general = orgs.generalBranch(orgId("SFDX"));
		long a = orgs.branch(general, true);
		long b = orgs.branch(general, false);
		List<FigureOrgs.Person> inA = orgs.members(a, 2, LocalDate.of(2020, 1, 1));
		orgs.members(b, 2, LocalDate.of(2020, 1, 1));
		// 党员大会 quarterly: A holds one in Q1 and Q2, B none
		held(a, MeetingType.BRANCH_ASSEMBLY, on(LocalDate.of(2023, 2, 10)), inA);
		held(a, MeetingType.BRANCH_ASSEMBLY, on(LocalDate.of(2023, 5, 10)), inA);
		Map<Long, Figures.Measured> assembly = figures.measure(ASSEMBLY, List.of(general, a, b), Period.parse("2023"));
		assertThat(assembly.get(a).sourceArgs()).containsExactly(2, 4);
		assertThat(assembly.get(b).sourceArgs()).containsExactly(0, 4);
		assertThat(assembly.get(b).value()).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(assembly.get(general).sourceArgs()).containsExactly(2, 8);
		assertThat(assembly.get(general).value()).isEqualByComparingTo("0.25");
		// 支委会 only where a 支部委员会 exists: B (a 书记 alone) is exempt, not a gap
		Map<Long, Figures.Measured> committee = figures.measure(COMMITTEE, List.of(general, a, b), Period.parse("2023"));
		assertThat(committee).doesNotContainKey(b);
		assertThat(committee.get(a).sourceArgs()).containsExactly(0, 12);
		assertThat(committee.get(general).sourceArgs()).containsExactly(0, 12);
		assertThat(figures.behind(COMMITTEE, general, Period.parse("2023"))).hasSize(12).noneMatch(Figures.Behind::ok);
	}

	@Test
	@DisplayName("支部工作条例: an org with nothing required of a kind is absent — no 党小组 means no 党小组会, a month asks no quarterly meeting")
	void nothingRequiredIsAbsent() {
		long branch = orgs.branch(orgId("SFDX"), true);
		orgs.members(branch, 2, LocalDate.of(2020, 1, 1));
		assertThat(figures.measure("orglife.compliance.GROUP_MEETING", List.of(branch), Period.parse("2023"))).isEmpty();
		assertThat(figures.measure(ASSEMBLY, List.of(branch), Period.parse("2023-05"))).isEmpty();
		assertThat(figures.measure(COMMITTEE, List.of(branch), Period.parse("2023-05"))).containsKey(branch);
	}

	@Test
	@DisplayName("Only intervals due by today count: this month counts once a meeting is held in it, and the figure changes at once")
	void onlyIntervalsDueByTodayCount() {
		Instant now = clock.instant();
		ZonedDateTime start = now.minus(Duration.ofHours(2)).atZone(PlatformZone.ZONE);
		YearMonth thisMonth = YearMonth.now(clock.withZone(PlatformZone.ZONE));
		Assumptions.assumeTrue(YearMonth.from(start).equals(thisMonth), "not in the first two hours of a month");
		long branch = orgs.branch(orgId("SFDX"), false);
		List<FigureOrgs.Person> people = orgs.members(branch, 2, LocalDate.of(2020, 1, 1));
		Period year = Period.parse(Integer.toString(thisMonth.getYear()));
		int past = thisMonth.getMonthValue() - 1;

		Map<Long, Figures.Measured> before = figures.measure(THEME_DAY, List.of(branch), year);
		if (past == 0) {
			assertThat(before).isEmpty();
		}
		else {
			// the months over are due; this month, without a 主题党日 yet, is not a gap yet
			assertThat(before.get(branch).sourceArgs()).containsExactly(0, past);
			assertThat(figures.behind(THEME_DAY, branch, year)).hasSize(past);
		}
		// a 主题党日 held and signed off today: this month counts, as held and required
		held(branch, MeetingType.THEME_DAY, start.toInstant(), people);
		Figures.Measured after = figures.measure(THEME_DAY, List.of(branch), year).get(branch);
		assertThat(after.sourceArgs()).containsExactly(1, past + 1);
		assertThat(figures.behind(THEME_DAY, branch, year)).hasSize(past + 1).last()
			.satisfies(b -> assertThat(b.ok()).isTrue());
		// a period wholly in the future asks nothing yet
		assertThat(figures.measure(THEME_DAY, List.of(branch), Period.parse(Integer.toString(thisMonth.getYear() + 1))))
			.isEmpty();
	}

	@Test
	@DisplayName("Figure codes are unique across the modules; an unknown code answers an empty map and no lines")
	void codesAreUniqueAndUnknownCodesAnswerNothing() {
		long branch = orgId("SFDX-JSJ-01");
		Set<String> codes = new HashSet<>();
		for (Figures f : all) {
			for (Figures.Kind k : f.kinds()) {
				assertThat(codes.add(k.code())).as("code %s is unique", k.code()).isTrue();
				if (k.code().matches("(orglife|dues|learning|exam)\\..*")) {
					assertThat(k.nameKey()).isEqualTo("figure." + k.code());
				}
			}
			assertThat(f.measure("no.such.figure", List.of(branch), Period.parse("2024"))).isEmpty();
			assertThat(f.behind("no.such.figure", branch, Period.parse("2024"))).isEmpty();
		}
		assertThat(codes).contains(COMMITTEE, ASSEMBLY, THEME_DAY, "orglife.compliance.GROUP_MEETING", "dues.collection",
				"dues.arrears", "learning.outlines", "learning.points", "exam.participation", "exam.pass")
			.doesNotContain("orglife.compliance.OTHER");
	}

	@Test
	@DisplayName("All kinds of meeting together: held and required summed over every kind, talks (counted in people) aside")
	void allKindsTogetherSumEveryKindButTalks() {
		long college = orgId("SFDX-JSJ");
		Period year = Period.parse(Integer.toString(LocalDate.now(PlatformZone.ZONE).getYear() - 1));
		List<String> codes = figures.kinds().stream().map(Figures.Kind::code).toList();
		Map<String, Map<Long, Figures.Measured>> all = figures.measureAll(codes, List.of(college), year);
		int held = 0;
		int required = 0;
		for (String code : codes) {
			Figures.Measured m = all.get(code).get(college);
			if (m != null && !code.equals(ComplianceFigures.ALL) && !code.endsWith(".TALK")) {
				held += ((Number) m.sourceArgs().get(0)).intValue();
				required += ((Number) m.sourceArgs().get(1)).intValue();
			}
		}
		assertThat(required).isPositive();
		assertThat(all.get(ComplianceFigures.ALL).get(college).sourceArgs()).containsExactly(held, required);
		assertThat(figures.measure(ComplianceFigures.ALL, List.of(college), year).get(college).value())
			.isEqualByComparingTo(all.get(ComplianceFigures.ALL).get(college).value());
		assertThat(figures.behind(ComplianceFigures.ALL, orgId("SFDX-JSJ-01"), year)).isNotEmpty().hasSizeLessThanOrEqualTo(500);
	}
}
