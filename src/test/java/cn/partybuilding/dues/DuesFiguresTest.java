package cn.partybuilding.dues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;

/** The dues figures: the collection rate counts bills due by today, arrears count runs at the warning level. */
class DuesFiguresTest extends DuesTestBase {

	static final String REASON = ", \"reason\": \"补交历史欠费，支委会同意\"";

	@Autowired
	DuesFigures figures;

	@Autowired
	DuesArrears arrears;

	@Autowired
	OrganizationTree tree;

	@Autowired
	DuesWarnings warnings;

	@Autowired
	cn.partybuilding.organization.OrganizationScope scope;

	FigureOrgs orgs;

	@BeforeEach
	void setUp() {
		orgs = new FigureOrgs(tree, members, accounts);
	}

	DuesFixtures.Person person(long orgId) {
		FigureOrgs.Person p = orgs.members(orgId, 1, LocalDate.of(2020, 1, 1)).get(0);
		return new DuesFixtures.Person(p.id(), p.username());
	}

	@Test
	@DisplayName("DOMAIN.md: the collection rate is bills paid ÷ bills due, not money, summed over a general branch; a payment counts at once")
	void theCollectionRateCountsBills() throws Exception {
		long general = orgs.generalBranch(orgId("SFDX"));
		long a = orgs.branch(general, false);
		long b = orgs.branch(general, false);
		var first = person(a);
		var second = person(a);
		var third = person(b);
		YearMonth jan = YearMonth.of(2024, 1);
		YearMonth feb = YearMonth.of(2024, 2);
		YearMonth mar = YearMonth.of(2024, 3);
		billed(first, jan, feb, mar);
		billed(second, jan, feb, mar);
		billed(third, jan, feb, mar);
		payOffline(login("admin"), first, REASON, jan, feb, mar).andExpect(status().isCreated());
		payOffline(login("admin"), third, REASON, jan).andExpect(status().isCreated());

		Period q1 = Period.parse("2024-Q1");
		Map<Long, Figures.Measured> rates = figures.measure("dues.collection", List.of(general, a, b), q1);
		assertThat(rates.get(a).sourceArgs()).containsExactly(3, 6);
		assertThat(rates.get(a).value()).isEqualByComparingTo("0.5");
		assertThat(rates.get(b).sourceArgs()).containsExactly(1, 3);
		assertThat(rates.get(general).sourceArgs()).containsExactly(4, 9);
		assertThat(rates.get(general).sourceKey()).isEqualTo("figure.dues.collection.source");
		// a month of the period with no bills at all: nothing to count
		assertThat(figures.measure("dues.collection", List.of(a), Period.parse("2024-05"))).isEmpty();

		// behind: the members with unpaid months, the most first, with a link to their dues
		List<Figures.Behind> behind = figures.behind("dues.collection", general, q1);
		assertThat(behind).hasSize(2);
		assertThat(behind.get(0).href()).isEqualTo("/dues/members/" + second.id());
		assertThat(behind.get(0).args()).containsExactly(members.summary(second.id()).orElseThrow().name(), 3,
				"2024-01, 2024-02, 2024-03");
		assertThat(behind.get(1).args()).containsExactly(members.summary(third.id()).orElseThrow().name(), 2,
				"2024-02, 2024-03");
		assertThat(behind).noneMatch(Figures.Behind::ok);

		payOffline(login("admin"), second, REASON, feb).andExpect(status().isCreated());
		assertThat(figures.measure("dues.collection", List.of(general), q1).get(general).sourceArgs()).containsExactly(5, 9);
	}

	@Test
	@DisplayName("Only months due by today count: this month's unpaid bill is not late yet, its paid bill counts as paid and due")
	void thisMonthCountsOnlyWhenPaid() throws Exception {
		long branch = orgs.branch(orgId("SFDX"), false);
		var unpaid = person(branch);
		var paid = person(branch);
		YearMonth current = now();
		billed(unpaid, current);
		billed(paid, current);
		Period thisMonth = Period.parse(current.toString());
		assertThat(figures.measure("dues.collection", List.of(branch), thisMonth)).isEmpty();
		payOffline(login("admin"), paid, "", current).andExpect(status().isCreated());
		assertThat(figures.measure("dues.collection", List.of(branch), thisMonth).get(branch).sourceArgs()).containsExactly(1, 1);
		assertThat(figures.behind("dues.collection", branch, thisMonth)).isEmpty();
	}

