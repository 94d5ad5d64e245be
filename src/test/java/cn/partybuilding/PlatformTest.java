package cn.partybuilding;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the integration tests: the whole platform against the real embedded PostgreSQL with the
 * demo university loaded, driven over HTTP with real sign-ins.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class PlatformTest {

	public static final String DEMO_PASSWORD = "Demo@2026";

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JdbcClient jdbc;

	/**
	 * Signs in through the real login form; the result adds the session cookie (sessions live in
	 * PostgreSQL through Spring Session) to a request: {@code get(...).with(session)}.
	 */
	protected RequestPostProcessor login(String username) throws Exception {
		return login(username, DEMO_PASSWORD);
	}

	protected RequestPostProcessor login(String username, String password) throws Exception {
		var result = mvc.perform(formLogin("/login").user(username).password(password))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		return sessionOf(result);
	}

	protected static RequestPostProcessor sessionOf(MvcResult result) {
		Cookie cookie = result.getResponse().getCookie("SESSION");
		if (cookie == null) {
			throw new IllegalStateException("no session cookie in the response");
		}
		return request -> {
			request.setCookies(cookie);
			return request;
		};
	}

	protected long orgId(String code) {
		return jdbc.sql("select id from organization where code = ?").param(code).query(Long.class).single();
	}

	/** The first active branch below the organisation with this code (the second school's, for the scope tests). */
	protected long firstBranchBelow(String code) {
		return jdbc.sql("""
				select o.id from organization o join organization s on o.path like s.path || '%'
				where s.code = ? and o.type = 'BRANCH' and o.dissolved_at is null order by o.id limit 1""")
			.param(code).query(Long.class).single();
	}

	protected static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	protected long auditCount(String action, String actor) {
		// a refusal repeated within a minute by someone not signed in is one row with its count (issue 13, probe 3)
		return jdbc.sql("select coalesce(sum(occurrences), 0) from audit_event where action = ? and actor = ?")
			.params(List.of(action, actor))
			.query(Long.class)
			.single();
	}
}
