package cn.partybuilding.dues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

/**
 * The sandbox provider's notifications, posted as a provider would (no session, no CSRF token, HMAC over
 * the body with the configured secret): good, replayed, forged, wrong amount, and orders that expire.
 */
class SandboxGatewayTest extends DuesTestBase {

	static final String SECRET = "test-sandbox-secret";

	@Autowired
	DuesOrders orders;

	static String sign(String body, String secret) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
	}

	static String notice(String orderNo, String amount, String transactionId) {
		return "{\"orderNo\": \"" + orderNo + "\", \"amount\": \"" + amount + "\", \"transactionId\": \"" + transactionId
				+ "\", \"paidAt\": \"" + Instant.now() + "\"}";
	}

	ResultActions notify(String body, String signature) throws Exception {
		return mvc.perform(post("/api/v1/dues/gateway/sandbox/notify").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sandbox-Signature", signature).content(body));
	}

	@Test
	void aSignedNotificationPaysTheOrderOnceHoweverOftenItComes() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now().minusMonths(1), now());
		var self = login(person.username());
		String answer = mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + now().minusMonths(1) + "\", \"" + now() + "\"]}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.amount").value("0.40"))
			.andExpect(jsonPath("$.state").value("OPEN"))
			.andExpect(jsonPath("$.payUrl").value(Matchers.containsString("/sandbox/pay/")))
			.andReturn().getResponse().getContentAsString();
		String orderNo = JsonPath.read(answer, "$.orderNo");
		// asking again for the same months gives the same order, not a second hold
		mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"months\": [\"" + now().minusMonths(1) + "\", \"" + now() + "\"]}"))
			.andExpect(jsonPath("$.orderNo").value(orderNo));
		// the provider's page shows the charge
		mvc.perform(get("/sandbox/pay/{no}", orderNo).with(self)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("0.40")));
		// nobody else's: another member, or the branch secretary, is told it does not exist (and it is audited)
		String deniedSql = "select count(*) from audit_event where action = 'access.denied' and entity_id = ?";
		long denied = jdbc.sql(deniedSql).param(orderNo).query(Long.class).single();
		mvc.perform(get("/sandbox/pay/{no}", orderNo).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(post("/sandbox/pay/{no}", orderNo).with(login("branch1")).with(csrf()).param("action", "pay"))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql(deniedSql).param(orderNo).query(Long.class).single()).isEqualTo(denied + 2);

		long refusals = auditCount("dues.gateway.refuse", "gateway:sandbox");
		String good = notice(orderNo, "0.40", "SBX-T-" + unique(""));
		notify(good, sign(good, "wrong-secret")).andExpect(status().isBadRequest());
		notify(good, "").andExpect(status().isBadRequest());
		String wrongAmount = notice(orderNo, "0.01", "SBX-T-" + unique(""));
		notify(wrongAmount, sign(wrongAmount, SECRET)).andExpect(status().isBadRequest());
		assertThat(auditCount("dues.gateway.refuse", "gateway:sandbox")).isEqualTo(refusals + 3);
		assertThat(state(person, now())).isEqualTo("UNPAID");

		notify(good, sign(good, SECRET)).andExpect(status().isOk()).andExpect(content().string("SUCCESS"));
		notify(good, sign(good, SECRET)).andExpect(status().isOk()).andExpect(content().string("SUCCESS"));
		assertThat(state(person, now())).isEqualTo("PAID");
		assertThat(state(person, now().minusMonths(1))).isEqualTo("PAID");
		assertThat(jdbc.sql("select count(*) from dues_payment where member_id = ?").param(person.id()).query(Long.class).single())
			.isEqualTo(1);
		mvc.perform(get("/api/v1/dues/orders/{no}", orderNo).with(self))
			.andExpect(jsonPath("$.state").value("PAID"))
			.andExpect(jsonPath("$.receiptNo").value(Matchers.startsWith("DF")));
		mvc.perform(get("/api/v1/me/dues").with(self))
			.andExpect(jsonPath("$.payments[0].method").value("ONLINE"))
			.andExpect(jsonPath("$.payments[0].amount").value("0.40"));
	}

	@Test
	void anOrderNeverPaidExpiresAndLetsItsMonthsGo() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		var self = login(person.username());
		String answer = mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"months\": [\"" + now() + "\"]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String orderNo = JsonPath.read(answer, "$.orderNo");
		payOffline(login("branch1"), person, "", now()).andExpect(status().isConflict());

		jdbc.sql("update dues_order set expires_at = now() - interval '1 minute' where order_no = ?").param(orderNo).update();
		jdbc.sql("update sandbox_charge set expires_at = now() - interval '1 minute' where order_no = ?").param(orderNo).update();
		assertThat(orders.expire()).isGreaterThanOrEqualTo(1);
		mvc.perform(get("/api/v1/dues/orders/{no}", orderNo).with(self)).andExpect(jsonPath("$.state").value("EXPIRED"));
		// the provider's page no longer takes the money
		mvc.perform(post("/sandbox/pay/{no}", orderNo).with(self).with(csrf()).param("action", "pay"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("已超时")));

		// the month is free again; a late notification for the old order is not counted twice but kept for a refund
		payOffline(login("branch1"), person, "", now()).andExpect(status().isCreated());
		long refusals = auditCount("dues.gateway.refuse", "gateway:sandbox");
		String late = notice(orderNo, "0.20", "SBX-LATE-" + unique(""));
		notify(late, sign(late, SECRET)).andExpect(status().isOk());
		assertThat(jdbc.sql("select state from dues_order where order_no = ?").param(orderNo).query(String.class).single())
			.isEqualTo("REFUND");
		assertThat(auditCount("dues.gateway.refuse", "gateway:sandbox")).isEqualTo(refusals + 1);
		assertThat(jdbc.sql("select count(*) from dues_payment where member_id = ?").param(person.id()).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void anOrderPaidWhoseNotificationWasLostIsSettledByTheSweepNotLetGo() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		var self = login(person.username());
		String answer = mvc.perform(post("/api/v1/dues/orders").with(self).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"months\": [\"" + now() + "\"]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String orderNo = JsonPath.read(answer, "$.orderNo");
		// the provider took the money, and the node that was to post the notification stopped before it did
		jdbc.sql("update sandbox_charge set transaction_id = ?, paid_at = now() where order_no = ?")
			.params("SBX-LOST-" + unique(""), orderNo).update();
		jdbc.sql("update dues_order set expires_at = now() - interval '1 minute' where order_no = ?").param(orderNo).update();
		orders.expire();
		mvc.perform(get("/api/v1/dues/orders/{no}", orderNo).with(self)).andExpect(jsonPath("$.state").value("PAID"));
		assertThat(state(person, now())).isEqualTo("PAID");
		assertThat(jdbc.sql("select count(*) from dues_payment where member_id = ?").param(person.id()).query(Long.class).single())
			.isEqualTo(1);
		orders.expire(); // asked again: nothing more
		assertThat(jdbc.sql("select count(*) from dues_payment where member_id = ?").param(person.id()).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aMemberWhoGivesUpAnOrderGetsTheMonthsBackAtOnce() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		billed(person, now());
		var self = login(person.username());
		String pay = mvc.perform(post("/me/dues/pay").with(self).with(csrf()).param("months", now().toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		String orderNo = pay.substring(pay.lastIndexOf('/') + 1);
		mvc.perform(get("/me/dues").with(self)).andExpect(content().string(Matchers.containsString("继续支付")));
		// someone else cannot cancel it
		mvc.perform(post("/me/dues/orders/{no}/cancel", orderNo).with(login("member1")).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/me/dues/orders/{no}/cancel", orderNo).with(self).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/dues/orders/{no}", orderNo).with(self)).andExpect(jsonPath("$.state").value("EXPIRED"));
		payOffline(login("branch1"), person, "", now()).andExpect(status().isCreated());
	}

	@Test
	void aNotificationTooLargeToBeOneIsTurnedAwayUnread() throws Exception {
		String huge = "{\"pad\": \"" + "x".repeat(20_000) + "\"}";
		notify(huge, sign(huge, SECRET)).andExpect(status().is(413));
	}

	@Test
	void anUnknownOrderOrGatewayIsRefused() throws Exception {
		String body = notice("DO20990101000000000000", "1.00", "SBX-X");
		notify(body, sign(body, SECRET)).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/dues/gateway/nopay/notify").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isNotFound());
		notify("not json", sign("not json", SECRET)).andExpect(status().isBadRequest());
		assertThat(new BigDecimal("0.40")).isNotNull();
	}
}