	@Test
	@DisplayName("The arrears figure of a school counts its own members and those its arrears warnings name, nothing of another school")
	void theArrearsFigureOfASchoolIsItsOwnCount() throws Exception {
		long branch = orgs.branch(orgId("SFDX"), false);
		var owing = person(branch);
		YearMonth current = now();
		for (int i = 1; i <= arrears.firstLevel(); i++) {
			billed(owing, current.minusMonths(i));
		}
		// a member who has left with months unpaid: in arrears no longer anywhere
		var gone = person(branch);
		for (int i = 1; i <= arrears.firstLevel(); i++) {
			billed(gone, current.minusMonths(i));
		}
		members.depart(gone.id(), current.atDay(1));
		long sfdx = orgId("SFDX");
		long sfxy = orgId("SFXY");
		// a small scope is read a batch at a time, a large one from the members in arrears anywhere: the same counts
		for (long root : new long[] { branch, sfdx, orgId("JYGW") }) {
			var subtree = scope.subtree(root);
			assertThat(warnings.owingAnywhere(subtree, current)).as("at " + root).isEqualTo(warnings.owingAmong(subtree, current, 7))
				.isEqualTo(warnings.owingIn(subtree, current));
		}
		assertThat(warnings.owingIn(scope.subtree(branch), current)).containsExactly(java.util.Map.entry(branch, 1));
		Period year = Period.parse(Integer.toString(current.getYear()));
		Map<Long, Figures.Measured> measured = figures.measure("dues.arrears", List.of(sfdx, sfxy), year);
		for (long school : new long[] { sfdx, sfxy }) {
			var subtree = scope.subtree(school);
			int total = members.summaries(subtree).size();
			int warned = warnings.raisedIn(subtree, current.atDay(1)).size();
			if (total == 0) {
				assertThat(measured).doesNotContainKey(school);
				continue;
			}
			assertThat(measured.get(school).sourceArgs()).as("school " + school).containsExactly(warned, arrears.firstLevel(), total);
		}
		assertThat(measured.get(sfdx).sourceArgs().get(0)).isNotEqualTo(0);
	}

	@Test
	@DisplayName("DOMAIN.md: a member who owes the warning level of months in a row (party.dues.warn-at) counts in arrears; fewer does not")
	void arrearsCountRunsAtTheWarningLevel() throws Exception {
		long branch = orgs.branch(orgId("SFDX"), false);
		var owing = person(branch);
		var shortRun = person(branch);
		person(branch); // paid up: nothing billed
		int level = arrears.firstLevel();
		YearMonth current = now();
		for (int i = 1; i <= level; i++) {
			billed(owing, current.minusMonths(i));
		}
		for (int i = 1; i < level; i++) {
			billed(shortRun, current.minusMonths(i));
		}
		Figures.Measured m = figures.measure("dues.arrears", List.of(branch), Period.parse(Integer.toString(current.getYear())))
			.get(branch);
		assertThat(m.value()).isEqualByComparingTo("1");
		assertThat(m.sourceArgs()).containsExactly(1, level, 3);
		List<Figures.Behind> behind = figures.behind("dues.arrears", branch, Period.parse(Integer.toString(current.getYear())));
		assertThat(behind).singleElement().satisfies(b -> {
			assertThat(b.href()).isEqualTo("/dues/members/" + owing.id());
			assertThat(b.args()).containsExactly(members.summary(owing.id()).orElseThrow().name(), level,
					current.minusMonths(level).toString(), level);
			assertThat(b.ok()).isFalse();
		});
		// paying the latest month ends the run: no one in arrears, at once
		payOffline(login("admin"), owing, REASON, current.minusMonths(1)).andExpect(status().isCreated());
		assertThat(figures.measure("dues.arrears", List.of(branch), Period.parse(Integer.toString(current.getYear()))).get(branch)
			.value()).isEqualByComparingTo("0");
		// a branch without members: nothing to count
		long empty = orgs.branch(orgId("SFDX"), false);
		assertThat(figures.measure("dues.arrears", List.of(empty), Period.parse("2024"))).isEmpty();
	}
}
