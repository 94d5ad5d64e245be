package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;

/** 书记信箱 (issue 19): the contract, privacy, answer / forward / close, escalation, the 待办. */
class MailboxApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	Mailbox mailbox;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MailboxToDos toDos;

	private RequestPostProcessor member1;

	private RequestPostProcessor branch1;

	@BeforeEach
	void signIn() throws Exception {
		member1 = login("member1");
		branch1 = login("branch1");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, Object body, RequestPostProcessor who)
			throws Exception {
		return mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body)));
	}

	private static JsonNode json(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private long write(RequestPostProcessor who, String to, String subject) throws Exception {
		return json(send(post("/api/v1/mailbox/letters"), Map.of("to", to, "subject", subject, "body", "内容：" + subject), who)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.anonymous").value(false))).get("id").asLong();
	}

	private static boolean listed(JsonNode page, long id) {
		for (JsonNode l : page.get("content")) {
			if (l.get("id").asLong() == id) {
				return true;
			}
		}
		return false;
	}

	@Test
	@DisplayName("a letter to the branch: 201 {id}; the writer and the branch's secretary list it; the answer reaches the writer's notifications")
	void writeListAnswer() throws Exception {
		String subject = unique("信");
		long id = write(member1, "BRANCH", subject);
		assertThat(listed(json(mvc.perform(get("/api/v1/mailbox/letters").with(member1)).andExpect(status().isOk())), id)).isTrue();
		JsonNode waiting = json(mvc.perform(get("/api/v1/mailbox/letters?state=WAITING&box=handling").with(branch1))
			.andExpect(status().isOk()));
		assertThat(listed(waiting, id)).isTrue();
		assertThat(listed(json(mvc.perform(get("/api/v1/mailbox/letters?state=CLOSED").with(branch1))), id)).isFalse();

		send(post("/api/v1/mailbox/letters/" + id + "/answer"), Map.of("text", "已收到，会安排。"), branch1)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ANSWERED"))
			.andExpect(jsonPath("$.steps[1].kind").value("ANSWERED"))
			.andExpect(jsonPath("$.steps[1].text").value("已收到，会安排。"));
		mvc.perform(get("/api/v1/mailbox/letters/" + id).with(member1))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ANSWERED"))
			.andExpect(jsonPath("$.mayHandle").value(false));
		long account = accounts.callerFor("member1").accountId();
		long notices = 0;
		for (int i = 0; i < 100 && notices == 0; i++) { // the notice is written after the commit, on another thread
			notices = jdbc.sql("select count(*) from notification where account_id = ? and link = ?")
				.params(account, "/mailbox/letters/" + id).query(Long.class).single();
			if (notices == 0) {
				Thread.sleep(100);
			}
		}
		assertThat(notices).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'mailbox.letter.answer' and entity_id = ?")
			.param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	@DisplayName("a letter is private: another member, another branch's secretary and the administrators above get the audited 404; the writer may not answer (403)")
	void privacy() throws Exception {
		long id = write(member1, "BRANCH", unique("私信"));
		for (String other : List.of("member2", "branch2", "college1", "admin")) {
			RequestPostProcessor who = login(other);
			long before = auditCount("access.denied", other);
			mvc.perform(get("/api/v1/mailbox/letters/" + id).with(who)).andExpect(status().isNotFound());
			send(post("/api/v1/mailbox/letters/" + id + "/answer"), Map.of("text", "x"), who).andExpect(status().isNotFound());
			send(post("/api/v1/mailbox/letters/" + id + "/close"), Map.of("text", "x"), who).andExpect(status().isNotFound());
			send(post("/api/v1/mailbox/letters/" + id + "/forward"), Map.of("orgId", orgId("SFDX-JSJ")), who)
				.andExpect(status().isNotFound());
			assertThat(auditCount("access.denied", other)).isEqualTo(before + 4);
			assertThat(listed(json(mvc.perform(get("/api/v1/mailbox/letters").with(who))), id)).isFalse();
		}
		send(post("/api/v1/mailbox/letters/" + id + "/answer"), Map.of("text", "自问自答"), member1)
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/mailbox/letters/" + id)).andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/mailbox/letters").with(member1).contentType(MediaType.APPLICATION_JSON)
			.content("{\"to\":\"BRANCH\",\"subject\":\"s\",\"body\":\"b\"}")).andExpect(status().isForbidden());
	}

	@Test
	@DisplayName("forwarded up within the writer's lineage: the writer sees where it is and the history; outside the lineage 400; closed with a note, then 409")
	void forwardAndClose() throws Exception {
		long id = write(member1, "BRANCH", unique("转交"));
		send(post("/api/v1/mailbox/letters/" + id + "/forward"), Map.of("orgId", orgId("SFDX-JX")), branch1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("orgId"));
		send(post("/api/v1/mailbox/letters/" + id + "/forward"), Map.of("orgId", orgId("SFDX-JSJ"), "text", "请学院协调"), branch1)
			.andExpect(status().isNoContent());
		// branch1 no longer handles it; college1 does
		mvc.perform(get("/api/v1/mailbox/letters/" + id).with(branch1)).andExpect(status().isNotFound());
		RequestPostProcessor college1 = login("college1");
		mvc.perform(get("/api/v1/mailbox/letters/" + id).with(member1))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.organizationId").value(orgId("SFDX-JSJ")))
			.andExpect(jsonPath("$.steps[1].kind").value("FORWARDED"))
			.andExpect(jsonPath("$.steps[1].text").value("请学院协调"));
		send(post("/api/v1/mailbox/letters/" + id + "/close"), Map.of("text", " "), college1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("text"));
		send(post("/api/v1/mailbox/letters/" + id + "/close"), Map.of("text", "已协调解决"), college1)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CLOSED"));
		send(post("/api/v1/mailbox/letters/" + id + "/answer"), Map.of("text", "再答复"), college1)
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/mailbox/letters/" + id).with(member1))
			.andExpect(jsonPath("$.state").value("CLOSED"))
			.andExpect(jsonPath("$.steps[2].kind").value("CLOSED"));
	}

	@Test
	@DisplayName("bad input: 400 naming the fields; an applicant writes to their branch")
	void validationAndApplicant() throws Exception {
		send(post("/api/v1/mailbox/letters"), Map.of("to", "MOON", "subject", "", "body", ""), member1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'to')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'subject')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'body')]").exists());
		send(post("/api/v1/mailbox/letters"), Map.of("to", "BRANCH", "subject", "x".repeat(101), "body", "b"), member1)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("subject"));
		mvc.perform(get("/api/v1/mailbox/letters?box=everything").with(member1)).andExpect(status().isBadRequest());
		write(login("applicant1"), "BRANCH", unique("申请人来信"));
	}

	@Test
	@DisplayName("a letter unanswered for the setting's days goes once to the level above, recorded in its history; the handler's 待办 counts it")
	void escalation() throws Exception {
		Instant now = Instant.now();
		var writer = accounts.callerFor("member1");
		long id = mailbox.writeOnFile(writer, LetterTo.BRANCH, unique("逾期"), "无人答复", now.minus(Duration.ofDays(8)));
		long fresh = mailbox.writeOnFile(writer, LetterTo.BRANCH, unique("未逾期"), "刚写的", now.minus(Duration.ofDays(6)));
		var branchTodos = toDos.dueFor(accounts.callerFor("branch1"));
		assertThat(branchTodos).anyMatch(t -> t.messageKey().equals("mailbox.todo.waiting")
				&& ((Number) t.args().get(1)).longValue() >= 1);
		mailbox.escalateDue(now);
		assertThat(where(id)).isEqualTo(orgId("SFDX-JSJ"));
		assertThat(where(fresh)).isEqualTo(orgId("SFDX-JSJ-01"));
		mvc.perform(get("/api/v1/mailbox/letters/" + id).with(member1))
			.andExpect(jsonPath("$.escalated").value(true))
			.andExpect(jsonPath("$.steps[1].kind").value("ESCALATED"));
		mvc.perform(get("/api/v1/mailbox/letters/" + id).with(login("college1"))).andExpect(status().isOk());
		// once: even left waiting long again at the college, it does not move further up
		jdbc.sql("update interaction_letter set waiting_since = ? where id = ?")
			.params(java.sql.Timestamp.from(now.minus(Duration.ofDays(30))), id).update();
		mailbox.escalateDue(now);
		assertThat(where(id)).isEqualTo(orgId("SFDX-JSJ"));
		assertThat(jdbc.sql("select count(*) from interaction_letter_step where letter_id = ? and kind = 'ESCALATED'")
			.param(id).query(Long.class).single()).isEqualTo(1);
	}

	private long where(long id) {
		return jdbc.sql("select organization_id from interaction_letter where id = ?").param(id).query(Long.class).single();
	}

	@Test
	@DisplayName("pages: the member's mailbox and form, a sent form, the handler's list with the overdue marked")
	void pages() throws Exception {
		mvc.perform(get("/mailbox").with(member1)).andExpect(status().isOk());
		mvc.perform(get("/").with(member1)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("card-mailbox")));
		// the demo's escalated letter waits at the college: its administrator's 待办 says so
		mvc.perform(get("/").with(login("college1"))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("/mailbox/inbox?state=WAITING")));
		mvc.perform(get("/mailbox/new").with(member1)).andExpect(status().isOk());
		mvc.perform(post("/mailbox/letters").with(csrf()).with(member1).param("to", "BRANCH").param("subject", "")
			.param("body", "留着的内容")).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("留着的内容")));
		mvc.perform(post("/mailbox/letters").with(csrf()).with(member1).param("to", "BRANCH").param("subject", unique("页面"))
			.param("body", "页面写信")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/mailbox/inbox").with(branch1)).andExpect(status().isOk());
		String subject = unique("导出");
		write(member1, "BRANCH", subject);
		byte[] sheet = mvc.perform(get("/api/v1/mailbox/letters/export.xlsx?state=WAITING").with(branch1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(sheet))) {
			boolean found = false;
			for (var row : book.getSheetAt(0)) {
				found |= subject.equals(row.getCell(0).getStringCellValue());
			}
			assertThat(found).isTrue();
		}
		byte[] none = mvc.perform(get("/api/v1/mailbox/letters/export.xlsx").with(member1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(none))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isZero();
		}
		mvc.perform(get("/mailbox/follow").with(member1)).andExpect(status().isOk());
		mvc.perform(get("/mailbox/anonymous").with(branch1)).andExpect(status().isForbidden());
	}

	@Test
	@DisplayName("the committee's switch: only its administrators read and turn it; others the audited 404")
	void switchScope() throws Exception {
		long root = orgId("SFDX");
		mvc.perform(get("/api/v1/mailbox/anonymous/" + root).with(login("admin"))).andExpect(status().isOk());
		// the committee is above their subtrees: the audited 404
		send(put("/api/v1/mailbox/anonymous/" + root), Map.of("allowed", true), member1).andExpect(status().isNotFound());
		send(put("/api/v1/mailbox/anonymous/" + root), Map.of("allowed", true), login("college1")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/mailbox/anonymous/" + root).with(branch1)).andExpect(status().isNotFound());
		send(put("/api/v1/mailbox/anonymous/" + 987654321L), Map.of("allowed", true), login("admin")).andExpect(status().isNotFound());
	}
}
