package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;

/**
 * 预备期超期 per organisation is kept for a day (V131): the database moves the counts on every write to the members
 * — a 转正, a departure, a move to another branch, a join date corrected, a delete, by the platform's entities or by SQL
 * written by hand — and the job counts again when the day moves; at every step the kept count equals a recount, and
 * the home page's 待办 reads the same lines from the kept counts as from the members (发展党员工作细则: the 预备期 is a
 * year, extended at most once by a year).
 */
class ProbationOverdueCountTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	AccountManagement accounts;

	@Autowired
	Members members;

	@Autowired
	ProbationOverdueCounts counts;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Clock clock;

	@Test
	@DisplayName("预备期超期 (发展党员工作细则: 预备期 a year, extended once at most): the kept count follows 转正, departure, moves, corrections and deletes, and equals a recount")
	void theKeptCountFollowsEveryWrite() {
		LocalDate day = ProbationOverdueCounts.overdueIfJoinedBefore(LocalDate.now(clock));
		counts.moveTo(day);
		Caller admin = accounts.callerFor("admin");
		long ltx = orgId("SFDX-LTX");
		String code = unique("SFDX-LTX-P");
		OrgRef one = tree.create(admin, new NewOrganization(ltx, code, "超期计数党支部" + code, OrgType.BRANCH));
		OrgRef two = tree.create(admin, new NewOrganization(ltx, code + "-2", "超期计数第二党支部" + code, OrgType.BRANCH));
		TransactionTemplate tx = new TransactionTemplate(transactionManager);
		try {
			// in branch one: four 预备党员 past their 预备期, one still within it, one 正式; in branch two one past it
			insert(code + "-0", one.id(), "PROBATIONARY", day.minusDays(1));
			insert(code + "-1", one.id(), "PROBATIONARY", day.minusYears(1));
			insert(code + "-2", one.id(), "PROBATIONARY", day.minusYears(3));
			insert(code + "-3", one.id(), "PROBATIONARY", day.minusDays(400));
			insert(code + "-4", one.id(), "PROBATIONARY", day);
			insert(code + "-5", one.id(), "FULL", day.minusYears(5));
			insert(code + "-6", two.id(), "PROBATIONARY", day.minusDays(10));
			assertKeptEqualsRecount(one, two, day, 4, 1);
			assertThat(toDos(one, two, day)).containsExactly(row(one, 4), row(two, 1));

			// 转正 by the platform's entity, and one by SQL
			tx.executeWithoutResult(s -> member(code + "-0").convert(LocalDate.now(clock)));
			jdbc.sql("update member set status = 'FULL', conversion_date = current_date where staff_number = ?").param(code + "-1").update();
			assertKeptEqualsRecount(one, two, day, 2, 1);

			// a departure, and a move to branch two (both by the entity)
			tx.executeWithoutResult(s -> member(code + "-2").depart(LocalDate.now(clock)));
			tx.executeWithoutResult(s -> member(code + "-3").moveTo(two.id()));
			assertKeptEqualsRecount(one, two, day, 0, 2);
			assertThat(toDos(one, two, day)).containsExactly(row(two, 2));

			// a join date corrected into the 预备期 and one out of it, and a move back, in one statement by SQL
			jdbc.sql("""
					update member set join_date = case staff_number when ? then ? else ? end,
					  organization_id = case staff_number when ? then ? else organization_id end
					where staff_number in (?, ?)""")
				.params(code + "-4", day.minusDays(1), day.plusDays(1), code + "-6", one.id(), code + "-4", code + "-6").update();
			assertKeptEqualsRecount(one, two, day, 1, 1);

			// a departure undone by SQL (a correction): counted again
			jdbc.sql("update member set departed_on = null where staff_number = ?").param(code + "-2").update();
			assertKeptEqualsRecount(one, two, day, 2, 1);

			// the next days, taken up by the job: counted again for each, then back to today
			for (LocalDate other : List.of(day.plusDays(2), day.minusYears(2), day)) {
				assertThat(counts.moveTo(other)).isTrue();
				assertKeptEqualsRecount(one, two, other, recount(one, other), recount(two, other));
			}
			assertThat(counts.moveTo(day)).as("the same day: nothing counted again").isFalse();

			// deleted by SQL
			jdbc.sql("delete from member where staff_number = ?").param(code + "-2").update();
			assertKeptEqualsRecount(one, two, day, 1, 1);

			// a day the job has not taken up: the 待办 counts the members themselves, and says the same
			LocalDate later = day.plusDays(400);
			assertThat(List.of(recount(one, later), recount(two, later))).isEqualTo(List.of(2L, 1L));
			assertThat(toDos(one, two, later)).containsExactly(row(one, 2), row(two, 1));
		}
		finally {
			jdbc.sql("delete from member where staff_number like ?").param(code + "-%").update();
			counts.moveTo(day);
		}
		assertThat(kept(one) + kept(two)).isZero();
	}

	private void insert(String staffNumber, long org, String status, LocalDate joined) {
		jdbc.sql("""
				insert into member (name, gender, ethnicity, birth_date, id_card_encrypted, id_card_hash, id_card_masked,
				  education, category, staff_number, organization_id, status, join_date)
				values (?, 'MALE', '汉族', date '1990-01-01', 'x', ?, '110101********0000', 'BACHELOR', 'STUDENT', ?, ?, ?, ?)""")
			.params("超期党员" + staffNumber.substring(staffNumber.length() - 1), staffNumber, staffNumber, org, status, joined)
			.update();
	}

	private Member member(String staffNumber) {
		long id = jdbc.sql("select id from member where staff_number = ?").param(staffNumber).query(Long.class).single();
		return members.findById(id).orElseThrow();
	}

	private void assertKeptEqualsRecount(OrgRef one, OrgRef two, LocalDate day, long inOne, long inTwo) {
		assertThat(jdbc.sql("select joined_before from member_probation_overdue_day").query(LocalDate.class).single())
			.isEqualTo(day);
		assertThat(List.of(kept(one), kept(two))).isEqualTo(List.of(recount(one, day), recount(two, day)))
			.isEqualTo(List.of(inOne, inTwo));
	}

	/** The home page's lines for the two branches: organisation and count, most first. */
	private List<Map.Entry<Long, Long>> toDos(OrgRef one, OrgRef two, LocalDate day) {
		return members.probationOverdueByOrganization(List.of(one.id(), two.id()), day, 5).stream()
			.map(r -> Map.entry((Long) r[0], ((Number) r[1]).longValue()))
			.toList();
	}

	private static Map.Entry<Long, Long> row(OrgRef org, long count) {
		return Map.entry(org.id(), count);
	}

	private long kept(OrgRef org) {
		return jdbc.sql("select coalesce(sum(members), 0) from member_probation_overdue where organization_id = ?")
			.param(org.id()).query(Long.class).single();
	}

	private long recount(OrgRef org, LocalDate day) {
		return jdbc.sql("""
				select count(*) from member where organization_id = ? and status = 'PROBATIONARY' and departed_on is null
				  and join_date < ?""").params(org.id(), day).query(Long.class).single();
	}
}
