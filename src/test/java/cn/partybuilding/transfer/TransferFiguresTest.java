package cn.partybuilding.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import cn.partybuilding.SubtreeFixtures;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;

/** The figures of transfers: the 口袋党员 a subtree answers for, and the days from a letter to its 回执. */
class TransferFiguresTest extends SubtreeFixtures {

	@Autowired
	TransferFigures figures;

	/** A letter out of the branch issued {@code issuedDaysAgo} days ago: ISSUED, or RECEIPTED on the day given. */
	long letter(long memberId, long branch, int issuedDaysAgo, LocalDate validUntil, LocalDate receiptOn) {
		return jdbc.sql("""
				insert into transfer (member_id, kind, state, from_org_id, to_org_name, letter_no, issued_at, valid_until,
				    receipt_no, receipt_on, crosses, reason, started_by, started_at, closed_at)
				values (?, 'OUTGOING', ?, ?, '某市某公司党委', ?, now() - make_interval(days => ?), ?, ?, ?, true, '工作调动', 'test',
				    now() - make_interval(days => ?), case when ? then now() end) returning id""")
			.params(memberId, receiptOn == null ? "ISSUED" : "RECEIPTED", branch, unique("FIGL"), issuedDaysAgo, validUntil,
					receiptOn == null ? null : unique("R"), receiptOn, issuedDaysAgo, receiptOn != null)
			.query(Long.class).single();
	}

	@Test
	@DisplayName("口袋党员 (this platform's rule): a branch answers for its members out of contact; a lapsed letter is the committee's")
	void pocketMembersCountWhereTheyAreAnsweredFor() throws Exception {
		College c = college();
		long silent = member(c.a(), "久未联系");
		jdbc.sql("insert into transfer_last_contact (member_id, last_at, how) values (?, ?, '签到')")
			.params(silent, java.sql.Timestamp.from(today().minusMonths(7).atTime(12, 0)
				.atZone(cn.partybuilding.shared.PlatformZone.ZONE).toInstant())).update();
		long root = orgId("SFDX");
		Map<Long, Figures.Measured> before = figures.measure(TransferFigures.POCKET, List.of(root), lastYear());
		long lettered = member(c.b(), "信已过期");
		letter(lettered, c.b(), 100, today().minusDays(1), null);

		Map<Long, Figures.Measured> m = figures.measure(TransferFigures.POCKET, List.of(c.a(), c.b(), c.id(), root), lastYear());
		assertThat(m.get(c.a()).value()).isEqualByComparingTo("1");
		assertThat(m.get(c.b()).value()).isEqualByComparingTo("0");
		assertThat(m.get(c.id()).value()).isEqualByComparingTo("1");
		assertThat(m.get(c.id()).sourceArgs()).containsExactly(1L, 0L);
		// the lapsed letter is the committee's to chase: counted at the top only
		assertThat(m.get(root).value()).isEqualByComparingTo(before.get(root).value().add(java.math.BigDecimal.ONE));

		List<Figures.Behind> behind = figures.behind(TransferFigures.POCKET, c.id(), lastYear());
		assertThat(behind).hasSize(1);
		assertThat(behind.get(0).messageKey()).isEqualTo("figure.transfer.pocket.line.NO_CONTACT");
		assertThat(behind.get(0).args().get(0)).isEqualTo("久未联系");
		assertThat(behind.get(0).args().get(2)).isEqualTo(today().minusMonths(7).toString());
		assertThat(behind.get(0).href()).isEqualTo("/transfers/pocket?orgId=" + c.id());

		// the secretary records a call: off at once
		long secretary = member(c.a(), "书记");
		long account = jdbc.sql("select account_id from member where id = ?").param(secretary).query(Long.class).single();
		jdbc.sql("insert into account_grant (account_id, role, organization_id) values (?, 'BRANCH_SECRETARY', ?)")
			.params(account, c.a()).update();
		String username = jdbc.sql("select username from account where id = ?").param(account).query(String.class).single();
		mvc.perform(post("/api/v1/members/{id}/contact", silent).with(login(username)).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"how\": \"电话联系\"}")).andExpect(status().isNoContent());
		assertThat(figures.measure(TransferFigures.POCKET, List.of(c.a()), lastYear()).get(c.a()).value()).isZero();
		assertThat(figures.behind(TransferFigures.POCKET, c.a(), lastYear())).isEmpty();
	}

	@Test
	@DisplayName("Transfer days: the average days from a letter's issue to its 回执, for 回执 of the period; none: absent")
	void daysFromTheLetterToItsReceipt() {
		College c = college();
		LocalDate today = today();
		long first = letter(member(c.a(), "转出甲"), c.a(), 30, today.plusDays(60), today.minusDays(10));
		letter(member(c.a(), "转出乙"), c.a(), 50, today.plusDays(40), today.minusDays(5));
		// a 回执 before the period does not count
		letter(member(c.a(), "转出丙"), c.a(), 800, today.minusDays(700), today.minusDays(780));
		// a letter still out has no days yet
		letter(member(c.b(), "在途"), c.b(), 10, today.plusDays(80), null);

		Map<Long, Figures.Measured> m = figures.measure(TransferFigures.DAYS, List.of(c.a(), c.b(), c.id()), lastYear());
		assertThat(m.get(c.a()).value()).isEqualByComparingTo("32.5");
		assertThat(m.get(c.a()).sourceArgs()).containsExactly(2L, new java.math.BigDecimal("32.5"));
		assertThat(m).doesNotContainKey(c.b());
		assertThat(m.get(c.id()).value()).isEqualByComparingTo("32.5");

		List<Figures.Behind> behind = figures.behind(TransferFigures.DAYS, c.a(), lastYear());
		assertThat(behind).hasSize(2);
		assertThat(behind.get(0).messageKey()).isEqualTo("figure.transfer.days.line");
		assertThat(behind.get(0).args()).containsExactly("转出甲", behind.get(0).args().get(1),
				today.minusDays(30).toString(), today.minusDays(10).toString(), 20);
		assertThat(behind.get(0).href()).isEqualTo("/transfers/" + first);
		assertThat(behind.get(0).ok()).isTrue();

		// a 回执 of the other branch comes back: both change at once
		letter(member(c.b(), "转出丁"), c.b(), 12, today.plusDays(78), today.minusDays(2));
		m = figures.measure(TransferFigures.DAYS, List.of(c.b(), c.id()), lastYear());
		assertThat(m.get(c.b()).value()).isEqualByComparingTo("10.0");
		assertThat(m.get(c.id()).value()).isEqualByComparingTo("25.0");
		// a period without any: absent everywhere; an unknown code: nothing
		assertThat(figures.measure(TransferFigures.DAYS, List.of(c.id()), new Period("old", today.minusYears(5),
				today.minusYears(4)))).isEmpty();
		assertThat(figures.measure("transfer.unknown", List.of(c.id()), lastYear())).isEmpty();
		assertThat(figures.behind("transfer.unknown", c.id(), lastYear())).isEmpty();
	}
}
