package cn.partybuilding.transfer;

import java.time.LocalDate;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import cn.partybuilding.shared.PlatformZone;

/**
 * Transfers within the school: who decides at each stage, the member moving (and who sees them) only at
 * acceptance, refusal, withdrawal, submitting again, one open transfer at a time, scope.
 */
class TransferTest extends TransferTestBase {

	@Test
	void withinOneCollegeTheMemberMovesAndIsSeenByTheNewBranchOnlyAtAcceptance() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var self = login(person.username());
		var branch1 = login("branch1");
		var receiving = secretaryOf("SFDX-JSJ-02");
		long id = id(start(self, person.id(), "SFDX-JSJ-02").andExpect(status().isCreated())
			.andExpect(jsonPath("$.stage").value("SENDING_BRANCH"))
			.andExpect(jsonPath("$.crosses").value(false)));
		// the receiving branch may not act yet, and does not see the member, only the transfer
		act(receiving, id, "accept").andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/transfers/{id}", id).with(receiving)).andExpect(status().isOk())
			.andExpect(jsonPath("$.memberName").value(Matchers.startsWith("转接测试")));
		assertThat(answer(receiving, "/api/v1/members/{id}", person.id())).isEqualTo(404);

		act(branch1, id, "approve").andExpect(status().isOk()).andExpect(jsonPath("$.stage").value("RECEIVING_BRANCH"));
		assertThat(answer(receiving, "/api/v1/members/{id}", person.id())).isEqualTo(404);
		assertThat(answer(branch1, "/api/v1/members/{id}", person.id())).isEqualTo(200);
		mvc.perform(get("/api/v1/transfers/waiting").with(receiving))
			.andExpect(jsonPath("$[?(@.id == " + id + ")]").isNotEmpty());

