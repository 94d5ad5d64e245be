package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
import org.springframework.scheduling.support.CronTrigger;

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
	 * Two nodes firing one cron: the first to reach a firing claims it and runs the job; the other, reaching it 300 ms
	 * later once the first has let go of the lock (a hold of zero: the lock's hold does not decide), finds it claimed
	 * and does not run it. Each firing is a new one. A lock the job takes inside its run is a plain lock.
	 */
	@Test
	void aCronFiringRunsOnTheFirstNodeToReachItAndNotAgainOnANodeThatReachesItLater() throws Exception {
		String name = unique("firing-");
		Map<Instant, List<String>> reached = new ConcurrentHashMap<>();
		Map<Instant, List<String>> ran = new ConcurrentHashMap<>();
		CountDownLatch thisNode = new CountDownLatch(3);
		CountDownLatch otherNodeDone = new CountDownLatch(3);
		ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
		CronTrigger everySecond = new CronTrigger("* * * * * *");
		try (Scheduling.KeptAliveLocks otherNode = node("another-node/2")) {
			List<ScheduledFuture<?>> jobs = List.of(scheduler.schedule(() -> {
				runOnce(locks, "this node", name, 0, reached, ran);
				thisNode.countDown();
			}, everySecond), scheduler.schedule(() -> {
				runOnce(otherNode, "the other node", name, 300, reached, ran);
				otherNodeDone.countDown();
			}, everySecond));
			try {
				assertThat(thisNode.await(15, TimeUnit.SECONDS) && otherNodeDone.await(15, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				jobs.forEach(job -> job.cancel(false));
			}
		}
		List<Instant> reachedByBoth = reached.entrySet().stream().filter(e -> e.getValue().size() == 2).map(Map.Entry::getKey)
			.sorted().toList();
		assertThat(reachedByBoth).as("firings both nodes reached").hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(at -> assertThat(at.getNano()).as("named by its cron's second").isZero());
		for (Instant firing : reachedByBoth) {
			List<String> runs = ran.get(firing).stream().filter(run -> !run.endsWith("+inner")).toList();
			assertThat(runs).as("one run of the firing " + firing).hasSize(1);
			assertThat(jdbc.sql("select claimed_by from scheduled_firing where job = ? and fired_at = ?").param(name)
				.param(OffsetDateTime.ofInstant(firing, ZoneOffset.UTC)).query(String.class).single())
				.as("claimed by the node that ran it")
				.isEqualTo(runs.get(0).equals("this node") ? Scheduling.nodeName() : "another-node/2");
		}
		assertThat(ran.values().stream().flatMap(List::stream).filter(run -> run.equals("this node")).count())
			.as("the node that reaches the firings first ran some of them").isPositive();
		assertThat(ran.values()).as("the job's lock inside its run, a plain lock: taken")
			.allSatisfy(runs -> assertThat(runs).hasSize(2).last().asString().endsWith("+inner"));
		assertThat(jdbc.sql("select count(*) from scheduled_firing where job = ?").param(name + "-inner").query(Long.class)
			.single()).as("a lock inside the run claims nothing").isZero();
	}

	/**
	 * Reaches the firing under way {@code late} ms after it began, then runs the job under the lock if it gets it (a
	 * hold of zero), taking a lock inside the run as a job may.
	 */
	private static void runOnce(LockProvider node, String who, String name, long late, Map<Instant, List<String>> reached,
			Map<Instant, List<String>> ran) {
		Instant firing = CronFirings.running();
		sleep(late);
		reached.computeIfAbsent(firing, f -> new CopyOnWriteArrayList<>()).add(who);
		node.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(30), Duration.ZERO)).ifPresent(lock -> {
			ran.computeIfAbsent(firing, f -> new CopyOnWriteArrayList<>()).add(who);
			node.lock(new LockConfiguration(Instant.now(), name + "-inner", Duration.ofSeconds(30), Duration.ZERO))
				.ifPresent(inner -> {
					ran.get(firing).add(who + "+inner");
					inner.unlock();
				});
			lock.unlock();
		});
	}

	/** A node whose scheduler thread was busy starts the firing late: it still names the firing its cron gave. */
	@Test
	void aFiringStartedLateIsNamedByTheInstantItsCronGaveNotByWhenItStarted() throws Exception {
		CronFirings.Scheduler scheduler = new CronFirings.Scheduler();
		scheduler.setPoolSize(1);
		scheduler.initialize();
		try {
			CompletableFuture<Instant[]> run = new CompletableFuture<>();
			scheduler.schedule(() -> run.complete(new Instant[] { CronFirings.running(), Instant.now() }),
					new CronTrigger("* * * * * *"));
			// the one thread is busy past the firing
			scheduler.execute(() -> sleep(2500));
			Instant[] firingAndStart = run.get(10, TimeUnit.SECONDS);
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
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
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
