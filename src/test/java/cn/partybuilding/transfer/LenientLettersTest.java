package cn.partybuilding.transfer;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.shared.PlatformZone;

/**
 * Where local practice accepts a letter past its validity and records a late 回执 (both settings on; by
 * default both are refused, as {@link IncomingTransferTest} and {@link TransferTest} show).
 */
@TestPropertySource(properties = { "party.transfer.accept-expired-letters=true", "party.transfer.late-receipts=true" })
class LenientLettersTest extends TransferTestBase {

	@Test
	void anExpiredIncomingLetterMayBeAcceptedWhereTheSettingAllowsIt() throws Exception {
		String first17 = "11010119980504" + "191";
		String body = """
				{"letterNo": "LN-2026-1", "fromOrgName": "中共上海某大学委员会", "validUntil": "%s", "paidUpTo": "%s", "toOrgId": %d,
				 "member": {"name": "孙过期", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1998-05-04", "idCard": "%s",
				  "education": "MASTER", "category": "STUDENT", "status": "FULL", "joinDate": "2019-06-01",
				  "conversionDate": "2020-06-01", "staffNumber": "INLN20261", "graduationYear": 2028}}"""
			.formatted(LocalDate.now(PlatformZone.ZONE).minusDays(3), YearMonth.now(PlatformZone.ZONE), orgId("SFDX-JSJ-01"),
					first17 + IdCardNumber.checkCharacter(first17));
		long id = id(mvc.perform(post("/api/v1/transfers/incoming").with(login("admin")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()));
		act(login("branch1"), id, "accept").andExpect(status().isOk())
			.andExpect(jsonPath("$.transfer.state").value("ACCEPTED"));
	}

	@Test
	void aReceiptAfterTheLettersValidityMayBeRecordedWhereTheSettingAllowsIt() throws Exception {
		var admin = login("admin");
		long id = lapsedLetter(member("SFDX-JSJ-01"));
		mvc.perform(post("/api/v1/transfers/{id}/receipt", id).with(admin).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"receiptNo\": \"HZ-LATE\", \"receivedOn\": \"" + LocalDate.now(PlatformZone.ZONE) + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("RECEIPTED"));
	}
}
