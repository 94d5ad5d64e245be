package cn.partybuilding.dues;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The pages: 我的党费 on the phone through the sandbox, the branch's roll, a member's account, arrears, the report. */
class DuesPagesTest extends DuesTestBase {

	@Test
	void aMemberPaysTheTickedMonthsThroughTheSandboxProvider() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(1), now());
		var self = login(person.username());
		mvc.perform(get("/me/dues").with(self)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("去缴费")))
			.andExpect(content().string(Matchers.containsString("value=\"" + now().minusMonths(1) + "\"")));
		String pay = mvc.perform(post("/me/dues/pay").with(self).with(csrf()).param("months", now().minusMonths(1).toString(),
				now().toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(pay).contains("/sandbox/pay/DO");
		String orderNo = pay.substring(pay.lastIndexOf('/') + 1);
		mvc.perform(get(pay).with(self)).andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("¥ 0.40")));
		String back = mvc.perform(post(pay).with(self).with(csrf()).param("action", "pay"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(back).endsWith("/me/dues?order=" + orderNo);
		// until the provider's notification arrives the page says it is waiting, and asks again
		mvc.perform(get("/me/dues").param("order", orderNo).with(self))
			.andExpect(content().string(Matchers.containsString("正在等待支付平台确认")));
		// the provider's page can be reached again while the order is open
		mvc.perform(post("/me/dues/orders/{no}/resume", orderNo).with(self).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(MockMvcResultMatchers.redirectedUrlPattern("**/sandbox/pay/" + orderNo));
		// nothing ticked: said so, nothing opened
		mvc.perform(post("/me/dues/pay").with(self).with(csrf()))
			.andExpect(flash().attribute("error", Matchers.containsString("请选择要缴纳的月份")));
	}

	@Test
	void aTeacherDeclaresTheBaseWithTheCalculatorBesideIt() throws Exception {
		var teacher = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2015, 7, 1),
				MemberStatus.FULL);
		var self = login(teacher.username());
		mvc.perform(get("/me/dues/standard").param("category", "IN_SERVICE").param("base", "6800").with(self))
			.andExpect(content().string(Matchers.containsString("102.00")));
		mvc.perform(get("/me/dues/standard").param("category", "IN_SERVICE").param("base", "abc").with(self))
			.andExpect(content().string(Matchers.containsString("交纳基数应为")));
		mvc.perform(post("/me/dues/bases").with(self).with(csrf()).param("category", "IN_SERVICE").param("base", "")
			.param("effectiveFrom", now().toString()))
			.andExpect(model().attributeHasFieldErrors("declaration", "base"));
		mvc.perform(post("/me/dues/bases").with(self).with(csrf()).param("category", "IN_SERVICE").param("base", "6800.00")
			.param("effectiveFrom", now().toString()).param("note", "2026年薪级调整"))
			.andExpect(flash().attribute("notice", Matchers.containsString("等待支部审核")));
		mvc.perform(get("/dues").with(login("branch1"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("2026年薪级调整")));
	}

	@Test
	void theBranchRecordsAPaymentAndAMistakeComesBackFilled() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(1), now());
		var branch1 = login("branch1");
		mvc.perform(get("/dues").param("show", "UNPAID").with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("/dues/members/" + person.id())));
		mvc.perform(get("/dues/members/{id}", person.id()).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("登记缴费")));
		mvc.perform(post("/dues/members/{id}/payments", person.id()).with(branch1).with(csrf())
			.param("months", now().toString()).param("method", "CASH").param("receiptNo", "").param("payerName", "母亲 李某"))
			.andExpect(model().attributeHasFieldErrors("payment", "receiptNo"))
			.andExpect(content().string(Matchers.containsString("value=\"母亲 李某\"")));
		mvc.perform(post("/dues/members/{id}/payments", person.id()).with(branch1).with(csrf())
			.param("months", now().minusMonths(1).toString(), now().toString()).param("method", "CASH")
			.param("receiptNo", "XJ-" + unique("")).param("paidOn", LocalDate.now(clock).toString()))
			.andExpect(flash().attribute("notice", Matchers.containsString("0.40")));
		long paymentId = jdbc.sql("select id from dues_payment where member_id = ?").param(person.id()).query(Long.class).single();
		mvc.perform(get("/dues/receipts/{id}", paymentId).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("党费收据")));
		mvc.perform(get("/dues/receipts/{id}", paymentId).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/dues/members/{id}", person.id()).with(login("branch2"))).andExpect(status().isNotFound());
	}

	@Test
	void theMemberPagesFormsComeBackAsTypedWithEachMessageBesideItsField() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		var branch1 = login("branch1");
		// what could not be read: each field as typed, its message beside it, nothing written
		mvc.perform(post("/dues/members/{id}/reliefs", person.id()).with(branch1).with(csrf()).param("from", "去年")
				.param("to", now().toString()).param("amount", "abc").param("reason", "家庭困难"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("relief", "from", "amount"))
			.andExpect(content().string(Matchers.containsString("value=\"去年\"")))
			.andExpect(content().string(Matchers.containsString("请输入年月")))
			.andExpect(content().string(Matchers.containsString("value=\"家庭困难\"")));
		assertThat(jdbc.sql("select count(*) from dues_relief where member_id = ?").param(person.id()).query(Long.class).single())
			.isZero();
		// what the rules refuse: the rule's own message beside the amount, the special form open
		mvc.perform(post("/dues/members/{id}/special", person.id()).with(branch1).with(csrf()).param("amount", "999.99")
				.param("method", "CASH").param("receiptNo", "TS-" + unique("")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("special", "amount"))
			.andExpect(content().string(Matchers.containsString("特殊党费一次不少于 1000.00 元")))
			.andExpect(content().string(Matchers.containsString("value=\"999.99\"")));
		// a date as offices type it is read
		LocalDate today = LocalDate.now(clock);
		mvc.perform(post("/dues/members/{id}/payments", person.id()).with(branch1).with(csrf()).param("months", now().toString())
				.param("method", "CASH").param("receiptNo", "XJ-" + unique(""))
				.param("paidOn", today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("notice", Matchers.containsString("0.20")));
		assertThat(state(person, now())).isEqualTo("PAID");
	}

	@Test
	void arrearsAndTheReportAreListedAndExported() throws Exception {
		var admin = login("admin");
		mvc.perform(get("/dues/rules").with(login("member1"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("5000.00 元以上至 10000.00 元（含）")))
			.andExpect(content().string(Matchers.containsString("1.5%")));
		mvc.perform(get("/dues/arrears").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("id=\"arrears\"")));
		mvc.perform(get("/dues/report").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("机关党委")));
		mvc.perform(get("/dues/report").param("period", "soon").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("期间应写作")));
		for (String path : new String[] { "/dues/report.xlsx?period=" + now().getYear(), "/dues/arrears.xlsx", "/dues.xlsx" }) {
			byte[] sheet = mvc.perform(get(path).with(admin)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsByteArray();
			try (var book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
				assertThat(book.getSheetAt(0).getPhysicalNumberOfRows()).as(path).isGreaterThan(1);
			}
		}
		mvc.perform(get("/dues/report").param("orgId", Long.toString(orgId("SFDX-JSJ"))).with(login("branch2")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theBranchRecordsAMonthForSeveralMembersAtOnceAndIsToldWhoCouldNotBe() throws Exception {
		var a = student(LocalDate.of(2021, 9, 1));
		var b = student(LocalDate.of(2021, 9, 1));
		var paid = student(LocalDate.of(2021, 9, 1));
		billed(a, now());
		billed(b, now());
		billed(paid, now());
		var branch1 = login("branch1");
		payOffline(branch1, paid, "", now()).andExpect(status().isCreated());
		mvc.perform(post("/dues/roll/payments").with(branch1).with(csrf()).param("month", now().toString())
			.param("memberIds", Long.toString(a.id()), Long.toString(b.id()), Long.toString(paid.id()))
			.param("method", "CASH").param("receiptNo", "JZ-" + unique("")))
			.andExpect(flash().attribute("notice", Matchers.containsString("2 人")))
			.andExpect(flash().attribute("error", Matchers.containsString("已缴纳")));
		assertThat(state(a, now())).isEqualTo("PAID");
		assertThat(state(b, now())).isEqualTo("PAID");
		assertThat(jdbc.sql("select count(*) from dues_payment where member_id in (?, ?)").params(a.id(), b.id()).query(Long.class)
			.single()).isEqualTo(2);
		mvc.perform(post("/dues/roll/payments").with(branch1).with(csrf()).param("month", now().toString()).param("memberIds", ""))
			.andExpect(flash().attribute("error", Matchers.containsString("请先勾选")));
		mvc.perform(post("/dues/roll/payments").with(branch1).with(csrf()).param("month", "{x}"))
			.andExpect(status().isBadRequest());
		// another branch's member is not recorded, and says nothing about them beyond the refusal
		var other = person("SFDX-JX-01", Category.STUDENT, LocalDate.of(2021, 9, 1),
				MemberStatus.FULL);
		billed(other, now());
		mvc.perform(post("/dues/roll/payments").with(branch1).with(csrf()).param("month", now().toString())
			.param("memberIds", Long.toString(other.id())).param("method", "CASH").param("receiptNo", "X"))
			.andExpect(status().isNotFound());
		assertThat(state(other, now())).isEqualTo("UNPAID");
	}
}
