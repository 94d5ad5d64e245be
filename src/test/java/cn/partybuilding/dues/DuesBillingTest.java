package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Monthly bills: once per member and month, from the month of joining, following the approved base and any relief. */
class DuesBillingTest extends DuesTestBase {

	@Autowired
	DuesManagement management;

	@Autowired
	DuesBases bases;

	@Test
	void generatingTheMonthTwiceOrOnTwoNodesAtOnceBillsEachMemberOnce() throws Exception {
		YearMonth month = now();
		var first = student(LocalDate.of(2022, 9, 1));
		assertThat(billing.generate(month)).isGreaterThanOrEqualTo(1);
		assertThat(billing.generate(month)).isZero();
		assertThat(state(first, month)).isEqualTo("UNPAID");

		var second = student(LocalDate.of(2022, 9, 1));
		var pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> run = () -> billing.generate(month);
			var a = pool.submit(run);
			var b = pool.submit(run);
			a.get();
			b.get();
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from dues_bill where member_id = ?").param(second.id()).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void billingInChunksSmallerThanTheMembershipBillsEveryoneOnceAndKeepsTheTotals() {
		// a month no other test bills, cleared before and after
		YearMonth month = now().plusYears(4);
		var student = student(LocalDate.of(2022, 9, 1));
		try {
			clear(month);
			// the reference: the whole membership in one chunk
			int whole = billing.generate(month, Integer.MAX_VALUE);
			List<Long> once = billedIn(month);
			clear(month);
			int chunked = billing.generate(month, 50);
			assertThat(chunked).isEqualTo(whole).isGreaterThan(2 * 50).isEqualTo(once.size());
			assertThat(billedIn(month)).isEqualTo(once).contains(student.id());
			// restartable: what is billed stays, the rest is billed by the next run
			jdbc.sql("delete from dues_bill where month = ? and member_id in (select member_id from dues_bill where month = ? order by member_id desc limit 30)")
				.params(month.atDay(1), month.atDay(1)).update();
			assertThat(billing.generate(month, 50)).isEqualTo(30);
			assertThat(billing.generate(month)).isZero();
			assertThat(billedIn(month)).isEqualTo(once);
			assertThat(jdbc.sql("""
					select not exists (
					  (select organization_id, state, relief_id is not null, count(*)::int, sum(amount) from dues_bill where month = ? group by 1, 2, 3
					   except select organization_id, state, relieved, bills, amount from dues_bill_tally where month = ? and bills <> 0)
					  union all
					  (select organization_id, state, relieved, bills, amount from dues_bill_tally where month = ? and bills <> 0
					   except select organization_id, state, relief_id is not null, count(*)::int, sum(amount) from dues_bill where month = ? group by 1, 2, 3))""")
				.params(month.atDay(1), month.atDay(1), month.atDay(1), month.atDay(1)).query(Boolean.class).single())
				.as("the running totals agree with the bills").isTrue();
		}
		finally {
			clear(month);
		}
	}

	private void clear(YearMonth month) {
		jdbc.sql("delete from dues_bill where month = ?").param(month.atDay(1)).update();
	}

	private List<Long> billedIn(YearMonth month) {
		return jdbc.sql("select member_id from dues_bill where month = ? order by member_id").param(month.atDay(1)).query(Long.class).list();
	}

	@Test
	void aProbationaryMemberPaysFromTheMonthTheBranchAssemblyAcceptedThem() {
		YearMonth accepted = now().minusMonths(2);
		var person = person("SFDX-JSJ-01", Category.STUDENT, accepted.atDay(15), MemberStatus.PROBATIONARY);
		billing.generate(accepted.minusMonths(1));
		billing.generate(accepted);
		billing.generate(accepted.plusMonths(1));
		assertThat(state(person, accepted.minusMonths(1))).isEqualTo("NONE");
		assertThat(state(person, accepted)).isEqualTo("UNPAID");
		assertThat(state(person, accepted.plusMonths(1))).isEqualTo("UNPAID");
	}

