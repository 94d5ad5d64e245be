package cn.partybuilding.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpSession;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A streaming read replica for the reads that can take a moment's lag: with {@code party.datasource.replica.url}
 * set, every read-only transaction ({@code Transactional(readOnly = true)}) runs on the replica, everything else on
 * the primary ({@code spring.datasource.*}). When the replica cannot be reached the read runs on the primary
 * instead, and the replica is tried again after {@code party.datasource.replica.retry-after}. Without the setting
 * the data source is Spring Boot's own, as before.
 * <p>
 * Read-your-own-writes: the replica is a moment behind, so whoever has just written reads from the primary for
 * {@code party.datasource.replica.after-write} (5 s; 0 = never) — a session once a request other than GET, HEAD or
 * OPTIONS committed a read-write transaction (the session says until when, so the next request on any node knows);
 * outside requests (jobs, the demo loader, event listeners), the thread that committed it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "party.datasource.replica.url")
class ReadReplica {

	/** Registered with the transaction manager by Spring Boot (a {@link TransactionExecutionListener} bean). */
	@Bean
	RecentWrites recentWrites(Environment env) {
		return new RecentWrites(env.getProperty("party.datasource.replica.after-write", Duration.class, Duration.ofSeconds(5)),
				Clock.systemUTC());
	}

	/**
	 * Spring Session's own transactions (loading and saving a session, in every request) as Spring Session makes them,
	 * named so that {@link RecentWrites} passes them by: they are nobody's writes.
	 */
	@Bean
	TransactionOperations springSessionTransactionOperations(PlatformTransactionManager transactions) {
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		template.setName(RecentWrites.SESSION_STORE);
		return template;
	}

	@Bean
	@Primary
	Routing dataSource(DataSourceProperties properties, Environment env, RecentWrites recentWrites) {
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
		return new Routing(primary, replica, retryAfter, recentWrites);
	}

	/** Read-only transactions to the replica (or the primary when it is gone), the rest to the primary. */
	static final class Routing extends LazyConnectionDataSourceProxy implements AutoCloseable {

		private final HikariDataSource primary;

		private final HikariDataSource replica;

		Routing(HikariDataSource primary, HikariDataSource replica, Duration retryAfter, RecentWrites recentWrites) {
			super(primary);
			this.primary = primary;
			this.replica = replica;
			setReadOnlyDataSource(new ReplicaOrPrimary(replica, primary, retryAfter, recentWrites));
		}

		@Override
		public void close() {
			replica.close();
			primary.close();
		}
	}

	/**
	 * The replica's connections; the primary's (marked read-only) for whoever has just written, and when the replica
	 * cannot give one — then the replica is left alone for a while so that reads do not each wait for its timeout.
	 */
	static final class ReplicaOrPrimary extends AbstractDataSource {

		private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReplicaOrPrimary.class);

		/**
		 * Seconds a replica connection has to answer its check, made each time one is lent (a round trip per read-only
		 * transaction on the replica). The pool itself checks a connection only after half a second unused, so one used
		 * a moment before the replica went down was lent dead and failed the read it served (the cluster harness saw it).
		 */
		private static final int CHECKED_WITHIN_SECONDS = 1;

		private final HikariDataSource replica;

		private final DataSource primary;

		private final long retryAfterNanos;

		private final RecentWrites recentWrites;

		/** System.nanoTime() before which the replica is not tried; 0 when it is up. */
		private final AtomicLong downUntil = new AtomicLong();

		ReplicaOrPrimary(HikariDataSource replica, DataSource primary, Duration retryAfter, RecentWrites recentWrites) {
			this.replica = replica;
			this.primary = primary;
			this.retryAfterNanos = retryAfter.toNanos();
			this.recentWrites = recentWrites;
		}

		@Override
		public Connection getConnection() throws SQLException {
			long until = downUntil.get();
			if ((until == 0 || System.nanoTime() - until >= 0) && !recentWrites.readFromPrimary()) {
				try {
					Connection connection = replica.getConnection();
					if (!connection.isValid(CHECKED_WITHIN_SECONDS)) {
						replica.evictConnection(connection);
						throw new SQLException("a replica connection did not answer its check");
					}
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

	/**
	 * Who has just written, and so reads from the primary until the replica has surely replayed it: a session (the
	 * time in one of its attributes, seen by every node) or, outside a request, a thread.
	 */
	static final class RecentWrites implements TransactionExecutionListener {

		/** The session attribute: until when (epoch milliseconds) its reads go to the primary. */
		static final String UNTIL = RecentWrites.class.getName() + ".primaryUntil";

		/** The name of Spring Session's transactions. */
		static final String SESSION_STORE = "spring-session";

		/** Requests that read: a read-write transaction they commit (an audit entry, a notice marked read) pins nothing. */
		private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

		private final long windowMillis;

		private final Clock clock;

		/** Outside requests: until when this thread's reads go to the primary. */
		private final ThreadLocal<Long> threadUntil = new ThreadLocal<>();

		RecentWrites(Duration window, Clock clock) {
			this.windowMillis = Math.max(0, window.toMillis());
			this.clock = clock;
		}

		@Override
		public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
			if (commitFailure != null || transaction.isReadOnly() || !transaction.isNewTransaction() || windowMillis == 0
					|| SESSION_STORE.equals(transaction.getTransactionName())) {
				return;
			}
			Long until = clock.millis() + windowMillis;
			RequestAttributes request = RequestContextHolder.getRequestAttributes();
			if (request == null) {
				threadUntil.set(until);
			}
			else if (request instanceof ServletRequestAttributes servlet && !READS.contains(servlet.getRequest().getMethod())) {
				servlet.setAttribute(UNTIL, until, RequestAttributes.SCOPE_REQUEST);
				HttpSession session = servlet.getRequest().getSession(false);
				if (session != null) {
					try {
						session.setAttribute(UNTIL, until);
					}
					catch (IllegalStateException ex) {
						// the session ended in this request (signing out): nothing to carry
					}
				}
			}
		}

		/** Whether a read-only transaction starting now reads from the primary. */
		boolean readFromPrimary() {
			if (windowMillis == 0) {
				return false;
			}
			long now = clock.millis();
			RequestAttributes request = RequestContextHolder.getRequestAttributes();
			if (request == null) {
				Long until = threadUntil.get();
				return until != null && until > now;
			}
			return later(request.getAttribute(UNTIL, RequestAttributes.SCOPE_REQUEST), now)
					|| later(request.getAttribute(UNTIL, RequestAttributes.SCOPE_SESSION), now);
		}

		private static boolean later(Object until, long now) {
			return until instanceof Long time && time > now;
		}
	}
}
