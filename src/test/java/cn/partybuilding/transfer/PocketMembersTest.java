package cn.partybuilding.transfer;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

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
		jdbc.sql("insert into member_contact (member_id, last_at, how) values (?, now() - interval '6 months' - interval '2 days', '签到')")
			.param(gone.id()).update();
		jdbc.sql("insert into member_contact (member_id, last_at, how) values (?, now() - interval '6 months' + interval '2 days', '签到')")
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
		jdbc.sql("update transfer set valid_until = current_date where id = ?").param(id).update();
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("admin")))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")]").isEmpty());
		jdbc.sql("update transfer set valid_until = current_date - 1 where id = ?").param(id).update();
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("admin")))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")].why").value(Matchers.contains("LETTER_LAPSED")));
		mvc.perform(get("/transfers/pocket").with(login("branch1"))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("介绍信过期未回执")));
		mvc.perform(get("/api/v1/transfers/pocket-members").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(login("branch2")))
			.andExpect(status().isNotFound());
	}
}
