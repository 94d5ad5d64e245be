package cn.partybuilding.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 13, probe 3: anonymous endpoints had no limit, and each forged payment notification wrote its own audit
 * row (50 anonymous requests → 50 rows). The suite's own 127.0.0.1 is exempt (test settings); these tests come
 * from documentation addresses (RFC 5737) under the default limit.
 */
class AnonymousRateLimitTest extends PlatformTest {

	@Value("${party.security.anonymous-rate-limit}")
	int limit;

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static MockHttpServletRequestBuilder forgedNotification() {
		return post("/api/v1/dues/gateway/sandbox/notify").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sandbox-Signature", "forged")
			.header("Accept-Language", "zh-CN")
			.content("{\"orderNo\": \"D-FORGED\", \"amount\": \"0.01\", \"transactionId\": \"x\"}");
	}

	long rows(String address, String action) {
		return jdbc.sql("select count(*) from audit_event where ip = ? and action = ?").params(address, action)
			.query(Long.class).single();
	}

	long occurrences(String address, String action) {
		return jdbc.sql("select coalesce(sum(occurrences), 0) from audit_event where ip = ? and action = ?")
			.params(address, action).query(Long.class).single();
	}

	@Test
	void anonymousRequestsBeyondTheLimitPerAddressAreAnswered429() throws Exception {
		String address = "203.0.113.41";
		MockHttpServletResponse refused = null;
		// a minute may turn while counting: at most two windows' worth before the refusal
		for (int i = 0; i < 2 * limit + 2 && refused == null; i++) {
			MockHttpServletResponse response = mvc.perform(forgedNotification().with(from(address))).andReturn().getResponse();
			if (response.getStatus() == 429) {
				refused = response;
			}
			else {
				assertThat(response.getStatus()).isEqualTo(400);
			}
		}
		assertThat(refused).as("refused within the limit").isNotNull();
		assertThat(refused.getContentType()).startsWith("application/json");
		assertThat(refused.getContentAsString()).contains("\"status\":429").contains("请求过于频繁");
		assertThat(refused.getHeader("Retry-After")).isNotNull();
		// sign-in from the same address too, as a page
		MockHttpServletResponse page = mvc.perform(post("/login").param("username", "admin").param("password", DEMO_PASSWORD).with(csrf()).with(from(address)))
			.andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(429);
		assertThat(page.getContentType()).startsWith("text/html");
		// another address is not affected; a signed-in person from the limited address is not counted
		mvc.perform(get("/login").with(from("203.0.113.42"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/me").with(login("admin")).with(from(address))).andExpect(status().isOk());
		// the refusals are in the audit log, counted rather than one row each
		assertThat(rows(address, "access.rate-limited")).isBetween(1L, 2L);
		assertThat(occurrences(address, "access.rate-limited")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void repeatedRefusalsOfAnAnonymousCallerAreOneAuditRowWithACount() throws Exception {
		String address = "198.51.100.77";
		for (int i = 0; i < 50; i++) {
			mvc.perform(forgedNotification().with(from(address))).andExpect(status().isBadRequest());
		}
		// one row a minute (two if the minute turned meanwhile), with the count
		assertThat(rows(address, "dues.gateway.refuse")).isBetween(1L, 2L);
		assertThat(occurrences(address, "dues.gateway.refuse")).isEqualTo(50);
		// the auditor sees the count
		mvc.perform(get("/audit").with(login("auditor")).param("what", "dues."))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("次，最后一次")));
		// a signed-in person's refusals stay one row each (who did what is the point there)
		var branch1 = login("branch1");
		long before = jdbc.sql("select count(*) from audit_event where actor = 'branch1' and action = 'access.denied'")
			.query(Long.class).single();
		for (int i = 0; i < 3; i++) {
			mvc.perform(get("/api/v1/members/{id}", Long.MAX_VALUE - i).with(branch1)).andExpect(status().isNotFound());
		}
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'branch1' and action = 'access.denied'")
			.query(Long.class).single()).isEqualTo(before + 3);
		// still append-only otherwise
		long id = jdbc.sql("select max(id) from audit_event where ip = ?").param(address).query(Long.class).single();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update audit_event set summary = 'x' where id = ?")
			.param(id).update()).hasStackTraceContaining("append-only");
		// nor may a counted row count anything but up by one
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update audit_event set occurrences = 1 where id = ?")
			.param(id).update()).hasStackTraceContaining("append-only");
	}
}
