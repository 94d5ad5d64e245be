package cn.partybuilding.transfer;

import java.time.LocalDate;
import java.time.YearMonth;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.IdCardNumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import cn.partybuilding.shared.PlatformZone;

/** 转入: a letter from outside registered, the branch accepts, the member and their account exist there. */
class IncomingTransferTest extends TransferTestBase {

	@Autowired
	DuesManagement dues;

	private static String idCard(String birth, int serial) {
		String first17 = "110101" + birth.replace("-", "") + String.format("%03d", serial);
		return first17 + IdCardNumber.checkCharacter(first17);
	}

	private String letter(String letterNo, LocalDate validUntil, long toOrgId, String idCard) {
		return """
				{"letterNo": "%s", "fromOrgName": "中共北京某大学委员会", "validUntil": "%s", "paidUpTo": "%s", "toOrgId": %d,
				 "member": {"name": "赵来新", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1998-05-04", "idCard": "%s",
				  "education": "MASTER", "category": "STUDENT", "status": "FULL", "joinDate": "2019-06-01",
				  "conversionDate": "2020-06-01", "staffNumber": "IN%s", "graduationYear": 2028}}"""
			.formatted(letterNo, validUntil, YearMonth.now(PlatformZone.ZONE), toOrgId, idCard, letterNo.replace("-", ""));
	}

