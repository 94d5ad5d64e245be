package cn.partybuilding.record;

import java.io.ByteArrayInputStream;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.member.IdCardNumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** 一个党员一个账号，一个账号一份纪实: facts recorded once elsewhere flow into the chronicle by themselves. */
class ChronicleTest extends PlatformTest {

	/** The chronicle is written after the source commits: wait for it, briefly. */
	List<String> kindsOf(RequestPostProcessor who, String url, int atLeast) throws Exception {
		List<String> kinds = List.of();
		for (int i = 0; i < 100 && kinds.size() < atLeast; i++) {
			String json = mvc.perform(get(url).with(who)).andReturn().getResponse().getContentAsString();
			kinds = JsonPath.read(json, "$[*].kind");
			if (kinds.size() < atLeast) {
				Thread.sleep(100);
			}
		}
		return kinds;
	}

	@Test
	@DisplayName("记录一次: 登记与本人改密自动进入纪实")
	void registrationAndTheMembersOwnStepsAppearWithoutRetyping() throws Exception {
		var branch1 = login("branch1");
		String first17 = "42010219990101" + String.format("%03d", 300 + (int) (System.nanoTime() % 300) * 2 + 1);
		String idCard = first17 + IdCardNumber.checkCharacter(first17);
		String staff = unique("R");
		String answer = mvc.perform(post("/api/v1/members").with(branch1).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "李纪实", "gender": "MALE", "idCard": "%s", "education": "BACHELOR", "category": "STUDENT",
						 "staffNumber": "%s", "organizationId": %d, "status": "PROBATIONARY", "joinDate": "2025-05-20"}"""
					.formatted(idCard, staff, orgId("SFDX-JSJ-01"))))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		long memberId = ((Number) JsonPath.read(answer, "$.id")).longValue();
		String oneTime = JsonPath.read(answer, "$.initialPassword");

		assertThat(kindsOf(branch1, "/api/v1/members/" + memberId + "/record", 1)).containsExactly("MEMBER_REGISTERED");

		// the member signs in, sets a password, and reads their own chronicle
		var member = login(staff, oneTime);
		mvc.perform(post("/account/password").with(member).with(csrf())
			.param("currentPassword", oneTime).param("newPassword", "Mine#2026ok").param("confirmPassword", "Mine#2026ok"));
		assertThat(kindsOf(member, "/api/v1/me/record", 2)).containsExactly("ACCOUNT_ACTIVATED", "MEMBER_REGISTERED");
		var again = login(staff, "Mine#2026ok");
		mvc.perform(post("/account/password").with(again).with(csrf())
			.param("currentPassword", "Mine#2026ok").param("newPassword", "Mine#2027ok").param("confirmPassword", "Mine#2027ok"));
		assertThat(kindsOf(again, "/api/v1/me/record", 3)).containsExactly("ACCOUNT_PASSWORD", "ACCOUNT_ACTIVATED",
				"MEMBER_REGISTERED");

		// 党员纪实档案: the same chronicle as a Word document, for the member and for the branch (audited)
		byte[] docx = mvc.perform(get("/api/v1/members/{id}/record.docx", memberId).with(branch1))
			.andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.header()
				.string("Content-Disposition", Matchers.containsString(".docx")))
			.andReturn().getResponse().getContentAsByteArray();
		try (var doc = new XWPFDocument(new ByteArrayInputStream(docx));
				var text = new XWPFWordExtractor(doc)) {
			assertThat(text.getText()).contains("党员纪实档案").contains("李纪实").contains("账号激活").contains("登记入党员信息库")
				.contains("********").doesNotContain(idCard);
		}
		assertThat(auditCount("record.export", "branch1")).isPositive();
		mvc.perform(get("/api/v1/me/record.docx").with(again)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/members/{id}/record.docx", memberId).with(login("branch2"))).andExpect(status().isNotFound());

		// outside the member's scope the chronicle does not exist
		mvc.perform(get("/api/v1/members/{id}/record", memberId).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me/record").with(login("admin"))).andExpect(status().isNotFound());

		long entry = jdbc.sql("select max(id) from record_entry where member_id = ?").param(memberId).query(Long.class).single();
		assertThatThrownBy(() -> jdbc.sql("update record_entry set title = 'x' where id = ?").param(entry).update())
			.isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
	}
}
