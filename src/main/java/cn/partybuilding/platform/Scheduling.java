package cn.partybuilding.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Scheduled jobs, and ShedLock so that a job marked {@code @SchedulerLock} runs on one node at a time (the lock lives
 * in PostgreSQL, timed by the database's clock, and names the node that holds it: host and process). While a job
 * runs, its node extends the lock every half of {@code party.scheduling.lock-at-most-for} (ShedLock's keep-alive), so
 * a long job keeps it; a node killed mid-run stops extending it, and the lock is free at most that long after the
 * kill: the next firing on another node then runs the job (finishing what the cut run left). The jobs fired by a
 * cron are run once a firing: the first node to reach a firing claims it ({@link CronFirings}), however late the
 * others reach it; they also hold their lock at least {@code party.scheduling.lock-at-least-for} after they end. The
 * jobs are written to be harmless when run twice anyway; the claim and the lock save the work.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "${party.scheduling.lock-at-most-for:60s}")
class Scheduling {

	/** ShedLock's keep-alive extends no lock shorter than this. */
	static final Duration SHORTEST_LOCK = Duration.ofSeconds(30);

	/** Spring Boot's scheduler as configured ({@code spring.task.scheduling.*}), naming each cron firing. */
	@Bean
	ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.configure(new CronFirings.Scheduler());
	}

	@Bean
	KeptAliveLocks lockProvider(DataSource dataSource,
			@Value("${party.scheduling.lock-at-most-for:60s}") Duration lockAtMostFor) {
		if (lockAtMostFor.compareTo(SHORTEST_LOCK) < 0) {
			throw new IllegalStateException("party.scheduling.lock-at-most-for must be at least " + SHORTEST_LOCK.toSeconds()
					+ "s (ShedLock's keep-alive extends the lock every half of it), not " + lockAtMostFor);
		}
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		String node = nodeName();
		return new KeptAliveLocks(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(jdbc)
			.usingDbTime()
			.withLockedByValue(node)
			.build()), new CronFirings(jdbc, node));
	}

	/** This node as the lock row names it: two nodes on one host are told apart by their process. */
	static String nodeName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown";
		}
		return host + "/" + ProcessHandle.current().pid();
	}

	/**
	 * The database's locks, extended while their job runs by one thread of their own, stopped with the platform. A cron
	 * firing is claimed before its lock is taken: a firing another node claimed gets no lock here, as a held lock.
	 */
	static final class KeptAliveLocks implements LockProvider, AutoCloseable {

		private final ScheduledExecutorService extender = Executors.newSingleThreadScheduledExecutor(job -> {
			Thread thread = new Thread(job, "shedlock-keep-alive");
			thread.setDaemon(true);
			return thread;
		});

		private final LockProvider locks;

		private final CronFirings firings;

		KeptAliveLocks(JdbcTemplateLockProvider database, CronFirings firings) {
			this.locks = new KeepAliveLockProvider(database, extender);
			this.firings = firings;
		}

		@Override
		public Optional<SimpleLock> lock(LockConfiguration configuration) {
			Instant firing = CronFirings.take();
			if (firing != null && !firings.claim(configuration.getName(), firing)) {
				return Optional.empty();
			}
			return locks.lock(configuration);
		}

		@Override
		public void close() {
			extender.shutdownNow();
		}
	}
}
