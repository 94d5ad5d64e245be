package cn.partybuilding.dues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberStatus;

/** 《关于中国共产党党费收缴、使用和管理的规定》: relief 经党支部研究，报上一级党委批准. */
class DuesReliefApprovalTest extends DuesTestBase {

	@Test
	@DisplayName("党费减免：经党支部研究，报上一级党委批准 — the branch proposes, the general branch approves, only then bills change")
	void hardshipReliefIsApprovedOneLevelUp() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(1), now());
		var branch1 = login("branch1");
		long id = propose(branch1, person, "0", "家庭重大变故，支委会研究提出免交").andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("PENDING"))
			.andExpect(jsonPath("$.approverOrgId").value(orgId("SFDX-JSJ")))
			.andReturn().getResponse().getContentAsString().transform(s -> ((Number) JsonPath.read(s, "$.id")).longValue());
		// proposed is not granted: the bills stay as they were
		assertThat(state(person, now().minusMonths(1))).isEqualTo("UNPAID");
		assertThat(state(person, now())).isEqualTo("UNPAID");
		// a second proposal while one waits is refused with the reason
		propose(branch1, person, "0.10", "再次提出").andExpect(status().isBadRequest());
		// the branch sees it waiting on its dues page
		mvc.perform(get("/dues").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch1))
			.andExpect(content().string(Matchers.containsString("待上级批准的减免")));
		// the branch cannot approve its own proposal, nor can another college: the audited 404
		long before = auditCount("access.denied", "branch1");
		mvc.perform(post("/api/v1/dues/reliefs/{id}/approve", id).with(branch1).with(csrf().asHeader()))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch1")).isGreaterThan(before);
		mvc.perform(post("/api/v1/dues/reliefs/{id}/approve", id).with(login("branch2")).with(csrf().asHeader()))
			.andExpect(status().isNotFound());
		// the general branch has it among its 待办 and on its list
		var college1 = login("college1");
		mvc.perform(get("/").with(college1)).andExpect(content().string(Matchers.containsString("党费减免申请待审批")));
		mvc.perform(get("/api/v1/dues/reliefs/pending").with(college1))
			.andExpect(jsonPath("$[?(@.id == " + id + ")].organizationName").value(Matchers.hasItem(Matchers.containsString(" › "))));
		mvc.perform(get("/dues/reliefs").with(college1)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("家庭重大变故")));
		mvc.perform(post("/api/v1/dues/reliefs/{id}/approve", id).with(college1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"同意\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("APPROVED"))
			.andExpect(jsonPath("$.decidedBy").value("college1"));
		assertThat(state(person, now().minusMonths(1))).isEqualTo("EXEMPT");
		assertThat(state(person, now())).isEqualTo("EXEMPT");
		// decided once
		mvc.perform(post("/api/v1/dues/reliefs/{id}/refuse", id).with(college1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"改变主意\"}"))
			.andExpect(status().isBadRequest());
		assertThat(auditCount("dues.relief.propose", "branch1")).isPositive();
		assertThat(auditCount("dues.relief.grant", "college1")).isPositive();
		// the member hears the outcome, and the 纪实 keeps both the proposal and the decision
		assertThat(eventually("select count(*) from notification n join account a on a.id = n.account_id where a.username = ? and n.title like '%减免已批准%'",
				person.username())).isPositive();
		assertThat(eventually("select count(*) from record_entry where member_id = ? and kind in ('DUES_RELIEF', 'DUES_RELIEF_PROPOSED')",
				person.id())).isEqualTo(2);
	}

	@Test
	@DisplayName("党费减免：上级不批准须写明理由，账单不变，党员和支部收到通知")
	void aRefusedReliefNeedsAReasonAndLeavesTheBills() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		long id = idOf(propose(login("branch1"), person, "0", "临时困难").andExpect(status().isCreated()));
		var college1 = login("college1");
		mvc.perform(post("/api/v1/dues/reliefs/{id}/refuse", id).with(college1).with(csrf().asHeader()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("note"));
		mvc.perform(post("/dues/reliefs/{id}/decide", id).with(college1).with(csrf()).param("approve", "false").param("note", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("不批准时请写明理由")));
		mvc.perform(post("/dues/reliefs/{id}/decide", id).with(college1).with(csrf()).param("approve", "false")
				.param("note", "每月 0.20 元，未见困难证明"))
			.andExpect(status().is3xxRedirection());
		assertThat(state(person, now())).isEqualTo("UNPAID");
		mvc.perform(get("/api/v1/members/{id}/dues/reliefs", person.id()).with(login(person.username())))
			.andExpect(jsonPath("$[0].state").value("REFUSED"))
			.andExpect(jsonPath("$[0].decisionNote").value("每月 0.20 元，未见困难证明"));
		assertThat(eventually("select count(*) from notification n join account a on a.id = n.account_id where a.username = ? and n.body like '%未见困难证明%'",
				person.username())).isPositive();
		assertThat(eventually("select count(*) from record_entry where member_id = ? and kind = 'DUES_RELIEF_REFUSED'", person.id()))
			.isEqualTo(1);
	}

	@Test
	@DisplayName("党费减免：直属党委的党支部，由校党委批准")
	void aBranchDirectlyUnderTheCommitteeIsApprovedByTheCommittee() throws Exception {
		var person = person("SFDX-ZS01", Category.STUDENT, LocalDate.of(2021, 9, 1), MemberStatus.FULL);
		var officer = person("SFDX-ZS01", Category.FACULTY, LocalDate.of(2009, 7, 1), MemberStatus.FULL);
		long account = jdbc.sql("select account_id from member where id = ?").param(officer.id()).query(Long.class).single();
		jdbc.sql("insert into account_grant (account_id, role, organization_id) values (?, 'BRANCH_SECRETARY', ?)")
			.params(account, orgId("SFDX-ZS01")).update();
		billed(person, now());
		long id = idOf(propose(login(officer.username()), person, "0.10", "长期病休").andExpect(status().isCreated())
			.andExpect(jsonPath("$.approverOrgId").value(orgId("SFDX"))));
		mvc.perform(post("/api/v1/dues/reliefs/{id}/approve", id).with(login("college1")).with(csrf().asHeader()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/dues/reliefs/{id}/approve", id).with(login("admin")).with(csrf().asHeader()))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("select amount from dues_bill where member_id = ? and month = ?").params(person.id(), now().atDay(1))
			.query(java.math.BigDecimal.class).single()).isEqualByComparingTo("0.10");
	}

	@Test
	@DisplayName("演示数据：member1 的纪实记有一年的党费缴纳，college1 有一项待审批的减免")
	void theDemoYearsPaymentsReachMember1sChronicleAndAReliefWaitsAtCollege1() throws Exception {
		long member1 = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member1'")
			.query(Long.class).single();
		long payments = jdbc.sql("select count(*) from dues_payment where member_id = ?").param(member1).query(Long.class).single();
		assertThat(payments).isGreaterThanOrEqualTo(10);
		assertThat(eventually("select count(*) from record_entry where member_id = ? and kind = 'DUES_PAID'", member1))
			.isEqualTo(payments);
		mvc.perform(get("/api/v1/dues/reliefs/pending").with(login("college1")))
			.andExpect(jsonPath("$[*].reason").value(Matchers.hasItem(Matchers.containsString("配偶重病"))));
	}

	private ResultActions propose(RequestPostProcessor who, DuesFixtures.Person person, String amount, String reason)
			throws Exception {
		return mvc.perform(post("/api/v1/members/{id}/dues/reliefs", person.id()).with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\": \"" + now().minusMonths(1) + "\", \"to\": \"" + now() + "\", \"amount\": \"" + amount
					+ "\", \"reason\": \"" + reason + "\"}"));
	}

	private static long idOf(ResultActions answer) throws Exception {
		return ((Number) JsonPath.read(answer.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
	}

	/** A count written after the commit by an asynchronous listener (the inbox, the 纪实). */
	private long eventually(String sql, Object param) throws InterruptedException {
		long until = System.currentTimeMillis() + 15_000;
		long found = 0;
		while (System.currentTimeMillis() < until) {
			found = jdbc.sql(sql).param(param).query(Long.class).single();
			if (found > 0) {
				Thread.sleep(300); // the other listener of the same commit
				return jdbc.sql(sql).param(param).query(Long.class).single();
			}
			Thread.sleep(100);
		}
		return found;
	}
}
