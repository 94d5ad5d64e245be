package cn.partybuilding.transfer;

import java.time.LocalDate;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import cn.partybuilding.shared.PlatformZone;

/** A member asks on the page, the branch approves from its list, the receiving branch accepts. */
class TransferPagesTest extends TransferTestBase {

	@Test
	void aMemberAsksOnThePageAndBothBranchesActFromTheirs() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var self = login(person.username());
		mvc.perform(get("/me/transfer").with(self)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("研究生")));
		mvc.perform(post("/transfers/new").with(self).with(csrf()).param("memberId", Long.toString(person.id()))
			.param("toOrgId", "").param("reason", "读研"))
			.andExpect(model().attributeHasFieldErrors("form", "toOrgId"))
			.andExpect(content().string(Matchers.containsString("value=\"读研\"")));
		String location = mvc.perform(post("/transfers/new").with(self).with(csrf()).param("memberId", Long.toString(person.id()))
			.param("toOrgId", Long.toString(orgId("SFDX-JSJ-02"))).param("reason", "读研"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/transfers/\\d+");

		var branch1 = login("branch1");
		mvc.perform(get("/transfers").with(branch1)).andExpect(content().string(Matchers.containsString(location)));
		mvc.perform(post(location + "/approve").with(branch1).with(csrf())).andExpect(flash().attribute("notice", "已办理"));
		var receiving = secretaryOf("SFDX-JSJ-02");
		mvc.perform(get(location).with(receiving)).andExpect(content().string(Matchers.containsString("接收")));
		mvc.perform(post(location + "/approve").with(receiving).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get(location).with(receiving)).andExpect(content().string(Matchers.containsString("已完成")));

		// others: nothing
		mvc.perform(get(location).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/transfers/new").param("memberId", Long.toString(person.id())).with(login("branch2")))
			.andExpect(status().isNotFound());
	}

	@Test
	void anOutgoingTransferIsAskedIssuedAndReceiptedOnThePages() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var branch1 = login("branch1");
		mvc.perform(post("/transfers/new").with(branch1).with(csrf()).param("memberId", Long.toString(person.id()))
			.param("kind", "OUTGOING").param("toOrgName", "").param("toOrgKind", "STREET").param("reason", "回户籍地"))
			.andExpect(model().attributeHasFieldErrors("form", "toOrgName"))
			.andExpect(content().string(Matchers.containsString("value=\"STREET\" selected=\"selected\"")));
		String location = mvc.perform(post("/transfers/new").with(branch1).with(csrf()).param("memberId", Long.toString(person.id()))
			.param("kind", "OUTGOING").param("toOrgName", "成都市武侯区某街道党工委").param("toOrgKind", "STREET")
			.param("reason", "回户籍地"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		mvc.perform(post(location + "/approve").with(login("college1")).with(csrf())).andExpect(status().is3xxRedirection());
		var admin = login("admin");
		mvc.perform(get(location).with(admin)).andExpect(content().string(Matchers.containsString("开具介绍信")));
		mvc.perform(post(location + "/approve").with(admin).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get(location).with(admin)).andExpect(content().string(Matchers.containsString("登记回执")))
			.andExpect(content().string(Matchers.containsString("/verify/letters/")));
		mvc.perform(post(location + "/receipt").with(admin).with(csrf()).param("receiptNo", "").param("receivedOn", "soon"))
			.andExpect(flash().attribute("error", Matchers.notNullValue()));
		mvc.perform(post(location + "/receipt").with(admin).with(csrf()).param("receiptNo", "HZ-2026-7")
			.param("receivedOn", LocalDate.now(PlatformZone.ZONE).toString()))
			.andExpect(flash().attribute("notice", Matchers.containsString("回执已登记")));
		mvc.perform(get(location).with(branch1)).andExpect(content().string(Matchers.containsString("HZ-2026-7")));
	}
}
