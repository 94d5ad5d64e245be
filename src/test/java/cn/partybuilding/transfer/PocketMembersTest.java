package cn.partybuilding.transfer;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** 口袋党员, each rule with a case on either side of its boundary, and the branch recording a contact. */
class PocketMembersTest extends TransferTestBase {

	String listed(String who) throws Exception {
		return mvc.perform(get("/api/v1/transfers/pocket-members").with(login(who))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
	}

	@Test
	void noContactForSixMonthsListsAMemberOneDayLessDoesNot() throws Exception {
		Person gone = member("SFDX-JSJ-01");
		Person near = member("SFDX-JSJ-01");
		jdbc.sql("insert into transfer_last_contact (member_id, last_at, how) values (?, now() - interval '6 months' - interval '2 days', '签到')")
			.param(gone.id()).update();
		jdbc.sql("insert into transfer_last_contact (member_id, last_at, how) values (?, now() - interval '6 months' + interval '2 days', '签到')")
			.param(near.id()).update();
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("branch1")))
			.andExpect(jsonPath("$[?(@.memberId == " + gone.id() + ")].why").value(Matchers.contains("NO_CONTACT")))
			.andExpect(jsonPath("$[?(@.memberId == " + near.id() + ")]").isEmpty());
		// a member never seen counts from their registration (today): not listed
		Person fresh = member("SFDX-JSJ-01");
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("branch1")))
			.andExpect(jsonPath("$[?(@.memberId == " + fresh.id() + ")]").isEmpty());
		// the branch reaches them: off the list; another branch cannot record it
		mvc.perform(post("/api/v1/members/{id}/contact", gone.id()).with(login("branch2")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"how\": \"电话\"}")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/members/{id}/contact", gone.id()).with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"how\": \"电话联系，在外地实习\"}")).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("branch1")))
			.andExpect(jsonPath("$[?(@.memberId == " + gone.id() + ")]").isEmpty());
	}

	@Test
	void aLetterLapsedWithoutItsReceiptListsTheMemberTheDayAfterNotOnItsLastDay() throws Exception {
		Person person = member("SFDX-JSJ-01");
		long id = id(mvc.perform(post("/api/v1/transfers").with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"memberId": %d, "kind": "OUTGOING", "toOrgName": "某街道党工委", "toOrgKind": "STREET", "reason": "回原籍"}"""
				.formatted(person.id())))
			.andExpect(status().isCreated()));
		act(login("college1"), id, "approve").andExpect(status().isOk());
		act(login("admin"), id, "approve").andExpect(jsonPath("$.state").value("ISSUED"));
		jdbc.sql("update transfer set valid_until = (now() at time zone 'Asia/Shanghai')::date where id = ?").param(id).update();
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("admin")))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")]").isEmpty());
		jdbc.sql("update transfer set valid_until = (now() at time zone 'Asia/Shanghai')::date - 1 where id = ?").param(id).update();
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("admin")))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")].why").value(Matchers.contains("LETTER_LAPSED")));
		mvc.perform(get("/transfers/pocket").with(login("branch1"))).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("介绍信过期未回执")));
		mvc.perform(get("/api/v1/transfers/pocket-members").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(login("branch2")))
			.andExpect(status().isNotFound());
	}

	@Autowired
	PocketMembers pockets;

	@Test
	void aGraduateKeptAtTheSchoolIsListedTheDayAfterTwoYearsNotOnTheLastDay() throws Exception {
		Person kept = member("SFDX-JSJ-01");
		Person longer = member("SFDX-JSJ-01");
		jdbc.sql("""
				insert into graduate_stay (member_id, organization_id, contact_name, since)
				values (?, ?, '王老师', (now() at time zone 'Asia/Shanghai')::date - interval '2 years'), (?, ?, '王老师', (now() at time zone 'Asia/Shanghai')::date - interval '2 years' - interval '1 day')""")
			.params(kept.id(), orgId("SFDX-JSJ-01"), longer.id(), orgId("SFDX-JSJ-01")).update();
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("branch1")))
			.andExpect(jsonPath("$[?(@.memberId == " + kept.id() + ")]").isEmpty())
			.andExpect(jsonPath("$[?(@.memberId == " + longer.id() + ")].why").value(Matchers.contains("STAY_OVERDUE")))
			.andExpect(jsonPath("$[?(@.memberId == " + longer.id() + ")].responsible").value(Matchers.contains(Matchers.containsString("王老师"))));
		// the same list as Excel, the reason in words
		byte[] sheet = mvc.perform(get("/transfers/pocket.xlsx").with(login("branch1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
			StringBuilder cells = new StringBuilder();
			book.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell.toString()).append('|')));
			assertThat(cells.toString()).contains("毕业暂留学校超过两年").contains("王老师");
		}
		mvc.perform(get("/transfers/export.xlsx").with(login("branch1"))).andExpect(status().isOk());
	}

	@Test
	void aMemberAbroadWithoutContactForSixMonthsIsListedAsSuchOneDayLessIsNot() throws Exception {
		Person away = member("SFDX-JSJ-01");
		Person near = member("SFDX-JSJ-01");
		var branch1 = login("branch1");
		String body = "{\"country\": \"德国\", \"since\": \"2025-09-01\"}";
		mvc.perform(post("/api/v1/members/{id}/abroad", away.id()).with(login("branch2")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/members/{id}/abroad", away.id()).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"country\": \"\", \"since\": \"2099-01-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("country", "since")));
		for (Person p : List.of(away, near)) {
			mvc.perform(post("/api/v1/members/{id}/abroad", p.id()).with(branch1).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNoContent());
		}
		jdbc.sql("insert into transfer_last_contact (member_id, last_at, how) values (?, now() - interval '6 months' - interval '2 days', '微信')")
			.param(away.id()).update();
		jdbc.sql("insert into transfer_last_contact (member_id, last_at, how) values (?, now() - interval '6 months' + interval '2 days', '微信')")
			.param(near.id()).update();
		mvc.perform(get("/api/v1/transfers/pocket-members").with(branch1))
			.andExpect(jsonPath("$[?(@.memberId == " + away.id() + ")].why").value(Matchers.contains("ABROAD_NO_CONTACT")))
			.andExpect(jsonPath("$[?(@.memberId == " + near.id() + ")]").isEmpty());
		// the page: recorded by 学号/工号, listed; someone else's number is not found
		Person third = member("SFDX-JSJ-01");
		mvc.perform(post("/transfers/pocket/abroad").with(branch1).with(csrf()).param("staffNumber", third.username())
			.param("country", "日本").param("since", "2026-03-01"))
			.andExpect(MockMvcResultMatchers.flash().attributeExists("notice"));
		Person elsewhere = member("SFDX-JX-01");
		mvc.perform(post("/transfers/pocket/abroad").with(branch1).with(csrf()).param("staffNumber", elsewhere.username())
			.param("country", "日本").param("since", "2026-03-01"))
			.andExpect(MockMvcResultMatchers.flash().attribute("error",
					Matchers.containsString(elsewhere.username())));
		mvc.perform(get("/transfers/pocket").with(branch1)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("日本")));
		// back home: an ordinary member again
		mvc.perform(MockMvcRequestBuilders.delete("/api/v1/members/{id}/abroad", away.id())
			.with(branch1).with(csrf().asHeader())).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/transfers/pocket-members").with(branch1))
			.andExpect(jsonPath("$[?(@.memberId == " + away.id() + ")].why").value(Matchers.contains("NO_CONTACT")));
	}

	@Test
	void theResponsibleSecretaryIsRemindedWeeklyOfTheBranchsPocketMembers() throws Exception {
		Person gone = member("SFDX-JSJ-01");
		jdbc.sql("insert into transfer_last_contact (member_id, last_at, how) values (?, now() - interval '7 months', '签到')")
			.param(gone.id()).update();
		long secretary = jdbc.sql("select id from account where username = 'branch1'").query(Long.class).single();
		long before = jdbc.sql("select count(*) from notification where account_id = ? and title like '%口袋党员%'").param(secretary)
			.query(Long.class).single();
		assertThat(pockets.reminder().byBranch()).containsKey(orgId("SFDX-JSJ-01"));
		pockets.remindWeekly();
		long deadline = System.currentTimeMillis() + 10_000;
		while (jdbc.sql("select count(*) from notification where account_id = ? and title like '%口袋党员%'").param(secretary)
			.query(Long.class).single() == before && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		assertThat(jdbc.sql("select count(*) from notification where account_id = ? and title like '%口袋党员%'").param(secretary)
			.query(Long.class).single()).isEqualTo(before + 1);
	}
}
