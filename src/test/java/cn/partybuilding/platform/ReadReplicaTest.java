package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;

/**
 * Read-only transactions on the replica, the rest on the primary, the primary when the replica is gone; here the
 * primary and the replica are the test database reached under two application names.
 */
class ReadReplicaTest extends PlatformTest {

	@Autowired
	DataSource dataSource;

	@Value("${spring.datasource.url}")
	String url;

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

	private ReadReplica.Routing routing(String replicaUrl) {
		HikariDataSource primary = pool(url + "&ApplicationName=party-primary", "test-primary");
		HikariDataSource replica = pool(replicaUrl, "test-replica");
		replica.setConnectionTimeout(500);
		replica.setInitializationFailTimeout(-1);
		replica.setReadOnly(true);
		return new ReadReplica.Routing(primary, replica, Duration.ofMinutes(1));
	}

	private static HikariDataSource pool(String jdbcUrl, String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(jdbcUrl);
		pool.setPoolName(name);
		pool.setMaximumPoolSize(2);
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	private static String applicationName(DataSource routing, boolean readOnly) {
		return transactions(routing, readOnly).execute(
				s -> new JdbcTemplate(routing).queryForObject("select current_setting('application_name')", String.class));
	}

	private static TransactionTemplate transactions(DataSource routing, boolean readOnly) {
		TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(routing));
		template.setReadOnly(readOnly);
		return template;
	}
}
