package cn.partybuilding.dues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Consecutive unpaid months (党章: six months without paying and without good reason), counted across
 * year ends and shortened by back-payment; warnings at 3, 5 and 6, each once, never a change of status.
 */
class DuesArrearsTest extends DuesTestBase {

	@Autowired
	DuesArrears arrears;

	DuesArrears.Arrears at(DuesFixtures.Person person, YearMonth current) {
		return arrears.compute(List.of(members.summary(person.id()).orElseThrow()), current).stream().findFirst().orElse(null);
	}

	@Test
	void theRunCrossesTheYearEndAndBackPaymentShortensIt() throws Exception {
		var person = student(LocalDate.of(2020, 9, 1));
		billed(person, YearMonth.of(2025, 10), YearMonth.of(2025, 11), YearMonth.of(2025, 12), YearMonth.of(2026, 1),
				YearMonth.of(2026, 2), YearMonth.of(2026, 3));
		// in March 2026: October to February unpaid, five in a row; March itself is not yet late
		var march = at(person, YearMonth.of(2026, 3));
		assertThat(march.consecutive()).isEqualTo(5);
		assertThat(march.since()).isEqualTo(YearMonth.of(2025, 10));
		assertThat(march.unpaidMonths()).isEqualTo(5);
		assertThat(march.owed()).isEqualByComparingTo("1.00");

		var branch1 = login("branch1");
		String reason = ", \"reason\": \"补交历史欠费，支委会同意\"";
		payOffline(branch1, person, reason, YearMonth.of(2025, 10), YearMonth.of(2025, 11)).andExpect(status().isCreated());
		var afterBackPay = at(person, YearMonth.of(2026, 3));
		assertThat(afterBackPay.consecutive()).isEqualTo(3);
		assertThat(afterBackPay.since()).isEqualTo(YearMonth.of(2025, 12));

		payOffline(branch1, person, reason, YearMonth.of(2026, 2)).andExpect(status().isCreated());
		var afterLatest = at(person, YearMonth.of(2026, 3));
		assertThat(afterLatest.consecutive()).isZero();
		assertThat(afterLatest.unpaidMonths()).isEqualTo(2);
	}

	@Test
	void aWaivedMonthEndsARunLikeAPaidOne() throws Exception {
		var person = student(LocalDate.of(2020, 9, 1));
		billed(person, YearMonth.of(2025, 11), YearMonth.of(2025, 12), YearMonth.of(2026, 1));
		jdbc.sql("update dues_bill set state = 'EXEMPT', amount = 0 where member_id = ? and month = ?")
			.params(person.id(), LocalDate.of(2025, 12, 1)).update();
		var feb = at(person, YearMonth.of(2026, 2));
		assertThat(feb.consecutive()).isEqualTo(1);
		assertThat(feb.unpaidMonths()).isEqualTo(2);
	}

	/** The schedule calls the job through its proxy: it ran read-only and its first delete failed every morning. */
	@Test
	void theDailyScheduledRunWritesItsWarnings() throws Exception {
		var person = student(LocalDate.of(2020, 9, 1));
		YearMonth now = now();
		billed(person, now.minusMonths(3), now.minusMonths(2), now.minusMonths(1));
		arrears.daily();
		assertThat(warned(person)).containsExactly(3);
	}

	@Test
	void warningsGoOutAtThreeFiveAndSixMonthsOnceEachAndNothingChangesByItself() throws Exception {
		var person = student(LocalDate.of(2020, 9, 1));
		String name = members.summary(person.id()).orElseThrow().name();
		YearMonth now = now();
		billed(person, now.minusMonths(3), now.minusMonths(2), now.minusMonths(1));
		arrears.warn();
		assertThat(warned(person)).containsExactly(3);
		assertThat(noticesFor("branch1", name)).isEqualTo(1);
		assertThat(noticesFor(person.username(), "已连续 3 个月")).isEqualTo(1);
		assertThat(noticesFor("college1", name)).isZero();
		arrears.warn();
		assertThat(noticesFor("branch1", name)).isEqualTo(1);

		billed(person, now.minusMonths(5), now.minusMonths(4));
		arrears.warn();
		assertThat(warned(person)).containsExactly(3, 5);
		assertThat(noticesFor("college1", name)).isEqualTo(1);

		billed(person, now.minusMonths(6));
		arrears.warn();
		assertThat(warned(person)).containsExactly(3, 5, 6);
		assertThat(noticesFor("branch1", "请支部研究处理")).isPositive();
		// flagged for the branch's decision: listed as such, and still a member as before
		mvc.perform(get("/api/v1/dues/arrears").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(login("branch1")))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")].level").value(Matchers.contains(6)))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")].consecutive").value(Matchers.contains(6)));
		assertThat(jdbc.sql("select status from member where id = ?").param(person.id()).query(String.class).single())
			.isEqualTo("FULL");

		// paying the two oldest months shortens the run to four: the levels above it are cleared, nobody is told again
		long told = noticesFor("branch1", name);
		payOffline(login("branch1"), person, "", now.minusMonths(6), now.minusMonths(5))
			.andExpect(status().isCreated());
		arrears.warn();
		assertThat(warned(person)).containsExactly(3);
		assertThat(noticesFor("branch1", name)).isEqualTo(told);
	}

	private List<Integer> warned(DuesFixtures.Person person) {
		return jdbc.sql("select threshold from dues_warning where member_id = ? order by threshold").param(person.id())
			.query(Integer.class).list();
	}

	/** The notices an account holds that mention the text (they arrive just after the commit). */
	private long noticesFor(String username, String text) throws InterruptedException {
		long until = System.currentTimeMillis() + 15_000; // the inbox is written after the commit, by an asynchronous listener
		long found = 0;
		while (System.currentTimeMillis() < until) {
			found = jdbc.sql("""
					select count(*) from notification n join account a on a.id = n.account_id
					where a.username = ? and (n.title like ? or n.body like ?)""")
				.params(username, "%" + text + "%", "%" + text + "%").query(Long.class).single();
			if (found > 0) {
				return found;
			}
			Thread.sleep(100);
		}
		return found;
	}
}