	@Test
	void aTeachersBaseDeclaredByThemCountsOnceTheBranchApprovesIt() throws Exception {
		var teacher = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2010, 7, 1), MemberStatus.FULL);
		var self = login(teacher.username());
		billing.generate(now());
		assertThat(state(teacher, now())).isEqualTo("NONE");

		String declared = mvc.perform(post("/api/v1/members/{id}/dues/bases", teacher.id()).with(self).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\": \"IN_SERVICE\", \"base\": \"4500.00\", \"effectiveFrom\": \"" + now().minusMonths(1) + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("PENDING"))
			.andExpect(jsonPath("$.standard.monthlyAmount").value("45.00"))
			.andReturn().getResponse().getContentAsString();
		long baseId = ((Number) JsonPath.read(declared, "$.id")).longValue();
		assertThat(state(teacher, now())).isEqualTo("NONE");
		mvc.perform(get("/api/v1/dues/bases/pending").with(login("branch1")))
			.andExpect(jsonPath("$[?(@.id == " + baseId + ")]").isNotEmpty());

		// the member cannot approve their own; another branch cannot see it; a refusal needs a reason
		mvc.perform(post("/api/v1/dues/bases/{id}/approve", baseId).with(self).with(csrf().asHeader()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/dues/bases/{id}/approve", baseId).with(login("branch2")).with(csrf().asHeader()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/dues/bases/{id}/reject", baseId).with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/dues/bases/{id}/approve", baseId).with(login("branch1")).with(csrf().asHeader()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("APPROVED"));

		// the months since it applies are billed at once, without anyone entering them
		assertThat(state(teacher, now())).isEqualTo("UNPAID");
		assertThat(state(teacher, now().minusMonths(1))).isEqualTo("UNPAID");
		assertThat(jdbc.sql("select amount from dues_bill where member_id = ? and month = ?")
			.params(teacher.id(), now().atDay(1)).query(BigDecimal.class).single()).isEqualByComparingTo("45.00");
		mvc.perform(get("/api/v1/members/{id}/dues", teacher.id()).with(self))
			.andExpect(jsonPath("$.bills[0].amount").value("45.00"))
			.andExpect(jsonPath("$.bases[0].state").value("APPROVED"));

		// once a year those paying on a base are asked to check it, once however often the job runs
		assertThat(bases.review(2099)).isPositive();
		assertThat(bases.review(2099)).isZero();
		long until = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < until && jdbc.sql("""
				select count(*) from notification n join account a on a.id = n.account_id where a.username = ? and n.title like '%2099%'""")
			.param(teacher.username()).query(Long.class).single() == 0) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("""
				select count(*) from notification n join account a on a.id = n.account_id where a.username = ? and n.title like '%2099%'""")
			.param(teacher.username()).query(Long.class).single()).isEqualTo(1);

		// a raise from next month: this month keeps its amount, the next follows the new base
		mvc.perform(post("/api/v1/members/{id}/dues/bases", teacher.id()).with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\": \"IN_SERVICE\", \"base\": \"5200.00\", \"effectiveFrom\": \"" + now().plusMonths(1) + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("APPROVED"));
		billing.generate(now().plusMonths(1));
		assertThat(jdbc.sql("select amount from dues_bill where member_id = ? and month = ?")
			.params(teacher.id(), now().plusMonths(1).atDay(1)).query(BigDecimal.class).single()).isEqualByComparingTo("78.00");
		assertThat(jdbc.sql("select amount from dues_bill where member_id = ? and month = ?")
			.params(teacher.id(), now().atDay(1)).query(BigDecimal.class).single()).isEqualByComparingTo("45.00");
	}

	@Test
	void hardshipReliefLowersOrWaivesTheMonthsItCovers() throws Exception {
		var person = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2012, 7, 1), MemberStatus.FULL);
		var branch1 = login("branch1");
		mvc.perform(post("/api/v1/members/{id}/dues/bases", person.id()).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\": \"IN_SERVICE\", \"base\": \"6000.00\", \"effectiveFrom\": \"" + now().minusMonths(2) + "\"}"))
			.andExpect(status().isCreated());
		mvc.perform(post("/api/v1/members/{id}/dues/reliefs", person.id()).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\": \"" + now().minusMonths(2) + "\", \"to\": \"" + now().minusMonths(1) + "\", \"amount\": \"0\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(post("/api/v1/members/{id}/dues/reliefs", person.id()).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\": \"" + now().minusMonths(2) + "\", \"to\": \"" + now().minusMonths(1)
					+ "\", \"amount\": \"0\", \"reason\": \"家庭重大变故，支委会研究同意免交\"}"))
			.andExpect(status().isCreated()).andDo(approvedByTheCollege());
		mvc.perform(post("/api/v1/members/{id}/dues/reliefs", person.id()).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\": \"" + now() + "\", \"to\": \"" + now().plusMonths(1)
					+ "\", \"amount\": \"10.00\", \"reason\": \"长期病休，减交\"}"))
			.andExpect(status().isCreated()).andDo(approvedByTheCollege());
		billing.generate(now().plusMonths(1));
		assertThat(state(person, now().minusMonths(2))).isEqualTo("EXEMPT");
		assertThat(state(person, now().minusMonths(1))).isEqualTo("EXEMPT");
		assertThat(jdbc.sql("select amount from dues_bill where member_id = ? and month = ?").params(person.id(), now().atDay(1))
			.query(BigDecimal.class).single()).isEqualByComparingTo("10.00");
		assertThat(jdbc.sql("select amount from dues_bill where member_id = ? and month = ?")
			.params(person.id(), now().plusMonths(1).atDay(1)).query(BigDecimal.class).single()).isEqualByComparingTo("10.00");
		payOffline(branch1, person, "", now().minusMonths(1)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("免交")));
		// the report shows the waived and reduced months
		mvc.perform(get("/api/v1/dues/collection").param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
			.param("period", Integer.toString(now().getYear())).with(branch1))
			.andExpect(jsonPath("$.total.waivedBills").value(Matchers.greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.total.reducedBills").value(Matchers.greaterThanOrEqualTo(1)));
	}

	@Test
	void paidUpToIsTheLastMonthSettledWithoutAGapBeforeIt() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		YearMonth now = now();
		billed(person, now.minusMonths(3), now.minusMonths(2), now.minusMonths(1), now);
		assertThat(management.paidUpTo(person.id())).isEmpty();
		var branch1 = login("branch1");
		payOffline(branch1, person, "", now.minusMonths(3), now.minusMonths(2)).andExpect(status().isCreated());
		assertThat(management.paidUpTo(person.id())).contains(now.minusMonths(2));
		payOffline(branch1, person, "", now).andExpect(status().isCreated());
		assertThat(management.paidUpTo(person.id())).contains(now.minusMonths(2));
		payOffline(branch1, person, "", now.minusMonths(1)).andExpect(status().isCreated());
		assertThat(management.paidUpTo(person.id())).contains(now);
		mvc.perform(get("/api/v1/members/{id}/dues", person.id()).with(branch1))
			.andExpect(jsonPath("$.paidUpTo").value(now.toString()));
	}

	@Test
	void theRunningTotalsTheReportReadsAgreeWithTheBillsAfterBillingPayingAndRelief() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(2), now().minusMonths(1), now());
		payOffline(login("branch1"), person, "", now().minusMonths(2)).andExpect(status().isCreated());
		mvc.perform(post("/api/v1/members/{id}/dues/reliefs", person.id()).with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\": \"" + now().minusMonths(1) + "\", \"to\": \"" + now() + "\", \"amount\": \"0.10\", \"reason\": \"困难\"}"))
			.andExpect(status().isCreated()).andDo(approvedByTheCollege());
		assertThat(jdbc.sql("""
				select count(*) from (
				  (select organization_id, month, state, relief_id is not null, count(*)::int, sum(amount) from dues_bill group by 1, 2, 3, 4
				   except select organization_id, month, state, relieved, bills, amount from dues_bill_tally where bills <> 0)
				  union all
				  (select organization_id, month, state, relieved, bills, amount from dues_bill_tally where bills <> 0
				   except select organization_id, month, state, relief_id is not null, count(*)::int, sum(amount) from dues_bill group by 1, 2, 3, 4)) d""")
			.query(Long.class).single()).isZero();
	}

	/** Relief applies once the general branch approves the branch's proposal. */
	private org.springframework.test.web.servlet.ResultHandler approvedByTheCollege() throws Exception {
		var college1 = login("college1");
		return result -> {
			Number id = com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.id");
			mvc.perform(post("/api/v1/dues/reliefs/{id}/approve", id.longValue()).with(college1).with(csrf().asHeader()))
				.andExpect(status().isOk());
		};
	}
}
