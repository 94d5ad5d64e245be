package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.SubtreeFixtures;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;

/** The figure of development work on time: the regulation's deadlines, missed, counted per subtree. */
class DevelopmentFiguresTest extends SubtreeFixtures {

	@Autowired
	DevelopmentFigures figures;

	/** A file at the branch that applied on {@code applied}, with these approved steps (number, date) in order. */
	long person(long branch, String name, LocalDate applied, Object... steps) {
		long id = jdbc.sql("""
				insert into applicant (name, gender, birth_date, staff_number, category, organization_id, applied_on, stage,
				    stage_since, next_step)
				values (?, 'MALE', date '2000-01-01', ?, 'STUDENT', ?, ?, 'APPLICANT', ?, 2) returning id""")
			.params(name, unique("SFIGDEV"), branch, applied, applied).query(Long.class).single();
		step(id, branch, 1, applied);
		for (int i = 0; i < steps.length; i += 2) {
			step(id, branch, (Integer) steps[i], (LocalDate) steps[i + 1]);
		}
		return id;
	}

	void step(long person, long branch, int step, LocalDate on) {
		jdbc.sql("""
				insert into development_step (applicant_id, step, done_on, decision, organization_id, actor)
				values (?, ?, ?, 'APPROVED', ?, 'test')""").params(person, step, on, branch).update();
	}

	long value(Map<Long, Figures.Measured> measured, long org) {
		return measured.get(org).value().longValueExact();
	}

	@Test
	@DisplayName("发展党员工作细则: the talk is due within one month of the application — late the day after, not on the day")
	void theTalkIsDueWithinAMonthOfTheApplication() {
		College c = college();
		LocalDate today = today();
		long late = person(c.a(), "逾期谈话", today.minusMonths(1).minusDays(1));
		LocalDate onTheDay = today.minusMonths(1);
		person(c.a(), "当天到期", onTheDay);
		// at a month's end a month back and forth is not the same day: then that talk is late too
		long extra = onTheDay.plusMonths(1).isBefore(today) ? 1 : 0;
		person(c.a(), "按时谈话", today.minusMonths(2), 2, today.minusMonths(2).plusDays(20));
		long lateDone = person(c.b(), "逾期才谈", today.minusMonths(3), 2, today.minusMonths(2).plusDays(5));
		// a file closed (withdrawn) no longer waits for its talk
		long closed = person(c.b(), "已撤回", today.minusMonths(4));
		jdbc.sql("update applicant set closed = 'WITHDRAWN' where id = ?").param(closed).update();

		Map<Long, Figures.Measured> m = figures.measure(DevelopmentFigures.OVERDUE, List.of(c.a(), c.b(), c.id()), lastYear());
		assertThat(value(m, c.a())).isEqualTo(1 + extra);
		assertThat(value(m, c.b())).isEqualTo(1);
		assertThat(value(m, c.id())).isEqualTo(2 + extra);
		assertThat(m.get(c.id()).sourceKey()).isEqualTo("figure.development.overdue.source");
		assertThat(m.get(c.id()).sourceArgs()).containsExactly(1L + extra, 1L);
		jdbc.sql("delete from development_step where applicant_id in (select id from applicant where name = '当天到期' and organization_id = ?)")
			.param(c.a()).update();
		jdbc.sql("delete from applicant where name = '当天到期' and organization_id = ?").param(c.a()).update();

		List<Figures.Behind> behind = figures.behind(DevelopmentFigures.OVERDUE, c.id(), lastYear());
		assertThat(behind).extracting(Figures.Behind::messageKey)
			.containsExactlyInAnyOrder("figure.development.overdue.open.2", "figure.development.overdue.late.2");
		Figures.Behind open = behind.stream().filter(b -> b.messageKey().endsWith("open.2")).findFirst().orElseThrow();
		assertThat(open.href()).isEqualTo("/development/people/" + late);
		assertThat(open.args().get(0)).isEqualTo("逾期谈话");
		assertThat(open.args().get(1).toString()).contains("指标测试甲支部");
		assertThat(open.args().get(2)).isEqualTo(today.minusMonths(1).minusDays(1).plusMonths(1).toString());
		assertThat(open.ok()).isFalse();
		assertThat(behind.stream().filter(b -> b.messageKey().endsWith("late.2")).findFirst().orElseThrow().href())
			.isEqualTo("/development/people/" + lateDone);

		// the talk held today: no longer open but done late, at once
		step(late, c.a(), 2, today);
		Figures.Measured now = figures.measure(DevelopmentFigures.OVERDUE, List.of(c.a()), lastYear()).get(c.a());
		assertThat(now.value()).isEqualByComparingTo("1");
		assertThat(now.sourceArgs()).containsExactly(0L, 1L);
		assertThat(figures.behind(DevelopmentFigures.OVERDUE, c.a(), lastYear())).extracting(Figures.Behind::messageKey)
			.containsExactly("figure.development.overdue.late.2");
		// and a file moved to the other branch counts there
		jdbc.sql("update applicant set organization_id = ? where id = ?").params(c.b(), late).update();
		Map<Long, Figures.Measured> moved = figures.measure(DevelopmentFigures.OVERDUE, List.of(c.a(), c.b()), lastYear());
		assertThat(value(moved, c.a())).isZero();
		assertThat(value(moved, c.b())).isEqualTo(2);
	}

