package cn.partybuilding.dues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.transfer.Destination;
import cn.partybuilding.transfer.EarlierLetter;
import cn.partybuilding.transfer.TransferManagement;

/**
 * 党费 and members leaving, paying ahead and members without a base (《关于中国共产党党费收缴、使用和管理的规定》,
 * 组通字〔2015〕33号: the letter states 党费交至; the receiver bills from the month after).
 */
class DuesLetterOutTest extends DuesTestBase {

	@Autowired
	TransferManagement transfers;

	@Autowired
	DuesManagement management;

	@Autowired
	DuesArrears arrears;

	@Autowired
	DuesBases bases;

	@Test
	@DisplayName("介绍信所载党费交至是本校最后一个收缴月份：之后不出账单、不计欠交，即使回执未回；撤回后从下一个未出账单的月份恢复")
	void aMemberLeavingWithALetterIsNotBilledAfterItsPaidUpToMonth() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(4), now().minusMonths(3), now().minusMonths(2), now().minusMonths(1), now());
		var branch1 = login("branch1");
		payOffline(branch1, person, "", now().minusMonths(4)).andExpect(status().isCreated());
		// the letter is issued: it states 党费交至 as dues knows it
		transfers.recordEarlierLetter(accounts.callerFor("admin"), new EarlierLetter(person.id(), Destination.EMPLOYER,
				"中共某科技有限公司委员会", "广东省深圳市南山区", "毕业后到深圳工作", LocalDate.now(clock)));
		assertThat(management.paidUpTo(person.id())).contains(now().minusMonths(4));
		// no bills after it, even before the 回执: the months since are the receiver's
		assertThat(state(person, now().minusMonths(3))).isEqualTo("NONE");
		assertThat(state(person, now())).isEqualTo("NONE");
		billing.generate(now().plusMonths(1));
		assertThat(state(person, now().plusMonths(1))).isEqualTo("NONE");
		payOffline(branch1, person, "", now().minusMonths(2)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("党费交至")));
		// no arrears, so no 3/5/6-month warnings for months after it
		assertThat(arrears.of(members.summary(person.id()).orElseThrow())).isEmpty();

		// withdrawn (or the letter voided): billing resumes from the month after the letter's 党费交至
		management.stayedAfterLetter(person.id());
		assertThat(state(person, now().minusMonths(3))).isEqualTo("UNPAID");
		assertThat(state(person, now())).isEqualTo("UNPAID");
		payOffline(branch1, person, "", now().minusMonths(3)).andExpect(status().isCreated());
	}

	@Test
	@DisplayName("毕业生：持介绍信离校的不再在本校出账单；暂留学校（不超过 2 年）的照常交纳")
	void graduatesStayingAtTheSchoolKeepBeingBilledHere() throws Exception {
		var leaving = student(LocalDate.of(2024, 9, 1));
		var staying = student(LocalDate.of(2024, 9, 1));
		billed(leaving, now().minusMonths(1), now());
		billed(staying, now().minusMonths(1), now());
		var branch1 = login("branch1");
		payOffline(branch1, leaving, "", now().minusMonths(1)).andExpect(status().isCreated());
		var admin = login("admin");
		String started = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/transfers/graduate-batches").with(admin)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf().asHeader())
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("""
					{"graduationYear": 2028, "graduates": [
					  {"memberId": %d, "destination": "EMPLOYER", "toOrgName": "杭州某网络公司党委", "toOrgAddress": "杭州市西湖区"},
					  {"memberId": %d, "destination": "STAY", "stayOrgId": %d, "contactName": "李老师", "contactPhone": "028-1234567"}]}"""
				.formatted(leaving.id(), staying.id(), orgId("SFDX-JSJ-02"))))
			.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		long batch = ((Number) com.jayway.jsonpath.JsonPath.read(started, "$.id")).longValue();
		long deadline = System.currentTimeMillis() + 60_000;
		String state = "RUNNING";
		while ("RUNNING".equals(state) && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			state = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/v1/transfers/graduate-batches/{id}", batch).with(admin))
				.andReturn().getResponse().getContentAsString(), "$.state");
		}
		assertThat(state).isEqualTo("DONE");
		// the one leaving: paid up to last month, as the letter says; this month is the receiver's
		assertThat(state(leaving, now())).isEqualTo("NONE");
		// the one staying: billed here as before, and next month too
		assertThat(state(staying, now().minusMonths(1))).isEqualTo("UNPAID");
		assertThat(state(staying, now())).isEqualTo("UNPAID");
		billing.generate(now().plusMonths(1));
		assertThat(state(staying, now().plusMonths(1))).isEqualTo("UNPAID");
		assertThat(state(leaving, now().plusMonths(1))).isEqualTo("NONE");
	}

	@Test
	@DisplayName("预交党费从最早未交的月份起依次交纳，不留空档；补交更早的月份照旧")
	void payingAheadTakesTheMonthsInOrderFromTheFirstUnpaidOne() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(2), now().minusMonths(1), now());
		var branch1 = login("branch1");
		payOffline(branch1, person, "", now().plusMonths(5)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("months"))
			.andExpect(jsonPath("$.message").value(Matchers.containsString(now().minusMonths(2).toString())));
		assertThat(state(person, now().plusMonths(5))).isEqualTo("NONE");
		// 补交 of an older month alone is not paying ahead
		payOffline(branch1, person, "", now().minusMonths(1)).andExpect(status().isCreated());
		payOffline(branch1, person, "", now().minusMonths(2), now(), now().plusMonths(1)).andExpect(status().isCreated());
		payOffline(branch1, person, "", now().plusMonths(3)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString(now().plusMonths(2).toString())));
		payOffline(branch1, person, "", now().plusMonths(2), now().plusMonths(3)).andExpect(status().isCreated());
		assertThat(management.paidUpTo(person.id())).contains(now().plusMonths(3));
	}

	@Test
	@DisplayName("未核定交纳基数的党员：超过 2 个月告知支部和党总支，党费名册单独计数")
	void membersWithoutABaseAreToldToTheBranchAndCountedApart() throws Exception {
		var person = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2012, 7, 1), MemberStatus.FULL);
		assertThat(bases.tellMissing()).isPositive();
		// once per member
		assertThat(jdbc.sql("select count(*) from dues_no_base_notice where member_id = ?").param(person.id()).query(Long.class)
			.single()).isEqualTo(1);
		bases.tellMissing();
		assertThat(jdbc.sql("select count(*) from dues_no_base_notice where member_id = ?").param(person.id()).query(Long.class)
			.single()).isEqualTo(1);
		String name = jdbc.sql("select name from member where id = ?").param(person.id()).query(String.class).single();
		for (String who : new String[] { "branch1", "college1" }) {
			long until = System.currentTimeMillis() + 15_000;
			long found = 0;
			while (found == 0 && System.currentTimeMillis() < until) {
				found = jdbc.sql("""
						select count(*) from notification n join account a on a.id = n.account_id
						where a.username = ? and n.title like '%基数未核定%' and n.body like ?""").params(who, "%" + name + "%")
					.query(Long.class).single();
				Thread.sleep(found == 0 ? 100 : 0);
			}
			assertThat(found).as(who).isPositive();
		}
		// the roll counts them apart (without reading the members) and links to their list, which names them
		mvc.perform(get("/dues").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(login("branch1")))
			.andExpect(content().string(Matchers.containsString("本月未出账单")))
			.andExpect(content().string(Matchers.containsString("id=\"missing-bases\"")));
		mvc.perform(get("/dues/missing").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(login("branch1")))
			.andExpect(content().string(Matchers.containsString(name)))
			.andExpect(content().string(Matchers.containsString("/dues/members/" + person.id() + "#base")));
		// another school's administrator: the audited 404, nobody named
		mvc.perform(get("/dues/missing").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(login("school2")))
			.andExpect(status().isNotFound());
		// and names branches of different colleges apart (学院 › 支部)
		mvc.perform(get("/api/v1/dues/arrears").with(login("admin")))
			.andExpect(jsonPath("$[0].organizationName").value(Matchers.containsString(" › ")));
	}
}
