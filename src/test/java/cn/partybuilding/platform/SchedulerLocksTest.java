package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.ExtendedLockConfigurationExtractor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import cn.partybuilding.PlatformTest;

/**
 * The scheduled jobs' locks: short enough that a job cut off by a dead node runs again on another within
 * {@code party.scheduling.lock-at-most-for}, kept alive while the job runs (never run by two nodes at once), held a
 * little after a cron firing (two nodes firing a moment apart run it once), and naming the node that holds them.
 */
class SchedulerLocksTest extends PlatformTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	ExtendedLockConfigurationExtractor extractor;

	@Autowired
	LockProvider locks;

	@Autowired
	DataSource dataSource;

	@Test
	void everyJobsLockIsKeptAliveAndCronJobsHoldTheirsAMoment() {
		List<String> jobs = new ArrayList<>();
		for (String name : context.getBeanDefinitionNames()) {
			Class<?> declared = context.getType(name);
			if (declared == null || !declared.getName().startsWith("cn.partybuilding")) {
				continue;
			}
			Object bean = context.getBean(name);
			Class<?> type = AopUtils.getTargetClass(bean);
			for (Method method : type.getDeclaredMethods()) {
				if (!method.isAnnotationPresent(SchedulerLock.class)) {
					continue;
				}
				LockConfiguration lock = extractor.getLockConfiguration(bean, method, new Object[0]).orElseThrow();
				jobs.add(lock.getName());
				assertThat(lock.getLockAtMostFor()).as(lock.getName() + ": the keep-alive extends no shorter lock")
					.isGreaterThanOrEqualTo(Scheduling.SHORTEST_LOCK)
					.as(lock.getName() + ": freed soon after its node died")
					.isLessThanOrEqualTo(Duration.ofMinutes(1));
				Scheduled scheduled = method.getAnnotation(Scheduled.class);
				if (scheduled != null && !scheduled.cron().isEmpty()) {
					assertThat(lock.getLockAtLeastFor()).as(lock.getName() + ": a cron firing runs once")
						.isPositive()
						.isLessThan(lock.getLockAtMostFor());
				}
				else {
					assertThat(lock.getLockAtLeastFor()).as(lock.getName() + ": a sweep runs again at its next turn").isZero();
				}
			}
		}
		assertThat(jobs).contains("dues-billing", "dues-arrears-warnings", "audit-chain-seal", "platform-backup");
	}

	@Test
	void aLockIsExtendedWhileItsJobRunsSoNoOtherNodeTakesItAndIsFreeOnceDone() throws Exception {
		String name = unique("keep-alive-");
		LockProvider otherNode = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().withLockedByValue("another-node/1").build());
		LockConfiguration thirtySeconds = new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO);
		SimpleLock held = locks.lock(thirtySeconds).orElseThrow();
		try {
			assertThat(jdbc.sql("select locked_by from shedlock where name = ?").param(name).query(String.class).single())
				.as("the row names this node").isEqualTo(Scheduling.nodeName());
			Instant until = lockUntil(name);
			// the keep-alive extends it after half of lockAtMostFor (15 s)
			for (int i = 0; i < 40 && lockUntil(name).equals(until); i++) {
				Thread.sleep(500);
			}
			assertThat(lockUntil(name)).as("extended while the job runs").isAfter(until);
			assertThat(Duration.between(lockedAt(name), lockUntil(name))).as("held past the first lockAtMostFor")
				.isGreaterThan(Duration.ofSeconds(30));
			assertThat(otherNode.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO)))
				.as("another node while it runs").isEmpty();
		}
		finally {
			held.unlock();
		}
		Optional<SimpleLock> afterwards = otherNode.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30),
				Duration.ZERO));
		assertThat(afterwards).as("another node once the job is done").isPresent();
		afterwards.get().unlock();
	}

	/** One thread would make a job's cron firing wait for another job on the same node, late past the lock's hold. */
	@Test
	void theJobsRunOnSeveralThreadsSoALongJobDelaysNoOtherFiring() {
		assertThat(context.getBean(ThreadPoolTaskScheduler.class).getPoolSize()).isGreaterThan(1);
	}

	@Test
	void aLockShorterThanTheKeepAliveCanExtendIsRefusedAtStart() {
		assertThatThrownBy(() -> new Scheduling().lockProvider(dataSource, Duration.ofSeconds(10)))
			.hasMessageContaining("party.scheduling.lock-at-most-for");
	}

	private Instant lockUntil(String name) {
		return jdbc.sql("select lock_until from shedlock where name = ?").param(name).query(java.sql.Timestamp.class).single()
			.toInstant();
	}

	private Instant lockedAt(String name) {
		return jdbc.sql("select locked_at from shedlock where name = ?").param(name).query(java.sql.Timestamp.class).single()
			.toInstant();
	}
}
