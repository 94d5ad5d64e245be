package cn.partybuilding.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.SubtreeFixtures;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;

/** The figure of volunteer hours per member, and the hours per organisation counted in one grouped query. */
class VolunteerFiguresTest extends SubtreeFixtures {

	@Autowired
	VolunteerFigures figures;

	@Autowired
	VolunteerHours hours;

	@Autowired
	VolunteerActivity activity;

	@Autowired
	OrganizationScope scope;

	private int arrival;

	long activity(long orgId, String title) {
		return jdbc.sql("""
				insert into volunteer_activity (organization_id, title, place, audience, sign_up_until, created_by_account,
				    created_by, created_at)
				values (?, ?, '校园', 'SUBTREE', now(), 1, 'test', now()) returning id""").params(orgId, title)
			.query(Long.class).single();
	}

	long shift(long activityId) {
		return jdbc.sql("""
				insert into volunteer_shift (activity_id, starts_at, ends_at, places) values (?, now() - interval '1 day',
				    now() - interval '1 day' + interval '3 hours', 50) returning id""").param(activityId).query(Long.class).single();
	}

	/** Hours confirmed for the member (at their organisation) on the day. */
	void served(long shiftId, long memberId, String hoursText, LocalDate day) {
		jdbc.sql("""
				insert into volunteer_signup (shift_id, account_id, member_id, person_org_id, person_name, state, arrival,
				    signed_up_at, hours, hours_day, hours_confirmed_at, hours_confirmed_by)
				select ?, m.account_id, m.id, m.organization_id, m.name, 'CONFIRMED', ?, now(), ?, ?, now(), 'test'
				from member m where m.id = ?""").params(shiftId, ++arrival, new BigDecimal(hoursText), day, memberId).update();
	}

	@Test
	@DisplayName("Volunteer hours per member: the subtree's confirmed hours of the period ÷ its members today")
	void hoursPerMember() {
		College c = college();
		long a1 = member(c.a(), "志愿甲");
		long a2 = member(c.a(), "志愿乙");
		long b1 = member(c.b(), "志愿丙");
		long cleanUp = activity(c.a(), "社区清扫");
		long reading = activity(c.b(), "读书角");
		long s1 = shift(cleanUp);
		long s2 = shift(reading);
		LocalDate today = today();
		served(s1, a1, "3", today.minusDays(10));
		served(s2, a2, "2", today.minusDays(20));
		served(s2, b1, "1.5", today.minusDays(5));
		// two years ago: not in the period
		served(shift(cleanUp), a1, "4", today.minusYears(2));

		Map<Long, Figures.Measured> m = figures.measure(VolunteerFigures.HOURS, List.of(c.a(), c.b(), c.id()), lastYear());
		assertThat(m.get(c.a()).value()).isEqualByComparingTo("2.50");
		assertThat(m.get(c.a()).sourceArgs()).containsExactly("5", 2L, 2);
		assertThat(m.get(c.b()).value()).isEqualByComparingTo("1.50");
		assertThat(m.get(c.id()).value()).isEqualByComparingTo("2.17");

		List<Figures.Behind> behind = figures.behind(VolunteerFigures.HOURS, c.id(), lastYear());
		assertThat(behind).extracting(Figures.Behind::href).containsExactly("/volunteer/activities/" + cleanUp,
				"/volunteer/activities/" + reading, "/volunteer/activities/" + reading);
		assertThat(behind.get(0).messageKey()).isEqualTo("figure.volunteer.hours.line");
		assertThat(behind.get(0).args().subList(1, 4)).containsExactly("社区清扫", 1, "3");
		// per organisation and activity, never a person's name
		assertThat(behind).allSatisfy(b -> assertThat(b.args().toString()).doesNotContain("志愿甲", "志愿乙", "志愿丙"));

		// more hours confirmed: at once
		served(s1, b1, "3", today.minusDays(1));
		assertThat(figures.measure(VolunteerFigures.HOURS, List.of(c.b()), lastYear()).get(c.b()).value())
			.isEqualByComparingTo("4.50");
		// a branch with no members has nothing to divide by: absent
		long empty = tree.create(accounts.callerFor("admin"), new cn.partybuilding.organization.NewOrganization(c.id(),
				unique("FIG-E"), "指标测试空支部", OrgType.BRANCH)).id();
		assertThat(figures.measure(VolunteerFigures.HOURS, List.of(empty), lastYear())).isEmpty();
		assertThat(figures.measure("volunteer.unknown", List.of(c.id()), lastYear())).isEmpty();
	}

	@Test
	@DisplayName("The grouped hours per organisation and the college ranking give the numbers one query per organisation gave")
	void groupedHoursGiveTheSameNumbersAsBefore() {
		College c = college();
		long a1 = member(c.a(), "志愿丁");
		long s = shift(activity(c.a(), "义务献血"));
		served(s, a1, "2.5", today().minusDays(3));
		List<Long> orgs = new ArrayList<>();
		scope.activeOfTypes(OrgType.GENERAL_BRANCH).forEach(o -> orgs.add(o.id()));
		orgs.add(orgId("SFDX-JSJ-01"));
		orgs.add(orgId("SFDX"));
		orgs.add(c.a());
		for (int year : List.of(today().getYear(), today().getYear() - 1)) {
			LocalDate from = LocalDate.of(year, 1, 1);
			LocalDate to = LocalDate.of(year, 12, 31);
			Map<Long, BigDecimal> grouped = activity.hoursPerOrganization(orgs, from, to);
			assertThat(grouped.keySet()).containsExactlyElementsOf(orgs);
			for (Long org : orgs) {
				assertThat(grouped.get(org)).as("org %d in %d", org, year).isEqualByComparingTo(oneByOne(org, from, to));
			}
			for (VolunteerHours.CollegeHours college : hours.colleges(accounts.callerFor("admin"), year)) {
				assertThat(college.hours()).isEqualByComparingTo(oneByOne(college.orgId(), from, to));
				assertThat(college.people()).isEqualTo(peopleOneByOne(college.orgId(), from, to));
			}
		}
		assertThat(activity.hoursPerOrganization(List.of(c.a()), today().minusDays(5), today()).get(c.a()))
			.isEqualByComparingTo("2.5");
	}

	/** The query per organisation the grouped one replaced. */
	BigDecimal oneByOne(long org, LocalDate from, LocalDate to) {
		Set<Long> subtree = scope.subtree(org);
		return jdbc.sql("""
				select coalesce(sum(hours), 0) from volunteer_signup
				where person_org_id = any(?) and hours is not null and hours_day between ? and ?""")
			.params(subtree.toArray(Long[]::new), from, to).query(BigDecimal.class).single();
	}

	int peopleOneByOne(long org, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select count(distinct coalesce(account_id::text, person_name)) from volunteer_signup
				where person_org_id = any(?) and hours is not null and hours_day between ? and ?""")
			.params(scope.subtree(org).toArray(Long[]::new), from, to).query(Integer.class).single();
	}

}
