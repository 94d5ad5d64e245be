package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.partybuilding.PlatformTest;

/**
 * Read-only transactions on the replica, the rest on the primary, the primary when the replica is gone, and for a
 * while after a write by the same session (or thread) the primary; here the primary and the replica are the test
 * database reached under two application names.
 */
class ReadReplicaTest extends PlatformTest {

	@Autowired
	DataSource dataSource;

	@Value("${spring.datasource.url}")
	String url;

	/** The clock of the read-your-own-writes window, moved by the tests. */
	private final MovableClock clock = new MovableClock();

	private final ReadReplica.RecentWrites recentWrites = new ReadReplica.RecentWrites(Duration.ofSeconds(5), clock);

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void withoutAReplicaTheDataSourceIsBootsOwn() {
		assertThat(dataSource).isInstanceOf(HikariDataSource.class);
	}

	@Test
	void readOnlyTransactionsGoToTheReplicaAndTheRestToThePrimary() {
		try (ReadReplica.Routing routing = routing(url + "&ApplicationName=party-replica")) {
			assertThat(applicationName(routing, true)).isEqualTo("party-replica");
			assertThat(applicationName(routing, false)).isEqualTo("party-primary");
		}
	}

	@Test
	void readsFallBackToThePrimaryWhenTheReplicaCannotBeReachedAndStayReadOnly() {
		try (ReadReplica.Routing routing = routing("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=1")) {
			assertThat(applicationName(routing, true)).isEqualTo("party-primary");
			// a second read within retry-after does not wait for the replica again, and still answers
			assertThat(applicationName(routing, true)).isEqualTo("party-primary");
			TransactionTemplate readOnly = transactions(routing, true);
			assertThatThrownBy(() -> readOnly.executeWithoutResult(
					s -> new JdbcTemplate(routing).execute("create temporary table replica_probe (id int)")))
				.hasMessageContaining("read-only");
		}
	}

	@Test
	void aThreadThatCommittedAWriteReadsFromThePrimaryForAWhileThenFromTheReplicaAgain() {
		try (ReadReplica.Routing routing = routing(url + "&ApplicationName=party-replica")) {
			assertThat(applicationName(routing, true)).isEqualTo("party-replica");
			transactions(routing, false).executeWithoutResult(s -> new JdbcTemplate(routing).execute("select 1"));
			assertThat(applicationName(routing, true)).isEqualTo("party-primary");
			clock.move(Duration.ofMillis(4900));
			assertThat(applicationName(routing, true)).isEqualTo("party-primary");
			clock.move(Duration.ofMillis(200));
			assertThat(applicationName(routing, true)).isEqualTo("party-replica");
			// a write that rolled back wrote nothing to read back
			try {
				transactions(routing, false).executeWithoutResult(s -> {
					throw new IllegalStateException("rolled back");
				});
			}
			catch (IllegalStateException expected) {
				// as meant
			}
			assertThat(applicationName(routing, true)).isEqualTo("party-replica");
		}
	}

	@Test
	void aSessionThatPostedReadsFromThePrimaryOnItsNextRequestsWhateverTheNodeAndOtherSessionsFromTheReplica() {
		try (ReadReplica.Routing routing = routing(url + "&ApplicationName=party-replica")) {
			MockHttpSession writer = new MockHttpSession();
			request("POST", writer);
			assertThat(applicationName(routing, true)).as("before its write").isEqualTo("party-replica");
			transactions(routing, false).executeWithoutResult(s -> new JdbcTemplate(routing).execute("select 1"));
			assertThat(applicationName(routing, true)).as("the same request, after its write").isEqualTo("party-primary");
			// the time is in the session, which every node reads from the database
			assertThat(writer.getAttribute(ReadReplica.RecentWrites.UNTIL)).isEqualTo(clock.millis() + 5000);
			request("GET", writer);
			assertThat(applicationName(routing, true)).as("its next request").isEqualTo("party-primary");
			request("GET", new MockHttpSession());
			assertThat(applicationName(routing, true)).as("another session").isEqualTo("party-replica");
			request("GET", null);
			assertThat(applicationName(routing, true)).as("no session").isEqualTo("party-replica");
			clock.move(Duration.ofSeconds(6));
			request("GET", writer);
			assertThat(applicationName(routing, true)).as("after the window").isEqualTo("party-replica");
		}
	}

	@Test
	void aReadingRequestThatCommitsAReadWriteTransactionPinsNothing() {
		try (ReadReplica.Routing routing = routing(url + "&ApplicationName=party-replica")) {
			MockHttpSession reader = new MockHttpSession();
			request("GET", reader);
			transactions(routing, false).executeWithoutResult(s -> new JdbcTemplate(routing).execute("select 1"));
			assertThat(applicationName(routing, true)).isEqualTo("party-replica");
			assertThat(reader.getAttribute(ReadReplica.RecentWrites.UNTIL)).isNull();
		}
	}

	@Test
	void aWindowOfNothingNeverPins() {
		ReadReplica.RecentWrites never = new ReadReplica.RecentWrites(Duration.ZERO, clock);
		try (ReadReplica.Routing routing = routing(url + "&ApplicationName=party-replica", never)) {
			transactions(routing, false, never).executeWithoutResult(s -> new JdbcTemplate(routing).execute("select 1"));
			String name = transactions(routing, true, never).execute(s -> new JdbcTemplate(routing)
				.queryForObject("select current_setting('application_name')", String.class));
			assertThat(name).isEqualTo("party-replica");
		}
	}

	private static void request(String method, MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/anything");
		request.setSession(session);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	private ReadReplica.Routing routing(String replicaUrl) {
		return routing(replicaUrl, recentWrites);
	}

	private ReadReplica.Routing routing(String replicaUrl, ReadReplica.RecentWrites writes) {
		HikariDataSource primary = pool(url + "&ApplicationName=party-primary", "test-primary");
		HikariDataSource replica = pool(replicaUrl, "test-replica");
		replica.setConnectionTimeout(500);
		replica.setInitializationFailTimeout(-1);
		replica.setReadOnly(true);
		return new ReadReplica.Routing(primary, replica, Duration.ofMinutes(1), writes);
	}

	private static HikariDataSource pool(String jdbcUrl, String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(jdbcUrl);
		pool.setPoolName(name);
		pool.setMaximumPoolSize(2);
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	private String applicationName(DataSource routing, boolean readOnly) {
		return transactions(routing, readOnly).execute(
				s -> new JdbcTemplate(routing).queryForObject("select current_setting('application_name')", String.class));
	}

	private TransactionTemplate transactions(DataSource routing, boolean readOnly) {
		return transactions(routing, readOnly, recentWrites);
	}

	/** Transactions as the platform's: the transaction manager tells the recent writes of each commit. */
	private static TransactionTemplate transactions(DataSource routing, boolean readOnly, ReadReplica.RecentWrites writes) {
		DataSourceTransactionManager manager = new DataSourceTransactionManager(routing);
		manager.addListener(writes);
		TransactionTemplate template = new TransactionTemplate(manager);
		template.setReadOnly(readOnly);
		return template;
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-03-01T00:00:00Z");

		void move(Duration by) {
			now = now.plus(by);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}
