package cn.partybuilding.dues;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Paying: 补交 limits, paying ahead, 代交, special payments, a race for one bill, and scope on every endpoint. */
class DuesPaymentsTest extends DuesTestBase {

	String order(RequestPostProcessor who, String... months) throws Exception {
		return mvc.perform(post("/api/v1/dues/orders").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + String.join("\", \"", months) + "\"]}")).andReturn().getResponse().getContentAsString();
	}

	@Test
	void backPayReachesSixMonthsOlderArrearsOnlyByTheBranchWithAReason() throws Exception {
		var person = student(LocalDate.of(2020, 9, 1));
		billed(person, now().minusMonths(8), now().minusMonths(7), now().minusMonths(6));
		var self = login(person.username());
		var branch1 = login("branch1");

		mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + now().minusMonths(7) + "\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("补交期限")));
		mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + now().minusMonths(6) + "\"]}"))
			.andExpect(status().isCreated());
		payOffline(branch1, person, "", now().minusMonths(7)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		payOffline(branch1, person, ", \"reason\": \"长期出国访学，回国后补交，支委会同意\"", now().minusMonths(8), now().minusMonths(7))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.amount").value("0.40"))
			.andExpect(jsonPath("$.months.length()").value(2));
		assertThat(state(person, now().minusMonths(8))).isEqualTo("PAID");

		// ahead: online not without the branch (setting 0); the branch may take up to 12 months ahead
		mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + now().plusMonths(1) + "\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("尚未到期")));
		// ahead continues from the first unpaid month: this one first
		payOffline(branch1, person, "", now().plusMonths(1), now().plusMonths(2)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString(now().toString())));
		payOffline(branch1, person, "", now(), now().plusMonths(1), now().plusMonths(2)).andExpect(status().isCreated());
		payOffline(branch1, person, "", now().plusMonths(13)).andExpect(status().isBadRequest());
		// nonsense is answered, not crashed on
		payOffline(branch1, person, "", YearMonth.of(2010, 1)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("入党")));
		mvc.perform(post("/api/v1/dues/payments").with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"memberId\": " + person.id() + ", \"months\": [\"2026-13\"], \"method\": \"CASH\", \"receiptNo\": \"X\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("YYYY-MM")));
		mvc.perform(post("/api/v1/dues/payments").with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"memberId\": " + person.id() + ", \"months\": [\"" + now() + "\"], \"method\": \"ONLINE\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("method", "receiptNo")));
	}

	@Test
	void someoneElseMayPayAndIsRecordedAsThePayer() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(1), now());
		var branch1 = login("branch1");
		payOffline(branch1, person, ", \"payerName\": \"父亲 王建军\"", now().minusMonths(1)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.payerName").value("父亲 王建军"));
		long member1 = jdbc.sql("select id from member where staff_number = 'member1'").query(Long.class).single();
		String paid = payOffline(branch1, person, ", \"payerMemberId\": " + member1, now()).andExpect(status().isCreated())
			.andExpect(jsonPath("$.payerName").value("赵红梅"))
			.andReturn().getResponse().getContentAsString();
		// the receipt, for the member and the branch; the 纪实 says who paid
		long paymentId = ((Number) JsonPath.read(paid, "$.id")).longValue();
		mvc.perform(get("/api/v1/dues/payments/{id}", paymentId).with(login(person.username())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.receiptNo").value(Matchers.startsWith("DF")));
		long until = System.currentTimeMillis() + 20_000;
		while (System.currentTimeMillis() < until && jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'DUES_PAID'")
			.param(person.id()).query(Long.class).single() < 2) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("select detail from record_entry where member_id = ? and kind = 'DUES_PAID' order by id")
			.param(person.id()).query(String.class).list()).anyMatch(d -> d.contains("赵红梅 代交"));
	}

	@Test
	void aVoluntaryPaymentOfAThousandOrMoreIsASpecialPaymentReportedApart() throws Exception {
		var person = student(LocalDate.of(2019, 9, 1));
		var branch1 = login("branch1");
		String body = "{\"memberId\": %d, \"amount\": \"%s\", \"method\": \"BANK_TRANSFER\", \"receiptNo\": \"TS-%s\", \"note\": \"抗洪救灾特殊党费\"}";
		mvc.perform(post("/api/v1/dues/special-payments").with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(person.id(), "999.99", unique(""))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("amount"));
		mvc.perform(post("/api/v1/dues/special-payments").with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(person.id(), "1000.00", unique(""))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.special").value(true))
			.andExpect(jsonPath("$.months.length()").value(0));
		mvc.perform(get("/api/v1/dues/collection").param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
			.param("period", now().toString()).with(branch1))
			.andExpect(jsonPath("$.total.specialPayments").value(Matchers.greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.total.specialAmount").value(Matchers.not("0")));
	}

	@Test
	void twoPaymentsRacingForOneBillOneWinsTheOtherIsTold() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		var branch1 = login("branch1");
		var pool = Executors.newFixedThreadPool(4);
		List<Future<Integer>> results = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Callable<Integer> pay = () -> payOffline(branch1, person, "", now()).andReturn().getResponse().getStatus();
				results.add(pool.submit(pay));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> f : results) {
				statuses.add(f.get());
			}
			assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from dues_payment where member_id = ?").param(person.id()).query(Long.class).single())
			.isEqualTo(1);
		payOffline(branch1, person, "", now()).andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("已缴纳")));

		// a month being paid online is not taken by the branch meanwhile
		var other = student(LocalDate.of(2021, 9, 1));
		billed(other, now());
		String opened = order(login(other.username()), now().toString());
		assertThat(opened).contains("orderNo");
		payOffline(branch1, other, "", now()).andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("在线支付中")));
	}

	@Test
	void everyDuesEndpointAnswersOutOfScopeWithTheAudited404() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		var branch1 = login("branch1");
		String paid = payOffline(branch1, person, "", now()).andReturn().getResponse().getContentAsString();
		long paymentId = ((Number) JsonPath.read(paid, "$.id")).longValue();
		var teacher = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2011, 7, 1),
				MemberStatus.FULL);
		String declared = mvc.perform(post("/api/v1/members/{id}/dues/bases", teacher.id()).with(login(teacher.username()))
			.with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\": \"IN_SERVICE\", \"base\": \"4500.00\", \"effectiveFrom\": \"" + now() + "\"}"))
			.andReturn().getResponse().getContentAsString();
		long baseId = ((Number) JsonPath.read(declared, "$.id")).longValue();
		billed(student(LocalDate.of(2021, 9, 1)), now());
		var other = student(LocalDate.of(2021, 9, 1));
		billed(other, now());
		String orderNo = JsonPath.read(order(login(other.username()), now().toString()), "$.orderNo");

		var branch2 = login("branch2");
		long before = auditCount("access.denied", "branch2");
		String jsj01 = Long.toString(orgId("SFDX-JSJ-01"));
		List<RequestBuilder> requests = List.of(
				get("/api/v1/members/{id}/dues", person.id()),
				post("/api/v1/members/{id}/dues/bases", person.id()).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
					.content("{\"category\": \"STUDENT\", \"effectiveFrom\": \"" + now() + "\"}"),
				post("/api/v1/dues/bases/{id}/approve", baseId).with(csrf().asHeader()),
				post("/api/v1/members/{id}/dues/reliefs", person.id()).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
					.content("{\"from\": \"" + now() + "\", \"to\": \"" + now() + "\", \"amount\": \"0\", \"reason\": \"越权\"}"),
				post("/api/v1/dues/payments").with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
					.content("{\"memberId\": " + person.id() + ", \"months\": [\"" + now().plusMonths(1)
							+ "\"], \"method\": \"CASH\", \"receiptNo\": \"X1\"}"),
				post("/api/v1/dues/special-payments").with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
					.content("{\"memberId\": " + person.id() + ", \"amount\": \"1000.00\", \"method\": \"CASH\", \"receiptNo\": \"X2\"}"),
				get("/api/v1/dues/payments/{id}", paymentId),
				get("/api/v1/dues/orders/{no}", orderNo),
				get("/api/v1/dues/arrears").param("orgId", jsj01),
				get("/api/v1/dues/collection").param("orgId", jsj01).param("period", now().toString()),
				get("/api/v1/dues/bases/pending").param("orgId", jsj01));
		for (var request : requests) {
			var answer = mvc.perform(((MockHttpServletRequestBuilder) request)
				.with(branch2)).andReturn().getResponse();
			assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(404);
		}
		assertThat(auditCount("access.denied", "branch2")).isGreaterThanOrEqualTo(before + requests.size());
		// a member sees only their own
		mvc.perform(get("/api/v1/members/{id}/dues", person.id()).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/dues/payments/{id}", paymentId).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/dues/arrears").with(login("member2"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/me/dues").with(login(person.username()))).andExpect(status().isOk())
			.andExpect(jsonPath("$.memberId").value(person.id()));
		// the general branch and the committee see into their subtree
		mvc.perform(get("/api/v1/members/{id}/dues", person.id()).with(login("college1"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/dues/collection").param("period", now().toString()).with(login("admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lines.length()").value(Matchers.greaterThanOrEqualTo(10)));
	}

	@Test
	void officersDoNotApproveRelieveOrRecordTheirOwnDues() throws Exception {
		var officer = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2009, 7, 1),
				MemberStatus.FULL);
		long account = jdbc.sql("select account_id from member where id = ?").param(officer.id()).query(Long.class).single();
		jdbc.sql("insert into account_grant (account_id, role, organization_id) values (?, 'BRANCH_COMMITTEE', ?)")
			.params(account, orgId("SFDX-JSJ-01")).update();
		var self = login(officer.username());
		String declared = mvc.perform(post("/api/v1/members/{id}/dues/bases", officer.id()).with(self).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\": \"IN_SERVICE\", \"base\": \"2000.00\", \"effectiveFrom\": \"" + now() + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("PENDING"))
			.andReturn().getResponse().getContentAsString();
		long baseId = ((Number) JsonPath.read(declared, "$.id")).longValue();
		mvc.perform(post("/api/v1/dues/bases/{id}/approve", baseId).with(self).with(csrf().asHeader()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("其他委员")));
		mvc.perform(post("/api/v1/members/{id}/dues/reliefs", officer.id()).with(self).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\": \"" + now() + "\", \"to\": \"" + now() + "\", \"amount\": \"0\", \"reason\": \"本人\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/dues/bases/{id}/approve", baseId).with(login("branch1")).with(csrf().asHeader()))
			.andExpect(status().isOk());
		payOffline(self, officer, "", now()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("其他委员")));
		// another member's payment the officer records as usual
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		payOffline(self, person, "", now()).andExpect(status().isCreated());
	}

	@Test
	void onlinePaymentGoesFromTheOldestUnpaidMonthOn() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(2), now().minusMonths(1), now());
		var self = login(person.username());
		mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + now() + "\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("请先缴纳更早的 " + now().minusMonths(2))));
		mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + now().minusMonths(2) + "\", \"" + now().minusMonths(1) + "\"]}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.amount").value("0.40"));
	}

	@Test
	void deductionFromPayIsRefusedUnlessLocalPracticeAllowsIt() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		mvc.perform(post("/api/v1/dues/payments").with(login("branch1")).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"memberId\": " + person.id() + ", \"months\": [\"" + now() + "\"], \"method\": \"PAYROLL\", \"receiptNo\": \"GZ-1\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("不得从工资中扣缴")));
	}
}
