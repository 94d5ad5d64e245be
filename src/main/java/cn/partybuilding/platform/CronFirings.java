package cn.partybuilding.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * A cron firing runs on one node, however late a node starts it. Every node names a firing by the instant its cron
 * gave, not by when the node got round to it (a busy or loaded node may start it seconds late, past any lock's hold),
 * so the nodes seeing one firing name the same one. The scheduler tells the job's thread which firing it runs; the
 * lock provider claims that firing in the database before it takes the job's lock, and a node that finds the firing
 * claimed does not run it. A firing is claimed under its job's lock name, which no two jobs share. Jobs run by a fixed
 * delay are not firings: ShedLock alone keeps them one at a time.
 */
final class CronFirings {

	/** Claims older than this are let go as new ones are written: a firing is never named again once past. */
	static final Duration KEPT = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(CronFirings.class);

	private static final ThreadLocal<Instant> RUNNING = new ThreadLocal<>();

	private final JdbcTemplate jdbc;

	private final String node;

	CronFirings(JdbcTemplate jdbc, String node) {
		this.jdbc = jdbc;
		this.node = node;
	}

	/** The cron firing this thread runs, or null outside one (a sweep, a test calling the job itself). */
	static Instant running() {
		return RUNNING.get();
	}

	/**
	 * The firing this thread runs, for the first lock taken in it, which is the scheduled job's own; null for any lock
	 * taken after it in the same run (a lock its job takes inside is a plain lock), as outside a firing.
	 */
	static Instant take() {
		Instant firing = RUNNING.get();
		RUNNING.remove();
		return firing;
	}

	/** Whether this node is the first to claim the job's firing (and so runs it). */
	boolean claim(String job, Instant firing) {
		boolean first = jdbc.update("""
				with let_go as (delete from scheduled_firing where job = ? and fired_at < ?)
				insert into scheduled_firing (job, fired_at, claimed_by) values (?, ?, ?) on conflict do nothing""",
				job, utc(firing.minus(KEPT)), job, utc(firing), node) == 1;
		if (!first) {
			log.debug("{} firing {} claimed by another node; this one reached it {} ms after its instant", job, firing,
					Duration.between(firing, Instant.now()).toMillis());
		}
		return first;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** Spring's scheduler, telling a cron job's thread which firing it runs. */
	static final class Scheduler extends ThreadPoolTaskScheduler {

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
			if (!(trigger instanceof CronTrigger)) {
				return super.schedule(task, trigger);
			}
			Named firings = new Named(trigger);
			return super.schedule(() -> firings.run(task), firings);
		}
	}

	/**
	 * A cron's firings, each named by the instant the cron gave. Spring asks for the next instant once a run is over and
	 * schedules the run at it, so the instant last given is the one of the run under way.
	 */
	private static final class Named implements Trigger {

		private final Trigger cron;

		private volatile Instant next;

		Named(Trigger cron) {
			this.cron = cron;
		}

		@Override
		public Instant nextExecution(TriggerContext context) {
			Instant at = cron.nextExecution(context);
			next = at;
			return at;
		}

		void run(Runnable task) {
			RUNNING.set(next);
			try {
				task.run();
			}
			finally {
				RUNNING.remove();
			}
		}
	}
}
