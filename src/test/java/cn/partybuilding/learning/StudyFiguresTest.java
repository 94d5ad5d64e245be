package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The study figures: outlines finished over expected for the outlines due in the period, points per member. The
 * data lie in 2021, before anything of the demo, in branches made here.
 */
class StudyFiguresTest extends PlatformTest {

	@Autowired
	StudyFigures figures;

	@Autowired
	StudyOutlines outlines;

	@Autowired
	StudyPoints points;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	OrganizationTree tree;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	FigureOrgs orgs;

	@BeforeEach
	void setUp() {
		orgs = new FigureOrgs(tree, members, accounts);
	}

	long account(FigureOrgs.Person p) {
		return jdbc.sql("select account_id from member where id = ?").param(p.id()).query(Long.class).single();
	}

	long material() {
		return jdbc.sql("""
				select id from learning_material where kind = 'ARTICLE' and whole_school and withdrawn_at is null
				order by id limit 1""").query(Long.class).single();
	}

	void studied(FigureOrgs.Person p, long material, Instant at) {
		jdbc.sql("""
				insert into learning_progress (account_id, material_id, started_at, updated_at, finished_at)
				values (?, ?, ?, ?, ?) on conflict (account_id, material_id) do update set finished_at = excluded.finished_at""")
			.params(account(p), material, java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at))
			.update();
	}

	static Instant on(LocalDate day) {
		return ZonedDateTime.of(day, LocalTime.of(10, 0), PlatformZone.ZONE).toInstant();
	}

	@Test
	@DisplayName("每周学习纲要: completion is finished ÷ expected (member × outline) for the outlines due in the period; a finish counts at once")
	void outlineCompletionCountsMembersTimesOutlines() {
		long general = orgs.generalBranch(orgId("SFDX"));
		long a = orgs.branch(general, false);
		long b = orgs.branch(general, false);
		List<FigureOrgs.Person> inA = orgs.members(a, 3, LocalDate.of(2015, 1, 1));
		List<FigureOrgs.Person> inB = orgs.members(b, 2, LocalDate.of(2015, 1, 1));
		long material = material();
		// two of A already studied the material: publishing the outline credits them (record once)
		studied(inA.get(0), material, on(LocalDate.of(2021, 3, 1)));
		studied(inA.get(1), material, on(LocalDate.of(2021, 3, 1)));
		var caller = accounts.callerFor("admin");
		long outline = outlines.publish(caller, new StudyOutlines.NewOutline(a, "2021-W10", "考核测试纲要", "主题", List.of(material),
				List.of(), LocalDate.of(2021, 3, 12)), on(LocalDate.of(2021, 3, 8)), false).id();
		// the general branch's own outline reaches both branches
		long both = outlines.publish(caller, new StudyOutlines.NewOutline(general, "2021-W11", "考核测试总支纲要", "主题",
				List.of(material), List.of(), LocalDate.of(2021, 3, 19)), on(LocalDate.of(2021, 3, 15)), false).id();

		Period q1 = Period.parse("2021-Q1");
		Map<Long, Figures.Measured> m = figures.measure("learning.outlines", List.of(general, a, b), q1);
		// A: 2 of 3 for each outline; B: 0 of 2 for the general branch's
		assertThat(m.get(a).sourceArgs()).containsExactly(4, 6, 2);
		assertThat(m.get(a).value()).isEqualByComparingTo("0.6667");
		assertThat(m.get(b).sourceArgs()).containsExactly(0, 2, 1);
		assertThat(m.get(general).sourceArgs()).containsExactly(4, 8, 2);
		assertThat(m.get(general).sourceKey()).isEqualTo("figure.learning.outlines.source");

		List<Figures.Behind> behind = figures.behind("learning.outlines", general, q1);
		assertThat(behind).hasSize(2);
		assertThat(behind.get(0).args()).containsExactly("2021-W10", "考核测试纲要", "2021-03-12", 2, 3);
		assertThat(behind.get(0).href()).isEqualTo("/learning/outlines/" + outline + "?orgId=" + a);
		assertThat(behind.get(1).args()).containsExactly("2021-W11", "考核测试总支纲要", "2021-03-19", 2, 5);
		assertThat(behind.get(1).href()).isEqualTo("/learning/outlines/" + both + "?orgId=" + general);

		// a member of B finishes the material: both outlines that list it count for them at once
		FigureOrgs.Person late = inB.get(0);
		studied(late, material, on(LocalDate.of(2021, 3, 25)));
		tx.executeWithoutResult(s -> outlines.materialFinished(account(late), late.id(), material, on(LocalDate.of(2021, 3, 25))));
		assertThat(figures.measure("learning.outlines", List.of(b), q1).get(b).sourceArgs()).containsExactly(1, 2, 1);
		// no outline due in a quarter: nothing to count
		assertThat(figures.measure("learning.outlines", List.of(a), Period.parse("2021-Q3"))).isEmpty();
	}

	@Test
	@DisplayName("DOMAIN.md no personal leaderboard: points are per member of the subtree and behind them per month, never per person")
	void pointsPerMember() {
		long branch = orgs.branch(orgId("SFDX"), false);
		List<FigureOrgs.Person> people = orgs.members(branch, 4, LocalDate.of(2015, 1, 1));
		tx.executeWithoutResult(s -> {
			points.award(account(people.get(0)), LocalDate.of(2021, 5, 3), PointRule.ARTICLE_READ);
			points.award(account(people.get(0)), LocalDate.of(2021, 6, 3), PointRule.ARTICLE_READ);
			points.award(account(people.get(1)), LocalDate.of(2021, 6, 4), PointRule.ARTICLE_READ);
		});
		int may = jdbc.sql("select sum(points) from learning_points where account_id = ? and day = ?")
			.params(account(people.get(0)), LocalDate.of(2021, 5, 3)).query(Integer.class).single();
		int total = jdbc.sql("select sum(points) from learning_points where account_id = any(?) and day between ? and ?")
			.params(people.stream().map(this::account).toArray(Long[]::new), LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31))
			.query(Integer.class).single();
		Figures.Measured m = figures.measure("learning.points", List.of(branch), Period.parse("2021")).get(branch);
		assertThat(m.sourceArgs()).containsExactly((long) total, 4);
		assertThat(m.value()).isEqualByComparingTo(java.math.BigDecimal.valueOf(total).divide(java.math.BigDecimal.valueOf(4), 2,
				java.math.RoundingMode.HALF_UP));
		List<Figures.Behind> behind = figures.behind("learning.points", branch, Period.parse("2021"));
		assertThat(behind).extracting(bl -> bl.args().get(0)).containsExactly("2021-05", "2021-06");
		assertThat(behind.get(0).args().get(1)).isEqualTo(may);
		// the names of no one appear
		assertThat(behind).allSatisfy(bl -> assertThat(bl.args()).noneMatch(arg -> people.stream()
			.anyMatch(p -> p.name().equals(arg))));
		// a member who has since left, and a member of another branch: their points are not this branch's
		FigureOrgs.Person gone = orgs.members(branch, 1, LocalDate.of(2015, 1, 1)).get(0);
		long other = orgs.branch(orgId("SFDX"), false);
		FigureOrgs.Person elsewhere = orgs.members(other, 1, LocalDate.of(2015, 1, 1)).get(0);
		tx.executeWithoutResult(s -> {
			points.award(account(gone), LocalDate.of(2021, 7, 1), PointRule.ARTICLE_READ);
			points.award(account(elsewhere), LocalDate.of(2021, 7, 1), PointRule.ARTICLE_READ);
		});
		members.depart(gone.id(), LocalDate.of(2022, 1, 1));
		assertThat(figures.measure("learning.points", List.of(branch), Period.parse("2021")).get(branch).sourceArgs())
			.containsExactly((long) total, 4);
		assertThat(figures.measure("learning.points", List.of(other), Period.parse("2021")).get(other).sourceArgs())
			.containsExactly((long) jdbc.sql("select sum(points) from learning_points where account_id = ?").param(account(elsewhere))
				.query(Integer.class).single(), 1);
		// a branch without members: nothing to count
		assertThat(figures.measure("learning.points", List.of(orgs.branch(orgId("SFDX"), false)), Period.parse("2021")))
			.isEmpty();
	}

	@Autowired
	cn.partybuilding.organization.OrganizationScope scope;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

	@Autowired
	java.time.Clock clock;

	@Test
	@DisplayName("points per member read by the scope's own accounts (a branch, a college) or by the period's earners (a school, the province) are the same figures")
	void pointsReadByAccountOrByEarnersAreTheSame() {
		LocalDate last = jdbc.sql("select max(day) from learning_points").query(LocalDate.class).single();
		Period year = Period.parse(String.valueOf(last.getYear()));
		List<Long> all = jdbc.sql("select id from organization where dissolved_at is null order by id").query(Long.class).list();
		var byAccount = new StudyFigures(outlines, points, members, scope, jdbcTemplate, clock, Integer.MAX_VALUE);
		var byEarners = new StudyFigures(outlines, points, members, scope, jdbcTemplate, clock, -1);

		Map<Long, Figures.Measured> read = byAccount.measure("learning.points", all, year);
		assertThat(read).isEqualTo(byEarners.measure("learning.points", all, year));
		// the demo's year of study is in them: more than one organisation earned points
		assertThat(read.values().stream().filter(m -> m.value().signum() > 0).count()).isGreaterThan(1);
		// one branch alone reads the same as among all
		long branch = read.entrySet().stream().filter(e -> e.getValue().value().signum() > 0)
			.map(Map.Entry::getKey)
			.filter(id -> jdbc.sql("select type = 'BRANCH' from organization where id = ?").param(id).query(Boolean.class).single())
			.findFirst().orElseThrow();
		assertThat(byAccount.measure("learning.points", List.of(branch), year)).containsEntry(branch, read.get(branch));
	}
}
