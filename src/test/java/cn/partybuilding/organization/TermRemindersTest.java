package cn.partybuilding.organization;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The home page's 换届 reminders read only the committees that may be due (one query on the path, issue 23's fourth
 * round): the same reminders as the rule over every position, and never one of another school.
 */
class TermRemindersTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	final LocalDate today = LocalDate.now();

	long dueSoon;

	long overdueElsewhere;

	long nextElected;

	long farAway;

	long oneLate;

	long endedAndSitting;

	/** web.HomePage.REMINDERS_SHOWN: the reminders the home page lists. */
	static final int SHOWN = 50;

	final List<Long> made = new java.util.ArrayList<>();

	/** The branches made here are dissolved afterwards: other tests of the run count the schools' branches. */
	@AfterEach
	void dissolve() {
		jdbc.sql("update organization set dissolved_at = now() where id = any(?)").param(made.toArray(Long[]::new)).update();
	}

	@Test
	void theHomePageListsTheSoonestAndCountsTheRest() throws Exception {
		for (int i = 0; i < SHOWN + 1; i++) {
			long b = branch("SFXY", "超期" + i);
			seat(b, "SECRETARY", today.minusYears(3).minusDays(i + 1), today.minusDays(i + 1));
		}
		int due = tree.reminders(admin(orgId("SFXY"))).size();
		assertThat(due).isGreaterThan(SHOWN);
		String html = mvc.perform(get("/").with(login("school2"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("id=\"reminders-more\"").contains("另有 " + (due - SHOWN) + " 个组织");
		assertThat(html.split("class=\"list-group-item\"", -1).length - 1).isEqualTo(SHOWN);
	}

	@BeforeEach
	void committees() {
		dueSoon = branch("SFDX", "到期支部");
		seat(dueSoon, "SECRETARY", today.minusYears(3).plusDays(30), today.plusDays(30));
		overdueElsewhere = branch("SFXY", "外校超期支部");
		seat(overdueElsewhere, "SECRETARY", today.minusYears(3).minusDays(10), today.minusDays(10));
		nextElected = branch("SFDX", "已选下届支部");
		seat(nextElected, "SECRETARY", today.minusYears(3).plusDays(30), today.plusDays(30));
		seat(nextElected, "SECRETARY", today.plusDays(30), today.plusYears(3).plusDays(30));
		farAway = branch("SFDX", "远期支部");
		seat(farAway, "SECRETARY", today.minusYears(1), today.plusDays(400));
		oneLate = branch("SFDX", "一人晚届满支部");
		seat(oneLate, "SECRETARY", today.minusYears(3).plusDays(30), today.plusDays(30));
		seat(oneLate, "ORGANIZATION", today.minusYears(1), today.plusDays(400));
		endedAndSitting = branch("SFDX", "前任已满支部");
		seat(endedAndSitting, "SECRETARY", today.minusYears(4), today.minusDays(10));
		seat(endedAndSitting, "ORGANIZATION", today.minusYears(3).plusDays(20), today.plusDays(20));
	}

	@Test
	void aSchoolSeesItsOwnDueCommitteesAndNoOtherSchools() {
		List<OrganizationReminder> reminders = tree.reminders(admin(orgId("SFDX")));
		List<Long> orgs = reminders.stream().map(OrganizationReminder::organizationId).toList();
		assertThat(orgs).contains(dueSoon, endedAndSitting)
			.doesNotContain(overdueElsewhere, nextElected, farAway, oneLate);
		assertThat(reminders).filteredOn(r -> r.organizationId() == dueSoon).singleElement()
			.satisfies(r -> assertThat(r.warning().messageKey()).isEqualTo("warning.term.dueSoon"));
		assertThat(reminders).filteredOn(r -> r.organizationId() == endedAndSitting).singleElement()
			.satisfies(r -> assertThat(r.warning().args()[0]).isEqualTo(today.plusDays(20)));
		assertThat(tree.reminders(admin(orgId("SFXY")))).extracting(OrganizationReminder::organizationId)
			.contains(overdueElsewhere).doesNotContain(dueSoon, endedAndSitting);
	}

	@Test
	void theProvinceSeesEverySchoolsAndTheSameAsTheRuleOverEveryPosition() {
		List<OrganizationReminder> reminders = tree.reminders(admin(orgId("JYGW")));
		assertThat(reminders).extracting(OrganizationReminder::organizationId)
			.contains(dueSoon, overdueElsewhere, endedAndSitting).doesNotContain(nextElected, farAway, oneLate);
		assertThat(reminders).filteredOn(r -> r.organizationId() == overdueElsewhere).singleElement()
			.satisfies(r -> assertThat(r.warning().messageKey()).isEqualTo("warning.term.overdue"));
		// the rule itself, given every position of every organisation: the same organisations warned
		BranchRules rules = new BranchRules(settings);
		List<Long> byRule = positions.findAll().stream()
			.collect(java.util.stream.Collectors.groupingBy(CommitteePosition::organizationId))
			.entrySet().stream()
			.filter(e -> !rules.termWarnings(e.getValue(), today).isEmpty())
			.filter(e -> jdbc.sql("""
					select o.dissolved_at is null and o.path like p.path || '%' from organization o, organization p
					where o.id = ? and p.code = 'JYGW'""").param(e.getKey()).query(Boolean.class).single())
			.map(java.util.Map.Entry::getKey).sorted().toList();
		assertThat(reminders.stream().map(OrganizationReminder::organizationId).sorted().toList()).isEqualTo(byRule);
	}

	@Autowired
	CommitteePositions positions;

	@Autowired
	OrganizationSettings settings;

	private static Caller admin(long organization) {
		return new Caller(-1, "t", "t", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, organization)));
	}

	private long branch(String school, String name) {
		long parent = orgId(school);
		String code = unique("TR");
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select x.id, ?, ?, 'BRANCH', p.id, p.path || x.id || '/', p.depth + 1, 999
				from organization p, (select nextval('organization_id_seq') as id) x where p.id = ?""")
			.params(code, name + code, parent).update();
		long id = orgId(code);
		made.add(id);
		return id;
	}

	private void seat(long organization, String position, LocalDate start, LocalDate end) {
		jdbc.sql("""
				insert into committee_position (organization_id, position, holder_name, term_start, term_end)
				values (?, ?, '测试', ?, ?)""").params(organization, position, start, end).update();
	}
}
