package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.partybuilding.PlatformTest;

/**
 * The whole platform with a replica configured (the test database under another application name): JPA and JDBC
 * reads in read-only transactions run on it, writes on the primary, and signing in (a write) works; a session that
 * has just written reads from the primary (the platform's transaction manager tells of its commits).
 */
@TestPropertySource(properties = "party.datasource.replica.url=${spring.datasource.url}&ApplicationName=party-replica")
class ReadReplicaContextTest extends PlatformTest {

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	EntityManager entityManager;

	@Test
	void readOnlyTransactionsOfThePlatformRunOnTheReplica() throws Exception {
		// as in a request that reads (the test's thread may have written a moment ago: starting the platform does)
		request("GET", new MockHttpSession());
		assertThat(applicationName(true)).isEqualTo("party-replica");
		assertThat(applicationName(false)).isNotEqualTo("party-replica");
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		String name = readOnly.execute(s -> jdbc.sql("select current_setting('application_name')").query(String.class).single());
		assertThat(name).isEqualTo("party-replica");
		login("member1");
	}

	@Test
	void aThreadOutsideRequestsThatWroteReadsFromThePrimary() {
		new TransactionTemplate(transactions).executeWithoutResult(s -> jdbc.sql("select 1").query(Integer.class).single());
		assertThat(applicationName(true)).isNotEqualTo("party-replica");
	}

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aWriteCommittedThroughThePlatformsTransactionManagerSendsTheSessionsReadsToThePrimary() {
		MockHttpSession writer = new MockHttpSession();
		request("POST", writer);
		new TransactionTemplate(transactions).executeWithoutResult(s -> jdbc.sql("select 1").query(Integer.class).single());
		assertThat(applicationName(true)).isNotEqualTo("party-replica");
		request("GET", writer);
		assertThat(applicationName(true)).isNotEqualTo("party-replica");
		request("GET", new MockHttpSession());
		assertThat(applicationName(true)).isEqualTo("party-replica");
	}

	@Test
	void aPostThatWroteLeavesTheTimeInItsSessionInTheDatabaseForTheNextRequestOnAnyNode() throws Exception {
		MvcResult signedIn = mvc.perform(formLogin("/login").user("member2").password(DEMO_PASSWORD)).andReturn();
		String sessionId = new String(Base64.getDecoder().decode(signedIn.getResponse().getCookie("SESSION").getValue()),
				StandardCharsets.UTF_8);
		long notice = jdbc.sql("""
				insert into notification (account_id, title, body, created_at)
				select id, '读写分离', '保存后读到自己写的', now() from account where username = 'member2' returning id""")
			.query(Long.class).single();
		mvc.perform(post("/api/v1/me/notifications/{id}/read", notice).with(sessionOf(signedIn)).with(csrf()))
			.andExpect(status().isNoContent());
		assertThat(pinned(sessionId)).as("marking a notice read is a write").isEqualTo(1);
	}

	@Test
	void signingInIsAWriteSoTheNewSessionReadsItsOwnSignInFromThePrimary() throws Exception {
		MvcResult signedIn = mvc.perform(formLogin("/login").user("member1").password(DEMO_PASSWORD)).andReturn();
		String sessionId = new String(Base64.getDecoder().decode(signedIn.getResponse().getCookie("SESSION").getValue()),
				StandardCharsets.UTF_8);
		assertThat(pinned(sessionId)).as("the sign-in history's row (上次登录) is read back from the primary").isEqualTo(1);
	}

	private long pinned(String sessionId) {
		return jdbc.sql("""
				select count(*) from spring_session s join spring_session_attributes a on a.session_primary_id = s.primary_id
				where s.session_id = ? and a.attribute_name = ?""").params(sessionId, ReadReplica.RecentWrites.UNTIL)
			.query(Long.class).single();
	}

	private static void request(String method, MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/anything");
		request.setSession(session);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	private String applicationName(boolean readOnly) {
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setReadOnly(readOnly);
		return template.execute(s -> (String) entityManager
			.createNativeQuery("select current_setting('application_name')").getSingleResult());
	}
}
