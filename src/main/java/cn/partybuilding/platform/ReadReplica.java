package cn.partybuilding.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.StringUtils;

/**
 * A streaming read replica for the reads that can take a moment's lag: with {@code party.datasource.replica.url}
 * set, every read-only transaction ({@code Transactional(readOnly = true)}) runs on the replica, everything else on
 * the primary ({@code spring.datasource.*}). When the replica cannot be reached the read runs on the primary
 * instead, and the replica is tried again after {@code party.datasource.replica.retry-after}. Without the setting
 * the data source is Spring Boot's own, as before.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "party.datasource.replica.url")
class ReadReplica {

	@Bean
	@Primary
	Routing dataSource(DataSourceProperties properties, Environment env) {
		Binder binder = Binder.get(env);
		HikariDataSource primary = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		binder.bind("spring.datasource.hikari", Bindable.ofInstance(primary));
		if (primary.getPoolName() == null) {
			primary.setPoolName("primary");
		}
		HikariDataSource replica = new HikariDataSource();
		binder.bind("spring.datasource.hikari", Bindable.ofInstance(replica));
		replica.setPoolName("replica");
		replica.setJdbcUrl(env.getRequiredProperty("party.datasource.replica.url"));
		String username = env.getProperty("party.datasource.replica.username");
		String password = env.getProperty("party.datasource.replica.password");
		replica.setUsername(StringUtils.hasText(username) ? username : properties.determineUsername());
		replica.setPassword(StringUtils.hasText(password) ? password : properties.determinePassword());
		replica.setConnectionTimeout(env.getProperty("party.datasource.replica.connect-timeout", Duration.class,
				Duration.ofSeconds(2)).toMillis());
		// a replica that is down when a node starts must not stop it: reads go to the primary meanwhile
		replica.setInitializationFailTimeout(-1);
		replica.setReadOnly(true);
		Duration retryAfter = env.getProperty("party.datasource.replica.retry-after", Duration.class, Duration.ofSeconds(30));
		return new Routing(primary, replica, retryAfter);
	}

	/** Read-only transactions to the replica (or the primary when it is gone), the rest to the primary. */
	static final class Routing extends LazyConnectionDataSourceProxy implements AutoCloseable {

		private final HikariDataSource primary;

		private final HikariDataSource replica;

		Routing(HikariDataSource primary, HikariDataSource replica, Duration retryAfter) {
			super(primary);
			this.primary = primary;
			this.replica = replica;
			setReadOnlyDataSource(new ReplicaOrPrimary(replica, primary, retryAfter));
		}

		@Override
		public void close() {
			replica.close();
			primary.close();
		}
	}

	/**
	 * The replica's connections; when it cannot give one, the primary's (marked read-only), and the replica is left
	 * alone for a while so that reads do not each wait for its timeout.
	 */
	static final class ReplicaOrPrimary extends AbstractDataSource {

		private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReplicaOrPrimary.class);

		private final DataSource replica;

		private final DataSource primary;

		private final long retryAfterNanos;

		/** System.nanoTime() before which the replica is not tried; 0 when it is up. */
		private final AtomicLong downUntil = new AtomicLong();

		ReplicaOrPrimary(DataSource replica, DataSource primary, Duration retryAfter) {
			this.replica = replica;
			this.primary = primary;
			this.retryAfterNanos = retryAfter.toNanos();
		}

		@Override
		public Connection getConnection() throws SQLException {
			long until = downUntil.get();
			if (until == 0 || System.nanoTime() - until >= 0) {
				try {
					Connection connection = replica.getConnection();
					if (downUntil.getAndSet(0) != 0) {
						log.info("Read replica reachable again: read-only transactions go to it");
					}
					return connection;
				}
				catch (SQLException ex) {
					if (downUntil.getAndSet(System.nanoTime() + retryAfterNanos) == 0) {
						log.warn("Read replica unreachable ({}): read-only transactions go to the primary", ex.getMessage());
					}
				}
			}
			Connection connection = primary.getConnection();
			connection.setReadOnly(true);
			return connection;
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLFeatureNotSupportedException("the replica's credentials are set in the configuration");
		}
	}
}