		act(receiving, id, "accept").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACCEPTED"));
		assertThat(answer(receiving, "/api/v1/members/{id}", person.id())).isEqualTo(200);
		assertThat(answer(branch1, "/api/v1/members/{id}", person.id())).isEqualTo(404);
		assertThat(jdbc.sql("select organization_id from member where id = ?").param(person.id()).query(Long.class).single())
			.isEqualTo(orgId("SFDX-JSJ-02"));
		// the account's 党员 role moved with them; accepting again changes nothing
		assertThat(jdbc.sql("""
				select g.organization_id from account_grant g join member m on m.account_id = g.account_id
				where m.id = ? and g.role = 'MEMBER'""").param(person.id()).query(Long.class).single()).isEqualTo(orgId("SFDX-JSJ-02"));
		act(receiving, id, "accept").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACCEPTED"));
		// their role moved, so their sessions ended (as with any change of roles): they sign in again
		mvc.perform(get("/api/v1/transfers/{id}", id).with(login(person.username())))
			.andExpect(jsonPath("$.steps[*].action").value(Matchers.contains("SUBMIT", "APPROVE", "ACCEPT")));
		// the 纪实 has each step
		long until = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < until && jdbc.sql("select count(*) from record_entry where member_id = ? and kind like 'TRANSFER_%'")
			.param(person.id()).query(Long.class).single() < 3) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind like 'TRANSFER_%'").param(person.id())
			.query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void acrossCollegesBothGeneralBranchesApproveAndTheirSightSwitchesAtAcceptance() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var branch1 = login("branch1");
		var college1 = login("college1");
		var branch2 = login("branch2");
		// started by the sending branch: its start is its approval
		long id = id(start(branch1, person.id(), "SFDX-JX-01").andExpect(status().isCreated())
			.andExpect(jsonPath("$.crosses").value(true))
			.andExpect(jsonPath("$.stage").value("SENDING_GENERAL")));
		act(branch2, id, "accept").andExpect(status().isForbidden());
		act(college1, id, "approve").andExpect(jsonPath("$.stage").value("RECEIVING_GENERAL"));
		// the receiving college has no administrator in the demo: the committee's stands in
		act(college1, id, "approve").andExpect(status().isForbidden());
		act(login("admin"), id, "approve").andExpect(jsonPath("$.stage").value("RECEIVING_BRANCH"));
		assertThat(answer(college1, "/api/v1/members/{id}", person.id())).isEqualTo(200);
		assertThat(answer(branch2, "/api/v1/members/{id}", person.id())).isEqualTo(404);
		act(branch2, id, "accept").andExpect(jsonPath("$.state").value("ACCEPTED"));
		assertThat(answer(college1, "/api/v1/members/{id}", person.id())).isEqualTo(404);
		assertThat(answer(branch1, "/api/v1/members/{id}", person.id())).isEqualTo(404);
		assertThat(answer(branch2, "/api/v1/members/{id}", person.id())).isEqualTo(200);
		// the transfer itself stays in the sending side's history
		mvc.perform(get("/api/v1/transfers").param("state", "ACCEPTED").with(branch1))
			.andExpect(jsonPath("$[?(@.id == " + id + ")]").isNotEmpty());
	}

	@Test
	void aBranchMovedUnderAnotherCollegeMidTransferBringsThatCollegeIn() throws Exception {
		var admin = login("admin");
		String created = mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"parentId\": %d, \"code\": \"SFDX-JSJ-T9\", \"name\": \"转接路线测试党支部\", \"type\": \"BRANCH\"}"
				.formatted(orgId("SFDX-JSJ"))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long target = ((Number) JsonPath.read(created, "$.id")).longValue();
		Person person = member("SFDX-JSJ-01");
		long id = id(start(login(person.username()), person.id(), "SFDX-JSJ-T9").andExpect(jsonPath("$.crosses").value(false)));
		// meanwhile the receiving branch is moved under another college
		mvc.perform(MockMvcRequestBuilders.patch("/api/v1/organizations/{id}", target)
			.with(admin).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"parentId\": %d}".formatted(orgId("SFDX-JX")))).andExpect(status().isOk());
		act(login("branch1"), id, "approve").andExpect(status().isOk())
			.andExpect(jsonPath("$.stage").value("SENDING_GENERAL"))
			.andExpect(jsonPath("$.crosses").value(true));
	}

	@Test
	void refusedWithdrawnAndSubmittedAgainOneOpenAtATime() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var self = login(person.username());
		var branch1 = login("branch1");
		long first = id(start(self, person.id(), "SFDX-JSJ-02").andExpect(status().isCreated()));
		start(self, person.id(), "SFDX-JSJ-03").andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("正在办理")));
		mvc.perform(post("/api/v1/transfers/{id}/reject", first).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		act(branch1, first, "reject").andExpect(jsonPath("$.state").value("REJECTED"));
		act(branch1, first, "approve").andExpect(status().isBadRequest());
		long second = id(start(self, person.id(), "SFDX-JSJ-02").andExpect(status().isCreated()));
		act(self, second, "withdraw").andExpect(jsonPath("$.state").value("WITHDRAWN"));
		start(self, person.id(), "SFDX-JSJ-02").andExpect(status().isCreated());
		// nonsense is refused in words
		start(self, person.id(), "SFDX-JSJ-01").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("相同")));
		mvc.perform(post("/api/v1/transfers").with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"memberId\": %d, \"toOrgId\": %d, \"reason\": \"\"}".formatted(member("SFDX-JSJ-01").id(), orgId("SFDX-JSJ"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("reason", "toOrgId")));
	}

	@Test
	void othersSeeNothingOfATransferTheyHaveNoPartIn() throws Exception {
		Person person = member("SFDX-JSJ-01");
		long id = id(start(login(person.username()), person.id(), "SFDX-JSJ-02").andExpect(status().isCreated()));
		var branch2 = login("branch2");
		assertThat(answer(branch2, "/api/v1/transfers/{id}", id)).isEqualTo(404);
		act(branch2, id, "approve").andExpect(status().isNotFound());
		act(branch2, id, "withdraw").andExpect(status().isNotFound());
		assertThat(mvc.perform(get("/api/v1/transfers").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch2))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		mvc.perform(get("/api/v1/transfers").with(branch2)).andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());
		// another member cannot move someone else
		start(login("member2"), person.id(), "SFDX-JX-01").andExpect(status().isNotFound());
		assertThat(answer(login("member2"), "/api/v1/transfers/{id}", id)).isEqualTo(404);
	}

	@Test
	void anOutgoingLetterIsIssuedByTheCommitteeVerifiedInPublicAndClosedByItsReceipt() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var branch1 = login("branch1");
		var admin = login("admin");
		String body = """
				{"memberId": %d, "kind": "OUTGOING", "toOrgName": "深圳某科技有限公司党委", "toOrgKind": "EMPLOYER",
				 "toOrgAddress": "深圳市南山区", "reason": "毕业到该公司工作"}""".formatted(person.id());
		mvc.perform(post("/api/v1/transfers").with(branch1).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content(body.replace("EMPLOYER", "PALACE").replace("深圳某科技有限公司党委", "")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("toOrgName", "toOrgKind")));
		long id = id(mvc.perform(post("/api/v1/transfers").with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.stage").value("SENDING_GENERAL")));
		act(login("branch2"), id, "approve").andExpect(status().isNotFound());
		act(login("college1"), id, "approve").andExpect(jsonPath("$.stage").value("COMMITTEE_ISSUE"));
		String issued = act(admin, id, "approve").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ISSUED"))
			.andExpect(jsonPath("$.letter.number").value(Matchers.matchesPattern("\\d{4}-\\d{4}")))
			.andReturn().getResponse().getContentAsString();
		String code = JsonPath.read(issued, "$.letter.verifyCode");
		// another transfer while the letter is out: refused
		start(login(person.username()), person.id(), "SFDX-JSJ-02").andExpect(status().isConflict());

		// the public page, signed out: genuine, the masked name, where to — nothing else
		String page = mvc.perform(get("/verify/letters/{code}", code)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("真实有效").contains("深圳某科技有限公司党委").contains("转*" )
			.doesNotContain("转接测试").doesNotContain("510104").doesNotContain(person.username());
		mvc.perform(get("/verify/letters/{code}", "ZZZZZZZZZZZZ")).andExpect(status().isNotFound());

		// the 回执: only the committee, not in the future, then the member leaves the active lists
		mvc.perform(post("/api/v1/transfers/{id}/receipt", id).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"receiptNo\": \"HZ-1\", \"receivedOn\": \"" + LocalDate.now(PlatformZone.ZONE) + "\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/transfers/{id}/receipt", id).with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"receiptNo\": \"\", \"receivedOn\": \"2099-01-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("receiptNo", "receivedOn")));
		mvc.perform(post("/api/v1/transfers/{id}/receipt", id).with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"receiptNo\": \"HZ-1\", \"receivedOn\": \"" + LocalDate.now(PlatformZone.ZONE) + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("RECEIPTED"));
		mvc.perform(get("/api/v1/members").param("q", person.username()).with(branch1))
			.andExpect(jsonPath("$.content.length()").value(0));
		assertThat(answer(branch1, "/api/v1/members/{id}", person.id())).isEqualTo(200);
		mvc.perform(get("/verify/letters/{code}", code)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("已办结")));
	}

	@Test
	void aTransferWaitingForSomeoneIsOnTheirHomePage() throws Exception {
		Person person = member("SFDX-JSJ-01");
		start(login("branch1"), person.id(), "SFDX-JX-01").andExpect(status().isCreated());
		mvc.perform(get("/").with(login("college1"))).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("件组织关系转接等待您办理")))
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("计算机科学与技术学院党委 › 教工第一党支部")))
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("href=\"/transfers\"")));
		mvc.perform(get("/").with(login(person.username()))).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.not(Matchers.containsString("件组织关系转接等待您办理"))));
	}

	@Test
	void aVoidedLetterKeepsTheMemberHereAndTheirDuesBilledHereAgain() throws Exception {
		Person person = member("SFDX-JSJ-01");
		long id = lapsedLetter(person);
		jdbc.sql("update transfer set valid_until = (now() at time zone 'Asia/Shanghai')::date + 30 where id = ?").param(id).update();
		assertThat(jdbc.sql("select count(*) from dues_letter_out where member_id = ?").param(person.id()).query(Long.class).single())
			.isEqualTo(1);
		String code = jdbc.sql("select verify_code from transfer_letter where transfer_id = ?").param(id).query(String.class).single();
		var admin = login("admin");
		mvc.perform(post("/api/v1/transfers/{id}/void", id).with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"不走了\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/transfers/{id}/void", id).with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(post("/api/v1/transfers/{id}/void", id).with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"用人单位变更，本人留校工作\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("WITHDRAWN"));
		// billed here again; the letter verifies as void; a second void is refused
		assertThat(jdbc.sql("select count(*) from dues_letter_out where member_id = ?").param(person.id()).query(Long.class).single())
			.isZero();
		mvc.perform(get("/verify/letters/{code}", code)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("该介绍信已作废")));
		mvc.perform(post("/api/v1/transfers/{id}/void", id).with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"再次\"}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aReceiptAfterTheLettersValidityIsRefusedByDefault() throws Exception {
		long id = lapsedLetter(member("SFDX-JSJ-01"));
		mvc.perform(post("/api/v1/transfers/{id}/receipt", id).with(login("admin")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"receiptNo\": \"HZ-LATE\", \"receivedOn\": \"" + LocalDate.now(PlatformZone.ZONE) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("receivedOn"));
	}

	@Test
	void aCodeTypedFromThePrintedLetterIsForgivenItsSpacesAndSmallLetters() throws Exception {
		mvc.perform(get("/verify/letters")).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("name=\"code\"")));
		mvc.perform(get("/verify/letters").param("code", " abcd-efgh jkmn ")).andExpect(status().is3xxRedirection())
			.andExpect(MockMvcResultMatchers.redirectedUrl("/verify/letters/ABCDEFGHJKMN"));
	}

	@Test
	void theVerificationPageAnswersAnAddressOnlySoOftenAMinute() throws Exception {
		int refused = 0;
		for (int i = 0; i < 70; i++) {
			int code = mvc.perform(get("/verify/letters/{code}", "ABCDEFGHJKMN").with(r -> {
				r.setRemoteAddr("203.0.113.7");
				return r;
			})).andReturn().getResponse().getStatus();
			refused += code == 429 ? 1 : 0;
		}
		assertThat(refused).isGreaterThanOrEqualTo(5); // even split across a minute boundary
	}

	@Test
	void anOfficerDoesNotApproveTheirOwnTransfer() throws Exception {
		Person officer = member("SFDX-JSJ-02");
		long account = jdbc.sql("select account_id from member where id = ?").param(officer.id()).query(Long.class).single();
		jdbc.sql("insert into account_grant (account_id, role, organization_id) values (?, 'BRANCH_SECRETARY', ?)")
			.params(account, orgId("SFDX-JSJ-02")).update();
		var self = login(officer.username());
		long id = id(start(self, officer.id(), "SFDX-JSJ-03").andExpect(status().isCreated())
			.andExpect(jsonPath("$.stage").value("SENDING_BRANCH")));
		act(self, id, "approve").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("其他负责人")));
	}

	@Test
	void aLapsedLetterIsReissuedWithinSixMonthsAndTheOldOneVerifiesAsVoid() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var admin = login("admin");
		long id = id(mvc.perform(post("/api/v1/transfers").with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"memberId": %d, "kind": "OUTGOING", "toOrgName": "某市人才服务中心党委", "toOrgKind": "TALENT_CENTER",
					 "reason": "档案转入人才中心"}""".formatted(person.id())))
			.andExpect(status().isCreated()));
		act(login("college1"), id, "approve").andExpect(status().isOk());
		String first = JsonPath.read(act(admin, id, "approve").andExpect(jsonPath("$.state").value("ISSUED"))
			.andReturn().getResponse().getContentAsString(), "$.letter.verifyCode");
		act(admin, id, "reissue").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("尚未过期")));

		// the letter lapses without its 回执: it cannot be receipted as it is, it can be issued again
		jdbc.sql("update transfer set valid_until = (now() at time zone 'Asia/Shanghai')::date - 1 where id = ?").param(id).update();
		jdbc.sql("update transfer_letter set valid_until = (now() at time zone 'Asia/Shanghai')::date - 1 where transfer_id = ?").param(id).update();
		mvc.perform(post("/api/v1/transfers/{id}/receipt", id).with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"receiptNo\": \"HZ-9\", \"receivedOn\": \"" + LocalDate.now(PlatformZone.ZONE) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("过期")));
		String second = JsonPath.read(act(admin, id, "reissue").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ISSUED"))
			.andReturn().getResponse().getContentAsString(), "$.letter.verifyCode");
		assertThat(second).isNotEqualTo(first);
		mvc.perform(get("/verify/letters/{code}", first)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("已作废")));
		mvc.perform(get("/verify/letters/{code}", second)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("真实有效")));
		mvc.perform(get("/api/v1/transfers/{id}", id).with(admin))
			.andExpect(jsonPath("$.steps[*].action").value(Matchers.hasItem("REISSUE")));

		// more than six months after the first letter: no more reissues
		jdbc.sql("update transfer set valid_until = (now() at time zone 'Asia/Shanghai')::date - 1 where id = ?").param(id).update();
		jdbc.sql("update transfer_letter set issued_at = now() - interval '7 months' where transfer_id = ?").param(id).update();
		act(admin, id, "reissue").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("个月")));
	}
}