	@Test
	@DisplayName("发展党员工作细则: the 上级党委 approves within 3 months of the 支部大会, for admission and for 转正")
	void theApprovalsAreDueWithinThreeMonthsOfTheBranchMeeting() {
		College c = college();
		LocalDate today = today();
		LocalDate applied = today.minusYears(3);
		// admission voted 3 months and a day ago, not approved: overdue; voted exactly 3 months ago: due today, not yet
		person(c.a(), "预备审批逾期", applied, 2, applied.plusDays(5), 15, today.minusMonths(3).minusDays(1));
		LocalDate onTheDay = today.minusMonths(3);
		person(c.a(), "今日到期", applied, 2, applied.plusDays(5), 15, onTheDay);
		long extra = onTheDay.plusMonths(3).isBefore(today) ? 1 : 0;
		// 转正 voted, approved 4 months after: done late
		LocalDate voted = today.minusMonths(6);
		person(c.b(), "转正审批迟", applied, 2, applied.plusDays(5), 15, applied.plusMonths(13), 17,
				applied.plusMonths(14), 23, voted, 24, voted.plusMonths(4));
		// an extended 预备期: the first approval (the extension) on time, the second 支部大会 not yet approved
		LocalDate first = today.minusMonths(10);
		person(c.b(), "延长预备期", applied, 2, applied.plusDays(5), 15, applied.plusMonths(13), 17, applied.plusMonths(14),
				23, first, 24, first.plusMonths(1), 23, today.minusMonths(4));

		Map<Long, Figures.Measured> m = figures.measure(DevelopmentFigures.OVERDUE, List.of(c.a(), c.b()), lastYear());
		assertThat(value(m, c.a())).isEqualTo(1 + extra);
		assertThat(value(m, c.b())).isEqualTo(2);
		assertThat(figures.behind(DevelopmentFigures.OVERDUE, c.b(), lastYear())).extracting(Figures.Behind::messageKey)
			.containsExactlyInAnyOrder("figure.development.overdue.late.24", "figure.development.overdue.open.24");
		assertThat(figures.behind(DevelopmentFigures.OVERDUE, c.a(), lastYear())).extracting(Figures.Behind::messageKey)
			.contains("figure.development.overdue.open.17").hasSize(1 + (int) extra);
	}

	@Test
	@DisplayName("A step done late counts in the period its deadline fell in; one still open counts until it is done")
	void lateStepsCountInTheirDeadlinesPeriodOpenOnesUntilDone() {
		College c = college();
		LocalDate today = today();
		// due two years ago, done late a year and a half ago: not in the last year
		person(c.a(), "早已补办", today.minusYears(2).minusMonths(1), 2, today.minusYears(2).plusMonths(6));
		// due two years ago and still open: overdue now, so counted in the last year too
		person(c.a(), "长期未办", today.minusYears(2).minusMonths(1));
		Map<Long, Figures.Measured> m = figures.measure(DevelopmentFigures.OVERDUE, List.of(c.a()), lastYear());
		assertThat(value(m, c.a())).isEqualTo(1);
		// a period before that deadline counts neither
		Period before = new Period("old", today.minusYears(4), today.minusYears(3));
		assertThat(value(figures.measure(DevelopmentFigures.OVERDUE, List.of(c.a()), before), c.a())).isZero();
		// nothing for an unknown code
		assertThat(figures.measure("development.unknown", List.of(c.a()), lastYear())).isEmpty();
		assertThat(figures.behind("development.unknown", c.a(), lastYear())).isEmpty();
		assertThat(figures.kinds()).extracting(Figures.Kind::code).containsExactly("development.overdue");
		assertThat(m.get(c.a()).value()).isInstanceOf(BigDecimal.class);
	}
}