	private ResultActions register(RequestPostProcessor who, String body) throws Exception {
		return mvc.perform(post("/api/v1/transfers/incoming").with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	@Test
	void aLetterFromOutsideIsRegisteredAndTheMemberExistsOnlyOnceTheBranchAccepts() throws Exception {
		var admin = login("admin");
		var branch1 = login("branch1");
		long branch = orgId("SFDX-JSJ-01");
		String card = idCard("1998-05-04", 131);
		// bad input: every problem at once, the member's own fields named as such
		register(admin, """
				{"letterNo": "", "fromOrgName": "", "validUntil": "2020-01-01", "paidUpTo": "10/2026", "toOrgId": %d,
				 "member": {"name": "", "idCard": "123"}}""".formatted(orgId("SFDX-JSJ")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItems("letterNo", "fromOrgName", "validUntil", "paidUpTo",
					"toOrgId")));
		register(admin, letter("BJ-2026-17", LocalDate.now(PlatformZone.ZONE).plusDays(30), branch, "123"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItem("member.idCard")));
		// someone else's branch: the audited 404
		register(login("branch2"), letter("BJ-2026-17", LocalDate.now(PlatformZone.ZONE).plusDays(30), branch, card))
			.andExpect(status().isNotFound());

		String created = register(admin, letter("BJ-2026-17", LocalDate.now(PlatformZone.ZONE).plusDays(30), branch, card))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.kind").value("INCOMING"))
			.andExpect(jsonPath("$.stage").value("RECEIVING_BRANCH"))
			.andExpect(jsonPath("$.memberId").doesNotExist())
			.andExpect(jsonPath("$.memberName").value("赵来新"))
			.andExpect(jsonPath("$.fromName").value("中共北京某大学委员会"))
			.andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(created, "$.id")).longValue();
		// the same letter twice: a clear conflict
		register(admin, letter("BJ-2026-17", LocalDate.now(PlatformZone.ZONE).plusDays(30), branch, card)).andExpect(status().isConflict());
		// nobody by that name in the branch yet; the details wait sealed, not readable in the table
		mvc.perform(get("/api/v1/members").param("q", "赵来新").with(branch1)).andExpect(jsonPath("$.content.length()").value(0));
		assertThat(jdbc.sql("select incoming_sealed from transfer where id = ?").param(id).query(String.class).single())
			.doesNotContain(card).doesNotContain("赵来新");
		// the branch is told, and accepts
		mvc.perform(get("/api/v1/transfers/waiting").with(branch1)).andExpect(jsonPath("$[?(@.id == %d)]".formatted(id)).exists());
		String arrived = act(branch1, id, "accept").andExpect(status().isOk())
			.andExpect(jsonPath("$.transfer.state").value("ACCEPTED"))
			.andExpect(jsonPath("$.username").value("INBJ202617"))
			.andExpect(jsonPath("$.initialPassword").isNotEmpty())
			.andReturn().getResponse().getContentAsString();
		long memberId = ((Number) JsonPath.read(arrived, "$.transfer.memberId")).longValue();
		mvc.perform(get("/api/v1/members/{id}", memberId).with(branch1)).andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("赵来新"))
			.andExpect(jsonPath("$.organizationId").value((int) branch));
		// record once: the letter's 党费交至 (this month) is where the bills here begin — this month is not billed again
		dues.openBills(YearMonth.now(PlatformZone.ZONE));
		assertThat(jdbc.sql("select count(*) from dues_bill where member_id = ?").param(memberId).query(Long.class).single()).isZero();
		assertThat(dues.paidUpTo(memberId)).contains(YearMonth.now(PlatformZone.ZONE));
		// accepting again changes nothing and shows no password
		act(branch1, id, "accept").andExpect(status().isOk()).andExpect(jsonPath("$.initialPassword").doesNotExist());
		assertThat(jdbc.sql("select incoming_sealed is null from transfer where id = ?").param(id).query(Boolean.class).single()).isTrue();
		// the arrival opens the new member's 纪实 (written after the commit, by a listener)
		long deadline = System.currentTimeMillis() + 10_000;
		while (jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'TRANSFER_ACCEPT'").param(memberId)
			.query(Long.class).single() == 0 && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		assertThat(jdbc.sql("select kind from record_entry where member_id = ?").param(memberId)
			.query(String.class).list()).contains("TRANSFER_ACCEPT");
	}

	@Test
	void anExpiredLetterIsNotAcceptedWithoutAReissue() throws Exception {
		var admin = login("admin");
		long branch = orgId("SFDX-JSJ-01");
		register(admin, letter("SH-2026-9", LocalDate.now(PlatformZone.ZONE).minusDays(1), branch, idCard("1998-05-04", 151)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("validUntil"))
			.andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("重新开具")));
		// registered while valid, lapsed before the branch got to it
		long id = ((Number) JsonPath.read(register(admin, letter("SH-2026-10", LocalDate.now(PlatformZone.ZONE), branch, idCard("1998-05-04", 171)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		jdbc.sql("update transfer set valid_until = (now() at time zone 'Asia/Shanghai')::date - 1 where id = ?").param(id).update();
		act(login("branch1"), id, "accept").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("validUntil"));
		assertThat(jdbc.sql("select state from transfer where id = ?").param(id).query(String.class).single()).isEqualTo("PENDING");
	}

	@Test
	void theRegistrationPageKeepsWhatWasTypedAndTheAcceptancePageShowsThePasswordOnce() throws Exception {
		var branch1 = login("branch1");
		mvc.perform(get("/transfers/incoming").with(branch1)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("教工第一党支部")));
		mvc.perform(post("/transfers/incoming").with(branch1).with(csrf()).param("letterNo", "GZ-1").param("fromOrgName", "广州某党委")
			.param("validUntil", "not a date").param("member.name", "钱来"))
			.andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("value=\"钱来\"")))
			.andExpect(MockMvcResultMatchers.model().attributeHasFieldErrors("form", "validUntil"));
		var result = mvc.perform(post("/transfers/incoming").with(branch1).with(csrf()).param("letterNo", "GZ-2")
			.param("fromOrgName", "广州某党委").param("validUntil", LocalDate.now(PlatformZone.ZONE).plusDays(10).toString())
			.param("toOrgId", Long.toString(orgId("SFDX-JSJ-01"))).param("member.name", "钱来到")
			.param("member.gender", "FEMALE").param("member.ethnicity", "汉族").param("member.birthDate", "1990-01-02")
			.param("member.idCard", idCard("1990-01-02", 142)).param("member.education", "BACHELOR")
			.param("member.category", "FACULTY").param("member.status", "FULL").param("member.joinDate", "2012-06-01")
			.param("member.conversionDate", "2013-06-01").param("member.staffNumber", "GZ0002"))
			.andExpect(status().is3xxRedirection()).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).matches("/transfers/\\d+");
		mvc.perform(post(location + "/approve").with(branch1).with(csrf()))
			.andExpect(flash().attribute("notice", Matchers.allOf(Matchers.containsString("GZ0002"), Matchers.containsString("初始密码"))));
	}
}
