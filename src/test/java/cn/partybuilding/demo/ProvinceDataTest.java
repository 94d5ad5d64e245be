package cn.partybuilding.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.development.ApplicantRegistry;
import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.orglife.OrgLifeManagement;
import cn.partybuilding.transfer.TransferManagement;

/**
 * A small generated province (3 schools, 3 000 members) follows the same scope rules as the demo: the province
 * administrator sees every school, a school's administrator only their own; generating again adds nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvinceDataTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	OrganizationScope scope;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Autowired
	OrgLifeManagement orgLife;

	@Autowired
	DuesManagement dues;

	@Autowired
	TransferManagement transfers;

	@Autowired
	ApplicantRegistry development;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	ProvinceData generator;

	@BeforeAll
	void generate() {
		generator = new ProvinceData(tree, scope, members, accounts, orgLife, dues, transfers, development, transactions, clock, 3, 3000, 7L);
		generator.run(null);
	}

	@Test
	void schoolSizesSumToTheTotalAndStayWithinTheirBounds() {
		List<ProvinceData.School> plan = generator.plan();
		assertThat(plan).hasSize(3);
		assertThat(plan.stream().mapToInt(ProvinceData.School::size).sum()).isEqualTo(3000);
		assertThat(plan).allSatisfy(s -> assertThat(s.branches()).allSatisfy(b -> assertThat(b.size()).isBetween(1, 50)));
		assertThat(plan.stream().mapToInt(s -> s.branches().stream().mapToInt(ProvinceData.Branch::size).sum()).toArray())
			.containsExactly(plan.stream().mapToInt(ProvinceData.School::size).toArray());
	}

	@Test
	void theGeneratedSchoolsHangUnderTheProvinceRootWithTheirMembers() {
		long root = orgId(ProvinceData.ROOT_CODE);
		assertThat(jdbc.sql("select parent_id from organization where code = 'PS002'").query(Long.class).single())
			.isEqualTo(root);
		assertThat(jdbc.sql("select count(*) from member where staff_number like 'PV001%'").query(Long.class).single())
			.isEqualTo(generator.plan().get(0).size());
		assertThat(jdbc.sql("select count(*) from meeting_invitee i join member m on m.id = i.member_id "
				+ "where m.staff_number like 'PV002%'").query(Long.class).single()).isGreaterThan(0);
		assertThat(jdbc.sql("select count(*) from dues_bill b join member m on m.id = b.member_id "
				+ "where m.staff_number like 'PV003%' and b.state = 'PAID'").query(Long.class).single()).isGreaterThan(0);
	}

	@Test
	void eachGeneratedMeetingKeepsHowManyItInvites() {
		assertThat(jdbc.sql("""
				select count(*) from meeting m join organization o on o.id = m.organization_id
				where o.code like 'PS%' and m.invitees <> (select count(*) from meeting_invitee i where i.meeting_id = m.id)""")
			.query(Long.class).single()).as("generated meetings whose kept count differs from their invitations").isZero();
		assertThat(jdbc.sql("select sum(m.invitees) from meeting m join organization o on o.id = m.organization_id where o.code like 'PS%'")
			.query(Long.class).single()).isGreaterThan(0);
	}

	@Test
	void theDuesRunningTotalsEqualTheBillsOfAGeneratedSchool() {
		String recount = """
				select coalesce(sum(b.amount), 0) from dues_bill b join organization o on o.id = b.organization_id
				where o.code like 'PS001-%'""";
		String kept = """
				select coalesce(sum(t.amount), 0) from dues_bill_tally t join organization o on o.id = t.organization_id
				where o.code like 'PS001-%'""";
		assertThat(jdbc.sql(kept).query(java.math.BigDecimal.class).single())
			.isEqualByComparingTo(jdbc.sql(recount).query(java.math.BigDecimal.class).single());
	}

	@Test
	void eachGeneratedMemberKeepsThePaidUpToItsBillsSay() {
		String members = "select m.id from member m join organization o on o.id = m.organization_id where o.code like 'PS001-%'";
		long generated = jdbc.sql("select count(*) from dues_bill where member_id in (" + members + ")").query(Long.class).single();
		assertThat(generated).isPositive();
		long differing = jdbc.sql("""
				with first_unpaid as (
				  select member_id, min(month) as m from dues_bill where state = 'UNPAID' group by member_id),
				computed as (
				  select b.member_id, max(b.month) as m from dues_bill b left join first_unpaid f on f.member_id = b.member_id
				  where b.state <> 'UNPAID' and b.month < coalesce(f.m, 'infinity') group by b.member_id)
				select count(*) from (%s) p left join computed c on c.member_id = p.id left join dues_paid_up_to k on k.member_id = p.id
				where c.m is distinct from k.month""".formatted(members)).query(Long.class).single();
		assertThat(differing).isZero();
	}

	@Test
	void theProvinceAdministratorSeesEverySchool() throws Exception {
		var province = login("province");
		for (String school : List.of("PS001", "PS002", "PS003")) {
			mvc.perform(get("/api/v1/members").param("orgId", String.valueOf(orgId(school))).param("size", "1").with(province))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.totalElements").value(generator.plan().get(Integer.parseInt(school.substring(2)) - 1).size()));
		}
	}

	@Test
	void aSchoolAdministratorSeesOnlyTheirSchool() throws Exception {
		var admin = login("admin-ps001");
		mvc.perform(get("/api/v1/members").param("orgId", String.valueOf(orgId("PS001"))).param("size", "1").with(admin))
			.andExpect(status().isOk());
		long before = auditCount("access.denied", "admin-ps001");
		mvc.perform(get("/api/v1/members").param("orgId", String.valueOf(orgId("PS002"))).param("size", "1").with(admin))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/members").param("orgId", String.valueOf(orgId(ProvinceData.ROOT_CODE))).param("size", "1")
			.with(admin)).andExpect(status().isNotFound());
		long otherMember = jdbc.sql("select min(id) from member where staff_number like 'PV002%'").query(Long.class).single();
		mvc.perform(get("/api/v1/members/" + otherMember).with(admin)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "admin-ps001")).isGreaterThan(before);
	}

	@Test
	void generatingAgainAddsNothing() {
		long members = jdbc.sql("select count(*) from member where staff_number like 'PV%'").query(Long.class).single();
		long meetings = jdbc.sql("select count(*) from meeting").query(Long.class).single();
		long bills = jdbc.sql("select count(*) from dues_bill where month < date_trunc('month', now())").query(Long.class).single();
		generator.run(null);
		assertThat(jdbc.sql("select count(*) from member where staff_number like 'PV%'").query(Long.class).single())
			.isEqualTo(members);
		assertThat(jdbc.sql("select count(*) from meeting").query(Long.class).single()).isEqualTo(meetings);
		assertThat(jdbc.sql("select count(*) from dues_bill where month < date_trunc('month', now())").query(Long.class)
			.single()).isEqualTo(bills);
	}
}
