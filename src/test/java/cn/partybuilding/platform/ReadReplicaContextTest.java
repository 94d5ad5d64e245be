package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;

/**
 * The whole platform with a replica configured (the test database under another application name): JPA and JDBC
 * reads in read-only transactions run on it, writes on the primary, and signing in (a write) works.
 */
@TestPropertySource(properties = "party.datasource.replica.url=${spring.datasource.url}&ApplicationName=party-replica")
class ReadReplicaContextTest extends PlatformTest {

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	EntityManager entityManager;

	@Test
	void readOnlyTransactionsOfThePlatformRunOnTheReplica() throws Exception {
		assertThat(applicationName(true)).isEqualTo("party-replica");
		assertThat(applicationName(false)).isNotEqualTo("party-replica");
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		String name = readOnly.execute(s -> jdbc.sql("select current_setting('application_name')").query(String.class).single());
		assertThat(name).isEqualTo("party-replica");
		login("member1");
	}

	private String applicationName(boolean readOnly) {
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setReadOnly(readOnly);
		return template.execute(s -> (String) entityManager
			.createNativeQuery("select current_setting('application_name')").getSingleResult());
	}
}
