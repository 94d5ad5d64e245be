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
 * little after a cron firing, and naming the node that holds them; a cron firing claimed once, by the first node to
 * reach it, however late another reaches it.
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
		assertThat(jobs).contains("dues-billing", "dues-arrears-warnings", "audit-chain-seal", "platform-backup")
			.as("a firing is claimed under its job's lock name: two jobs sharing one would run one at a shared instant")
			.doesNotHaveDuplicates();
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

	/**
	 * Two nodes seeing one cron firing: the first claims it and runs the job; the other, reaching it once the first has
	 * let go of the lock (however late: a lock's hold no longer decides), finds it claimed and does not run it. The next
	 * firing is a new one.
	 */
	@Test
	void aCronFiringRunsOnTheFirstNodeToReachItAndNotAgainOnANodeThatReachesItLater() throws Exception {
		String name = unique("firing-");
		Scheduling.KeptAliveLocks otherNode = node("another-node/2");
		List<Instant> firings = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.concurrent.CountDownLatch twoFirings = new java.util.concurrent.CountDownLatch(2);
		ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
		java.util.concurrent.ScheduledFuture<?> job = scheduler.schedule(() -> {
			firings.add(CronFirings.running());
			for (LockProvider node : List.of(locks, otherNode)) {
				// the first node's run is over (a hold of zero) before the other reaches the firing
				node.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO)).ifPresent(lock -> {
					ran.add(node == locks ? "this node" : "the other node");
					lock.unlock();
				});
			}
			twoFirings.countDown();
		}, new org.springframework.scheduling.support.CronTrigger("* * * * * *"));
		try {
			assertThat(twoFirings.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("two firings").isTrue();
		}
		finally {
			job.cancel(false);
			otherNode.close();
		}
		List<Instant> firstTwo = firings.subList(0, 2);
		assertThat(firstTwo).as("each named by its cron's second").allSatisfy(at -> assertThat(at.getNano()).isZero());
		assertThat(firstTwo.get(1)).isEqualTo(firstTwo.get(0).plusSeconds(1));
		assertThat(ran.subList(0, 2)).as("one run a firing, by the node that reached it first")
			.containsExactly("this node", "this node");
		assertThat(jdbc.sql("select claimed_by from scheduled_firing where job = ? and fired_at = ?")
			.param(name).param(java.time.OffsetDateTime.ofInstant(firstTwo.get(0), java.time.ZoneOffset.UTC))
			.query(String.class).single()).isEqualTo(Scheduling.nodeName());
	}

	/** A node whose scheduler thread was busy starts the firing late: it still names the firing its cron gave. */
	@Test
	void aFiringStartedLateIsNamedByTheInstantItsCronGaveNotByWhenItStarted() throws Exception {
		CronFirings.Scheduler scheduler = new CronFirings.Scheduler();
		scheduler.setPoolSize(1);
		scheduler.initialize();
		try {
			java.util.concurrent.CompletableFuture<Instant[]> run = new java.util.concurrent.CompletableFuture<>();
			scheduler.schedule(() -> run.complete(new Instant[] { CronFirings.running(), Instant.now() }),
					new org.springframework.scheduling.support.CronTrigger("* * * * * *"));
			// the one thread is busy past the firing
			scheduler.execute(() -> sleep(2500));
			Instant[] firingAndStart = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(firingAndStart[0].getNano()).isZero();
			assertThat(Duration.between(firingAndStart[0], firingAndStart[1])).as("started late")
				.isGreaterThan(Duration.ofMillis(1000));
		}
		finally {
			scheduler.shutdown();
		}
	}

	/** A job run by a fixed delay, or called outside the scheduler, is no firing: the lock alone decides. */
	@Test
	void outsideACronFiringTheLockAloneDecidesAndNothingIsClaimed() {
		String name = unique("sweep-");
		assertThat(CronFirings.running()).isNull();
		try (Scheduling.KeptAliveLocks otherNode = node("another-node/3")) {
			for (LockProvider node : List.of(locks, otherNode)) {
				SimpleLock lock = node.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO))
					.orElseThrow();
				lock.unlock();
			}
		}
		assertThat(jdbc.sql("select count(*) from scheduled_firing where job = ?").param(name).query(Long.class).single())
			.isZero();
	}

	/** Claims a month old are let go as new ones come: the table stays a month of firings long. */
	@Test
	void claimsOlderThanTheyCanMatterAreLetGoAsNewOnesAreWritten() {
		String name = unique("old-");
		CronFirings firings = new CronFirings(new JdbcTemplate(dataSource), "a-node/4");
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		assertThat(firings.claim(name, now.minus(CronFirings.KEPT).minusSeconds(60))).isTrue();
		assertThat(firings.claim(name, now.minusSeconds(60))).isTrue();
		assertThat(firings.claim(name, now.minusSeconds(60))).as("claimed already").isFalse();
		assertThat(firings.claim(name, now)).isTrue();
		assertThat(jdbc.sql("select count(*) from scheduled_firing where job = ?").param(name).query(Long.class).single())
			.isEqualTo(2);
	}

	private Scheduling.KeptAliveLocks node(String nodeName) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		return new Scheduling.KeptAliveLocks(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(template).usingDbTime().withLockedByValue(nodeName).build()), new CronFirings(template, nodeName));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
